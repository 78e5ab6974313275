// Reads a form POST as the pipeline needs it: only form encodings, bounded in size.
import { readBodyUpTo } from '../read-body';

/** Far above any honest form (the longest allows about 9 KB of text) and far below abuse. */
export const MAX_BODY_BYTES = 64 * 1024;
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];

/** A body the pipeline cannot read, and what the sender should do about it. */
export interface Unreadable {
  kind: 'bad-request';
  status: 413 | 415 | 400;
  message: string;
}

const TOO_LARGE: Unreadable = {
  kind: 'bad-request',
  status: 413,
  message: 'The form is too large. Shorten the longest answers and send it again.',
};
const UNREADABLE: Unreadable = {
  kind: 'bad-request',
  status: 400,
  message: 'The form could not be read. Reload the page and send it again.',
};

export async function readForm(request: Request): Promise<FormData | Unreadable> {
  const contentType = request.headers.get('content-type') ?? '';
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (!FORM_TYPES.includes(type)) {
    return {
      kind: 'bad-request',
      status: 415,
      message: 'Send the form as application/x-www-form-urlencoded or multipart/form-data.',
    };
  }
  try {
    const body = await readBodyUpTo(request, MAX_BODY_BYTES);
    if (body === 'too-large') return TOO_LARGE;
    return await new Response(body, { headers: { 'content-type': contentType } }).formData();
  } catch {
    // A broken encoding, or a client that went away before its body ended.
    return UNREADABLE;
  }
}

/** What the visitor typed, to give back with the form when it needs fixing. */
export function textValues(data: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of data) if (typeof value === 'string') values[name] = value;
  return values;
}
