// Turnstile needs its two halves: the site key built into the pages and the secret in the Worker.
// One without the other is a configuration error, logged when the Worker reads its settings and
// reported by /api/health/ as failing. In a file of its own: each problem is logged once per
// Worker instance, and no other test here reads settings first.
import { env } from 'cloudflare:workers';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { healthReport, healthStatusCode } from '../../functions/health';
import { configProblems, readSettings } from '../../functions/settings';
import { NOW } from './helpers';

const PASS = '1x0000000000000000000000000000000AA';

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
    const both = readSettings({ ...env, TURNSTILE_SECRET_KEY: PASS }, { turnstileSiteKey: 'x' });
    expect(configProblems(both, { turnstileSiteKey: '0x4AAAAAAAsitekey' })).toEqual([]);
    expect(configProblems(readSettings(env, {}), {})).toEqual([]);
  });
});
