// The lead pipeline against real D1: what is stored, what is owed, and what is refused.
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { submitLead, type SubmitDeps } from '../../functions/leads/submit';
import { assessmentEntries, contactEntries, NOW, rows, testSettings } from './helpers';

let ip = 0;
// A fresh address per test, so the per-IP limit of one test never touches another.
const nextIp = () => `203.0.113.${++ip}`;
const deps = (overrides: Record<string, string> = {}): SubmitDeps => ({
  db: env.DB,
  limiter: env.LEAD_RATE_LIMITER,
  settings: testSettings(overrides),
});

beforeEach(async () => {
  await env.DB.batch([env.DB.prepare('DELETE FROM emails'), env.DB.prepare('DELETE FROM leads')]);
});

describe('a valid assessment request', () => {
  it('is stored with its attribution and consent, and owes two emails', async () => {
    const outcome = await submitLead(
      { form: 'assessment', entries: assessmentEntries(), ip: nextIp(), now: NOW },
      deps(),
    );
    expect(outcome.kind).toBe('accepted');
    if (outcome.kind !== 'accepted') return;
    expect(outcome.replyBy.toISOString()).toBe('2026-11-26T09:00:00.000Z');

    const [lead] = await rows<Record<string, unknown>>(
      'SELECT * FROM leads WHERE id = ?',
      outcome.leadId,
    );
    expect(lead).toMatchObject({
      form: 'assessment',
      status: 'received',
      name: 'Asha Rao',
      email: 'asha@acme.example',
      company: 'Acme Ltd',
      page: '/assessment/',
      referrer: '/blog/why-ai-pilots-stall/',
      utm_source: 'newsletter',
      utm_campaign: 'november',
      consent_version: '2026-11-25',
      marketing_opt_in: 1,
      visitor_time_zone: 'Europe/London',
      route_team: 'sales',
      received_at: '2026-11-25T09:00:00.000Z',
      reply_by: '2026-11-26T09:00:00.000Z',
    });

    const emails = await rows<{
      kind: string;
      to_addresses: string;
      reply_to: string | null;
      status: string;
      subject: string;
    }>(
      'SELECT kind, to_addresses, reply_to, status, subject FROM emails WHERE lead_id = ? ORDER BY kind',
      outcome.leadId,
    );
    expect(emails).toEqual([
      expect.objectContaining({
        kind: 'sales-notification',
        // The owner, in turn, and the team's shared inbox.
        to_addresses: JSON.stringify(['sales-1@example.com', 'sales@example.com']),
        reply_to: 'asha@acme.example',
        status: 'pending',
      }),
      expect.objectContaining({
        kind: 'visitor-acknowledgement',
        to_addresses: JSON.stringify(['asha@acme.example']),
        status: 'pending',
      }),
    ]);
    expect(emails[0]!.subject).toContain('14:30 IST');
  });

  it('is routed by the rules: a large company goes to enterprise sales', async () => {
    const outcome = await submitLead(
      {
        form: 'assessment',
        entries: assessmentEntries({ companySize: '5000+' }),
        ip: nextIp(),
        now: NOW,
      },
      deps(),
    );
    const [email] = await rows<{ to_addresses: string }>(
      "SELECT to_addresses FROM emails WHERE kind = 'sales-notification'",
    );
    expect(outcome.kind).toBe('accepted');
    expect(JSON.parse(email!.to_addresses)).toEqual([
      'enterprise-1@example.com',
      'enterprise-sales@example.com',
    ]);
  });

  it("uses Cloudflare's time zone when the browser sent none, and IST when neither is known", async () => {
    await submitLead(
      {
        form: 'contact',
        entries: contactEntries(),
        ip: nextIp(),
        cfTimeZone: 'Asia/Dubai',
        now: NOW,
      },
      deps(),
    );
    await submitLead(
      { form: 'contact', entries: contactEntries({ tz: 'Not/AZone' }), ip: nextIp(), now: NOW },
      deps(),
    );
    const zones = await rows<{ visitor_time_zone: string | null }>(
      'SELECT visitor_time_zone FROM leads ORDER BY visitor_time_zone',
    );
    expect(zones.map((row) => row.visitor_time_zone)).toEqual([null, 'Asia/Dubai']);
  });
});

