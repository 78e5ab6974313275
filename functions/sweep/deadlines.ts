// Reminders before the reply-by time and escalations after it, for leads nobody has answered.
import type { OpenLead } from '../../src/lib/leads/lead';
import { eventIfChangedStatement, leadHistory, type LeadEventType } from '../audit/trail';
import { enqueueIfChangedStatement, type NewEmail } from '../email/outbox';
import { renderEscalation } from '../email/templates/escalation';
import { renderOwnerReminder } from '../email/templates/owner-reminder';
import { toOpenLead, unansweredLeads } from '../follow-up/open-leads';
import { ROUTING } from '../teams';
import { log } from '../log';
import type { Settings } from '../settings';
import { followUpDue } from './schedule';

const HOUR_MS = 3_600_000;

/**
 * Marks the lead, then queues its email and records the event only if the mark changed the lead:
 * two sweeps at the same moment send one reminder.
 */
async function markAndQueue(
  db: D1Database,
  mark: D1PreparedStatement,
  email: NewEmail & { leadId: string },
  event: LeadEventType,
  now: Date,
) {
  await db.batch([
    mark,
    enqueueIfChangedStatement(db, email, now),
    eventIfChangedStatement(db, email.leadId, event, now, 'sweep', email.kind),
  ]);
}

async function remind(
  db: D1Database,
  lead: OpenLead,
  settings: Settings,
  now: Date,
  visitorEmailBounced = false,
) {
  const teamLead = ROUTING.teams[lead.team]?.lead;
  const owner = lead.ownerEmail ?? teamLead?.email;
  if (!owner) return false;
  const mark = db
    .prepare(
      'UPDATE leads SET reminded_at = ? WHERE id = ? AND reminded_at IS NULL AND replied_at IS NULL',
    )
    .bind(now.toISOString(), lead.id);
  const email = {
    kind: 'owner-reminder' as const,
    leadId: lead.id,
    dedupeKey: `${lead.id}:owner-reminder`,
    to: [owner],
    ...renderOwnerReminder(lead, settings.SITE_URL, now, { visitorEmailBounced }),
  };
  await markAndQueue(db, mark, email, 'reminded', now);
  return true;
}

async function escalate(db: D1Database, lead: OpenLead, settings: Settings, now: Date) {
  const teamLead = ROUTING.teams[lead.team]?.lead;
  if (!teamLead) return false;
  const mark = db
    .prepare(
      'UPDATE leads SET escalated_at = ? WHERE id = ? AND escalated_at IS NULL AND replied_at IS NULL',
    )
    .bind(now.toISOString(), lead.id);
  const email = {
    kind: 'escalation' as const,
    leadId: lead.id,
    dedupeKey: `${lead.id}:escalation`,
    // The owner hears of it too: the escalation is about their lead.
    to: [...new Set([teamLead.email, ...(lead.ownerEmail ? [lead.ownerEmail] : [])])],
    ...renderEscalation(lead, await leadHistory(db, lead.id), settings.SITE_URL, now),
  };
  await markAndQueue(db, mark, email, 'escalated', now);
  return true;
}

export async function queueDeadlineFollowUps(
  db: D1Database,
  settings: Settings,
  now: Date,
): Promise<{ reminded: number; escalated: number }> {
  const hours = settings.REMINDER_HOURS_BEFORE;
  const counts = { reminded: 0, escalated: 0 };
  for (const row of await unansweredLeads(db, new Date(now.getTime() + hours * HOUR_MS))) {
    const lead = toOpenLead(row);
    const state = {
      replyBy: lead.replyBy,
      claimedAt: lead.claimedAt,
      repliedAt: lead.repliedAt,
      remindedAt: row.reminded_at ? new Date(row.reminded_at) : null,
      escalatedAt: row.escalated_at ? new Date(row.escalated_at) : null,
    };
    const due = followUpDue(state, now, hours);
    const bounced = Boolean(row.visitor_email_bounced_at);
    if (due === 'remind' && (await remind(db, lead, settings, now, bounced))) counts.reminded++;
    if (due === 'escalate' && (await escalate(db, lead, settings, now))) counts.escalated++;
  }
  if (counts.reminded || counts.escalated) log('info', 'follow_ups_queued', counts);
  return counts;
}
