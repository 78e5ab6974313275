// Resend's email events (POST /api/email-events/): each signed event recorded once against the
// email it is about, and what follows from it: a bounced staff email alerts the team lead and the
// team's inboxes at once, a bounced acknowledgement marks the lead for its owner, a complaint
// stops every further email to that address, and health reports staff bounces.
import { env } from 'cloudflare:workers';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { deliverDueEmails } from '../../functions/email/deliver';
import { transportFor } from '../../functions/email/transport';
import { healthReport } from '../../functions/health';
import { receiveEmailEvent } from '../../functions/integrations/email-events';
import { submitLead } from '../../functions/leads/submit';
import { queueDeadlineFollowUps } from '../../functions/sweep/deadlines';
import {
  RESEND_TEST_SECRET,
  WRONG_SECRET,
  resendEvent,
  resendRequest,
  type ResendEventType,
  type SignOptions,
} from '../stand-ins/resend-webhooks';
import {
  assessmentEntries,
  emailApi,
  NOW,
  rows,
  sentEmails,
  testSettings,
  inProduction,
} from './helpers';

const URL = 'https://www.example.com/api/email-events/';
const SCOPE = 'email-events';
const HOUR = 3_600_000;
const settings = testSettings(
  { RATE_LIMIT: 'off', RESEND_WEBHOOK_SECRET: RESEND_TEST_SECRET },
  SCOPE,
);

/** A lead whose two emails Resend accepted; the provider id of each, by kind. */
async function deliveredLead(entries = assessmentEntries()) {
  const outcome = await submitLead(
    { form: 'assessment', entries, ip: '198.51.100.9', now: NOW },
    { db: env.DB, limiter: env.LEAD_RATE_LIMITER, settings },
  );
  if (outcome.kind !== 'accepted') throw new Error(`lead not accepted: ${outcome.kind}`);
  await deliverDueEmails(env.DB, transportFor(settings), NOW);
  const emails = await rows<{ kind: string; provider_id: string; to_addresses: string }>(
    'SELECT kind, provider_id, to_addresses FROM emails WHERE lead_id = ?',
    outcome.leadId,
  );
  const byKind = Object.fromEntries(
    emails.map((email) => [
      email.kind,
      { providerId: email.provider_id, to: JSON.parse(email.to_addresses) as string[] },
    ]),
  );
  return { leadId: outcome.leadId, ...byKind } as {
    leadId: string;
    'sales-notification': { providerId: string; to: string[] };
    'visitor-acknowledgement': { providerId: string; to: string[] };
  };
}

