// Reads of the emails table: what is due, what a lead caused, what the provider said. The
// writes are all in outbox.ts; these only look.
import type { EmailKind } from './kinds.ts';

/**
 * Ids of pending emails due at `dueAt` (the trigger's time) that no sender holds at `now` (the
 * wall clock, on which every lock is written).
 */
export async function dueEmailIds(
  db: D1Database,
  dueAt: Date,
  now: Date,
  limit: number,
): Promise<string[]> {
  const { results } = await db
    .prepare(
      `SELECT id FROM emails WHERE status = 'pending' AND next_attempt_at <= ?
         AND (locked_until IS NULL OR locked_until <= ?)
       ORDER BY next_attempt_at LIMIT ?`,
    )
    .bind(dueAt.toISOString(), now.toISOString(), limit)
    .all<{ id: string }>();
  return results.map((row) => row.id);
}

/** A row's recipients, or null when the stored text is not a list of addresses. */
export function parseAddresses(text: string): string[] | null {
  try {
    const value: unknown = JSON.parse(text);
    const valid =
      Array.isArray(value) &&
      value.length > 0 &&
      value.every((address) => typeof address === 'string');
    return valid ? (value as string[]) : null;
  } catch {
    return null;
  }
}

export interface LeadEmailStatus {
  id: string;
  kind: EmailKind;
  /** For a webhook, the event it carries (lead.received, lead.claimed…). */
  subject: string;
  status: 'pending' | 'sent' | 'captured' | 'failed' | 'held';
  to: string[];
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  /** What the provider later said of it (delivered, bounced, complained, delivery_delayed). */
  delivery: string | null;
}

/** Every email a lead caused and where each stands, oldest first, for the desk's lead page. */
export async function emailsOfLead(db: D1Database, leadId: string): Promise<LeadEmailStatus[]> {
  const { results } = await db
    .prepare(
      `SELECT id, kind, subject, status, to_addresses AS toAddresses, attempts,
         last_error AS lastError, created_at AS createdAt, sent_at AS sentAt, delivery
       FROM emails WHERE lead_id = ?
       ORDER BY created_at, kind`,
    )
    .bind(leadId)
    .all<Omit<LeadEmailStatus, 'to'> & { toAddresses: string }>();
  // A row whose addresses do not parse is shown as it is stored rather than break the page.
  return results.map(({ toAddresses, ...email }) => ({
    ...email,
    to: parseAddresses(toAddresses) ?? [toAddresses],
  }));
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

/** Whether the provider event with this id has been recorded already. */
export async function providerEventSeen(db: D1Database, id: string): Promise<boolean> {
  return (await db.prepare('SELECT 1 FROM email_events WHERE id = ?').bind(id).first()) !== null;
}
