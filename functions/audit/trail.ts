// The audit trail: one row per state change of a lead, never with personal data in it. The only
// code that writes lead_events; it imports nothing at run time, so the operator scripts that erase
// a person (scripts/erase.mjs, through ../leads/erasure-sql.ts) record erasures through it too.

export type LeadEventType =
  | 'received'
  | 'quarantined'
  | 'released'
  | 'emailed'
  | 'claimed'
  | 'replied'
  | 'reassigned'
  | 'reminded'
  | 'escalated'
  | 'closed'
  | 'marked_spam'
  | 'erased'
  | 'meeting_booked'
  | 'email_bounced';

export interface LeadEvent {
  type: LeadEventType;
  /** Who caused it: a staff email address, "visitor", "sweep", "retention" or "operator". */
  actor: string | null;
  at: Date;
  /** A short note without personal data, e.g. the kind of email sent. */
  detail: string | null;
}

const INSERT_EVENT = 'INSERT INTO lead_events (lead_id, type, actor, at, detail)';

export function eventStatement(
  db: D1Database,
  leadId: string,
  type: LeadEventType,
  at: Date,
  actor: string | null,
  detail: string | null = null,
): D1PreparedStatement {
  return db
    .prepare(`${INSERT_EVENT} VALUES (?, ?, ?, ?, ?)`)
    .bind(leadId, type, actor, at.toISOString(), detail);
}

/**
 * The event, recorded only if the statement just before it in a batch changed one row: SQLite's
 * changes() reports that statement, and D1 runs a batch as one transaction. A change made twice
 * at once (two sweeps, two clicks) is then recorded once.
 */
export function eventIfChangedStatement(
  db: D1Database,
  leadId: string,
  type: LeadEventType,
  at: Date,
  actor: string,
  detail: string | null = null,
): D1PreparedStatement {
  return db
    .prepare(`${INSERT_EVENT} SELECT ?, ?, ?, ?, ? WHERE changes() = 1`)
    .bind(leadId, type, actor, at.toISOString(), detail);
}

/**
 * SQL that records an "erased" event for every lead `leadsWhere` selects, before they go. `at`,
 * `actor` and `detail` are SQL expressions: `?` placeholders, or literals the caller quoted.
 */
export function erasedEventsSql(leadsWhere: string, at: string, actor: string, detail: string) {
  return `${INSERT_EVENT} SELECT id, 'erased', ${actor}, ${at}, ${detail} FROM leads
    WHERE ${leadsWhere}`;
}

/**
 * SQL that deletes the whole history of the leads `leadsWhere` selects, for synthetic leads only
 * (the delivery canary): a real lead's erasure keeps its "erased" event.
 */
export function forgetEventsSql(leadsWhere: string) {
  return `DELETE FROM lead_events WHERE lead_id IN (SELECT id FROM leads WHERE ${leadsWhere})`;
}

export async function leadHistory(db: D1Database, leadId: string): Promise<LeadEvent[]> {
  const { results } = await db
    .prepare('SELECT type, actor, at, detail FROM lead_events WHERE lead_id = ? ORDER BY at, id')
    .bind(leadId)
    .all<{ type: LeadEventType; actor: string | null; at: string; detail: string | null }>();
  return results.map((row) => ({ ...row, at: new Date(row.at) }));
}
