// Cal.com's booking webhook (POST /api/bookings/), and the "Pick a time now" link that leads to it:
// a signed booking counts as the owner's answer, so the lead's reminders and escalation stop.
import { env } from 'cloudflare:workers';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { receiveBooking } from '../../functions/integrations/bookings';
import { submitLead } from '../../functions/leads/submit';
import { queueDeadlineFollowUps } from '../../functions/sweep/deadlines';
import {
  CALCOM_TEST_SECRET,
  calcomBooking,
  calcomRequest,
  type BookingOptions,
} from '../stand-ins/calcom';
import {
  assessmentEntries,
  contactEntries,
  NOW,
  rows,
  testSettings,
  inProduction,
} from './helpers';

const URL = 'https://www.example.com/api/bookings/';
const HOUR = 3_600_000;
const settings = testSettings({ RATE_LIMIT: 'off', CALCOM_WEBHOOK_SECRET: CALCOM_TEST_SECRET });

async function newLead(
  form: 'assessment' | 'contact' = 'assessment',
  entries = assessmentEntries(),
  now = NOW,
) {
  const outcome = await submitLead(
    { form, entries, ip: '198.51.100.9', now },
    { db: env.DB, limiter: env.LEAD_RATE_LIMITER, settings },
  );
  if (outcome.kind !== 'accepted') throw new Error(`lead not accepted: ${outcome.kind}`);
  return outcome;
}

