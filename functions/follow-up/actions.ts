// What staff do with a lead, from the desk: take it, record the reply,
// hand it to a colleague, close it as not a lead, or hold it as spam. Each is one conditional
// update and its audit event in one batch, so doing it twice changes nothing the second time.
import type { OpenLead } from '../../src/lib/leads/lead';
import { eventIfChangedStatement, type LeadEventType } from '../audit/trail';
import type { Settings } from '../settings';
import { crmEventStatement } from './crm-events';
import type { LeadAction } from './links';
import { findLead } from './open-leads';

export type StaffAction =
  | { kind: LeadAction }
  | { kind: 'reassign'; to: { name: string; email: string } }
  | { kind: 'close'; reason: string }
  | { kind: 'spam' };

export type ActionResult =
  | {
      outcome: 'done' | 'already';
      lead: OpenLead;
      /** Outbox rows the action queued (the CRM's event), to deliver at once. */
      emailIds: string[];
    }
  | { outcome: 'missing' };

/** The CRM event each action sends, where it sends one. */
const CRM_EVENTS = {
  claim: 'lead.claimed',
  replied: 'lead.replied',
  close: 'lead.closed',
} as const;

interface Change {
  sql: string;
  values: unknown[];
  event: LeadEventType;
  detail: string | null;
}

/** The update for an action; ?1 is the time, ?2 the person acting, ?3 the lead. */
function changeFor(action: StaffAction): Change {
  switch (action.kind) {
    case 'claim':
      return {
        sql: 'UPDATE leads SET claimed_at = ?1, claimed_by = ?2 WHERE id = ?3 AND claimed_at IS NULL',
        values: [],
        event: 'claimed',
        detail: null,
      };
    case 'replied':
      // Replying also takes the lead, for owners who answer without saying "I'm on it" first.
      return {
        sql: `UPDATE leads SET replied_at = ?1, replied_by = ?2, claimed_at = COALESCE(claimed_at, ?1),
          claimed_by = COALESCE(claimed_by, ?2) WHERE id = ?3 AND replied_at IS NULL`,
        values: [],
        event: 'replied',
        detail: null,
      };
    case 'reassign':
      // A new owner starts unclaimed: the reminder goes to them if nobody says they are on it.
      return {
        sql: `UPDATE leads SET owner_name = ?4, owner_email = ?5, claimed_at = NULL,
          claimed_by = NULL, reminded_at = NULL
          WHERE id = ?3 AND status = 'received' AND COALESCE(owner_email, '') <> ?5
            AND replied_at IS NULL AND closed_at IS NULL`,
        values: [action.to.name, action.to.email],
        event: 'reassigned',
        detail: `to ${action.to.email}`,
      };
    case 'close':
      return {
        sql: `UPDATE leads SET closed_at = ?1, closed_by = ?2, close_reason = ?4
          WHERE id = ?3 AND closed_at IS NULL`,
        values: [action.reason],
        event: 'closed',
        detail: action.reason,
      };
    case 'spam':
      return {
        sql: `UPDATE leads SET status = 'quarantined', spam_reason = 'marked by staff'
          WHERE id = ?3 AND status = 'received'`,
        values: [],
        event: 'marked_spam',
        detail: null,
      };
  }
}

export async function applyStaffAction(
  db: D1Database,
  action: StaffAction,
  leadId: string,
  by: string,
  now: Date,
  settings?: Pick<Settings, 'LEAD_WEBHOOK_URL'>,
): Promise<ActionResult> {
  const change = changeFor(action);
  const crmType = CRM_EVENTS[action.kind as keyof typeof CRM_EVENTS] as
    (typeof CRM_EVENTS)[keyof typeof CRM_EVENTS] | undefined;
  const crm = crmType
    ? await crmEventStatement(db, settings, crmType, leadId, {
        by,
        at: now,
        reason: action.kind === 'close' ? action.reason : undefined,
      })
    : null;
  // The event row follows the audit event, so it is queued exactly when the action changed the lead.
  // Every update ends in its WHERE clause: the delivery canary's synthetic lead is nobody's to act on.
  const [update] = await db.batch([
    db
      .prepare(`${change.sql} AND canary = 0`)
      .bind(now.toISOString(), by, leadId, ...change.values),
    eventIfChangedStatement(db, leadId, change.event, now, by, change.detail),
    ...(crm ? [crm.statement] : []),
  ]);
  const lead = await findLead(db, leadId);
  if (!lead) return { outcome: 'missing' };
  const done = update?.meta.changes === 1;
  return { outcome: done ? 'done' : 'already', lead, emailIds: done && crm ? [crm.id] : [] };
}
