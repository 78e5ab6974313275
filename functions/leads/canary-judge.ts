// How the delivery canary stands, judged from its stored row and the time: delivered (and what
// counts as proof), still inside its deadline, late, or never stored. Pure: the reads and writes
// are in ./canary.ts.
import type { Settings } from '../settings';

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
export const slotKey = (slot: Date) => `canary:${slot.toISOString()}`;

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
