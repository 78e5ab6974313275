// What the Worker's logs say about a lead, for anyone who can read them (Cloudflare observability):
// ids, counts and codes for every step of its journey, never a name, an address or a message.
import { env } from 'cloudflare:workers';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { submitLead } from '../../functions/leads/submit';
import { assessmentEntries, NOW } from './helpers';
import { at, clearLeads, MINUTE, outbox } from './outbox-helpers';

const api = outbox('logs');
const PERSONAL = {
  name: 'Priya Quietname',
  email: 'priya.private@example.net',
  company: 'Hush Industries',
  phone: '+91 99999 11111',
  goals: 'Confidential: our merger plans need a forecasting model.',
};
const lines: string[] = [];

beforeEach(async () => {
  await clearLeads();
  await api.emailApi('ok', true);
  for (const level of ['log', 'warn', 'error'] as const) {
    vi.spyOn(console, level).mockImplementation((...args) => void lines.push(args.join(' ')));
  }
});

afterEach(() => {
  vi.restoreAllMocks();
});

const submit = (change: Record<string, string> = {}) =>
  submitLead(
    {
      form: 'assessment',
      entries: assessmentEntries({ ...PERSONAL, ...change }),
      ip: '203.0.113.9',
      now: NOW,
    },
    { db: env.DB, limiter: env.LEAD_RATE_LIMITER, settings: api.settings },
  );

it('a lead received, quarantined, not stored, retried and failed leaves no personal data in the logs', async () => {
  expect((await submit()).kind).toBe('accepted');
  expect((await submit({ website: 'https://spam.example' })).kind).toBe('accepted');
  await env.DB.prepare(
    `CREATE TRIGGER leads_fail BEFORE INSERT ON leads BEGIN SELECT RAISE(ABORT, 'fault'); END`,
  ).run();
  expect((await submit()).kind).toBe('unavailable');
  await env.DB.prepare('DROP TRIGGER leads_fail').run();
  await api.emailApi('fail');
  await api.sweepAt(NOW);
  await api.emailApi('reject');
  await api.sweepAt(at(MINUTE));

  const logs = lines.join('\n');
  for (const event of ['lead_received', 'lead_quarantined', 'lead_store_failed']) {
    expect(logs).toContain(event);
  }
  for (const event of ['email_retry', 'email_failed']) expect(logs).toContain(event);
  for (const value of Object.values(PERSONAL)) expect(logs).not.toContain(value);
  expect(logs).not.toContain('priya');
});
