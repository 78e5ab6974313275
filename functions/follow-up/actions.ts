// What an owner's signed link does: record that they took the lead, or that they replied.
// Applying it twice changes nothing the second time.
import type { OpenLead } from '../../src/lib/leads/lead';
import { eventIfChangedStatement } from '../audit/trail';
import type { LeadAction } from './links';
import { findLead } from './open-leads';

export type ActionResult = { outcome: 'done' | 'already'; lead: OpenLead } | { outcome: 'missing' };

const UPDATES: Record<LeadAction, string> = {
  claim: `UPDATE leads SET claimed_at = ?1, claimed_by = ?2 WHERE id = ?3 AND claimed_at IS NULL`,
  // Replying also takes the lead, for owners who answer without clicking "I'm on it" first.
  replied: `UPDATE leads SET replied_at = ?1, replied_by = ?2, claimed_at = COALESCE(claimed_at, ?1),
    claimed_by = COALESCE(claimed_by, ?2) WHERE id = ?3 AND replied_at IS NULL`,
};

export async function applyLeadAction(
  db: D1Database,
  action: LeadAction,
  leadId: string,
  by: string,
  now: Date,
): Promise<ActionResult> {
  const at = now.toISOString();
  const [update] = await db.batch([
    db.prepare(UPDATES[action]).bind(at, by, leadId),
    eventIfChangedStatement(db, leadId, action === 'claim' ? 'claimed' : 'replied', now, by),
  ]);
  const lead = await findLead(db, leadId);
  if (!lead) return { outcome: 'missing' };
  return { outcome: update?.meta.changes === 1 ? 'done' : 'already', lead };
}
