// Settings fail closed: a Worker that is not told it is in development runs as production, and
// production refuses the placeholders a checkout starts with, naming each; while it does, no POST
// is taken in, and the answer says so rather than "thank you".
import { describe, expect, it } from 'vitest';
import { refusedWhileMisconfigured } from '../../functions/closed';
import { checkSettings, configProblems, linkSecret, readSettings } from '../../functions/settings';
import { ROUTING } from '../../functions/teams';
import type { Routing } from '../../src/lib/leads/routing-schema';

/** wrangler.jsonc's vars as a checkout has them, without ENVIRONMENT (a named environment). */
const CHECKOUT = {
  SITE_URL: 'https://www.example.com',
  EMAIL_FROM: 'Nyarro Technologies <hello@example.com>',
};

/** A deployment with every setting real, and a routing file with real addresses. */
const READY = {
  SITE_URL: 'https://www.nyarro.in',
  EMAIL_FROM: 'Nyarro Technologies <hello@nyarro.in>',
  LEAD_LINK_SECRET: 'a'.repeat(64),
  RESEND_API_KEY: 're_live',
};
const realRouting: Routing = JSON.parse(
  JSON.stringify(ROUTING).replaceAll('@example.com', '@nyarro.in'),
) as Routing;

describe('without ENVIRONMENT', () => {
  it('runs as production, with no built-in link secret', () => {
    const settings = readSettings(READY, {}, realRouting);
    expect(settings.ENVIRONMENT).toBe('production');
    expect(linkSecret({ ...settings, LEAD_LINK_SECRET: undefined })).toBeUndefined();
  });

  it('refuses the placeholders, naming each', () => {
    const checked = checkSettings(CHECKOUT);
    expect(checked.ok).toBe(false);
    const problems = checked.ok ? [] : checked.problems;
    expect(problems).toEqual([
      expect.stringMatching(/^SITE_URL: https:\/\/www\.example\.com is a placeholder/),
      expect.stringMatching(
        /^EMAIL_FROM: Nyarro Technologies <hello@example\.com> is a placeholder/,
      ),
      expect.stringMatching(/^LEAD_LINK_SECRET: not set/),
      expect.stringMatching(/^content\/routing\.json: placeholder addresses .*sales@example\.com/),
    ]);
    expect(() => readSettings(CHECKOUT)).toThrow(/SITE_URL.*EMAIL_FROM.*LEAD_LINK_SECRET/);
  });
});

describe('in production', () => {
  it.each([
    ['SITE_URL', { SITE_URL: 'https://staging.example.org' }],
    ['SITE_URL', { SITE_URL: 'http://localhost:4321' }],
    ['EMAIL_FROM', { EMAIL_FROM: 'hello@nyarro.test' }],
    ['LEAD_LINK_SECRET', { LEAD_LINK_SECRET: '' }],
  ])('refuses a placeholder %s alone', (name, change) => {
    const checked = checkSettings({ ...READY, ...change }, realRouting);
    expect(checked.ok ? [] : checked.problems).toEqual([expect.stringMatching(`^${name}: `)]);
  });

  it('takes a deployment with real settings', () => {
    expect(checkSettings({ ...READY, ENVIRONMENT: 'production' }, realRouting).ok).toBe(true);
  });
});

describe('development is an explicit opt-in', () => {
  it('accepts the placeholders and signs links with the built-in secret', () => {
    const settings = readSettings({ ...CHECKOUT, ENVIRONMENT: 'development' });
    expect(settings.ENVIRONMENT).toBe('development');
    expect(linkSecret(settings)).toBeDefined();
  });
});

