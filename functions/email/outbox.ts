// The emails table as a queue, and the only code that writes it: queue an email, find what is
// due, take one, and record how its attempt went.
import { eventStatement } from '../audit/trail';

/** Every email the Worker sends, by what it is for. */
export type EmailKind =
  | 'sales-notification'
  | 'visitor-acknowledgement'
  | 'owner-reminder'
  | 'escalation'
  | 'team-digest'
  | 'consent-withdrawn';

/** A rendered email to queue. The dedupe key makes queueing it twice queue it once. */
export interface NewEmail {
  id?: string | undefined;
  kind: EmailKind;
  leadId: string | null;
  dedupeKey: string;
  to: string[];
  replyTo?: string | undefined;
  subject: string;
  html: string;
  text: string;
}

const INSERT_EMAIL = `INSERT OR IGNORE INTO emails (id, lead_id, kind, dedupe_key, to_addresses,
  reply_to, subject, html, text, status, attempts, next_attempt_at, created_at)`;

function newEmailValues(email: NewEmail, now: Date): unknown[] {
  const iso = now.toISOString();
  return [
    email.id ?? crypto.randomUUID(),
    email.leadId,
    email.kind,
    email.dedupeKey,
    JSON.stringify(email.to),
    email.replyTo ?? null,
    email.subject,
    email.html,
    email.text,
    iso,
    iso,
  ];
}

/** Queues an email, due at once; for a batch with the change that caused it. */
export function enqueueStatement(db: D1Database, email: NewEmail, now: Date): D1PreparedStatement {
  return db
    .prepare(`${INSERT_EMAIL} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)`)
    .bind(...newEmailValues(email, now));
}

/**
 * Queues a team digest with the ids of the leads it lists (digest_leads), so deleting a lead can
 * delete exactly the digests that carried its details. The links are written only if this digest
 * was queued: a second sweep in the same hour, whose digest the dedupe key ignores, adds none.
 */
export function enqueueDigestStatements(
  db: D1Database,
  email: NewEmail,
  leadIds: readonly string[],
  now: Date,
): D1PreparedStatement[] {
  const id = email.id ?? crypto.randomUUID();
  return [
    enqueueStatement(db, { ...email, id }, now),
    db
      .prepare(
        `INSERT OR IGNORE INTO digest_leads (email_id, lead_id) SELECT ?1, value FROM json_each(?2)
         WHERE EXISTS (SELECT 1 FROM emails WHERE id = ?1)`,
      )
      .bind(id, JSON.stringify(leadIds)),
  ];
}

/**
 * Queues the email only if the statement just before it in the batch changed one row (SQLite's
 * changes()), so a lead marked by two sweeps at once is emailed once.
 */
export function enqueueIfChangedStatement(
  db: D1Database,
  email: NewEmail,
  now: Date,
): D1PreparedStatement {
  return db
    .prepare(
      `${INSERT_EMAIL} SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ? WHERE changes() = 1`,
    )
    .bind(...newEmailValues(email, now));
}

export interface OutboxEmail {
  id: string;
  leadId: string | null;
  kind: EmailKind;
  to: string[];
  replyTo: string | null;
  subject: string;
  html: string;
  text: string;
  attempts: number;
  createdAt: string;
}

const SELECT_EMAIL = `SELECT id, lead_id AS leadId, kind, to_addresses AS toAddresses,
  reply_to AS replyTo, subject, html, text, attempts, created_at AS createdAt FROM emails`;

/** Ids of pending emails whose next attempt is due and that no sender holds. */
export async function dueEmailIds(db: D1Database, now: Date, limit: number): Promise<string[]> {
  const iso = now.toISOString();
  const { results } = await db
    .prepare(
      `SELECT id FROM emails WHERE status = 'pending' AND next_attempt_at <= ?
         AND (locked_until IS NULL OR locked_until <= ?)
       ORDER BY next_attempt_at LIMIT ?`,
    )
    .bind(iso, iso, limit)
    .all<{ id: string }>();
  return results.map((row) => row.id);
}

/**
 * Takes a pending email for one attempt. The conditional update lets exactly one of several
 * concurrent senders win; the lock expires so a sender that died does not hold it forever.
 */
export async function claimEmail(
  db: D1Database,
  id: string,
  now: Date,
  lockUntil: Date,
): Promise<OutboxEmail | null> {
  const iso = now.toISOString();
  const claimed = await db
    .prepare(
      `UPDATE emails SET locked_until = ?, attempts = attempts + 1
       WHERE id = ? AND status = 'pending' AND (locked_until IS NULL OR locked_until <= ?)`,
    )
    .bind(lockUntil.toISOString(), id, iso)
    .run();
  if (claimed.meta.changes !== 1) return null;
  const row = await db
    .prepare(`${SELECT_EMAIL} WHERE id = ?`)
    .bind(id)
    .first<Omit<OutboxEmail, 'to'> & { toAddresses: string }>();
  if (!row) return null;
  const { toAddresses, ...email } = row;
  return { ...email, to: JSON.parse(toAddresses) as string[] };
}

export async function markDelivered(
  db: D1Database,
  email: Pick<OutboxEmail, 'id' | 'leadId' | 'kind'>,
  outcome: { status: 'sent' | 'captured'; providerId?: string | undefined },
  now: Date,
): Promise<void> {
  const update = db
    .prepare(
      `UPDATE emails SET status = ?, provider_id = ?, sent_at = ?, locked_until = NULL,
         last_error = NULL WHERE id = ?`,
    )
    .bind(outcome.status, outcome.providerId ?? null, now.toISOString(), email.id);
  // The lead's audit trail records each email it caused; a digest belongs to no single lead.
  await db.batch(
    email.leadId
      ? [update, eventStatement(db, email.leadId, 'emailed', now, 'sweep', email.kind)]
      : [update],
  );
}

export async function markRetry(db: D1Database, id: string, error: string, nextAttempt: Date) {
  await db
    .prepare(
      `UPDATE emails SET next_attempt_at = ?, last_error = ?, locked_until = NULL WHERE id = ?`,
    )
    .bind(nextAttempt.toISOString(), error.slice(0, 500), id)
    .run();
}

export async function markFailed(db: D1Database, id: string, error: string): Promise<void> {
  await db
    .prepare(
      `UPDATE emails SET status = 'failed', last_error = ?, locked_until = NULL WHERE id = ?`,
    )
    .bind(error.slice(0, 500), id)
    .run();
}

export interface LeadEmailStatus {
  id: string;
  kind: EmailKind;
  status: 'pending' | 'sent' | 'captured' | 'failed' | 'held';
  to: string[];
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

/** Every email a lead caused and where each stands, oldest first, for the desk's lead page. */
export async function emailsOfLead(db: D1Database, leadId: string): Promise<LeadEmailStatus[]> {
  const { results } = await db
    .prepare(
      `SELECT id, kind, status, to_addresses AS toAddresses, attempts, last_error AS lastError,
         created_at AS createdAt, sent_at AS sentAt FROM emails WHERE lead_id = ?
       ORDER BY created_at, kind`,
    )
    .bind(leadId)
    .all<Omit<LeadEmailStatus, 'to'> & { toAddresses: string }>();
  return results.map(({ toAddresses, ...email }) => ({
    ...email,
    to: JSON.parse(toAddresses) as string[],
  }));
}
