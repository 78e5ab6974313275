// Emails owed by stored leads reach the email API exactly once, whatever the API does meanwhile.
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { deliverDueEmails, GIVE_UP_AFTER_MS } from '../../functions/email/deliver';
import { transportFor } from '../../functions/email/transport';
import { NOW, rows, testSettings } from './helpers';
import { at, clearLeads, MINUTE, outbox } from './outbox-helpers';

const { deliveriesPerEmail, emailApi, sentEmails, storeLeads, sweepAt } = outbox('delivery');

async function statuses() {
  return rows<{
    status: string;
    attempts: number;
    next_attempt_at: string;
    last_error: string | null;
  }>('SELECT status, attempts, next_attempt_at, last_error FROM emails ORDER BY id');
}

beforeEach(async () => {
  await clearLeads();
  await emailApi('ok', true);
});

describe('with the email API up', () => {
  it('the sweep sends each email once, with the visitor as reply-to on the sales copy', async () => {
    await storeLeads(2);
    expect(await sweepAt(NOW)).toMatchObject({ sent: 4, retry: 0, failed: 0 });
    expect(await sweepAt(at(MINUTE))).toMatchObject({ sent: 0 });
    expect(await deliveriesPerEmail()).toEqual([1, 1, 1, 1]);
    const { sent } = await sentEmails();
    const sales = sent.find((email) => email.to.includes('sales@example.com'))!;
    expect(sales.replyTo).toBe('asha@acme.example');
    expect(sales.from).toContain('example.com');
    expect((await statuses()).every((email) => email.status === 'sent')).toBe(true);
  });

  it('two sweeps running at the same moment never send the same email twice', async () => {
    await storeLeads(3);
    const [first, second] = await Promise.all([sweepAt(NOW), sweepAt(NOW)]);
    expect(first.sent + second.sent).toBe(6);
    expect(await deliveriesPerEmail()).toEqual([1, 1, 1, 1, 1, 1]);
  });
});

describe.each([
  ['answers 500', 'fail' as const, /resend 500/],
  ['does not answer at all', 'timeout' as const, /timeout/],
])('when the email API %s', (_case, mode, error) => {
  it('the emails stay pending, back off, and go exactly once after it recovers', async () => {
    await storeLeads(2);
    await emailApi(mode);
    expect(await sweepAt(NOW)).toMatchObject({ sent: 0, retry: 4 });
    const pending = await statuses();
    expect(pending.every((email) => email.status === 'pending' && email.attempts === 1)).toBe(true);
    expect(pending[0]!.last_error).toMatch(error);
    expect(pending[0]!.next_attempt_at).toBe(at(MINUTE).toISOString());

    // Not yet due: a sweep half a minute later leaves them alone.
    expect(await sweepAt(at(MINUTE / 2))).toMatchObject({ sent: 0, retry: 0 });

    await emailApi('ok');
    expect(await sweepAt(at(MINUTE))).toMatchObject({ sent: 4 });
    expect(await sweepAt(at(10 * MINUTE))).toMatchObject({ sent: 0 });
    expect(await deliveriesPerEmail()).toEqual([1, 1, 1, 1]);
  });
});

describe('retry policy', () => {
  it('waits as long as a 429 asks before trying again', async () => {
    await storeLeads(1);
    await emailApi('rate-limit');
    await sweepAt(NOW);
    const [first] = await statuses();
    expect(first!.next_attempt_at).toBe(at(2 * MINUTE).toISOString());
  });

  it('keeps retrying through a day-long outage, then delivers once', async () => {
    await storeLeads(1);
    await emailApi('fail');
    let sweeps = 0;
    for (let time = 0; time <= 24 * 60 * MINUTE; time += 5 * MINUTE) {
      await sweepAt(at(time));
      sweeps++;
    }
    const attempts = (await statuses()).map((email) => email.attempts);
    // Backoff caps at an hour: a day of outage costs each email about thirty attempts, not 288.
    expect(attempts.every((count) => count > 20 && count < 40)).toBe(true);
    expect(sweeps).toBe(289);
    await emailApi('ok');
    await sweepAt(at(25 * 60 * MINUTE));
    expect(await deliveriesPerEmail()).toEqual([1, 1]);
  });

  it('marks an email failed, and reports it, when the API refuses it for good', async () => {
    await storeLeads(1);
    await emailApi('reject');
    expect(await sweepAt(NOW)).toMatchObject({ failed: 2 });
    expect((await statuses()).map((email) => email.status)).toEqual(['failed', 'failed']);
    expect(await sweepAt(at(60 * MINUTE))).toMatchObject({ sent: 0, failed: 0 });
  });

  it('gives up after three days of failures but keeps the email and its error', async () => {
    await storeLeads(1);
    await emailApi('fail');
    await sweepAt(at(GIVE_UP_AFTER_MS));
    const failed = await statuses();
    expect(failed.map((email) => email.status)).toEqual(['failed', 'failed']);
    expect(failed[0]!.last_error).toMatch(/resend 500/);
  });
});

describe('without a Resend key', () => {
  it('captures emails locally in development instead of sending them', async () => {
    await storeLeads(1);
    const local = testSettings({ RESEND_API_KEY: '' }, 'delivery');
    await deliverDueEmails(env.DB, transportFor({ ...local, RESEND_API_KEY: undefined }), NOW, {
      clock: () => NOW,
    });
    expect((await statuses()).map((email) => email.status)).toEqual(['captured', 'captured']);
    expect((await sentEmails()).attempts).toBe(0);
  });

  it('never pretends in production: the emails wait, with the reason recorded', async () => {
    await storeLeads(1);
    // Production as the transport sees it (readSettings would refuse this checkout's placeholders).
    const production = {
      ...testSettings({}, 'delivery'),
      ENVIRONMENT: 'production' as const,
      RESEND_API_KEY: undefined,
    };
    await deliverDueEmails(env.DB, transportFor(production), NOW, { clock: () => NOW });
    const waiting = await statuses();
    expect(waiting.map((email) => email.status)).toEqual(['pending', 'pending']);
    expect(waiting[0]!.last_error).toMatch(/RESEND_API_KEY is not set/);
  });
});
