// The emails table as a queue, and the only code that writes it: queue an email, find what is
// due, take one, and record how its attempt went.
// Imports with their extension: the operator's replay command (scripts/replay-outbox.mjs) runs
// this file in Node as it is.
import { eventIfChangedStatement } from '../audit/trail.ts';
import { DELIVERY_EVENTS, type DeliveryEvent, type EmailKind } from './kinds.ts';
import { parseAddresses } from './outbox-reads.ts';

export {
  DELIVERY_EVENTS,
  isWebhookKind,
  STAFF_KINDS,
  WEBHOOK_KINDS,
  type DeliveryEvent,
  type EmailKind,
} from './kinds.ts';
export {
  dueEmailIds,
  emailsOfLead,
  findEmailByProviderId,
  providerEventSeen,
  type AcceptedEmail,
  type LeadEmailStatus,
} from './outbox-reads.ts';

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

/** The claim a sender holds on one email: every update it makes names the token. */
export interface Claim {
  id: string;
  token: string;
}

/** A claimed email. `to` is null when the stored addresses do not parse: it can never be sent. */
export interface ClaimedEmail extends Omit<OutboxEmail, 'to'> {
  claim: Claim;
  to: string[] | null;
  /** When an earlier attempt whose outcome is unknown began, before this claim. */
  unsureSince: Date | null;
}

/**
 * Takes a pending email for one attempt, if it is due and nobody holds it. The conditional update
 * lets exactly one of several concurrent senders win, with a token of its own; the lock expires so
 * a sender that died does not hold it forever. The attempt counts as unsure from here on (the
 * Worker may stop mid-call) until its answer says otherwise; the batch reads the earlier value in
 * the same transaction.
 */
export async function claimEmail(
  db: D1Database,
  id: string,
  timing: { dueAt: Date; now: Date; lockUntil: Date },
): Promise<ClaimedEmail | null> {
  const [email] = await claimEmails(db, [id], timing);
  return email ?? null;
}

/**
 * claimEmail for several emails in one D1 batch (one round trip), as a new lead's emails are
 * taken right after it is stored. Each is claimed, or not, on its own; null for one not taken.
 */
export async function claimEmails(
  db: D1Database,
  ids: readonly string[],
  timing: { dueAt: Date; now: Date; lockUntil: Date },
): Promise<Array<ClaimedEmail | null>> {
  if (ids.length === 0) return [];
  const now = timing.now.toISOString();
  const tokens = ids.map(() => crypto.randomUUID());
  const results = await db.batch<Record<string, unknown>>(
    ids.flatMap((id, index) => [
      db.prepare('SELECT unsure_since AS unsureSince FROM emails WHERE id = ?').bind(id),
      db
        .prepare(
          `UPDATE emails SET locked_until = ?, claim_token = ?, attempts = attempts + 1,
             unsure_since = coalesce(unsure_since, ?)
           WHERE id = ? AND status = 'pending' AND next_attempt_at <= ?
             AND (locked_until IS NULL OR locked_until <= ?)
           RETURNING id, lead_id AS leadId, kind, to_addresses AS toAddresses, reply_to AS replyTo,
             subject, html, text, attempts, created_at AS createdAt`,
        )
        .bind(
          timing.lockUntil.toISOString(),
          tokens[index],
          now,
          id,
          timing.dueAt.toISOString(),
          now,
        ),
    ]),
  );
  return ids.map((id, index) => {
    const before = results[2 * index];
    const claimed = results[2 * index + 1];
    const row = claimed?.results[0] as
      (Omit<OutboxEmail, 'to'> & { toAddresses: string }) | undefined;
    if (!row) return null;
    const unsureSince = (before?.results[0] as { unsureSince: string | null } | undefined)
      ?.unsureSince;
    const { toAddresses, ...email } = row;
    return {
      ...email,
      claim: { id, token: tokens[index]! },
      to: parseAddresses(toAddresses),
      unsureSince: unsureSince ? new Date(unsureSince) : null,
    };
  });
}

// Every outcome is written only by the sender still holding the claim on a pending email.
const FENCE = `WHERE id = ? AND claim_token = ? AND status = 'pending'`;

/** Records a send the provider accepted; false when the claim was lost to a newer sender. */
export async function markDelivered(
  db: D1Database,
  email: Pick<OutboxEmail, 'leadId' | 'kind'> & { claim: Claim },
  outcome: { status: 'sent' | 'captured'; providerId?: string | undefined },
  now: Date,
): Promise<boolean> {
  const update = db
    .prepare(
      `UPDATE emails SET status = ?, provider_id = ?, sent_at = ?, locked_until = NULL,
         last_error = NULL, unsure_since = NULL ${FENCE}`,
    )
    .bind(outcome.status, outcome.providerId ?? null, now.toISOString(), ...fence(email.claim));
  // The lead's audit trail records each email it caused; a digest belongs to no single lead.
  const [result] = await db.batch(
    email.leadId
      ? [update, eventIfChangedStatement(db, email.leadId, 'emailed', now, 'sweep', email.kind)]
      : [update],
  );
  return result?.meta.changes === 1;
}

