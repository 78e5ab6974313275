// Reads a form POST as the pipeline needs it: only form encodings, bounded in size, and starts
// delivery of a stored lead's emails once the answer is decided.
import { env } from 'cloudflare:workers';
import { deliverEmail } from '../email/deliver';
import { transportFor } from '../email/transport';
import { readSettings } from '../settings';
import { submitLead, type SubmitOutcome } from './submit';
import type { LeadForm } from './types';

/** Far above any honest form (the longest allows about 9 KB of text) and far below abuse. */
export const MAX_BODY_BYTES = 64 * 1024;
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];

export type LeadResponse =
  | { outcome: SubmitOutcome; values: Record<string, string> }
  | {
      outcome: { kind: 'bad-request'; status: 413 | 415 | 400; message: string };
      values: Record<string, string>;
    };

const TOO_LARGE = {
  status: 413,
  message: 'The form is too large. Shorten the longest answers and send it again.',
} as const;
const UNREADABLE = {
  status: 400,
  message: 'The form could not be read. Reload the page and send it again.',
} as const;

/**
 * The body, read no further than the limit: a body without a length, or lying about it, is
 * refused as soon as it passes MAX_BODY_BYTES instead of being held in memory to its end.
 */
async function readBody(request: Request): Promise<Uint8Array<ArrayBuffer> | 'too-large'> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      size += chunk.value.byteLength;
      if (size > MAX_BODY_BYTES) {
        await reader.cancel().catch(() => {});
        return 'too-large';
      }
      chunks.push(chunk.value);
    }
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

async function readForm(
  request: Request,
): Promise<FormData | { status: 413 | 415 | 400; message: string }> {
  const contentType = request.headers.get('content-type') ?? '';
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (!FORM_TYPES.includes(type)) {
    return {
      status: 415,
      message: 'Send the form as application/x-www-form-urlencoded or multipart/form-data.',
    };
  }
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) return TOO_LARGE;
  try {
    const body = await readBody(request);
    if (body === 'too-large') return TOO_LARGE;
    return await new Response(body, { headers: { 'content-type': contentType } }).formData();
  } catch {
    // A broken encoding, or a client that went away before its body ended.
    return UNREADABLE;
  }
}

function textValues(data: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of data) if (typeof value === 'string') values[name] = value;
  return values;
}

/** Runs a form POST through the pipeline; delivery of the new lead's emails starts at once. */
export async function handleLeadPost(
  request: Request,
  form: LeadForm,
  context: { ip?: string | undefined; waitUntil: (promise: Promise<unknown>) => void },
): Promise<LeadResponse> {
  const data = await readForm(request);
  if (!(data instanceof FormData)) return { outcome: { kind: 'bad-request', ...data }, values: {} };
  const settings = readSettings(env);
  const cf = (request as Request & { cf?: { timezone?: string } }).cf;
  // Locally request.cf is a fixed placeholder, not the visitor's location: IST is more honest.
  const cfTimeZone = settings.ENVIRONMENT === 'production' ? cf?.timezone : undefined;
  const outcome = await submitLead(
    { form, entries: data.entries(), ip: context.ip, cfTimeZone, now: new Date() },
    { db: env.DB, limiter: env.LEAD_RATE_LIMITER, settings },
  );
  if (outcome.kind === 'accepted' && outcome.emailIds.length > 0) {
    // The sales inbox should have the lead within a minute; the cron sweep retries what fails here.
    const transport = transportFor(settings);
    const now = new Date();
    context.waitUntil(
      Promise.all(outcome.emailIds.map((id) => deliverEmail(env.DB, transport, id, now))).catch(
        () => {},
      ),
    );
  }
  return { outcome, values: textValues(data) };
}