/** Resend's call, as the stand-in makes it; the promises the Worker keeps going are awaited. */
async function post(
  type: ResendEventType | string,
  email: { providerId: string; to: string[] },
  sign: SignOptions = {},
  settingsUsed = settings,
) {
  const pending: Promise<unknown>[] = [];
  const response = await receiveEmailEvent(
    resendRequest(URL, resendEvent(type, email.providerId, email.to), sign),
    {
      db: env.DB,
      settings: settingsUsed,
      now: new Date(),
      waitUntil: (promise) => void pending.push(promise),
    },
  );
  await Promise.all(pending);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const deliveryOf = async (providerId: string) =>
  (
    await rows<{ delivery: string | null }>(
      'SELECT delivery FROM emails WHERE provider_id = ?',
      providerId,
    )
  )[0]!.delivery;
const eventRows = () => rows<{ id: string; type: string }>('SELECT id, type FROM email_events');
const alerts = () =>
  rows<{ to_addresses: string; subject: string; text: string; status: string }>(
    "SELECT to_addresses, subject, text, status FROM emails WHERE kind = 'bounce-alert'",
  );

beforeEach(async () => {
  await env.DB.batch(
    ['emails', 'leads', 'lead_events', 'route_cursors', 'email_events', 'suppressed_addresses'].map(
      (table) => env.DB.prepare(`DELETE FROM ${table}`),
    ),
  );
  await emailApi({ mode: 'ok', reset: true }, SCOPE);
});
afterEach(() => vi.restoreAllMocks());

describe.each([
  ['a valid signature', {}, 200],
  ['a wrong secret', { secret: WRONG_SECRET }, 401],
  ['no svix-signature', { omit: ['svix-signature'] }, 400],
  ['no svix-id', { omit: ['svix-id'] }, 400],
  ['no svix-timestamp', { omit: ['svix-timestamp'] }, 400],
  ['a stale timestamp (six minutes old)', { timestamp: new Date(Date.now() - 6 * 60_000) }, 400],
  ['a timestamp six minutes ahead', { timestamp: new Date(Date.now() + 6 * 60_000) }, 400],
] as const)('an event with %s', (_case, sign, status) => {
  it(`answers ${status} in JSON and ${status === 200 ? 'records it' : 'records nothing'}`, async () => {
    const lead = await deliveredLead();
    const answer = await post('email.delivered', lead['sales-notification'], sign as SignOptions);
    expect(answer.status).toBe(status);
    expect(await deliveryOf(lead['sales-notification'].providerId)).toBe(
      status === 200 ? 'delivered' : null,
    );
    expect(await eventRows()).toHaveLength(status === 200 ? 1 : 0);
  });
});

describe('the same event delivered again (the same svix-id)', () => {
  it('is recorded once, and its bounce alert is queued and sent once', async () => {
    const lead = await deliveredLead();
    const id = 'msg_replayed';
    const first = await post('email.bounced', lead['sales-notification'], { id });
    const again = await post('email.bounced', lead['sales-notification'], { id });
    expect(first.body).toMatchObject({ ok: true, recorded: 'bounced' });
    expect(again).toEqual({ status: 200, body: { ok: true, duplicate: true } });
    expect(await eventRows()).toEqual([{ id, type: 'bounced' }]);
    expect(await alerts()).toHaveLength(1);
    const { sent } = await sentEmails(SCOPE);
    expect(sent.filter((email) => email.subject.startsWith('Bounced'))).toHaveLength(1);
  });
});

describe('events we do not act on', () => {
  it('an unknown or unrecorded type is answered 200 and ignored', async () => {
    const lead = await deliveredLead();
    for (const type of ['email.opened', 'contact.created']) {
      expect(await post(type, lead['sales-notification'])).toEqual({
        status: 200,
        body: { ok: true, ignored: type },
      });
    }
    expect(await eventRows()).toEqual([]);
  });

  it('an event about an email we never sent is recorded and changes nothing else', async () => {
    const answer = await post('email.bounced', { providerId: 'not-ours', to: ['x@example.com'] });
    expect(answer.body).toMatchObject({ ok: true, matched: false });
    expect(await alerts()).toEqual([]);
  });

  it('a later, weaker word does not overwrite a bounce', async () => {
    const lead = await deliveredLead();
    await post('email.bounced', lead['visitor-acknowledgement']);
    await post('email.delivery_delayed', lead['visitor-acknowledgement']);
    await post('email.delivered', lead['visitor-acknowledgement']);
    expect(await deliveryOf(lead['visitor-acknowledgement'].providerId)).toBe('bounced');
  });
});

describe('a bounced sales notification', () => {
  it('goes at once to the team lead and the team inboxes, with the lead to take', async () => {
    const lead = await deliveredLead();
    await post('email.bounced', lead['sales-notification']);
    const [alert] = await alerts();
    expect(JSON.parse(alert!.to_addresses)).toEqual([
      'sales-lead@example.com',
      'sales@example.com',
    ]);
    expect(alert!.subject).toBe(
      'Bounced: nobody got the lead of Asha Rao (Acme Ltd); please take it',
    );
    expect(alert!.text).toContain(
      'The receiving server said: The recipient address does not exist.',
    );
    expect(alert!.text).toContain('asha@acme.example');
    // Sent before the answer's work was done, not left for the next sweep.
    expect(alert!.status).toBe('sent');
    const events = await rows<{ type: string; detail: string }>(
      "SELECT type, detail FROM lead_events WHERE lead_id = ? AND type = 'email_bounced'",
      lead.leadId,
    );
    expect(events).toEqual([{ type: 'email_bounced', detail: 'sales-notification' }]);
  });

  it('makes health report failing, with the count of staff bounces', async () => {
    const lead = await deliveredLead();
    expect((await healthReport(env.DB, new Date())).status).toBe('ok');
    await post('email.bounced', lead['sales-notification']);
    const health = await healthReport(env.DB, new Date());
    expect(health.status).toBe('failing');
    expect(health.staffBounces?.lastDay).toBe(1);
  });
});

describe('a bounced acknowledgement', () => {
  it('marks the lead, and the next reminder tells the owner to call or check the address', async () => {
    const lead = await deliveredLead();
    await post('email.bounced', lead['visitor-acknowledgement']);
    const [row] = await rows<{ visitor_email_bounced_at: string | null }>(
      'SELECT visitor_email_bounced_at FROM leads WHERE id = ?',
      lead.leadId,
    );
    expect(row!.visitor_email_bounced_at).not.toBeNull();
    expect(await alerts()).toEqual([]);
    // Not a staff address: health stays ok.
    expect((await healthReport(env.DB, new Date())).status).toBe('ok');

    await queueDeadlineFollowUps(env.DB, settings, new Date(NOW.getTime() + 20 * HOUR));
    const [reminder] = await rows<{ text: string }>(
      "SELECT text FROM emails WHERE kind = 'owner-reminder'",
    );
    expect(reminder!.text).toContain('Visitor email bounced: call or check the address.');
  });

  it('leaves the reminder of a lead whose acknowledgement arrived as it was', async () => {
    const lead = await deliveredLead();
    await post('email.delivered', lead['visitor-acknowledgement']);
    await queueDeadlineFollowUps(env.DB, settings, new Date(NOW.getTime() + 20 * HOUR));
    const [reminder] = await rows<{ text: string }>(
      "SELECT text FROM emails WHERE kind = 'owner-reminder'",
    );
    expect(reminder!.text).not.toContain('Visitor email bounced');
  });
});

describe('a complaint', () => {
  it('stops every further email to that address, and only to it', async () => {
    const lead = await deliveredLead();
    await post('email.complained', lead['visitor-acknowledgement']);
    expect(await rows('SELECT address FROM suppressed_addresses')).toEqual([
      { address: 'asha@acme.example' },
    ]);
    await emailApi({ reset: true }, SCOPE);

    // The same person sends the form again: the team hears of it, the visitor does not.
    await deliveredLead(assessmentEntries({ email: 'ASHA@acme.example' }));
    const { sent } = await sentEmails(SCOPE);
    expect(sent.map((email) => email.to)).toEqual([['sales-2@example.com', 'sales@example.com']]);
    const [ack] = await rows<{ status: string; last_error: string }>(
      "SELECT status, last_error FROM emails WHERE kind = 'visitor-acknowledgement' AND provider_id IS NULL",
    );
    expect(ack).toEqual({ status: 'failed', last_error: 'suppressed' });
  });
});

describe('a complaint while emails to that address wait for a retry', () => {
  it('fails the ones only for it and takes it off the others', async () => {
    const lead = await deliveredLead();
    // Two emails already tried once and due again: one for the visitor alone, one shared.
    await env.DB.batch([
      env.DB.prepare(
        `INSERT INTO emails (id, lead_id, kind, dedupe_key, to_addresses, subject, html, text,
           status, attempts, next_attempt_at, created_at)
         VALUES ('only', ?1, 'visitor-acknowledgement', 'k1', '["Asha@acme.example"]', 's', 'h', 't',
           'pending', 1, ?2, ?2),
                ('shared', ?1, 'escalation', 'k2', '["sales-lead@example.com","asha@acme.example"]',
           's', 'h', 't', 'pending', 1, ?2, ?2)`,
      ).bind(lead.leadId, NOW.toISOString()),
    ]);
    await post('email.complained', lead['visitor-acknowledgement']);
    expect(
      await rows(
        "SELECT id, status, to_addresses FROM emails WHERE id IN ('only', 'shared') ORDER BY id",
      ),
    ).toEqual([
      { id: 'only', status: 'failed', to_addresses: '["Asha@acme.example"]' },
      { id: 'shared', status: 'pending', to_addresses: '["sales-lead@example.com"]' },
    ]);
  });
});

describe('without RESEND_WEBHOOK_SECRET', () => {
  it('in production, refuses every event with 503 and logs an error (fails closed)', async () => {
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((line) => void errors.push(String(line)));
    const lead = await deliveredLead();
    const answer = await post(
      'email.delivered',
      lead['sales-notification'],
      {},
      inProduction(testSettings()),
    );
    expect(answer.status).toBe(503);
    expect(await eventRows()).toEqual([]);
    expect(errors.join('\n')).toMatch(/webhook_secret_missing.*RESEND_WEBHOOK_SECRET/);
  });
});
