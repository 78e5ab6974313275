// The audit trail: one row per state change of a lead, never with personal data in it.
import type { LeadEvent, LeadEventType } from './types';

export function eventStatement(
  db: D1Database,
  leadId: string,
  type: LeadEventType,
  at: Date,
  actor: string | null,
  detail: string | null = null,
): D1PreparedStatement {
  return db
    .prepare('INSERT INTO lead_events (lead_id, type, actor, at, detail) VALUES (?, ?, ?, ?, ?)')
    .bind(leadId, type, actor, at.toISOString(), detail);
}

export async function leadHistory(db: D1Database, leadId: string): Promise<LeadEvent[]> {
  const { results } = await db
    .prepare('SELECT type, actor, at, detail FROM lead_events WHERE lead_id = ? ORDER BY at, id')
    .bind(leadId)
    .all<{ type: LeadEventType; actor: string | null; at: string; detail: string | null }>();
  return results.map((row) => ({ ...row, at: new Date(row.at) }));
}
