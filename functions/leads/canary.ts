// The delivery canary: once per CANARY_INTERVAL_HOURS the sweep stores a synthetic lead through
// the same path as a visitor's (storeLead, salesNotification), its notification addressed to
// CANARY_TO alone, and health and the sweep judge whether that email was proven delivered in time.
// The only code that reads or writes canaries; every other query of leads says `canary = 0`.
import { CONSENT } from '../../src/lib/leads/consent';
import type { Lead } from '../../src/lib/leads/lead';
import { parseLeadForm } from '../../src/lib/leads/parse';
import { replyByFor } from '../../src/lib/leads/reply-time';
import { forgetEventsSql } from '../audit/trail';
import type { Settings } from '../settings';
import { ROUTING } from '../teams';
import { findSubmission, isRepeatedSubmission, storeLead } from './store';
import { salesNotification } from './submit';

export type CanarySettings = Pick<
  Settings,
  'CANARY_TO' | 'CANARY_INTERVAL_HOURS' | 'CANARY_DEADLINE_MINUTES' | 'RESEND_API_KEY'
>;

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/** The start of the interval `at` falls in (counted from the epoch, so every instance agrees). */
export function canarySlot(at: Date, hours: number): Date {
  const length = hours * HOUR_MS;
  return new Date(Math.floor(at.getTime() / length) * length);
}

/** Each interval's canary is stored under this key: a second sweep in it finds the first. */
const slotKey = (slot: Date) => `canary:${slot.toISOString()}`;

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

/** The newest canary and where its notification stands. */
export interface CanaryRow {
  leadId: string;
  submissionKey: string;
  receivedAt: string;
  alertedAt: string | null;
  emailId: string | null;
  to: string | null;
  status: string | null;
  delivery: string | null;
  lastError: string | null;
  attempts: number | null;
  providerId: string | null;
  /** Resend's email.delivered event is recorded for it. */
  deliveredEvent: number;
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

/**
 * What counts as delivered. With Resend, only its `email.delivered` event for the row: proof that
 * the receiving server took it. Without a key (local runs and tests that capture emails) there are
 * no provider events, so the transport accepting it counts; production without a key never
 * accepts one, so its canary is late, as it should be.
 */
export function proven(row: CanaryRow, settings: CanarySettings): boolean {
  if (settings.RESEND_API_KEY) return row.deliveredEvent === 1;
  return row.status === 'sent' || row.status === 'captured';
}

export interface CanaryReport {
  /** ok: proven delivered; waiting: within its deadline; late: not proven by it; missing: not stored. */
  state: 'ok' | 'waiting' | 'late' | 'missing';
  /** The start of the interval the canary belongs to. */
  slot: string;
  /** When the canary was stored and its notification queued (null: it never was). */
  sentAt: string | null;
  to: string;
  /** When it had to be delivered by; late and missing count from here. */
  deadlineAt: string;
  leadId: string | null;
  /** Its notification as the outbox holds it. */
  email: {
    status: string;
    delivery: string | null;
    lastError: string | null;
    attempts: number;
    /** Resend's id of the email, to look it up in Resend's logs. */
    providerId: string | null;
  } | null;
  proof: 'resend email.delivered event' | 'accepted by the transport';
  /** When the team leads were told (late canaries). */
  alertedAt: string | null;
  /** What to look at first, in plain words (no address, error or id: health is public). */
  check: string;
}

/**
 * The report as /api/health/ shows it to anyone: without the canary's mailbox, lead id, provider
 * id or error text, which go only to the team leads.
 */
export type CanaryHealth = Omit<CanaryReport, 'to' | 'leadId' | 'email'> & {
  email: Omit<NonNullable<CanaryReport['email']>, 'lastError' | 'providerId'> | null;
};

export function canaryHealth(report: CanaryReport): CanaryHealth {
  const { to: _to, leadId: _leadId, email, ...rest } = report;
  return {
    ...rest,
    email: email
      ? { status: email.status, delivery: email.delivery, attempts: email.attempts }
      : null,
  };
}

function checkFor(state: CanaryReport['state'], row: CanaryRow | null): string {
  if (state === 'ok' || state === 'waiting') return 'Nothing to do.';
  if (state === 'missing' || !row || !row.status) {
    return 'The sweep did not store the canary: look for sweep_step_failed (step canary) in the Worker logs, and check D1 and the settings (/api/health/).';
  }
  if (row.delivery === 'bounced') {
    return 'The canary mailbox refused it: check that CANARY_TO exists and accepts mail from EMAIL_FROM.';
  }
  if (row.status === 'pending') {
    return "The email API has not accepted it (see its last error): check RESEND_API_KEY, the sender domain in Resend and Resend's status; npm run ops:outbox lists what waits.";
  }
  if (row.status === 'failed' || row.status === 'held') {
    return `The outbox gave up on it (${row.status}): docs/RUNBOOK.md says how to check and replay.`;
  }
  return "Resend accepted it but has not reported it delivered: look the email up in Resend's logs, and check that Resend's webhook points at /api/email-events/ with RESEND_WEBHOOK_SECRET.";
}

/** The canary due now and how it stands; null when the canary is off. */
export function judgeCanary(
  row: CanaryRow | null,
  settings: CanarySettings,
  now: Date,
): CanaryReport | null {
  if (!settings.CANARY_TO) return null;
  const deadlineMs = settings.CANARY_DEADLINE_MINUTES * MINUTE_MS;
  const proof = settings.RESEND_API_KEY
    ? ('resend email.delivered event' as const)
    : ('accepted by the transport' as const);
  const current = canarySlot(now, settings.CANARY_INTERVAL_HOURS);
  // The interval's canary should exist by its deadline; a sweep that failed to store it must show.
  if (
    (!row || row.submissionKey !== slotKey(current)) &&
    now.getTime() >= current.getTime() + deadlineMs
  ) {
    return {
      state: 'missing',
      slot: current.toISOString(),
      sentAt: null,
      to: settings.CANARY_TO,
      deadlineAt: new Date(current.getTime() + deadlineMs).toISOString(),
      leadId: null,
      email: null,
      proof,
      alertedAt: null,
      check: checkFor('missing', null),
    };
  }
  if (!row) return null;
  const sentAt = new Date(row.receivedAt);
  const deadlineAt = new Date(sentAt.getTime() + deadlineMs);
  const state = proven(row, settings) ? 'ok' : now >= deadlineAt ? 'late' : 'waiting';
  return {
    state,
    slot: row.submissionKey.slice('canary:'.length),
    sentAt: row.receivedAt,
    to: row.to ? (JSON.parse(row.to) as string[]).join(', ') : settings.CANARY_TO,
    deadlineAt: deadlineAt.toISOString(),
    leadId: row.leadId,
    email: row.status
      ? {
          status: row.status,
          delivery: row.delivery,
          lastError: row.lastError,
          attempts: row.attempts ?? 0,
          providerId: row.providerId,
        }
      : null,
    proof,
    alertedAt: row.alertedAt,
    check: checkFor(state, row),
  };
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
