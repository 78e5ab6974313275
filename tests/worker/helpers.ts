// Shared by the worker tests: valid form entries, settings pointed at the stand-ins, and the
// stand-in's controls.
import { env } from 'cloudflare:workers';
import { inject } from 'vitest';
import type { EmailApiMode, SentEmail } from '../stand-ins/server';
import { CONSENT } from '../../src/lib/leads/consent';
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

export const NOW = new Date('2026-11-25T09:00:00Z');
const TEN_SECONDS_AGO = String(NOW.getTime() - 10_000);

export function assessmentEntries(
  overrides: Record<string, string | undefined> = {},
): [string, string][] {
  const values: Record<string, string | undefined> = {
    name: 'Asha Rao',
    email: 'asha@acme.example',
    company: 'Acme Ltd',
    role: 'Head of Data',
    companySize: '250-999',
    industry: 'manufacturing',
    stage: 'pilot-stuck',
    goals: 'Our demand forecasting pilot works, but nobody can run it in production.',
    timeline: 'quarter',
    region: 'india',
    phone: '',
    consent: 'on',
    marketing: 'on',
    consentVersion: CONSENT.version,
    page: '/assessment/',
    referrer: '/blog/why-ai-pilots-stall/',
    utm_source: 'newsletter',
    utm_campaign: 'november',
    tz: 'Europe/London',
    website: '',
    startedAt: TEN_SECONDS_AGO,
    ...overrides,
  };
  return Object.entries(values).filter(
    (entry): entry is [string, string] => entry[1] !== undefined,
  );
}

export function contactEntries(
  overrides: Record<string, string | undefined> = {},
): [string, string][] {
  const values: Record<string, string | undefined> = {
    name: 'Ravi Mehta',
    email: 'ravi@example.org',
    company: '',
    topic: 'partnership',
    message: 'We build data platforms and would like to talk about working together.',
    consent: 'on',
    consentVersion: CONSENT.version,
    page: '/contact/',
    startedAt: TEN_SECONDS_AGO,
    ...overrides,
  };
  return Object.entries(values).filter(
    (entry): entry is [string, string] => entry[1] !== undefined,
  );
}

export async function emailApi(change: { mode?: EmailApiMode; reset?: boolean }, scope = '') {
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
