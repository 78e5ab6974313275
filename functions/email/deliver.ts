// Sends queued emails, retrying with backoff until they go or are clearly never going to, and
// stopping for a person when sending again could send twice.
import { log } from '../log';
import {
  claimEmail,
  claimEmails,
  isWebhookKind,
  dueEmailIds,
  markDelivered,
  markFailed,
  markHeld,
  markRetry,
  withoutSuppressed,
  type ClaimedEmail,
  type EmailKind,
} from './outbox';
import type { EmailTransport, SendResult } from './transport';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
/** An email not delivered within this long after its lead arrived is reported as failed. */
export const GIVE_UP_AFTER_MS = 72 * HOUR_MS;
/**
 * Resend remembers an idempotency key for 24 hours. An email whose first unsure attempt is older
 * than this (an hour short, for clocks and slow calls) is never sent again blindly.
 */
export const HOLD_AFTER_MS = 23 * HOUR_MS;
/** How long one attempt may hold an email before another sender may take it. */
const LOCK_MS = 2 * MINUTE_MS;

/** 1, 2, 4 … minutes after each failed attempt, at most an hour apart. */
export function retryDelayMs(attempts: number, retryAfterSeconds?: number): number {
  const backoff = Math.min(2 ** Math.max(0, attempts - 1), 60) * MINUTE_MS;
  return Math.max(backoff, (retryAfterSeconds ?? 0) * 1000);
}

export type DeliveryOutcome = 'sent' | 'retry' | 'failed' | 'held' | 'skipped';

/** The wall clock: locks and retry times are written on it, whatever the trigger's time. */
export type Clock = () => Date;
const wallClock: Clock = () => new Date();

function logged(
  outcome: Exclude<DeliveryOutcome, 'skipped' | 'sent'>,
  email: ClaimedEmail,
  error: string,
) {
  const event = { retry: 'email_retry', failed: 'email_failed', held: 'email_held' }[outcome];
  log(outcome === 'retry' ? 'warn' : 'error', event, {
    emailId: email.id,
    leadId: email.leadId,
    kind: email.kind,
    attempts: email.attempts,
    error,
  });
  return outcome;
}

/** What a failed attempt leads to: another try, a final failure, or a person's decision. */
async function afterFailure(
  db: D1Database,
  email: ClaimedEmail,
  result: Extract<SendResult, { ok: false }>,
  now: Date,
): Promise<DeliveryOutcome> {
  // A webhook's receiver recognises a repeat by its id: an unanswered call is safe to send again.
  const unsure = !isWebhookKind(email.kind) && (result.unsure || email.unsureSince !== null);
  const age = now.getTime() - new Date(email.createdAt).getTime();
  if (!result.retryable || age >= GIVE_UP_AFTER_MS) {
    // "failed" promises that the email never went; one that may have gone is held instead.
    if (unsure) {
      const reason = `may have been sent (${result.error}): check the provider's logs`;
      return (await markHeld(db, email.claim, reason)) ? logged('held', email, reason) : 'skipped';
    }
    const failed = await markFailed(db, email.claim, result.error);
    return failed ? logged('failed', email, result.error) : 'skipped';
  }
  const next = new Date(now.getTime() + retryDelayMs(email.attempts, result.retryAfterSeconds));
  const sure = result.unsure ? null : { unsureSince: email.unsureSince };
  const kept = await markRetry(db, email.claim, result.error, next, sure);
  return kept ? logged('retry', email, result.error) : 'skipped';
}

/**
 * One attempt at one email, if it is due at `dueAt` (the trigger's time) and free. Everything it
 * writes is fenced by its claim: when it ran so long that another sender took the email over,
 * its outcome is dropped ('skipped') and the newer one stands.
 */
export async function deliverEmail(
  db: D1Database,
  transport: EmailTransport,
  id: string,
  dueAt: Date,
  clock: Clock = wallClock,
): Promise<DeliveryOutcome> {
  const claimedAt = clock();
  const email = await claimEmail(db, id, claimTiming(dueAt, claimedAt));
  if (!email) return 'skipped';
  return attempt(db, transport, email, claimedAt, clock);
}

const claimTiming = (dueAt: Date, now: Date) => ({
  dueAt,
  now,
  lockUntil: new Date(now.getTime() + LOCK_MS),
});