describe('invalid input', () => {
  it.each([
    ['a missing name', { name: '' }, 'name'],
    ['an email without a domain', { email: 'asha@' }, 'email'],
    ['a name with a line break', { name: 'Asha\r\nBcc: victim@example.com' }, 'name'],
    ['no consent', { consent: undefined }, 'consent'],
    ['an outdated consent wording', { consentVersion: '2020-01-01' }, 'consentVersion'],
    ['an unknown company size', { companySize: 'huge' }, 'companySize'],
    ['an extra field', { admin: 'true' }, '_form'],
  ])(
    '%s is refused with a message on the field and nothing is stored',
    async (_case, change, field) => {
      const outcome = await submitLead(
        { form: 'assessment', entries: assessmentEntries(change), ip: nextIp(), now: NOW },
        deps(),
      );
      expect(outcome.kind).toBe('invalid');
      if (outcome.kind === 'invalid') expect(outcome.errors[field]).toMatch(/\w{4,}/);
      expect(await rows('SELECT id FROM leads')).toEqual([]);
    },
  );

  it('refuses a field sent twice', async () => {
    const entries = [...contactEntries(), ['email', 'other@example.org'] as [string, string]];
    const outcome = await submitLead({ form: 'contact', entries, ip: nextIp(), now: NOW }, deps());
    expect(outcome).toMatchObject({
      kind: 'invalid',
      errors: { _form: expect.stringContaining('email') },
    });
  });
});

describe('spam', () => {
  it.each([
    ['the honeypot is filled', { website: 'https://spam.example' }, 'honeypot'],
    ['the form was sent within a second of showing', { fillMs: '800' }, 'too-fast'],
  ])('when %s the lead is quarantined, kept, and owes no email', async (_case, change, reason) => {
    const outcome = await submitLead(
      { form: 'contact', entries: contactEntries(change), ip: nextIp(), now: NOW },
      deps(),
    );
    expect(outcome.kind).toBe('accepted');
    expect(await rows('SELECT status, spam_reason FROM leads')).toEqual([
      { status: 'quarantined', spam_reason: reason },
    ]);
    expect(await rows('SELECT id FROM emails')).toEqual([]);
  });

  it('lifts the fill-time check when MIN_FILL_SECONDS is 0', async () => {
    await submitLead(
      {
        form: 'contact',
        entries: contactEntries({ fillMs: '0' }),
        ip: nextIp(),
        now: NOW,
      },
      deps({ MIN_FILL_SECONDS: '0' }),
    );
    expect(await rows('SELECT status FROM leads')).toEqual([{ status: 'received' }]);
  });

  it('answers the sixth submission from one address within a minute with a retry time', async () => {
    const address = nextIp();
    const kinds: string[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      const outcome = await submitLead(
        { form: 'contact', entries: contactEntries(), ip: address, now: NOW },
        deps(),
      );
      kinds.push(outcome.kind);
    }
    expect(kinds).toEqual([
      'accepted',
      'accepted',
      'accepted',
      'accepted',
      'accepted',
      'rate-limited',
    ]);
    expect((await rows('SELECT id FROM leads')).length).toBe(5);
  });

  it('does not limit when RATE_LIMIT is off', async () => {
    const address = nextIp();
    for (let attempt = 0; attempt < 7; attempt++) {
      await submitLead(
        { form: 'contact', entries: contactEntries(), ip: address, now: NOW },
        deps({ RATE_LIMIT: 'off' }),
      );
    }
    expect((await rows('SELECT id FROM leads')).length).toBe(7);
  });

  describe('with Turnstile on', () => {
    it.each([
      [
        'the always-passing test secret and a token',
        'accepted',
        '1x0000000000000000000000000000000AA',
        'token',
      ],
      [
        'the always-failing test secret',
        'turnstile-failed',
        '2x0000000000000000000000000000000AA',
        'token',
      ],
      ['no token at all', 'turnstile-failed', '1x0000000000000000000000000000000AA', undefined],
    ])('%s: the submission is %s', async (_case, kind, secret, token) => {
      const entries = contactEntries({ 'cf-turnstile-response': token });
      const outcome = await submitLead(
        { form: 'contact', entries, ip: nextIp(), now: NOW },
        deps({ TURNSTILE_SECRET_KEY: secret }),
      );
      expect(outcome.kind).toBe(kind);
      expect((await rows('SELECT id FROM leads')).length).toBe(kind === 'accepted' ? 1 : 0);
    });
  });
});

describe('when D1 fails', () => {
  it('the visitor is told it did not work, and no email is owed for a lead that does not exist', async () => {
    // A real D1 error: the emails table is gone, so the batch that stores the lead fails whole.
    await env.DB.exec('ALTER TABLE emails RENAME TO emails_away');
    try {
      const outcome = await submitLead(
        { form: 'contact', entries: contactEntries(), ip: nextIp(), now: NOW },
        deps(),
      );
      expect(outcome.kind).toBe('unavailable');
      expect(await rows('SELECT id FROM leads')).toEqual([]);
    } finally {
      await env.DB.exec('ALTER TABLE emails_away RENAME TO emails');
    }
  });
});
