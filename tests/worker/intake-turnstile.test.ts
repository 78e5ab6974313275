// Turnstile as it fails in real life: Cloudflare unreachable takes the lead, flagged as not
// checked; a token solved on another site is refused.
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { submitLead } from '../../functions/leads/submit';
import { contactEntries, NOW, rows, testSettings, inProduction } from './helpers';

const PASS = '1x0000000000000000000000000000000AA';
const UNREACHABLE_LINE = 'Turnstile could not be reached: not verified as a person';
let ip = 0;

async function submit(settings: Record<string, string>, production = false) {
  const chosen = testSettings({ TURNSTILE_TIMEOUT_MS: '300', ...settings });
  return submitLead(
    {
      form: 'contact',
      entries: contactEntries({ 'cf-turnstile-response': 'token' }),
      ip: `198.18.1.${++ip}`,
      now: NOW,
    },
    {
      db: env.DB,
      limiter: env.LEAD_RATE_LIMITER,
      settings: production ? inProduction(chosen) : chosen,
    },
  );
}

const stored = () =>
  rows<{ status: string; person_check: string | null }>('SELECT status, person_check FROM leads');

beforeEach(async () => {
  await env.DB.batch([env.DB.prepare('DELETE FROM emails'), env.DB.prepare('DELETE FROM leads')]);
});

describe('when Cloudflare cannot be reached', () => {
  it.each([
    ['siteverify never answers', { TURNSTILE_SECRET_KEY: 'fault-hang' }],
    ['siteverify answers 503', { TURNSTILE_SECRET_KEY: 'fault-503' }],
    ['siteverify answers 500', { TURNSTILE_SECRET_KEY: 'fault-500' }],
    [
      'nothing listens at its address',
      { TURNSTILE_SECRET_KEY: PASS, TURNSTILE_VERIFY_URL: 'http://127.0.0.1:9/siteverify' },
    ],
  ])(
    '(%s) the lead is taken, and the sales email says it is not verified',
    async (_case, settings) => {
      const outcome = await submit(settings);
      expect(outcome.kind).toBe('accepted');
      expect(await stored()).toEqual([{ status: 'received', person_check: 'unverified' }]);
      const [sales] = await rows<{ html: string; text: string }>(
        "SELECT html, text FROM emails WHERE kind = 'sales-notification'",
      );
      expect(sales?.text).toContain(UNREACHABLE_LINE);
      expect(sales?.html).toContain(UNREACHABLE_LINE);
    },
  );
});

describe("the hostname in Turnstile's answer", () => {
  it("is the site's own: verified", async () => {
    const outcome = await submit({
      TURNSTILE_SECRET_KEY: 'fault-host:www.nyarro.example',
      SITE_URL: 'https://www.nyarro.example',
    });
    expect(outcome.kind).toBe('accepted');
    expect(await stored()).toEqual([{ status: 'received', person_check: 'verified' }]);
    const [sales] = await rows<{ text: string }>(
      "SELECT text FROM emails WHERE kind = 'sales-notification'",
    );
    expect(sales?.text).not.toContain(UNREACHABLE_LINE);
  });

  it('is another site: the token proves nothing here, and nothing is stored', async () => {
    const outcome = await submit({ TURNSTILE_SECRET_KEY: 'fault-other-host' });
    expect(outcome.kind).toBe('turnstile-failed');
    expect(await stored()).toEqual([]);
  });

  it('is the test keys\' "example.com": accepted in development, refused in production', async () => {
    expect((await submit({ TURNSTILE_SECRET_KEY: PASS })).kind).toBe('accepted');
    const production = await submit(
      { TURNSTILE_SECRET_KEY: PASS, SITE_URL: 'https://www.nyarro.example' },
      true,
    );
    expect(production.kind).toBe('turnstile-failed');
    expect(await stored()).toEqual([{ status: 'received', person_check: 'verified' }]);
  });
});