describe('while the settings are refused, nothing is taken in', () => {
  const post = (accept: string) =>
    new Request('https://www.example.com/contact/send/', {
      method: 'POST',
      headers: { accept },
      body: 'name=Ravi',
    });

  it('a form sent by the page script gets a 503 and a message, never "thank you"', async () => {
    const answer = refusedWhileMisconfigured(post('application/json'), CHECKOUT);
    expect(answer?.status).toBe(503);
    const body = (await answer!.json()) as { ok: boolean; message: string };
    expect(body.ok).toBe(false);
    expect(body.message).toMatch(/nothing you sent was stored/);
  });

  it('a form sent without JavaScript gets the same, as text', async () => {
    const answer = refusedWhileMisconfigured(post('text/html'), CHECKOUT);
    expect(answer?.status).toBe(503);
    expect(await answer!.text()).toMatch(/cannot take forms/);
  });

  it('pages still show, and a ready Worker takes everything', () => {
    expect(refusedWhileMisconfigured(new Request('https://x.in/'), CHECKOUT)).toBeNull();
    expect(
      refusedWhileMisconfigured(post('application/json'), {
        ...CHECKOUT,
        ENVIRONMENT: 'development',
      }),
    ).toBeNull();
  });
});

describe('the delivery canary', () => {
  const DEV = { ...CHECKOUT, ENVIRONMENT: 'development' };

  it('is off unless CANARY_TO is set, and runs every 6 hours with 30 minutes to arrive', () => {
    expect(readSettings(DEV, {}).CANARY_TO).toBeUndefined();
    expect(readSettings({ ...DEV, CANARY_TO: 'canary@nyarro.in' }, {})).toMatchObject({
      CANARY_TO: 'canary@nyarro.in',
      CANARY_INTERVAL_HOURS: 6,
      CANARY_DEADLINE_MINUTES: 30,
    });
  });

  it.each([
    ['CANARY_TO', 'not an address', /CANARY_TO must be one email address/],
    ['CANARY_TO', 'a@x.in, b@x.in', /CANARY_TO must be one email address/],
    ['CANARY_INTERVAL_HOURS', 'six', /CANARY_INTERVAL_HOURS must be a number of hours/],
    ['CANARY_INTERVAL_HOURS', '1.5', /CANARY_INTERVAL_HOURS must be whole hours/],
    ['CANARY_INTERVAL_HOURS', '0', /CANARY_INTERVAL_HOURS must be between 1 and 24/],
    ['CANARY_DEADLINE_MINUTES', '2', /CANARY_DEADLINE_MINUTES must be between 5 and 240/],
  ])('refuses %s=%s, naming the fix', (name, value, message) => {
    const checked = checkSettings({ ...DEV, CANARY_TO: 'canary@nyarro.in', [name]: value });
    expect(checked.ok ? [] : checked.problems).toEqual([
      expect.stringMatching(new RegExp(`^${name}: .*${message.source}`)),
    ]);
  });

  it('refuses a placeholder CANARY_TO in production, and takes a real one', () => {
    const placeholder = checkSettings({ ...READY, CANARY_TO: 'canary@example.com' }, realRouting);
    expect(placeholder.ok ? [] : placeholder.problems).toEqual([
      expect.stringMatching(/^CANARY_TO: canary@example\.com is a placeholder/),
    ]);
    expect(checkSettings({ ...READY, CANARY_TO: 'canary@nyarro.in' }, realRouting).ok).toBe(true);
  });

  it('names a canary that cannot pass: a deadline past the next canary, no way to prove delivery', () => {
    const settings = readSettings(
      {
        ...READY,
        CANARY_TO: 'canary@nyarro.in',
        CANARY_INTERVAL_HOURS: '1',
        CANARY_DEADLINE_MINUTES: '60',
      },
      {},
      realRouting,
    );
    expect(configProblems(settings, {})).toEqual([
      expect.stringMatching(/^CANARY_DEADLINE_MINUTES must be shorter than CANARY_INTERVAL_HOURS/),
      expect.stringMatching(/^CANARY_TO is set but RESEND_WEBHOOK_SECRET is not/),
    ]);
    const fixed = { ...settings, CANARY_DEADLINE_MINUTES: 30, RESEND_WEBHOOK_SECRET: 'whsec_x' };
    expect(configProblems(fixed, {})).toEqual([]);
  });
});
