// Shared by the worker tests: valid form entries, settings pointed at the stand-ins, and the
// stand-in's controls.
import { env } from 'cloudflare:workers';
import { inject } from 'vitest';
import type { EmailApiControl, SentEmail } from '../stand-ins/server';
import { ASSESSMENT_SAMPLE, CONTACT_SAMPLE } from '../fixtures/lead-samples';
import { readSettings, type Settings } from '../../functions/settings';

export const standInUrl = () => inject('standInUrl');
/** The stand-in's email API for one scope: test files that change its mode each use their own. */
const emailApiUrl = (scope: string) => (scope ? `${standInUrl()}/t/${scope}` : standInUrl());

export function testSettings(overrides: Record<string, string> = {}, scope = ''): Settings {
  return readSettings({
    ...env,
    RESEND_API_KEY: 're_test_key',
    RESEND_BASE_URL: emailApiUrl(scope),
    TURNSTILE_VERIFY_URL: `${standInUrl()}/turnstile/siteverify`,
    EMAIL_TIMEOUT_MS: '300',
    ...overrides,
  });
}

/**
 * Settings as a production Worker sees them, once its real settings are in place: readSettings
 * refuses this checkout's placeholders in production (as it should), so tests of production
 * behaviour start from the test settings and only flip the environment.
 */
export const inProduction = (settings: Settings): Settings => ({
  ...settings,
  ENVIRONMENT: 'production',
});

export const NOW = new Date('2026-11-25T09:00:00Z');
/** Ten seconds on the form, by the browser's own clock. */
const TEN_SECONDS = '10000';

type Overrides = Record<string, string | undefined>;

/**
 * Form entries as a browser with JavaScript sends them, a new page view each call (so a new
 * submission key); an override of `undefined` leaves the field out.
 */
function entries(values: Overrides): [string, string][] {
  const withKey: Overrides = { submissionKey: crypto.randomUUID(), ...values };
  return Object.entries(withKey).filter(
    (entry): entry is [string, string] => entry[1] !== undefined,
  );
}

export const assessmentEntries = (overrides: Overrides = {}) =>
  entries({
    ...ASSESSMENT_SAMPLE,
    phone: '',
    utm_campaign: 'november',
    tz: 'Europe/London',
    website: '',
    fillMs: TEN_SECONDS,
    ...overrides,
  });

export const contactEntries = (overrides: Overrides = {}) =>
  entries({ ...CONTACT_SAMPLE, company: '', fillMs: TEN_SECONDS, ...overrides });

export async function emailApi(change: EmailApiControl, scope = '') {
  await fetch(`${emailApiUrl(scope)}/_control`, { method: 'POST', body: JSON.stringify(change) });
}

export async function sentEmails(scope = ''): Promise<{ attempts: number; sent: SentEmail[] }> {
  return (await fetch(`${emailApiUrl(scope)}/_sent`)).json();
}

export async function rows<T>(sql: string, ...binds: unknown[]): Promise<T[]> {
  return (
    await env.DB.prepare(sql)
      .bind(...binds)
      .all<T>()
  ).results;
}
