// Turnstile as it fails in real life: Cloudflare unreachable takes the lead, flagged as not
// checked; a token solved on another site is refused; a half-configured Turnstile is reported.
import { env } from 'cloudflare:workers';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { healthReport, healthStatusCode } from '../../functions/health';
import { submitLead } from '../../functions/leads/submit';
import { configProblems, readSettings } from '../../functions/settings';
import { contactEntries, NOW, rows, standInUrl, testSettings } from './helpers';

const PASS = '1x0000000000000000000000000000000AA';
const UNREACHABLE_LINE = 'Turnstile could not be reached: not verified as a person';
let ip = 0;

async function submit(settings: Record<string, string>) {
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
      settings: testSettings({ TURNSTILE_TIMEOUT_MS: '300', ...settings }),
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
    const production = await submit({
      TURNSTILE_SECRET_KEY: PASS,
      ENVIRONMENT: 'production',
      SITE_URL: 'https://www.nyarro.example',
    });
    expect(production.kind).toBe('turnstile-failed');
    expect(await stored()).toEqual([{ status: 'received', person_check: 'verified' }]);
  });
});

describe('a half-configured Turnstile', () => {
  const lines: string[] = [];
  beforeEach(() => {
    lines.length = 0;
    vi.spyOn(console, 'error').mockImplementation((...args) => void lines.push(args.join(' ')));
  });
  afterEach(() => vi.restoreAllMocks());

  const settingsWith = (secret?: string) =>
    readSettings(
      {
        ...env,
        TURNSTILE_VERIFY_URL: `${standInUrl()}/turnstile/siteverify`,
        ...(secret ? { TURNSTILE_SECRET_KEY: secret } : {}),
      },
      { turnstileSiteKey: secret ? undefined : '0x4AAAAAAAsitekey' },
    );

  it.each([
    ['a site key at build but no secret in the Worker', undefined, /no TURNSTILE_SECRET_KEY/],
    ['a secret in the Worker but no site key at build', PASS, /without PUBLIC_TURNSTILE_SITE_KEY/],
  ])('(%s) is logged when settings are read, and health fails', async (_case, secret, message) => {
    const settings = settingsWith(secret);
    expect(lines.join('\n')).toMatch(/"event":"config_problem"/);
    expect(lines.join('\n')).toMatch(message);
    const problems = configProblems(settings, {
      turnstileSiteKey: secret ? undefined : '0x4AAAAAAAsitekey',
    });
    const health = await healthReport(env.DB, NOW, problems);
    expect(health.status).toBe('failing');
    expect(health.config).toEqual([expect.stringMatching(message)]);
    expect(healthStatusCode(health)).toBe(503);
  });

  it('is no problem with both or neither', () => {
    const settings = testSettings({ TURNSTILE_SECRET_KEY: PASS });
    expect(configProblems(settings, { turnstileSiteKey: '0x4AAAAAAAsitekey' })).toEqual([]);
    expect(configProblems(testSettings(), {})).toEqual([]);
  });
});
