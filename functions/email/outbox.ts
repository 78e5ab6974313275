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
  | 'bounce-alert';

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

// What the provider says of an email after accepting it (functions/integrations/email-events.ts),
// and the addresses nothing more is sent to. Kept apart from the queue functions above.

/** The provider's word on an accepted email, weakest first: a later, weaker one never wins. */
export const DELIVERY_EVENTS = ['delivery_delayed', 'delivered', 'bounced', 'complained'] as const;
export type DeliveryEvent = (typeof DELIVERY_EVENTS)[number];

export interface ProviderEvent {
  /** The provider's id of this event (svix-id): each is recorded once. */
  id: string;
  type: DeliveryEvent;
  /** The provider's id of the email (emails.provider_id). */
  providerId: string;
  occurredAt: string | null;
}

export interface AcceptedEmail {
  id: string;
  leadId: string | null;
  kind: EmailKind;
  to: string[];
}

export async function findEmailByProviderId(
  db: D1Database,
  providerId: string,
): Promise<AcceptedEmail | null> {
  const row = await db
    .prepare(
      `SELECT id, lead_id AS leadId, kind, to_addresses AS toAddresses FROM emails
       WHERE provider_id = ? LIMIT 1`,
    )
    .bind(providerId)
    .first<Omit<AcceptedEmail, 'to'> & { toAddresses: string }>();
  if (!row) return null;
  const { toAddresses, ...email } = row;
  return { ...email, to: JSON.parse(toAddresses) as string[] };
}

/** The rank of a delivery word in SQL, from DELIVERY_EVENTS: unknown (NULL) ranks lowest. */
const deliveryRank = (column: string) =>
  `CASE ${column} ${DELIVERY_EVENTS.map((type, rank) => `WHEN '${type}' THEN ${rank}`).join(' ')} ELSE -1 END`;

/**
 * The event, kept once by its id, and the email's delivery set from it unless a stronger word is
 * already there. For a batch; replaying the same event changes nothing.
 */
export function providerEventStatements(
  db: D1Database,
  event: ProviderEvent,
  now: Date,
): D1PreparedStatement[] {
  const at = event.occurredAt ?? now.toISOString();
  return [
    db
      .prepare(
        `INSERT OR IGNORE INTO email_events (id, type, provider_id, occurred_at, received_at)
         VALUES (?, ?, ?, ?, ?)`,
      )
      .bind(event.id, event.type, event.providerId, event.occurredAt, now.toISOString()),
    db
      .prepare(
        `UPDATE emails SET delivery = ?1, delivery_at = ?2
         WHERE provider_id = ?3 AND ${deliveryRank('delivery')} <= ${deliveryRank('?1')}`,
      )
      .bind(event.type, at, event.providerId),
  ];
}

/** Whether the provider event with this id has been recorded already. */
export async function providerEventSeen(db: D1Database, id: string): Promise<boolean> {
  return (await db.prepare('SELECT 1 FROM email_events WHERE id = ?').bind(id).first()) !== null;
}

/**
 * Stops every further email to these addresses (a complaint), for a batch: the address is listed
 * (delivery checks the list before an email's first attempt), and emails that are already
 * waiting for a retry lose it as a recipient, or fail ('suppressed') when it was their only one.
 */
export function suppressStatements(
  db: D1Database,
  addresses: readonly string[],
  reason: string,
  now: Date,
): D1PreparedStatement[] {
  return addresses.flatMap((raw) => {
    const address = raw.trim().toLowerCase();
    return [
      db
        .prepare(
          'INSERT OR IGNORE INTO suppressed_addresses (address, reason, at) VALUES (?, ?, ?)',
        )
        .bind(address, reason, now.toISOString()),
      db
        .prepare(
          `UPDATE emails SET to_addresses = (SELECT json_group_array(value)
             FROM json_each(emails.to_addresses) WHERE lower(value) <> ?1)
           WHERE status = 'pending' AND attempts > 0
             AND EXISTS (SELECT 1 FROM json_each(emails.to_addresses) WHERE lower(value) = ?1)
             AND EXISTS (SELECT 1 FROM json_each(emails.to_addresses) WHERE lower(value) <> ?1)`,
        )
        .bind(address),
      db
        .prepare(
          `UPDATE emails SET status = 'failed', last_error = 'suppressed', locked_until = NULL
           WHERE status = 'pending' AND attempts > 0 AND NOT EXISTS (
             SELECT 1 FROM json_each(emails.to_addresses) WHERE lower(value) <> ?)`,
        )
        .bind(address),
    ];
  });
}

/**
 * The email without the addresses that must hear nothing more from us. With none left it is
 * marked failed ('suppressed') and null comes back: delivery then sends nothing.
 */
export async function withoutSuppressed(
  db: D1Database,
  email: OutboxEmail,
): Promise<OutboxEmail | null> {
  const addresses = email.to.map((address) => address.trim().toLowerCase());
  if (addresses.length === 0) return email;
  const { results } = await db
    .prepare(
      `SELECT address FROM suppressed_addresses WHERE address IN (${addresses.map(() => '?').join(', ')})`,
    )
    .bind(...addresses)
    .all<{ address: string }>();
  if (results.length === 0) return email;
  const suppressed = new Set(results.map((row) => row.address));
  const to = email.to.filter((address) => !suppressed.has(address.trim().toLowerCase()));
  if (to.length > 0) return { ...email, to };
  await markFailed(db, email.id, 'suppressed');
  return null;
}
