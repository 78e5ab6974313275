// Sends queued emails, retrying with backoff until they go or are clearly never going to.
import { log } from '../log';
import { claimEmail, dueEmailIds, markDelivered, markFailed, markRetry } from './outbox';
import { withoutSuppressed } from './outbox';
import type { EmailTransport } from './transport';

const MINUTE_MS = 60_000;
/** An email not delivered within this long after its lead arrived is reported as failed. */
export const GIVE_UP_AFTER_MS = 72 * 60 * MINUTE_MS;
/** How long one attempt may hold an email before another sender may take it. */
const LOCK_MS = 2 * MINUTE_MS;

/** 1, 2, 4 … minutes after each failed attempt, at most an hour apart. */
export function retryDelayMs(attempts: number, retryAfterSeconds?: number): number {
  const backoff = Math.min(2 ** Math.max(0, attempts - 1), 60) * MINUTE_MS;
  return Math.max(backoff, (retryAfterSeconds ?? 0) * 1000);
}

export type DeliveryOutcome = 'sent' | 'retry' | 'failed' | 'skipped';

export async function deliverEmail(
  db: D1Database,
  transport: EmailTransport,
  id: string,
  now: Date,
): Promise<DeliveryOutcome> {
  const claimed = await claimEmail(db, id, now, new Date(now.getTime() + LOCK_MS));
  if (!claimed) return 'skipped';
  // An address that complained hears nothing more from us (functions/integrations/email-events.ts).
  // Checked on the first attempt; a complaint that comes later takes pending emails off it itself.
  const email = claimed.attempts === 1 ? await withoutSuppressed(db, claimed) : claimed;
  if (!email) return 'failed';
  const result = await transport.send(email);
  if (result.ok) {
    await markDelivered(db, email, result, now);
    log('info', 'email_delivered', {
      emailId: id,
      leadId: email.leadId,
      kind: email.kind,
      via: result.status,
    });
    return 'sent';
  }
  const age = now.getTime() - new Date(email.createdAt).getTime();
  if (!result.retryable || age >= GIVE_UP_AFTER_MS) {
    await markFailed(db, id, result.error);
    log('error', 'email_failed', {
      emailId: id,
      leadId: email.leadId,
      kind: email.kind,
      attempts: email.attempts,
      error: result.error,
    });
    return 'failed';
  }
  const next = new Date(now.getTime() + retryDelayMs(email.attempts, result.retryAfterSeconds));
  await markRetry(db, id, result.error, next);
  log('warn', 'email_retry', {
    emailId: id,
    leadId: email.leadId,
    attempts: email.attempts,
    error: result.error,
    next: next.toISOString(),
  });
  return 'retry';
}

/**
 * Starts sending freshly queued emails without making anyone wait for them: the sales inbox should
 * have a lead within a minute, and the cron sweep retries whatever fails here.
 */
export function deliverSoon(
  db: D1Database,
  transport: EmailTransport,
  ids: readonly string[],
  waitUntil: (promise: Promise<unknown>) => void,
): void {
  if (ids.length === 0) return;
  const now = new Date();
  waitUntil(Promise.all(ids.map((id) => deliverEmail(db, transport, id, now))).catch(() => {}));
}

export interface SweepCounts {
  sent: number;
  retry: number;
  failed: number;
  skipped: number;
}

/** Delivers every email that is due, a batch at a time, as the cron sweep does each minute. */
export async function deliverDueEmails(
  db: D1Database,
  transport: EmailTransport,
  now: Date,
  batchSize = 50,
): Promise<SweepCounts> {
  const counts: SweepCounts = { sent: 0, retry: 0, failed: 0, skipped: 0 };
  const ids = await dueEmailIds(db, now, batchSize);
  for (const id of ids) counts[await deliverEmail(db, transport, id, now)] += 1;
  return counts;
}
