// The delivery canary: once per CANARY_INTERVAL_HOURS the sweep stores a synthetic lead through
// the same path as a visitor's (storeLead, salesNotification), its notification addressed to
// CANARY_TO alone, and health and the sweep judge whether that email was proven delivered in time.
// The only code that reads or writes canaries (./canary-judge.ts judges what it reads); every other
// query of leads says `canary = 0`.
import { CONSENT } from '../../src/lib/leads/consent';
import type { Lead } from '../../src/lib/leads/lead';
import { parseLeadForm } from '../../src/lib/leads/parse';
import { replyByFor } from '../../src/lib/leads/reply-time';
import { forgetEventsSql } from '../audit/trail';
import type { Settings } from '../settings';
import { ROUTING } from '../teams';
import { findSubmission, isRepeatedSubmission, storeLead } from './store';
import { salesNotification } from './submit';
import {
  canarySlot,
  judgeCanary,
  slotKey,
  type CanaryReport,
  type CanaryRow,
  type CanarySettings,
} from './canary-judge';

export {
  canaryHealth,
  type CanaryHealth,
  type CanaryReport,
  type CanarySettings,
} from './canary-judge';

const HOUR_MS = 3_600_000;

/** A contact message read by the form's own schema, so it is a lead like any other. */
function canaryLead(to: string, slot: Date, now: Date): Lead {
  const parsed = parseLeadForm('contact', [
    ['name', 'Delivery canary'],
    ['email', to],
    ['company', 'Nyarro delivery check'],
    ['topic', 'other'],
    [
      'message',
      `An automatic check that lead notifications arrive (interval from ${slot.toISOString()}). Nothing to answer.`,
    ],
    ['consent', 'on'],
    ['consentVersion', CONSENT.version],
  ]);
  if (!parsed.ok) throw new Error(`canary lead refused: ${JSON.stringify(parsed.errors)}`);
  const team = ROUTING.teams[ROUTING.defaultTeam]!;
  return {
    id: crypto.randomUUID(),
    form: 'contact',
    fields: parsed.data,
    receivedAt: now,
    replyBy: replyByFor(now),
    attribution: { utm: {} },
    consentVersion: CONSENT.version,
    personCheck: 'off',
    // No owner (no member's turn is taken) and no inbox: the notification goes to CANARY_TO only.
    route: { rule: 'canary', team: ROUTING.defaultTeam, teamName: team.name, to: [to] },
  };
}

/**
 * Stores this interval's canary with its sales notification, unless it is stored already (or the
 * canary is off). Only the notification: no acknowledgement, CRM event or chat alert.
 */
export async function storeCanaryIfDue(
  db: D1Database,
  settings: Settings,
  now: Date,
): Promise<'stored' | 'exists' | 'off'> {
  if (!settings.CANARY_TO) return 'off';
  const slot = canarySlot(now, settings.CANARY_INTERVAL_HOURS);
  const key = slotKey(slot);
  if (await findSubmission(db, [key])) return 'exists';
  const lead = canaryLead(settings.CANARY_TO, slot, now);
  try {
    await storeLead(db, lead, [salesNotification(lead, settings)], {
      submissionKey: key,
      canary: true,
    });
  } catch (error) {
    // Another sweep stored this interval's canary first.
    if (isRepeatedSubmission(error)) return 'exists';
    throw error;
  }
  return 'stored';
}

export async function latestCanary(db: D1Database): Promise<CanaryRow | null> {
  return db
    .prepare(
      `SELECT l.id AS leadId, l.submission_key AS submissionKey, l.received_at AS receivedAt,
         l.canary_alerted_at AS alertedAt, e.id AS emailId, e.to_addresses AS "to",
         e.status, e.delivery, e.last_error AS lastError, e.attempts, e.provider_id AS providerId,
         EXISTS (SELECT 1 FROM email_events v WHERE v.provider_id = e.provider_id
           AND v.type = 'delivered') AS deliveredEvent
       FROM leads l LEFT JOIN emails e ON e.lead_id = l.id AND e.kind = 'sales-notification'
       WHERE l.canary = 1 ORDER BY l.received_at DESC LIMIT 1`,
    )
    .first<CanaryRow>();
}

/** The canary report as health and the sweep see it now. */
export async function canaryReport(
  db: D1Database,
  settings: CanarySettings,
  now: Date,
): Promise<CanaryReport | null> {
  if (!settings.CANARY_TO) return null;
  return judgeCanary(await latestCanary(db), settings, now);
}

/** Marks a late canary as told about, for the batch that queues the alerts: first in it. */
export function markAlertedStatement(
  db: D1Database,
  leadId: string,
  now: Date,
): D1PreparedStatement {
  return db
    .prepare(
      'UPDATE leads SET canary_alerted_at = ? WHERE id = ? AND canary = 1 AND canary_alerted_at IS NULL',
    )
    .bind(now.toISOString(), leadId);
}

/** A week of canaries is history enough to look back on; older ones go, with all they caused. */
export const CANARY_KEEP_DAYS = 7;

/** Retention's statements for canaries older than CANARY_KEEP_DAYS, for its batch. */
export function canaryRetentionStatements(db: D1Database, now: Date): D1PreparedStatement[] {
  const cutoff = new Date(now.getTime() - CANARY_KEEP_DAYS * 24 * HOUR_MS).toISOString();
  const old = 'canary = 1 AND received_at < ?';
  return [
    db.prepare(forgetEventsSql(old)).bind(cutoff),
    db
      .prepare(`DELETE FROM emails WHERE lead_id IN (SELECT id FROM leads WHERE ${old})`)
      .bind(cutoff),
    db.prepare(`DELETE FROM leads WHERE ${old}`).bind(cutoff),
  ];
}
