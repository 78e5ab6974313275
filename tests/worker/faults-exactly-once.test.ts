// Exactly once, for real (issue 11, items 8 and 9), against a stand-in as honest as Resend: it
// forgets idempotency keys after 24 hours on a clock the test moves, and answers 409 to a second
// request while the first with its key is still being processed. Counted at the stand-in, no email
// is ever sent twice: not by a sweep that outlives its lock, not by a stale sender, not by a retry
// after the provider has forgotten the key.
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { deliverDueEmails, deliverEmail, HOLD_AFTER_MS } from '../../functions/email/deliver';
import { markSentStatements, replayStatements } from '../../functions/email/outbox';
import type { EmailTransport } from '../../functions/email/transport';
import { healthReport } from '../../functions/health';
import { NOW, rows } from './helpers';
import { at, clearLeads, emailStatuses, MINUTE, outbox } from './outbox-helpers';

const api = outbox('faults-once', { EMAIL_TIMEOUT_MS: '1000' });
// For a request the API takes a second over: a timeout well beyond it, even on a busy machine.
const slowApi = outbox('faults-once-slow', { EMAIL_TIMEOUT_MS: '10000' });
const HOUR = 60 * MINUTE;
const once = (ids: string[]) => ids.map(() => 1);

beforeEach(async () => {
  await clearLeads();
  await api.emailApi('ok', true);
  await slowApi.emailApi('ok', true);
});

