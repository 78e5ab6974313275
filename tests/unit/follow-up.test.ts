// The rules of the 24-hour promise: when to remind, when to escalate, who owns a lead, and
// links that only their owner can use, for one purpose, until they expire.
import { describe, expect, it } from 'vitest';
import { signLink, verifyLink } from '../../functions/follow-up/links';
import { pickOwner } from '../../functions/leads/owners';
import {
  followUpDue,
  istDate,
  istHour,
  monthsBefore,
  reminderTime,
  type FollowUpState,
} from '../../functions/sweep/schedule';
import { replyByFor } from '../../src/lib/leads/reply-time';

const received = new Date('2026-11-25T09:00:00Z');
const replyBy = replyByFor(received);
const hoursAfter = (hours: number) => new Date(received.getTime() + hours * 3_600_000);
const open: FollowUpState = {
  replyBy,
  claimedAt: null,
  repliedAt: null,
  remindedAt: null,
  escalatedAt: null,
};

describe('deadlines', () => {
  it('the reply-by time is 24 hours after the lead arrives, the reminder 4 hours before it', () => {
    expect(replyBy.toISOString()).toBe('2026-11-26T09:00:00.000Z');
    expect(reminderTime(replyBy, 4).toISOString()).toBe('2026-11-26T05:00:00.000Z');
  });

  it.each([
    ['just received', open, 0, null],
    ['a minute before the reminder', open, 19.98, null],
    ['at the reminder time, unclaimed', open, 20, 'remind'],
    ['at the reminder time, already claimed', { ...open, claimedAt: hoursAfter(1) }, 20, null],
    ['after the reminder was sent', { ...open, remindedAt: hoursAfter(20) }, 22, null],
    ['at the deadline, unanswered', { ...open, remindedAt: hoursAfter(20) }, 24, 'escalate'],
    [
      'at the deadline, claimed but unanswered',
      { ...open, claimedAt: hoursAfter(1) },
      24,
      'escalate',
    ],
    ['past the deadline, never reminded (sweep was down)', open, 30, 'escalate'],
    ['after the escalation was sent', { ...open, escalatedAt: hoursAfter(24) }, 30, null],
    ['at the deadline, replied', { ...open, repliedAt: hoursAfter(3) }, 24, null],
  ] as const)('%s: %s', (_case, state, hours, expected) => {
    expect(followUpDue(state, hoursAfter(hours), 4)).toBe(expected);
  });

  it('retention counts calendar months back in UTC', () => {
    expect(monthsBefore(new Date('2026-11-25T09:00:00Z'), 12).toISOString()).toBe(
      '2025-11-25T09:00:00.000Z',
    );
  });

  it.each([
    ['2026-11-25T18:29:00Z', '2026-11-25', 23],
    ['2026-11-25T18:30:00Z', '2026-11-26', 0],
    ['2026-11-26T03:30:00Z', '2026-11-26', 9],
  ])('%s is %s, hour %i, in IST', (instant, date, hour) => {
    expect(istDate(new Date(instant))).toBe(date);
    expect(istHour(new Date(instant))).toBe(hour);
  });
});

describe('owners in turn', () => {
  const team = {
    name: 'Sales',
    inboxes: ['sales@example.com'],
    members: [
      { name: 'A', email: 'a@example.com', away: false },
      { name: 'B', email: 'b@example.com', away: true },
      { name: 'C', email: 'c@example.com', away: false },
    ],
    lead: { name: 'Lead', email: 'lead@example.com' },
  };

  it('goes round the members who are not away', () => {
    expect([0, 1, 2, 3].map((turn) => pickOwner(team, turn).email)).toEqual([
      'a@example.com',
      'c@example.com',
      'a@example.com',
      'c@example.com',
    ]);
  });

  it('gives the lead to the team lead when everyone is away', () => {
    const everyoneAway = {
      ...team,
      members: team.members.map((member) => ({ ...member, away: true })),
    };
    expect(pickOwner(everyoneAway, 7)).toEqual({ name: 'Lead', email: 'lead@example.com' });
  });
});

describe('signed links', () => {
  const secret = 'a-test-secret-that-is-long-enough-for-hmac';
  const site = 'https://www.example.com';
  const claims = {
    lead: 'lead-1',
    action: 'claim' as const,
    by: 'a@example.com',
    exp: 1_800_000_000,
  };
  const before = new Date(1_799_999_999_000);
  const params = async () => new URL(await signLink(claims, secret, site)).searchParams;

  it('points at the action page and verifies until it expires', async () => {
    const url = new URL(await signLink(claims, secret, site));
    expect(url.origin + url.pathname).toBe('https://www.example.com/leads/action/');
    expect(await verifyLink(url.searchParams, secret, before)).toEqual({ ok: true, claims });
    expect(await verifyLink(url.searchParams, secret, new Date(1_800_000_000_000))).toEqual({
      ok: false,
      reason: 'expired',
    });
  });

  it.each([
    ['another lead', 'lead', 'lead-2'],
    ['another purpose', 'action', 'replied'],
    ['another person', 'by', 'b@example.com'],
    ['a later expiry', 'exp', '1900000000'],
    ['a forged signature', 'sig', 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
  ])('refuses a link changed to %s', async (_case, name, value) => {
    const changed = await params();
    changed.set(name, value);
    expect(await verifyLink(changed, secret, before)).toEqual({ ok: false, reason: 'tampered' });
  });

  it('refuses a link signed with another secret', async () => {
    expect(await verifyLink(await params(), `${secret}-other`, before)).toMatchObject({
      ok: false,
      reason: 'tampered',
    });
  });

  it.each(['lead', 'action', 'by', 'exp', 'sig'])('refuses a link missing "%s"', async (name) => {
    const cut = await params();
    cut.delete(name);
    expect(await verifyLink(cut, secret, before)).toEqual({ ok: false, reason: 'malformed' });
  });
});
