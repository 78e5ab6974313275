// Queues the emails the sweep decides on. Each is unique by its dedupe key, and lead emails are
// queued only if marking the lead changed it, so two sweeps at the same moment queue one email.
import type { RenderedEmail } from '../leads/types';
import type { LeadEventType } from './types';

export interface ScheduledEmail extends RenderedEmail {
  kind: 'owner-reminder' | 'escalation' | 'team-digest';
  leadId: string | null;
  dedupeKey: string;
  to: string[];
}

const INSERT_EMAIL = `INSERT OR IGNORE INTO emails (id, lead_id, kind, dedupe_key, to_addresses,
  subject, html, text, status, attempts, next_attempt_at, created_at)`;

function emailValues(email: ScheduledEmail, now: Date): unknown[] {
  const iso = now.toISOString();
  return [
    crypto.randomUUID(),
    email.leadId,
    email.kind,
    email.dedupeKey,
    JSON.stringify(email.to),
    email.subject,
    email.html,
    email.text,
    iso,
    iso,
  ];
}

/** A digest or any email not tied to a change of one lead. */
export function queueEmail(db: D1Database, email: ScheduledEmail, now: Date): D1PreparedStatement {
  return db
    .prepare(`${INSERT_EMAIL} VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)`)
    .bind(...emailValues(email, now));
}

/**
 * Marks the lead, then queues its email and records the event only if the mark changed a row.
 * SQLite's changes() reports the statement just before it; D1 runs a batch as one transaction.
 */
export function markAndQueue(
  db: D1Database,
  mark: D1PreparedStatement,
  email: ScheduledEmail & { leadId: string },
  event: { type: LeadEventType; actor: string },
  now: Date,
): D1PreparedStatement[] {
  return [
    mark,
    db
      .prepare(
        `${INSERT_EMAIL} SELECT ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ? WHERE changes() = 1`,
      )
      .bind(...emailValues(email, now)),
    db
      .prepare(
        `INSERT INTO lead_events (lead_id, type, actor, at, detail)
         SELECT ?, ?, ?, ?, ? WHERE changes() = 1`,
      )
      .bind(email.leadId, event.type, event.actor, now.toISOString(), email.kind),
  ];
}
