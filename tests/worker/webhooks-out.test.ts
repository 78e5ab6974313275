// Outbound webhooks (issue 13): lead events for the CRM, signed per Standard Webhooks, and a chat
// alert per new lead, both through the outbox. The receivers are local stand-ins
// (tests/stand-ins/crm.ts, chat.ts) that this file drives under scopes of its own.
import { env } from 'cloudflare:workers';
import { Webhook } from 'standardwebhooks';
import { beforeEach, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { deliverSoon } from '../../functions/email/deliver';
import { isWebhookKind, type EmailKind } from '../../functions/email/outbox';
import type { EmailTransport } from '../../functions/email/transport';
import { applyStaffAction } from '../../functions/follow-up/actions';
import { submitLead } from '../../functions/leads/submit';
import { CRM_TEST_SECRET, OTHER_CRM_SECRET } from '../stand-ins/crm';
import type { ReceivedCall, ReceiverMode } from '../stand-ins/receiver';
import { assessmentEntries, NOW, rows } from './helpers';
import { at, clearLeads, MINUTE, outbox } from './outbox-helpers';

const receiver = (base: () => string, scope: string) => ({
  url: () => `${base()}/t/${scope}/hook`,
  async mode(mode: ReceiverMode, reset = false) {
    await fetch(`${base()}/t/${scope}/_control`, {
      method: 'POST',
      body: JSON.stringify({ mode, reset }),
    });
  },
  async calls(): Promise<ReceivedCall[]> {
    return (
      (await (await fetch(`${base()}/t/${scope}/_received`)).json()) as {
        calls: ReceivedCall[];
      }
    ).calls;
  },
});

const crm = receiver(() => inject('crmUrl'), 'webhooks-out');
const chat = receiver(() => inject('chatUrl'), 'webhooks-out');

const ON = () => ({
  LEAD_WEBHOOK_URL: crm.url(),
  LEAD_WEBHOOK_SECRET: CRM_TEST_SECRET,
  CHAT_WEBHOOK_URL: chat.url(),
  WEBHOOK_TIMEOUT_MS: '300',
});

const accepted = (calls: ReceivedCall[]) =>
  calls.filter((call) => call.status !== null && call.status < 300);

beforeEach(async () => {
  await clearLeads();
  await crm.mode('ok', true);
  await chat.mode('ok', true);
});

describe('the CRM webhook', () => {
  it('is signed so that our secret verifies it and another secret does not', async () => {
    const api = outbox('webhooks-out', ON());
    await api.storeLeads(1);
    await api.sweepAt(NOW);
    const [call] = accepted(await crm.calls());
    expect(call).toBeDefined();
    const { headers, body } = call!;
    expect(headers['webhook-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(headers['webhook-signature']).toMatch(/^v1,/);
    const event = new Webhook(CRM_TEST_SECRET).verify(body, headers) as {
      type: string;
      data: { lead: Record<string, unknown> };
    };
    expect(event.type).toBe('lead.received');
    expect(event.data.lead).toMatchObject({
      form: 'assessment',
      fields: { name: 'Asha Rao', company: 'Acme Ltd' },
      route: { team: expect.any(String) },
      owner: { email: expect.stringContaining('@') },
      attribution: { page: '/assessment/', utm: { source: 'newsletter', campaign: 'november' } },
    });
    // The form's machinery is not the visitor's answer and stays with us.
    expect(event.data.lead['fields']).not.toHaveProperty('fillMs');
    expect(() => new Webhook(OTHER_CRM_SECRET).verify(body, headers)).toThrow();
  });

  it('a receiver that refuses the signature (401) fails the event for good, after one call', async () => {
    const other = receiver(() => inject('crmUrl'), 'webhooks-out-other-secret');
    await other.mode('ok', true);
    const api = outbox('webhooks-out', { ...ON(), LEAD_WEBHOOK_URL: other.url() });
    await api.storeLeads(1);
    await api.sweepAt(NOW);
    await api.sweepAt(at(30 * MINUTE));
    expect((await other.calls()).map((call) => call.status)).toEqual([401]);
    expect(
      await rows("SELECT status, last_error AS error FROM emails WHERE kind = 'crm-webhook'"),
    ).toEqual([{ status: 'failed', error: 'crm-webhook receiver answered 401' }]);
  });

  it('through an outage (500s, then no answer) delivers each event exactly once', async () => {
    const api = outbox('webhooks-out', ON());
    await crm.mode('fail');
    await api.storeLeads(4);
    await api.sweepAt(NOW);
    await api.sweepAt(at(1 * MINUTE));
    await crm.mode('hang');
    await api.sweepAt(at(3 * MINUTE));
    const during = await crm.calls();
    expect(during.length).toBe(12);
    expect(accepted(during)).toEqual([]);
    expect(
      await rows("SELECT status FROM emails WHERE kind = 'crm-webhook' AND status <> 'pending'"),
    ).toEqual([]);

    await crm.mode('ok');
    await api.sweepAt(at(20 * MINUTE));
    await api.sweepAt(at(3 * 60 * MINUTE));
    const ids = (
      await rows<{ id: string }>("SELECT id FROM emails WHERE kind = 'crm-webhook' ORDER BY id")
    ).map((row) => row.id);
    const deliveredIds = accepted(await crm.calls()).map((call) => call.headers['webhook-id']);
    expect(deliveredIds.sort()).toEqual(ids);
    expect(await rows("SELECT DISTINCT status FROM emails WHERE kind = 'crm-webhook'")).toEqual([
      { status: 'sent' },
    ]);
  });

  it('a receiver that is gone (410) fails the event without retrying', async () => {
    const api = outbox('webhooks-out', ON());
    await crm.mode('gone');
    await api.storeLeads(1);
    await api.sweepAt(NOW);
    await crm.mode('ok');
    await api.sweepAt(at(60 * MINUTE));
    expect((await crm.calls()).map((call) => call.status)).toEqual([410]);
    expect(await rows("SELECT status FROM emails WHERE kind = 'crm-webhook'")).toEqual([
      { status: 'failed' },
    ]);
  });

  it('sends lead.claimed, lead.replied and lead.closed once each, however often they are done', async () => {
    const api = outbox('webhooks-out', ON());
    await api.storeLeads(1);
    const [{ id } = { id: '' }] = await rows<{ id: string }>('SELECT id FROM leads');
    const by = 'sales-1@example.com';
    for (const minute of [1, 2]) {
      await applyStaffAction(env.DB, { kind: 'claim' }, id, by, at(minute * MINUTE), api.settings);
      await applyStaffAction(
        env.DB,
        { kind: 'replied' },
        id,
        by,
        at(minute * MINUTE + 1),
        api.settings,
      );
      const close = { kind: 'close' as const, reason: 'duplicate of another enquiry' };
      await applyStaffAction(env.DB, close, id, by, at(minute * MINUTE + 2), api.settings);
    }
    await api.sweepAt(at(10 * MINUTE));
    await api.sweepAt(at(30 * MINUTE));
    const events = accepted(await crm.calls()).map((call) => JSON.parse(call.body));
    expect(events.map((event) => event.type)).toEqual([
      'lead.received',
      'lead.claimed',
      'lead.replied',
      'lead.closed',
    ]);
    expect(events[3].data.action).toEqual({
      by,
      at: at(MINUTE + 2).toISOString(),
      reason: 'duplicate of another enquiry',
    });
  });
});

describe('right after a lead is stored', () => {
  it('its emails, CRM event and chat alert go out right away, claimed together, each once', async () => {
    const api = outbox('webhooks-out', ON());
    const ids = await api.storeLeads(1);
    expect(ids).toHaveLength(4);
    const waiting: Promise<unknown>[] = [];
    deliverSoon(env.DB, api.transport, ids, (promise) => void waiting.push(promise));
    // A second start for the same rows, as a sweep arriving meanwhile would: it finds them taken.
    deliverSoon(env.DB, api.transport, ids, (promise) => void waiting.push(promise));
    await Promise.all(waiting);
    expect(await rows('SELECT kind, status FROM emails ORDER BY kind')).toEqual([
      { kind: 'chat-alert', status: 'sent' },
      { kind: 'crm-webhook', status: 'sent' },
      { kind: 'sales-notification', status: 'sent' },
      { kind: 'visitor-acknowledgement', status: 'sent' },
    ]);
    // Two emails each sent once by the email API; the two webhook rows never reach it.
    expect((await api.deliveriesPerEmail()).sort()).toEqual([0, 0, 1, 1]);
    expect(accepted(await crm.calls())).toHaveLength(1);
    expect(accepted(await chat.calls())).toHaveLength(1);
  });

  it('the owner hears first: the acknowledgement waits for the sales notification, the webhooks do not', async () => {
    const api = outbox('webhooks-out', ON());
    const ids = await api.storeLeads(1);
    const started: EmailKind[] = [];
    let answerOwner = () => {};
    const ownerHeld = new Promise<void>((resolve) => (answerOwner = resolve));
    let webhooksAnswered = () => {};
    let answered = 0;
    const webhooksDone = new Promise<void>((resolve) => (webhooksAnswered = resolve));
    // The owner's notification is held until the test lets it go, as a slow email API would.
    const holdsTheOwner: EmailTransport = {
      async send(email) {
        started.push(email.kind);
        if (email.kind === 'sales-notification') await ownerHeld;
        const result = await api.transport.send(email);
        if (isWebhookKind(email.kind) && ++answered === 2) webhooksAnswered();
        return result;
      },
    };
    const waiting: Promise<unknown>[] = [];
    deliverSoon(env.DB, holdsTheOwner, ids, (promise) => void waiting.push(promise));
    await webhooksDone;
    expect([...started].sort()).toEqual(['chat-alert', 'crm-webhook', 'sales-notification']);

    answerOwner();
    await Promise.all(waiting);
    expect(started.at(-1)).toBe('visitor-acknowledgement');
    expect(
      (await rows<{ status: string }>('SELECT status FROM emails')).map((row) => row.status),
    ).toEqual(['sent', 'sent', 'sent', 'sent']);
  });

  it("the acknowledgement still goes when sending the owner's notification throws", async () => {
    const api = outbox('webhooks-out', ON());
    const ids = await api.storeLeads(1);
    const ownerThrows: EmailTransport = {
      async send(email) {
        if (email.kind === 'sales-notification') throw new Error('a bug in one email');
        return api.transport.send(email);
      },
    };
    const waiting: Promise<unknown>[] = [];
    deliverSoon(env.DB, ownerThrows, ids, (promise) => void waiting.push(promise));
    await Promise.all(waiting);
    expect(await rows('SELECT kind, status FROM emails ORDER BY kind')).toEqual([
      { kind: 'chat-alert', status: 'sent' },
      { kind: 'crm-webhook', status: 'sent' },
      // Left to its lock: the sweep tries it again once the lock has run out.
      { kind: 'sales-notification', status: 'pending' },
      { kind: 'visitor-acknowledgement', status: 'sent' },
    ]);
  });
});

describe('the chat alert', () => {
  it('escapes a name that would ping the channel, and links the lead in the desk', async () => {
    const api = outbox('webhooks-out', ON());
    const outcome = await submitLead(
      {
        form: 'assessment',
        entries: assessmentEntries({ name: '<!channel> & <b>', company: '<@U123> *Acme*' }),
        ip: '198.51.100.1',
        now: NOW,
      },
      { db: env.DB, limiter: env.LEAD_RATE_LIMITER, settings: api.settings },
    );
    expect(outcome.kind).toBe('accepted');
    await api.sweepAt(NOW);
    const bodies = accepted(await chat.calls()).map(
      (call) => (JSON.parse(call.body) as { text: string }).text,
    );
    expect(bodies).toHaveLength(1);
    const text = bodies[0]!;
    expect(text).toContain('&lt;!channel&gt; &amp; &lt;b&gt; (&lt;@U123&gt; *Acme*)');
    expect(text).not.toMatch(/<!channel>|<@U123>/);
    expect(text).toMatch(/Owner: \S+/);
    expect(text).toMatch(/Reply by .* IST/);
    if (outcome.kind === 'accepted') {
      expect(text).toContain(`/desk/leads/${outcome.leadId}/|Open it in the desk>`);
    }
  });

  it('is not sent for a lead held as spam', async () => {
    const api = outbox('webhooks-out', ON());
    await submitLead(
      {
        form: 'assessment',
        entries: assessmentEntries({ website: 'https://spam.example' }),
        ip: '198.51.100.1',
        now: NOW,
      },
      { db: env.DB, limiter: env.LEAD_RATE_LIMITER, settings: api.settings },
    );
    await api.sweepAt(NOW);
    expect(await chat.calls()).toEqual([]);
    expect(await crm.calls()).toEqual([]);
  });
});

describe('with the settings unset', () => {
  it('queues and sends nothing to a CRM or a chat', async () => {
    const api = outbox('webhooks-out');
    await api.storeLeads(2);
    const [{ id } = { id: '' }] = await rows<{ id: string }>('SELECT id FROM leads LIMIT 1');
    await applyStaffAction(
      env.DB,
      { kind: 'claim' },
      id,
      'sales-1@example.com',
      at(MINUTE),
      api.settings,
    );
    await api.sweepAt(at(10 * MINUTE));
    expect(await rows('SELECT DISTINCT kind FROM emails ORDER BY kind')).toEqual([
      { kind: 'sales-notification' },
      { kind: 'visitor-acknowledgement' },
    ]);
    expect(await crm.calls()).toEqual([]);
    expect(await chat.calls()).toEqual([]);
  });
});