/** Cal.com's call, as the stand-in makes it, arriving a minute after the lead. */
async function book(
  options: BookingOptions = {},
  sign: { secret?: string; signature?: string | null } = {},
  deps = { settings, now: new Date(NOW.getTime() + 60_000) },
) {
  const payload = calcomBooking({
    attendeeEmail: 'asha@acme.example',
    createdAt: deps.now,
    ...options,
  });
  const response = await receiveBooking(await calcomRequest(URL, payload, sign), {
    db: env.DB,
    ...deps,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

interface LeadState {
  replied_at: string | null;
  claimed_at: string | null;
  meeting_at: string | null;
}
const leadState = async (id: string) =>
  (
    await rows<LeadState>('SELECT replied_at, claimed_at, meeting_at FROM leads WHERE id = ?', id)
  )[0]!;
const eventsOf = async (id: string) =>
  (
    await rows<{ type: string }>('SELECT type FROM lead_events WHERE lead_id = ? ORDER BY id', id)
  ).map((row) => row.type);
const unmatched = () => rows<{ attendee_email: string }>('SELECT * FROM unmatched_bookings');

beforeEach(async () => {
  await env.DB.batch(
    ['emails', 'leads', 'lead_events', 'route_cursors', 'unmatched_bookings'].map((table) =>
      env.DB.prepare(`DELETE FROM ${table}`),
    ),
  );
});
afterEach(() => vi.restoreAllMocks());

describe('"Pick a time now" after a request', () => {
  it("offers the owner's booking page, prefilled with the name and email, on the page and in the email", async () => {
    const outcome = await newLead('assessment', assessmentEntries({ name: 'Asha Rao & Co' }));
    const owner = (await rows<{ owner_email: string }>('SELECT owner_email FROM leads'))[0]!;
    const page =
      owner.owner_email === 'sales-1@example.com' ? 'example-sales-1' : 'example-sales-2';
    const href = `https://cal.com/${page}?name=Asha%20Rao%20%26%20Co&email=asha%40acme.example`;
    expect(outcome.booking).toEqual({
      href,
      ownerName: expect.stringMatching(/^Sales owner [12]$/),
    });
    const [ack] = await rows<{ html: string; text: string }>(
      "SELECT html, text FROM emails WHERE kind = 'visitor-acknowledgement'",
    );
    expect(ack!.text).toContain(`Pick a time now (${href})`);
    expect(ack!.html).toContain(`href="${href.replace(/&/g, '&amp;')}"`);
  });

  it.each([
    ['a contact message', 'contact' as const, contactEntries()],
    [
      'an assessment for a team without booking pages',
      'assessment' as const,
      assessmentEntries({ companySize: '5000+' }),
    ],
  ])('offers nothing after %s', async (_case, form, entries) => {
    const outcome = await newLead(form, entries);
    expect(outcome.booking).toBeUndefined();
    const emails = await rows<{ text: string }>('SELECT text FROM emails');
    expect(emails.map((email) => email.text).join('\n')).not.toContain('Pick a time now');
  });
});

describe('a booking signed by Cal.com', () => {
  it("is the owner's answer: the lead counts as replied and gets no reminder or escalation", async () => {
    const { leadId } = await newLead();
    const answer = await book({ startTime: '2026-11-26T11:00:00.000Z' });
    expect(answer).toEqual({ status: 200, body: { ok: true, matched: true } });
    const lead = await leadState(leadId);
    expect(lead.meeting_at).toBe('2026-11-26T11:00:00.000Z');
    expect(lead.replied_at).not.toBeNull();
    expect(await eventsOf(leadId)).toEqual(['received', 'meeting_booked']);
    const [event] = await rows<{ actor: string; detail: string }>(
      "SELECT actor, detail FROM lead_events WHERE type = 'meeting_booked'",
    );
    expect(event).toEqual({
      actor: 'visitor',
      detail: 'cal.com meeting at 2026-11-26T11:00:00.000Z',
    });

    for (const hours of [20, 24, 30]) {
      expect(
        await queueDeadlineFollowUps(env.DB, settings, new Date(NOW.getTime() + hours * HOUR)),
      ).toEqual({ reminded: 0, escalated: 0 });
    }
  });

  it('without it, the same lead is reminded and escalated (the check above can fail)', async () => {
    await newLead();
    expect(
      await queueDeadlineFollowUps(env.DB, settings, new Date(NOW.getTime() + 20 * HOUR)),
    ).toEqual({
      reminded: 1,
      escalated: 0,
    });
  });

  it('goes to the newest open lead of the attendee, matching the address in any case', async () => {
    const first = await newLead();
    const second = await newLead('assessment', assessmentEntries(), new Date(NOW.getTime() + 1000));
    await book({ attendeeEmail: 'Asha@ACME.example' });
    expect((await leadState(second.leadId)).meeting_at).not.toBeNull();
    expect((await leadState(first.leadId)).meeting_at).toBeNull();
  });

  it('with an attendee we do not know, is kept for the desk and Cal.com hears 200', async () => {
    const answer = await book({ attendeeEmail: 'someone@else.example', uid: 'booking-1' });
    expect(answer).toEqual({ status: 200, body: { ok: true, matched: false } });
    expect(await unmatched()).toEqual([
      expect.objectContaining({ uid: 'booking-1', attendee_email: 'someone@else.example' }),
    ]);
  });

  it('of another kind (a ping, a cancellation) is acknowledged and changes nothing', async () => {
    const { leadId } = await newLead();
    for (const triggerEvent of ['PING', 'BOOKING_CANCELLED']) {
      expect((await book({ triggerEvent })).status).toBe(200);
    }
    expect((await leadState(leadId)).replied_at).toBeNull();
    expect(await unmatched()).toEqual([]);
  });
});

describe.each([
  ['the right secret', {}, {}, 200, true],
  ['a wrong secret', {}, { secret: 'not-the-secret-we-share-with-calcom' }, 401, false],
  ['no signature', {}, { signature: null }, 401, false],
  ['a signature that is not hex', {}, { signature: 'sha256=not-hex' }, 401, false],
  [
    'a stale timestamp (10 minutes old)',
    { createdAt: new Date(NOW.getTime() - 9 * 60_000) },
    {},
    400,
    false,
  ],
  [
    'a timestamp from the future',
    { createdAt: new Date(NOW.getTime() + 10 * 60_000) },
    {},
    400,
    false,
  ],
] as const)('a booking signed with %s', (_case, options, sign, status, stored) => {
  it(`answers ${status} and ${stored ? 'records' : 'stores nothing'}`, async () => {
    const { leadId } = await newLead();
    const answer = await book({ ...options, attendeeEmail: 'asha@acme.example' }, sign);
    expect(answer.status).toBe(status);
    expect((await leadState(leadId)).meeting_at !== null).toBe(stored);
    const unknown = await book({ ...options, attendeeEmail: 'nobody@else.example' }, sign);
    expect(unknown.status).toBe(status);
    expect((await unmatched()).length).toBe(stored ? 1 : 0);
  });
});

describe('a booking delivered again (the same booking uid)', () => {
  it('changes nothing the second time', async () => {
    const { leadId } = await newLead();
    await book({ uid: 'booking-42' });
    const before = await leadState(leadId);
    expect((await book({ uid: 'booking-42' })).status).toBe(200);
    expect(await leadState(leadId)).toEqual(before);
    expect(await eventsOf(leadId)).toEqual(['received', 'meeting_booked']);
    await book({ uid: 'stranger-1', attendeeEmail: 'x@else.example' });
    await book({ uid: 'stranger-1', attendeeEmail: 'x@else.example' });
    expect(await unmatched()).toHaveLength(1);
  });
});

describe('without CALCOM_WEBHOOK_SECRET', () => {
  it('in production, refuses every booking with 503 and logs an error (fails closed)', async () => {
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((line) => void errors.push(String(line)));
    const { leadId } = await newLead();
    const answer = await book(
      {},
      {},
      {
        settings: inProduction(testSettings()),
        now: new Date(NOW.getTime() + 60_000),
      },
    );
    expect(answer.status).toBe(503);
    expect((await leadState(leadId)).meeting_at).toBeNull();
    expect(errors.join('\n')).toMatch(/webhook_secret_missing.*CALCOM_WEBHOOK_SECRET/);
  });
});
