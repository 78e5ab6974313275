// What every webhook we receive shares: a body read no further than a limit (the signature is over
// the raw text, so it is kept as sent), and answers that are always JSON, never an error page.
import { log } from '../log';
import { readSettings, type Settings } from '../settings';
import { readBodyUpTo } from '../read-body';

/** Far above any booking or email event, far below abuse. */
export const MAX_WEBHOOK_BYTES = 256 * 1024;

export interface InboundDeps {
  db: D1Database;
  settings: Settings;
  now: Date;
  /** Keeps work going after the answer (sending a bounce alert at once). */
  waitUntil?: ((promise: Promise<unknown>) => void) | undefined;
}

/** A JSON answer; never cached, since each is about one delivery. */
export function answer(status: number, body: Record<string, unknown>): Response {
  return Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });
}

/** The raw body as text, or null once it passes the limit. */
export async function readRawBody(request: Request): Promise<string | null> {
  const body = await readBodyUpTo(request, MAX_WEBHOOK_BYTES);
  return body === 'too-large' ? null : new TextDecoder().decode(body);
}

/**
 * A webhook without its secret refuses everything (fails closed): a 503 the sender retries, and
 * in production an error in the logs, since events are being lost until the secret is set.
 */
export function missingSecret(settings: Settings, name: string, webhook: string): Response {
  log(settings.ENVIRONMENT === 'production' ? 'error' : 'warn', 'webhook_secret_missing', {
    webhook,
    setting: name,
  });
  return answer(503, { ok: false, error: `${webhook} webhooks are off until ${name} is set.` });
}

/**
 * A webhook route in one call: settings read, the receiver run, and whatever goes wrong answered
 * as JSON with a status the sender retries, never as an error page.
 */
export async function receiveWebhook(
  receive: (request: Request, deps: InboundDeps) => Promise<Response>,
  request: Request,
  env: { DB: D1Database },
  waitUntil?: (promise: Promise<unknown>) => void,
): Promise<Response> {
  try {
    const settings = readSettings(env);
    return await receive(request, { db: env.DB, settings, now: new Date(), waitUntil });
  } catch (error) {
    log('error', 'webhook_failed', { error: (error as Error).message.slice(0, 200) });
    return answer(503, { ok: false, error: 'Could not take this event now; try again.' });
  }
}
