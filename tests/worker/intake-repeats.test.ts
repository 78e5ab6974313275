// One submission, one lead: a form POST sent again (a browser retrying a POST without
// JavaScript, a script resending after its JSON answer was lost) answers exactly as the first
// did, with no new lead, no new email and no new owner turn.
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { answerLeadPost } from '../../functions/leads/post';
import { submitLead } from '../../functions/leads/submit';
import { contactEntries, NOW, rows, testSettings } from './helpers';

const FORM = 'application/x-www-form-urlencoded';
let visitor = 0;

/** A form POST down the real request path, from one visitor's address. */
async function post(body: string, from: string, json = false) {
  const pending: Promise<unknown>[] = [];
  const request = new Request('http://localhost/contact/send/', {
    method: 'POST',
    body,
    headers: { 'content-type': FORM, ...(json ? { accept: 'application/json' } : {}) },
  });
  const answer = (await answerLeadPost(request, 'contact', {
    formPath: '/contact/',
    ip: from,
    waitUntil: (promise) => pending.push(promise),
  })) as Response;
  await Promise.all(pending);
  return answer;
}

const counts = async () => ({
  leads: (await rows('SELECT id FROM leads')).length,
  emails: (await rows('SELECT id FROM emails')).length,
  turns: (
    await rows<{ n: number }>('SELECT coalesce(sum(assigned), 0) AS n FROM route_cursors')
  )[0]!.n,
});

beforeEach(async () => {
  await env.DB.batch([
    env.DB.prepare('DELETE FROM emails'),
    env.DB.prepare('DELETE FROM leads'),
    env.DB.prepare('DELETE FROM route_cursors'),
  ]);
});

describe('without JavaScript (no key in the form)', () => {
  it('a POST sent twice makes one lead, and both answers redirect to its confirmation', async () => {
    const from = `198.18.2.${++visitor}`;
    const body = new URLSearchParams(contactEntries({ submissionKey: undefined })).toString();
    const first = await post(body, from);
    const second = await post(body, from);
    expect(first.status).toBe(303);
    expect(second.status).toBe(303);
    expect(second.headers.get('location')).toBe(first.headers.get('location'));
    expect(await counts()).toEqual({ leads: 1, emails: 2, turns: 1 });
  });

  it('a changed word is a new submission', async () => {
    const from = `198.18.2.${++visitor}`;
    const entries = (message: string) =>
      new URLSearchParams(contactEntries({ submissionKey: undefined, message })).toString();
    await post(entries('We would like to talk about a partnership.'), from);
    await post(entries('We would like to talk about a partnership soon.'), from);
    expect((await counts()).leads).toBe(2);
  });
});

describe('with JavaScript (the page made a key)', () => {
  it('a JSON POST repeated after its answer was lost gets the same answer, and nothing new', async () => {
    const from = `198.18.2.${++visitor}`;
    const body = new URLSearchParams(contactEntries()).toString();
    const first = await post(body, from, true);
    // The answer never reached the page; the visitor sends again.
    const again = await post(body, from, true);
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(await first.json());
    expect(await counts()).toEqual({ leads: 1, emails: 2, turns: 1 });
  });

  it('two page views sending the same words are two submissions', async () => {
    const from = `198.18.2.${++visitor}`;
    await post(new URLSearchParams(contactEntries()).toString(), from, true);
    await post(new URLSearchParams(contactEntries()).toString(), from, true);
    expect((await counts()).leads).toBe(2);
  });
});

describe('a repeat', () => {
  const deps = (overrides: Record<string, string> = {}) => ({
    db: env.DB,
    limiter: env.LEAD_RATE_LIMITER,
    settings: testSettings(overrides),
  });

  it('is answered before Turnstile, whose token its first send already spent', async () => {
    const entries = contactEntries({ 'cf-turnstile-response': 'token' });
    const submission = { form: 'contact' as const, entries, ip: '198.18.3.1', now: NOW };
    const first = await submitLead(
      submission,
      deps({ TURNSTILE_SECRET_KEY: '1x0000000000000000000000000000000AA' }),
    );
    // Cloudflare's test secret that answers "token already spent".
    const again = await submitLead(
      submission,
      deps({ TURNSTILE_SECRET_KEY: '3x0000000000000000000000000000000AA' }),
    );
    expect(first.kind).toBe('accepted');
    expect(again).toEqual({ ...first, emailIds: [] });
  });

  it('sent across the edge of the ten-minute window still finds its lead; an hour later is new', async () => {
    const entries = contactEntries({ submissionKey: undefined });
    const at = (iso: string) => ({
      form: 'contact' as const,
      entries,
      ip: '198.18.3.2',
      now: new Date(iso),
    });
    const first = await submitLead(at('2026-11-25T09:09:59Z'), deps());
    const edge = await submitLead(at('2026-11-25T09:10:01Z'), deps());
    const later = await submitLead(at('2026-11-25T10:10:00Z'), deps());
    expect(first.kind).toBe('accepted');
    expect(edge).toEqual({ ...first, emailIds: [] });
    expect(later.kind === 'accepted' && later.leadId).not.toBe(
      first.kind === 'accepted' && first.leadId,
    );
    expect((await counts()).leads).toBe(2);
  });

  it('sent at the same moment as its twin makes one lead, and both get its answer', async () => {
    const submission = {
      form: 'contact' as const,
      entries: contactEntries(),
      ip: '198.18.3.3',
      now: NOW,
    };
    const [a, b] = await Promise.all([
      submitLead(submission, deps()),
      submitLead(submission, deps()),
    ]);
    expect(a.kind).toBe('accepted');
    expect(b.kind === 'accepted' && b.leadId).toBe(a.kind === 'accepted' && a.leadId);
    expect((await counts()).leads).toBe(1);
    expect((await counts()).emails).toBe(2);
  });

  it('of a quarantined submission looks accepted too, and stores nothing new', async () => {
    const submission = {
      form: 'contact' as const,
      entries: contactEntries({ website: 'https://spam.example' }),
      ip: '198.18.3.4',
      now: NOW,
    };
    const first = await submitLead(submission, deps());
    expect(await submitLead(submission, deps())).toEqual({ ...first, emailIds: [] });
    expect(await rows('SELECT status FROM leads')).toEqual([{ status: 'quarantined' }]);
  });
});
