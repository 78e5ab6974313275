// Faults outside our control, and our own Worker stopping mid-way: every stored lead's emails still
// reach the email API exactly once (counted by idempotency key at the stand-in), and a lead D1
// could not store owes nothing. delivery.test.ts rehearses each outage alone; here they mix.
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { deliverDueEmails, deliverEmail } from '../../functions/email/deliver';
import { claimEmail } from '../../functions/email/outbox';
import type { EmailTransport } from '../../functions/email/transport';
import { answerLeadPost } from '../../functions/leads/post';
import type { EmailApiMode } from '../stand-ins/server';
import { contactEntries, NOW, rows } from './helpers';
import { at, clearLeads, emailStatuses, MINUTE, outbox } from './outbox-helpers';

const HOUR = 60 * MINUTE;
// The day below has a few dozen calls that never get an answer: a short timeout keeps it quick.
const day = outbox('faults-day', { EMAIL_TIMEOUT_MS: '100' });
// Elsewhere a generous one, so that a busy machine adds no retries the test did not plan.
const api = outbox('faults', { EMAIL_TIMEOUT_MS: '5000' });
const once = (ids: string[]) => ids.map(() => 1);

beforeEach(async () => {
  await clearLeads();
  await day.emailApi('ok', true);
  await api.emailApi('ok', true);
});

describe('an email API outage that changes face through most of a day', () => {
  // From which hour the API does what. In the lost-answer hour it sends, but the answer never comes.
  // It recovers within the 23 hours after which an email with an unanswered attempt is held
  // (faults-exactly-once.test.ts rehearses a longer one).
  const DAY: [fromHour: number, mode: EmailApiMode][] = [
    [0, 'fail'],
    [6, 'rate-limit'],
    [12, 'timeout'],
    [13, 'lost-answer'],
    [14, 'fail'],
    [20, 'ok'],
  ];

  it('500s, 429s with Retry-After, timeouts and lost answers, then recovery: each email sent once', async () => {
    const ids = await day.storeLeads(4);
    let mode: EmailApiMode = 'ok';
    // Three hours of recovery: a call that still times out on a busy machine is retried within them.
    for (let time = 0; time < 23 * HOUR; time += 5 * MINUTE) {
      await day.controlApi({ clock: at(time).toISOString() });
      const now = DAY.findLast(([fromHour]) => time >= fromHour * HOUR)![1];
      if (now !== mode) await day.emailApi((mode = now));
      if (time === 14 * HOUR) {
        // The API has sent every email, yet none of their answers came back: still pending here.
        expect((await day.sentEmails()).sent).toHaveLength(ids.length);
        expect(await emailStatuses()).toEqual(ids.map(() => 'pending'));
      }
      await day.sweepAt(at(time));
    }
    expect(await day.deliveriesPerEmail()).toEqual(once(ids));
    expect(await emailStatuses()).toEqual(ids.map(() => 'sent'));
    // Backoff keeps a day of outage to about one call per email an hour, not one a sweep.
    const { attempts } = await day.sentEmails();
    expect(attempts).toBeGreaterThan(ids.length * 15);
    expect(attempts).toBeLessThan(ids.length * 40);
  });
});

describe('D1 failing while a lead is stored', () => {
  it('the visitor is told it did not work, nothing of the lead is kept, and no email leaves', async () => {
    // A real D1 error halfway through the batch: the lead row is written, then its first email fails.
    await env.DB.prepare(
      `CREATE TRIGGER emails_fail BEFORE INSERT ON emails
       BEGIN SELECT RAISE(ABORT, 'injected fault'); END`,
    ).run();
    try {
      const request = new Request('http://localhost/contact/send/', {
        method: 'POST',
        body: new URLSearchParams(contactEntries()),
        headers: { accept: 'application/json' },
      });
      const response = (await answerLeadPost(request, 'contact', {
        formPath: '/contact/',
        ip: '203.0.113.250',
        waitUntil: () => {},
      })) as Response;
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({
        ok: false,
        message: expect.stringMatching(/could not take your request.*nothing was sent/),
      });
    } finally {
      await env.DB.prepare('DROP TRIGGER emails_fail').run();
    }
    expect(await rows('SELECT id FROM leads')).toEqual([]);
    expect(await rows('SELECT id FROM emails')).toEqual([]);
    await api.sweepAt(at(MINUTE));
    expect((await api.sentEmails()).attempts).toBe(0);
  });
});

describe('a Worker that stops mid-way', () => {
  it('holding an email when it stopped: the rest go at the next sweep, that one after its lock', async () => {
    // Stored, never delivered (storeLeads stops there), and one email taken by a Worker that died.
    const ids = await api.storeLeads(2);
    const lock = { dueAt: NOW, now: NOW, lockUntil: at(2 * MINUTE) };
    expect(await claimEmail(env.DB, ids[0]!, lock)).not.toBeNull();
    expect(await api.sweepAt(at(MINUTE))).toMatchObject({ sent: ids.length - 1 });
    expect(await api.sweepAt(at(2 * MINUTE))).toMatchObject({ sent: 1 });
    expect(await api.sweepAt(at(3 * MINUTE))).toMatchObject({ sent: 0 });
    expect(await api.deliveriesPerEmail()).toEqual(once(ids));
  });

  it('after the API took an email but before that was recorded: the retry is not a second send', async () => {
    const ids = await api.storeLeads(1);
    const stopsAfterSending: EmailTransport = {
      async send(email) {
        await api.transport.send(email);
        throw new Error('the Worker was stopped');
      },
    };
    await expect(
      deliverEmail(env.DB, stopsAfterSending, ids[0]!, NOW, () => NOW),
    ).rejects.toThrow();
    expect(await api.sweepAt(at(3 * MINUTE))).toMatchObject({ sent: 2 });
    expect(await api.deliveriesPerEmail()).toEqual(once(ids));
    expect((await api.sentEmails()).attempts).toBe(3);
  });
});

describe('several senders at once', () => {
  it('five sweeps and the visitors’ own deliveries racing for the same emails: each sent once', async () => {
    const ids = await api.storeLeads(10);
    await Promise.all([
      ...ids.map((id) => deliverEmail(env.DB, api.transport, id, NOW, () => NOW)),
      ...Array.from({ length: 5 }, () => api.sweepAt(NOW)),
    ]);
    expect(await api.deliveriesPerEmail()).toEqual(once(ids));
    expect(await emailStatuses()).toEqual(ids.map(() => 'sent'));
  });

  it('a sweep that outlives its lock: the next takes the email over, and its key keeps it to one send', async () => {
    const ids = await api.storeLeads(1);
    let sending!: () => void;
    let release!: () => void;
    const inSend = new Promise<void>((resolve) => (sending = resolve));
    const gate = new Promise<void>((resolve) => (release = resolve));
    const stalls: EmailTransport = {
      async send(email) {
        sending();
        await gate;
        return api.transport.send(email);
      },
    };
    const stalled = deliverDueEmails(env.DB, stalls, NOW, { batchSize: 1, clock: () => NOW });
    await inSend;
    // Three minutes on, the stalled sweep's lock has expired: the next sweep sends both emails.
    expect(await api.sweepAt(at(3 * MINUTE))).toMatchObject({ sent: 2 });
    release();
    // Its late answer finds the email taken over and recorded: it records nothing.
    expect(await stalled).toMatchObject({ sent: 0, skipped: 1 });
    expect(await emailStatuses()).toEqual(ids.map(() => 'sent'));
    expect(await api.deliveriesPerEmail()).toEqual(once(ids));
  });
});
