// The fill-time check on one clock: the browser's own elapsed time, never its wall clock against
// ours. A visitor whose clock runs hours ahead is a person like any other.
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { submitLead } from '../../functions/leads/submit';
import { contactEntries, NOW, rows, testSettings } from './helpers';

const SIX_HOURS = 6 * 3600 * 1000;
let ip = 0;

async function statusOf(fields: Record<string, string | undefined>) {
  const outcome = await submitLead(
    { form: 'contact', entries: contactEntries(fields), ip: `198.18.0.${++ip}`, now: NOW },
    // The production default: three seconds at least.
    {
      db: env.DB,
      limiter: env.LEAD_RATE_LIMITER,
      settings: testSettings({ MIN_FILL_SECONDS: '3' }),
    },
  );
  expect(outcome.kind).toBe('accepted');
  const [lead] = await rows<{ status: string; spam_reason: string | null }>(
    'SELECT status, spam_reason FROM leads',
  );
  return lead;
}

beforeEach(async () => {
  await env.DB.batch([env.DB.prepare('DELETE FROM emails'), env.DB.prepare('DELETE FROM leads')]);
});

describe('a visitor whose clock runs six hours ahead', () => {
  it('is received, not quarantined, from a page that sent its wall clock (built before the fix)', async () => {
    // What the form page sent: Date.now() on the visitor's machine, shown ten seconds ago.
    const startedAt = String(NOW.getTime() + SIX_HOURS - 10_000);
    expect(await statusOf({ startedAt, fillMs: undefined, submissionKey: undefined })).toEqual({
      status: 'received',
      spam_reason: null,
    });
  });

  it('is received from a page that sends the time spent on the form by its own clock', async () => {
    const startedAt = String(NOW.getTime() + SIX_HOURS - 10_000);
    expect(await statusOf({ fillMs: '10000', startedAt })).toEqual({
      status: 'received',
      spam_reason: null,
    });
  });
});

describe('the time on the form', () => {
  it.each([
    ['negative', '-5'],
    ['not a number', 'soon'],
    ['a float in exponent form', '1e9'],
    ['more than a week', String(8 * 24 * 3600 * 1000)],
    ['absurdly large', '99999999999999999999'],
    ['empty', ''],
  ])(
    '%s is unknown, so the lead is received, neither refused nor quarantined',
    async (_case, fillMs) => {
      expect(await statusOf({ fillMs })).toEqual({ status: 'received', spam_reason: null });
    },
  );

  it('under MIN_FILL_SECONDS is quarantined as too fast', async () => {
    expect(await statusOf({ fillMs: '1200' })).toEqual({
      status: 'quarantined',
      spam_reason: 'too-fast',
    });
  });
});
