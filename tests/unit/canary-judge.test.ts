// How the delivery canary is judged (functions/leads/canary-judge.ts), as a table: which interval
// a time falls in, and what a stored canary's row means at a given moment, with Resend (only its
// email.delivered event proves delivery) and without (the capture transport accepting it counts).
import { describe, expect, it } from 'vitest';
import {
  canarySlot,
  judgeCanary,
  slotKey,
  type CanaryRow,
  type CanarySettings,
} from '../../functions/leads/canary-judge';

const WITH_RESEND: CanarySettings = {
  CANARY_TO: 'canary@nyarro.in',
  CANARY_INTERVAL_HOURS: 6,
  CANARY_DEADLINE_MINUTES: 30,
  RESEND_API_KEY: 're_live',
};
const LOCAL: CanarySettings = { ...WITH_RESEND, RESEND_API_KEY: undefined };

const SENT = new Date('2026-11-25T06:00:20Z');
const row = (change: Partial<CanaryRow> = {}): CanaryRow => ({
  leadId: 'lead-1',
  submissionKey: slotKey(new Date('2026-11-25T06:00:00Z')),
  receivedAt: SENT.toISOString(),
  alertedAt: null,
  emailId: 'email-1',
  to: JSON.stringify(['canary@nyarro.in']),
  status: 'sent',
  delivery: null,
  lastError: null,
  attempts: 1,
  providerId: 'resend-1',
  deliveredEvent: 0,
  ...change,
});
const at = (time: string) => new Date(`2026-11-25T${time}Z`);

describe('canarySlot', () => {
  it.each([
    ['00:00:00', 6, '2026-11-25T00:00:00.000Z'],
    ['05:59:59', 6, '2026-11-25T00:00:00.000Z'],
    ['06:00:00', 6, '2026-11-25T06:00:00.000Z'],
    ['23:30:00', 6, '2026-11-25T18:00:00.000Z'],
    ['13:45:00', 1, '2026-11-25T13:00:00.000Z'],
  ])('%s with %i-hour intervals falls in the one from %s', (time, hours, slot) => {
    expect(canarySlot(at(time), hours).toISOString()).toBe(slot);
  });
});

describe.each([
  ['with Resend', WITH_RESEND, { deliveredEvent: 1 }, { deliveredEvent: 0, status: 'sent' }],
  ['locally', LOCAL, { status: 'captured' }, { status: 'pending', attempts: 3 }],
] as const)('judgeCanary %s', (_case, settings, proof, noProof) => {
  it.each([
    ['proven, before the deadline', proof, '06:05:00', 'ok'],
    ['proven, long after it', proof, '11:59:00', 'ok'],
    ['not proven, inside the deadline', noProof, '06:30:19', 'waiting'],
    ['not proven at the deadline', noProof, '06:30:20', 'late'],
    ['not proven, next interval before its deadline', noProof, '12:10:00', 'late'],
    ['proven, next interval past its deadline with no new canary', proof, '12:30:00', 'missing'],
  ])('%s: %s', (_what, change, time, state) => {
    expect(judgeCanary(row(change), settings, at(time))?.state).toBe(state);
  });
});

describe('judgeCanary', () => {
  it('says nothing when the canary is off', () => {
    expect(judgeCanary(row(), { ...WITH_RESEND, CANARY_TO: undefined }, at('09:00:00'))).toBe(null);
  });

  it('reports a never-stored canary as missing once its interval is past the deadline', () => {
    expect(judgeCanary(null, WITH_RESEND, at('06:29:00'))).toBe(null);
    expect(judgeCanary(null, WITH_RESEND, at('06:30:00'))).toMatchObject({
      state: 'missing',
      slot: '2026-11-25T06:00:00.000Z',
      sentAt: null,
      deadlineAt: '2026-11-25T06:30:00.000Z',
    });
  });

  it('does not take a captured email as proof where Resend sends', () => {
    expect(judgeCanary(row({ status: 'captured' }), WITH_RESEND, at('07:00:00'))?.state).toBe(
      'late',
    );
  });
});