/** The attempt at an email this sender has just claimed (at `claimedAt`). */
async function attempt(
  db: D1Database,
  transport: EmailTransport,
  email: ClaimedEmail,
  claimedAt: Date,
  clock: Clock,
): Promise<DeliveryOutcome> {
  const { id } = email;
  if (!email.to) {
    const error = 'unreadable to_addresses: the row can never be sent as it is';
    return (await markFailed(db, email.claim, error)) ? logged('failed', email, error) : 'skipped';
  }
  const webhook = isWebhookKind(email.kind);
  if (
    !webhook &&
    email.unsureSince &&
    claimedAt.getTime() - email.unsureSince.getTime() >= HOLD_AFTER_MS
  ) {
    const reason =
      `an attempt since ${email.unsureSince.toISOString()} may have been sent, and the ` +
      `provider has forgotten its idempotency key: check the provider's logs before replaying`;
    return (await markHeld(db, email.claim, reason)) ? logged('held', email, reason) : 'skipped';
  }
  // An address that complained hears nothing more from us (functions/integrations/email-events.ts).
  // Checked on the first attempt; a complaint that comes later takes pending emails off it itself.
  // A webhook's `to` names a setting, not a person.
  const sendable =
    email.attempts === 1 && !webhook
      ? await withoutSuppressed(db, { ...email, to: email.to })
      : { ...email, to: email.to };
  if (!sendable) return logged('failed', email, 'suppressed: every recipient complained');
  const result = await transport.send(sendable);
  const now = clock();
  if (!result.ok) return afterFailure(db, email, result, now);
  if (!(await markDelivered(db, email, result, now))) {
    log('warn', 'email_claim_lost', { emailId: id, leadId: email.leadId, kind: email.kind });
    return 'skipped';
  }
  log('info', 'email_delivered', {
    emailId: id,
    leadId: email.leadId,
    kind: email.kind,
    via: result.status,
  });
  return 'sent';
}

/**
 * What waits for the sales notification's answer when both are claimed together. Speed to lead
 * is the owner hearing of a lead, and a lead's rows share the Worker and the email API: the
 * visitor, who already has their confirmation page, gets their acknowledgement right after the
 * owner's notification instead of beside it (docs/BENCHMARKS.md, "Speed to lead"). The CRM event
 * and the chat alert are part of the same promise and go alongside the owner's notification.
 */
const AFTER_THE_OWNER: readonly EmailKind[] = ['visitor-acknowledgement'];

/** The attempts at freshly claimed emails, in the order above; settles once all have run. */
async function inTurn(
  db: D1Database,
  transport: EmailTransport,
  emails: ReadonlyArray<ClaimedEmail | null>,
  claimedAt: Date,
): Promise<void> {
  const claimed = emails.filter((email): email is ClaimedEmail => email !== null);
  const isOwners = (email: ClaimedEmail) => email.kind === 'sales-notification';
  const waits = (email: ClaimedEmail) =>
    claimed.some(isOwners) && AFTER_THE_OWNER.includes(email.kind);
  const go = (email: ClaimedEmail) => attempt(db, transport, email, claimedAt, wallClock);
  const started = claimed
    .filter((email) => !waits(email))
    .map((email) => [email, go(email)] as const);
  const all = Promise.allSettled(started.map(([, sending]) => sending));
  // Answered whichever way: sent, retried, failed, or thrown and left to its lock.
  await Promise.allSettled(
    started.filter(([email]) => isOwners(email)).map(([, sending]) => sending),
  );
  await Promise.allSettled([all, ...claimed.filter(waits).map(go)]);
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
  // One round trip claims them all. A waiting acknowledgement's lock (LOCK_MS) outlasts the
  // owner's attempt (EMAIL_TIMEOUT_MS); were it to run out, the claim token and the idempotency
  // key keep a sweep that takes the row over from sending it twice.
  const delivery = claimEmails(db, ids, claimTiming(now, now)).then((emails) =>
    inTurn(db, transport, emails, now),
  );
  waitUntil(delivery.catch(() => {}));
}

export interface SweepCounts {
  sent: number;
  retry: number;
  failed: number;
  held: number;
  skipped: number;
}

/**
 * Delivers every email due at `dueAt`, a batch at a time, as the cron sweep does each minute. One
 * email that throws (D1, the transport) is logged and left to its lock; the rest still go.
 */
export async function deliverDueEmails(
  db: D1Database,
  transport: EmailTransport,
  dueAt: Date,
  { batchSize = 50, clock = wallClock }: { batchSize?: number; clock?: Clock } = {},
): Promise<SweepCounts> {
  const counts: SweepCounts = { sent: 0, retry: 0, failed: 0, held: 0, skipped: 0 };
  for (const id of await dueEmailIds(db, dueAt, clock(), batchSize)) {
    try {
      counts[await deliverEmail(db, transport, id, dueAt, clock)] += 1;
    } catch (error) {
      log('error', 'email_delivery_threw', { emailId: id, error: (error as Error).name });
      counts.skipped += 1;
    }
  }
  return counts;
}