const fence = (claim: Claim) => [claim.id, claim.token];

async function changed(statement: D1PreparedStatement): Promise<boolean> {
  return (await statement.run()).meta.changes === 1;
}

/**
 * Puts the email back in the queue for `nextAttempt`. An attempt the provider clearly refused
 * gives back the unsure time the claim found (`sure`), so only unknown outcomes count.
 */
export function markRetry(
  db: D1Database,
  claim: Claim,
  error: string,
  nextAttempt: Date,
  sure: { unsureSince: Date | null } | null,
): Promise<boolean> {
  const unsure = sure ? 'unsure_since = ?,' : '';
  const binds = sure ? [sure.unsureSince?.toISOString() ?? null] : [];
  return changed(
    db
      .prepare(
        `UPDATE emails SET next_attempt_at = ?, last_error = ?, ${unsure} locked_until = NULL
         ${FENCE}`,
      )
      .bind(nextAttempt.toISOString(), error.slice(0, 500), ...binds, ...fence(claim)),
  );
}

/** Gives up on an email that was never accepted: replaying it later cannot send it twice. */
export function markFailed(db: D1Database, claim: Claim, error: string): Promise<boolean> {
  return changed(
    db
      .prepare(`UPDATE emails SET status = 'failed', last_error = ?, locked_until = NULL ${FENCE}`)
      .bind(error.slice(0, 500), ...fence(claim)),
  );
}

/** Stops on an email that may have been sent already: a person checks before anything else. */
export function markHeld(db: D1Database, claim: Claim, reason: string): Promise<boolean> {
  return changed(
    db
      .prepare(`UPDATE emails SET status = 'held', last_error = ?, locked_until = NULL ${FENCE}`)
      .bind(reason.slice(0, 500), ...fence(claim)),
  );
}

/** What an operator replays: failed emails, and held ones only once a person has checked them. */
export interface ReplayChoice {
  /** Only these emails; every failed (or held) one when empty. */
  ids: readonly string[];
  /** Held emails too: the person confirmed in the provider's logs that they never went out. */
  held: boolean;
}

/**
 * The SQL of `npm run ops:replay` (scripts/replay-outbox.mjs), run through wrangler. A failed email
 * was never accepted, so sending it again cannot send it twice. A held one may have been, and goes
 * back only when `held` says a person checked; it then starts with no unsure attempt behind it.
 */
export function replayStatements(choice: ReplayChoice, now: Date): string[] {
  const ids = choice.ids.map((id) => `'${id.replace(/'/g, "''")}'`).join(', ');
  const only = choice.ids.length > 0 ? ` AND id IN (${ids})` : '';
  const statuses = choice.held ? `('failed', 'held')` : `('failed')`;
  return [
    `UPDATE emails SET status = 'pending', next_attempt_at = '${now.toISOString()}',
       attempts = 0, locked_until = NULL, claim_token = NULL, unsure_since = NULL,
       last_error = 'replayed after: ' || coalesce(last_error, '')
     WHERE status IN ${statuses}${only}`,
  ];
}

/** For a held email the provider's logs show as delivered: recorded as sent, never sent again. */
export function markSentStatements(ids: readonly string[], now: Date): string[] {
  const list = ids.map((id) => `'${id.replace(/'/g, "''")}'`).join(', ');
  return [
    `UPDATE emails SET status = 'sent', sent_at = '${now.toISOString()}', locked_until = NULL,
       claim_token = NULL, last_error = 'held, then confirmed sent by an operator'
     WHERE status = 'held' AND id IN (${list})`,
  ];
}

// What the provider says of an email after accepting it (functions/integrations/email-events.ts),
// and the addresses nothing more is sent to. Kept apart from the queue functions above.

export interface ProviderEvent {
  /** The provider's id of this event (svix-id): each is recorded once. */
  id: string;
  type: DeliveryEvent;
  /** The provider's id of the email (emails.provider_id). */
  providerId: string;
  occurredAt: string | null;
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
export async function withoutSuppressed<Email extends { to: string[]; claim: Claim }>(
  db: D1Database,
  email: Email,
): Promise<Email | null> {
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
  await markFailed(db, email.claim, 'suppressed');
  return null;
}