/** A promise the test resolves by hand, to stall a sender at a chosen point. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

async function run(statements: string[]) {
  for (const sql of statements) await env.DB.prepare(sql).run();
}

describe('a sweep that outlives its lock', () => {
  it('locks what it takes late on the wall clock, so the next sweep leaves it alone: one send', async () => {
    const ids = await api.storeLeads(1);
    let wall = NOW;
    const reached = gate();
    const stall = gate();
    let calls = 0;
    // The first email takes three minutes; the sweep then takes the second one and stalls on it.
    const slow: EmailTransport = {
      async send(email) {
        calls += 1;
        if (calls === 1) wall = at(3 * MINUTE);
        else {
          reached.open();
          await stall.opened;
        }
        return api.transport.send(email);
      },
    };
    const first = deliverDueEmails(env.DB, slow, NOW, { clock: () => wall });
    await reached.opened;
    // The next trigger, three minutes after the first: the second email is being sent right now.
    const next = await deliverDueEmails(env.DB, api.transport, at(3 * MINUTE), {
      clock: () => at(3 * MINUTE),
    });
    expect(next).toMatchObject({ sent: 0 });
    stall.open();
    expect(await first).toMatchObject({ sent: 2 });
    expect(await api.deliveriesPerEmail()).toEqual(once(ids));
    expect((await api.sentEmails()).attempts).toBe(2);
  });

  it('its late answer, whatever it says, cannot overwrite the outcome of the sender that took over', async () => {
    const ids = await api.storeLeads(1);
    const reached = gate();
    const stall = gate();
    const stalls: EmailTransport = {
      async send(email) {
        reached.open();
        await stall.opened;
        return api.transport.send(email);
      },
    };
    const stale = deliverEmail(env.DB, stalls, ids[0]!, NOW, () => NOW);
    await reached.opened;
    // Its lock expired: the next sweep takes the email over and sends it.
    expect(await api.sweepAt(at(3 * MINUTE))).toMatchObject({ sent: 2 });
    // Then the stale sender's call comes back refused.
    await api.emailApi('reject');
    stall.open();
    expect(await stale).toBe('skipped');
    expect(await emailStatuses()).toEqual(['sent', 'sent']);
    expect(await api.deliveriesPerEmail()).toEqual(once(ids));
  });

  it('a second request while the first with its key is in flight gets a 409, and is retried: one send', async () => {
    const ids = await slowApi.storeLeads(1);
    await slowApi.controlApi({ delayMs: 1000 });
    const stale = deliverEmail(env.DB, slowApi.transport, ids[0]!, NOW, () => NOW);
    // Wait until the first request is being processed by the API.
    while ((await slowApi.sentEmails()).attempts === 0) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const late = at(3 * MINUTE);
    expect(await deliverEmail(env.DB, slowApi.transport, ids[0]!, late, () => late)).toBe('retry');
    const [retried] = await rows<{ last_error: string }>(
      'SELECT last_error FROM emails WHERE id = ?',
      ids[0],
    );
    expect(retried!.last_error).toMatch(/409: concurrent_idempotent_requests/);
    // The first answer arrives for a claim that is no longer current: it records nothing.
    expect(await stale).toBe('skipped');
    await slowApi.controlApi({ delayMs: 0 });
    expect(await slowApi.sweepAt(at(5 * MINUTE))).toMatchObject({ sent: 2 });
    expect(await slowApi.deliveriesPerEmail()).toEqual(once(ids));
  });
});

describe('an answer lost, then an outage longer than the provider remembers keys', () => {
  it('holds the emails for a person instead of sending them a second time', async () => {
    const ids = await api.storeLeads(1);
    await api.controlApi({ mode: 'lost-answer', clock: NOW.toISOString() });
    await api.sweepAt(NOW);
    // Sent, but we never heard: then the API fails for a day and a quarter.
    expect((await api.sentEmails()).sent).toHaveLength(2);
    await api.emailApi('fail');
    // Then it recovers, and the sweeps go on for two more hours.
    for (let time = 30 * MINUTE; time <= 32 * HOUR; time += 30 * MINUTE) {
      if (time === 30 * HOUR) await api.emailApi('ok');
      await api.controlApi({ clock: at(time).toISOString() });
      await api.sweepAt(at(time));
    }
    expect(await api.deliveriesPerEmail()).toEqual(once(ids));
    const held = await rows<{ status: string; last_error: string }>(
      'SELECT status, last_error FROM emails ORDER BY id',
    );
    expect(held).toEqual(
      ids.map(() => ({ status: 'held', last_error: expect.stringMatching(/check the provider/) })),
    );
    expect(await healthReport(env.DB, at(32 * HOUR))).toMatchObject({
      status: 'failing',
      outbox: { held: 2, staffEmailsAtRisk: 1 },
    });

    // A replay without a person's confirmation leaves held emails alone.
    await run(replayStatements({ ids: [], held: false }, at(33 * HOUR)));
    expect(await emailStatuses()).toEqual(['held', 'held']);
    // The person finds both in the provider's logs: recorded as sent, and never sent again.
    await run(markSentStatements(ids, at(33 * HOUR)));
    expect(await emailStatuses()).toEqual(['sent', 'sent']);
    await api.sweepAt(at(34 * HOUR));
    expect(await api.deliveriesPerEmail()).toEqual(once(ids));
    expect((await healthReport(env.DB, at(34 * HOUR))).status).toBe('ok');
  });

  it('keeps retrying an email every attempt of which was clearly refused, past the 23 hours', async () => {
    const ids = await api.storeLeads(1);
    await api.emailApi('bad-key');
    for (let time = 0; time <= HOLD_AFTER_MS + 2 * HOUR; time += HOUR) await api.sweepAt(at(time));
    expect(await emailStatuses()).toEqual(['pending', 'pending']);
    await api.emailApi('ok');
    await api.sweepAt(at(HOLD_AFTER_MS + 3 * HOUR));
    expect(await api.deliveriesPerEmail()).toEqual(once(ids));
  });
});

describe('replaying the outbox', () => {
  it('sends failed emails again once each, and held ones only when a person confirmed', async () => {
    const ids = await api.storeLeads(2);
    await api.emailApi('reject');
    await api.sweepAt(NOW);
    expect(await emailStatuses()).toEqual(ids.map(() => 'failed'));
    await env.DB.prepare(`UPDATE emails SET status = 'held' WHERE id = ?`).bind(ids[0]).run();

    await api.emailApi('ok');
    await run(replayStatements({ ids: [], held: false }, at(HOUR)));
    expect(await api.sweepAt(at(HOUR))).toMatchObject({ sent: ids.length - 1, failed: 0 });
    expect((await emailStatuses()).filter((status) => status === 'held')).toHaveLength(1);

    await run(replayStatements({ ids: [ids[0]!], held: true }, at(2 * HOUR)));
    expect(await api.sweepAt(at(2 * HOUR))).toMatchObject({ sent: 1 });
    expect(await emailStatuses()).toEqual(ids.map(() => 'sent'));
    expect(await api.deliveriesPerEmail()).toEqual(once(ids));
  });
});
