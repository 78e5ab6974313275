// One submission, one lead. A form carries a key its page script made for the page view, so a
// repeat (a retried POST, a JSON answer lost on the way back) finds the lead it already made.
// Without JavaScript the prerendered page cannot make a key per view, so the key is derived here
// from what was submitted: the normalized fields, the sender's network and a ten-minute window.
// The same person sending the same words twice within minutes is one lead; a changed word or a
// later try is a new one. The hash, not the text, is stored, and is erased with the lead.
import { rateLimitKey } from './network';

/** How long an identical submission without a key counts as a repeat. */
export const REPEAT_WINDOW_MS = 10 * 60 * 1000;

/** Fields that say nothing about what was asked, or change between two sends of one form. */
const NOT_CONTENT = new Set(['cf-turnstile-response', 'fillMs', 'startedAt', 'submissionKey']);

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * The keys a submission may already be stored under, the one to store it under first. A browser
 * key names its submission alone; a derived key also looks one window back, so a retry across a
 * window's edge still finds its lead.
 */
export async function submissionKeys(
  form: string,
  fields: Record<string, unknown>,
  context: { ip?: string | undefined; now: Date },
): Promise<string[]> {
  const given = fields['submissionKey'];
  if (typeof given === 'string') return [await sha256(`key:${form}:${given}`)];
  const content = Object.keys(fields)
    .filter((name) => !NOT_CONTENT.has(name) && fields[name] !== undefined)
    .sort()
    .map((name) => [name, fields[name]]);
  const window = Math.floor(context.now.getTime() / REPEAT_WINDOW_MS);
  const base = JSON.stringify([form, rateLimitKey(context.ip) ?? '', content]);
  return Promise.all([window, window - 1].map((w) => sha256(`content:${w}:${base}`)));
}
