// The delivery canary (issue 13): with CANARY_TO set, the sweep sends a synthetic lead through the
// pipeline once per interval, its notification to CANARY_TO only; it stays out of the desk, its
// figures and export, the digests and follow-ups; and when its notification is not proven
// delivered by the deadline (or it was never stored), health fails and every team lead is told,
// by email and in the chat, once. The email API, Resend's events and the chat are stand-ins.
import { env } from 'cloudflare:workers';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { inject } from 'vitest';
import { actOnLead } from '../../functions/desk/act';
import { exportCsv } from '../../functions/desk/export';
import { teamFigures } from '../../functions/desk/figures';
import { inboxPage } from '../../functions/desk/inbox';
import { readView } from '../../functions/desk/views';
import { healthCheck } from '../../functions/health';
import { receiveEmailEvent } from '../../functions/integrations/email-events';
import { submitLead } from '../../functions/leads/submit';
import { readSettings } from '../../functions/settings';
import { queueDeadlineFollowUps } from '../../functions/sweep/deadlines';
import { queueDigests } from '../../functions/sweep/digests';
import { sweep } from '../../functions/sweep/index';
import { ROUTING } from '../../functions/teams';
import { CRM_TEST_SECRET } from '../stand-ins/crm';
import type { ReceivedCall } from '../stand-ins/receiver';
import { RESEND_TEST_SECRET, resendEvent, resendRequest } from '../stand-ins/resend-webhooks';
import { assessmentEntries, emailApi, NOW, rows, sentEmails, standInUrl } from './helpers';

const SCOPE = 'canary';
const CANARY_TO = 'canary-watch@example.com';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const at = (ms: number) => new Date(NOW.getTime() + ms);
const TEAM_LEADS = [...new Set(Object.values(ROUTING.teams).map((team) => team.lead.email))];

const chatUrl = () => `${inject('chatUrl')}/t/${SCOPE}/hook`;
async function chatCalls(): Promise<ReceivedCall[]> {
  const answer = await fetch(`${inject('chatUrl')}/t/${SCOPE}/_received`);
  return ((await answer.json()) as { calls: ReceivedCall[] }).calls;
}

/** The Worker's env as a deployment with the canary on (NOW is 09:00 UTC: a 06:00 interval). */
function workerEnv(overrides: Record<string, string | undefined> = {}): Env {
  return {
    ...env,
    RESEND_API_KEY: 're_test_key',
    RESEND_BASE_URL: `${standInUrl()}/t/${SCOPE}`,
    RESEND_WEBHOOK_SECRET: RESEND_TEST_SECRET,
    EMAIL_TIMEOUT_MS: '5000',
    RATE_LIMIT: 'off',
    MIN_FILL_SECONDS: '0',
    CANARY_TO,
    CHAT_WEBHOOK_URL: chatUrl(),
    LEAD_WEBHOOK_URL: `${inject('crmUrl')}/t/${SCOPE}/hook`,
    LEAD_WEBHOOK_SECRET: CRM_TEST_SECRET,
    WEBHOOK_TIMEOUT_MS: '300',
    ...overrides,
  } as Env;
}

const sweepAt = (time: Date, envUsed = workerEnv()) => sweep(envUsed, time, () => time);

async function health(time: Date, envUsed = workerEnv()) {
  const { health, status } = await healthCheck(envUsed, time);
  return { ...health, httpStatus: status };
}

const canaries = () =>
  rows<{ id: string; received_at: string; owner_email: string | null }>(
    'SELECT id, received_at, owner_email FROM leads WHERE canary = 1 ORDER BY received_at',
  );

const emailsOf = (leadId: string) =>
  rows<{ kind: string; to_addresses: string; status: string; provider_id: string | null }>(
    'SELECT kind, to_addresses, status, provider_id FROM emails WHERE lead_id = ? ORDER BY kind',
    leadId,
  );

const canaryAlerts = () =>
  rows<{ to_addresses: string; subject: string; text: string; status: string }>(
    "SELECT to_addresses, subject, text, status FROM emails WHERE kind = 'canary-alert'",
  );

async function realLead(time = NOW) {
  const outcome = await submitLead(
    { form: 'assessment', entries: assessmentEntries(), ip: '198.51.100.40', now: time },
    { db: env.DB, limiter: env.LEAD_RATE_LIMITER, settings: readSettings(workerEnv()) },
  );
  if (outcome.kind !== 'accepted') throw new Error(`not accepted: ${outcome.kind}`);
  return outcome.leadId;
}

/** Resend reports the email delivered, signed as Resend signs it. */
async function resendSaysDelivered(providerId: string, to: string[]) {
  const response = await receiveEmailEvent(
    resendRequest(
      'https://www.example.com/api/email-events/',
      resendEvent('email.delivered', providerId, to),
    ),
    { db: env.DB, settings: readSettings(workerEnv()), now: new Date() },
  );
  expect(response.status).toBe(200);
}

beforeEach(async () => {
  await env.DB.batch(
    [
      'emails',
      'leads',
      'lead_events',
      'route_cursors',
      'email_events',
      'digest_leads',
      'suppressed_addresses',
    ].map((table) => env.DB.prepare(`DELETE FROM ${table}`)),
  );
  await emailApi({ mode: 'ok', reset: true }, SCOPE);
  await fetch(`${inject('chatUrl')}/t/${SCOPE}/_control`, {
    method: 'POST',
    body: JSON.stringify({ mode: 'ok', reset: true }),
  });
});
afterEach(() => vi.restoreAllMocks());

describe('with CANARY_TO unset', () => {
  it('the sweep sends no canary and health has no canary section', async () => {
    const off = workerEnv({ CANARY_TO: undefined });
    await sweepAt(NOW, off);
    await sweepAt(at(7 * HOUR), off);
    expect(await rows('SELECT id FROM leads')).toEqual([]);
    expect((await sentEmails(SCOPE)).sent).toEqual([]);
    const report = await health(at(8 * HOUR), off);
    expect(report.status).toBe('ok');
    expect(report).not.toHaveProperty('canary');
  });
});

describe('a due canary', () => {
  it('is stored once per interval however often the sweep runs, two at a time included', async () => {
    await Promise.all([sweepAt(NOW), sweepAt(NOW)]);
    await sweepAt(at(MINUTE));
    await sweepAt(at(2 * HOUR + 59 * MINUTE)); // 11:59, still the 06:00 interval
    expect(await canaries()).toHaveLength(1);
    await sweepAt(at(3 * HOUR)); // 12:00: the next interval
    const stored = await canaries();
    expect(stored.map((canary) => canary.received_at)).toEqual([
      NOW.toISOString(),
      at(3 * HOUR).toISOString(),
    ]);
  });

  it('goes through the outbox to CANARY_TO alone: no acknowledgement, owner, CRM event or chat alert', async () => {
    await sweepAt(NOW);
    const [canary] = await canaries();
    expect(canary!.owner_email).toBeNull();
    // Only its notification, sent through the email API stand-in.
    expect(await emailsOf(canary!.id)).toEqual([
      expect.objectContaining({
        kind: 'sales-notification',
        to_addresses: JSON.stringify([CANARY_TO]),
        status: 'sent',
      }),
    ]);
    const { sent } = await sentEmails(SCOPE);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      to: [CANARY_TO],
      subject: expect.stringContaining('Delivery canary'),
    });
    // No team member's turn was taken by it.
    expect(await rows('SELECT team FROM route_cursors')).toEqual([]);
    expect(await chatCalls()).toEqual([]);
  });
});

describe('a canary is kept out', () => {
  async function realAndCanary() {
    const real = await realLead();
    await sweepAt(NOW);
    const [canary] = await canaries();
    return { real, canary: canary!.id };
  }

  it('of every inbox view and of the CSV export', async () => {
    const { real } = await realAndCanary();
    for (const state of ['waiting', 'open', 'all']) {
      const page = await inboxPage(env.DB, readView(new URLSearchParams({ state })), 'x@y.z');
      expect(page.rows.map((row) => row.id)).toEqual([real]);
    }
    const csv = await new Response(
      exportCsv(env.DB, readView(new URLSearchParams({ state: 'all' })), 'x@y.z'),
    ).text();
    expect(csv).toContain(real);
    expect(csv).not.toContain('Delivery canary');
  });

  it('of the figures', async () => {
    await realAndCanary();
    const figures = await teamFigures(env.DB, 28, at(HOUR));
    expect(figures.teams.reduce((sum, team) => sum + team.received, 0)).toBe(1);
    expect(figures.owners.map((owner) => owner.owner)).not.toContain('(no owner)');
  });

  it('of the digests and of reminders and escalations', async () => {
    const { real, canary } = await realAndCanary();
    const settings = readSettings(workerEnv());
    // 09:00 IST the next day: digest time, and both leads past their reply-by time.
    const digestTime = new Date('2026-11-26T03:30:00Z');
    expect(await queueDigests(env.DB, settings, digestTime)).toBe(1);
    const digests = await rows<{ text: string }>(
      "SELECT text FROM emails WHERE kind = 'team-digest'",
    );
    expect(digests[0]!.text).toContain('Asha Rao');
    expect(digests.map((digest) => digest.text).join('\n')).not.toContain('Delivery canary');

    await queueDeadlineFollowUps(env.DB, settings, at(2 * DAY));
    const followUps = await rows<{ lead_id: string }>(
      "SELECT lead_id FROM emails WHERE kind IN ('owner-reminder', 'escalation')",
    );
    expect(followUps.map((row) => row.lead_id)).toEqual([real]);
    expect(followUps.map((row) => row.lead_id)).not.toContain(canary);
  });
  it('of staff actions, so the CRM never hears of it', async () => {
    const { canary } = await realAndCanary();
    for (const action of ['claim', 'replied']) {
      const form = new FormData();
      form.set('action', action);
      const outcome = await actOnLead(
        env.DB,
        readSettings(workerEnv()),
        canary,
        form,
        { email: TEAM_LEADS[0]! },
        () => {},
        at(MINUTE),
      );
      expect(outcome.status).toBe(404);
    }
    expect(await rows('SELECT claimed_at, replied_at FROM leads WHERE id = ?', canary)).toEqual([
      { claimed_at: null, replied_at: null },
    ]);
    expect(
      await rows("SELECT id FROM emails WHERE kind = 'crm-webhook' AND lead_id = ?", canary),
    ).toEqual([]);
  });
});

describe('a canary not proven delivered by its deadline', () => {
  it('makes health 503 with the canary section, and tells the team leads by email and chat once', async () => {
    await sweepAt(NOW); // Resend accepts it, but never reports it delivered.
    const waiting = await health(at(29 * MINUTE));
    expect(waiting).toMatchObject({ status: 'ok', canary: { state: 'waiting' } });
    expect(await canaryAlerts()).toEqual([]);

    await sweepAt(at(30 * MINUTE));
    await sweepAt(at(31 * MINUTE));
    await sweepAt(at(45 * MINUTE));
    const late = await health(at(45 * MINUTE));
    expect(late.httpStatus).toBe(503);
    expect(late).toMatchObject({
      status: 'failing',
      canary: {
        state: 'late',
        sentAt: NOW.toISOString(),
        deadlineAt: at(30 * MINUTE).toISOString(),
        email: { status: 'sent', delivery: null, attempts: 1 },
        proof: 'resend email.delivered event',
        alertedAt: at(30 * MINUTE).toISOString(),
        check: expect.stringContaining("Resend's logs"),
      },
    });

    // Health is public: the mailbox and the provider's id go to the team leads only.
    expect(JSON.stringify(late)).not.toContain(CANARY_TO);
    expect(JSON.stringify(late)).not.toContain('stand-in-');

    // One email to each team lead, sent, with the facts; one chat message.
    const alerts = await canaryAlerts();
    expect(alerts.map((alert) => JSON.parse(alert.to_addresses)[0]).sort()).toEqual(
      [...TEAM_LEADS].sort(),
    );
    expect(alerts.every((alert) => alert.status === 'sent')).toBe(true);
    expect(alerts[0]!.text).toContain(CANARY_TO);
    expect(alerts[0]!.text).toMatch(/sent, no delivery event/);
    expect(alerts[0]!.text).toContain('Resend id: stand-in-1');
    const sentAlerts = (await sentEmails(SCOPE)).sent.filter((email) =>
      email.subject.startsWith('Canary late'),
    );
    expect(sentAlerts).toHaveLength(TEAM_LEADS.length);
    const calls = await chatCalls();
    expect(calls).toHaveLength(1);
    expect(JSON.parse(calls[0]!.body).text).toContain(`to ${CANARY_TO} was not delivered in time`);
  });

  it('that could not even be stored shows as missing, and is told once too', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await env.DB.prepare(
      `CREATE TRIGGER canary_fails BEFORE INSERT ON leads WHEN NEW.canary = 1
       BEGIN SELECT RAISE(ABORT, 'injected'); END`,
    ).run();
    try {
      await sweepAt(NOW); // 09:00: the 06:00 interval's canary was due by 06:30.
      await sweepAt(at(MINUTE));
    } finally {
      await env.DB.prepare('DROP TRIGGER canary_fails').run();
    }
    expect(await canaries()).toEqual([]);
    const report = await health(at(MINUTE), workerEnv());
    // Health itself is read before the next sweep could store it.
    expect(report.httpStatus).toBe(503);
    expect(report).toMatchObject({
      canary: {
        state: 'missing',
        sentAt: null,
        check: expect.stringContaining('sweep_step_failed'),
      },
    });
    expect(await canaryAlerts()).toHaveLength(TEAM_LEADS.length);
    expect((await canaryAlerts())[0]!.subject).toBe('Canary not sent: lead delivery is unchecked');
    expect(await chatCalls()).toHaveLength(1);
  });
});

describe('a canary the email API refused', () => {
  it('fails health through the canary alone, until the next canary is delivered', async () => {
    await emailApi({ mode: 'reject' }, SCOPE);
    await sweepAt(NOW);
    await emailApi({ mode: 'ok' }, SCOPE);
    await sweepAt(at(30 * MINUTE));
    expect(await health(at(30 * MINUTE))).toMatchObject({
      status: 'failing',
      outbox: { failed: 1, staffEmailsAtRisk: 0 },
      canary: { state: 'late', email: { status: 'failed' } },
    });

    await sweepAt(at(3 * HOUR)); // the next interval's canary
    const [, next] = await canaries();
    const [email] = await emailsOf(next!.id);
    await resendSaysDelivered(email!.provider_id!, [CANARY_TO]);
    expect(await health(at(3 * HOUR + MINUTE))).toMatchObject({
      status: 'ok',
      canary: { state: 'ok', sentAt: at(3 * HOUR).toISOString() },
    });
  });
});

describe('a canary whose notification bounced', () => {
  it('alerts nobody about a lead (there is none) and is reported by the canary, not as a staff bounce', async () => {
    await sweepAt(NOW);
    const [canary] = await canaries();
    const [email] = await emailsOf(canary!.id);
    const response = await receiveEmailEvent(
      resendRequest(
        'https://www.example.com/api/email-events/',
        resendEvent('email.bounced', email!.provider_id!, [CANARY_TO]),
      ),
      { db: env.DB, settings: readSettings(workerEnv()), now: at(MINUTE) },
    );
    expect(response.status).toBe(200);
    expect(await rows("SELECT id FROM emails WHERE kind = 'bounce-alert'")).toEqual([]);
    expect(await health(at(10 * MINUTE))).toMatchObject({
      status: 'ok',
      staffBounces: { lastDay: 0 },
      canary: { state: 'waiting', email: { delivery: 'bounced' } },
    });
    await sweepAt(at(30 * MINUTE));
    expect(await health(at(30 * MINUTE))).toMatchObject({
      status: 'failing',
      canary: { state: 'late', check: expect.stringContaining('canary mailbox refused it') },
    });
    expect(await canaryAlerts()).toHaveLength(TEAM_LEADS.length);
  });
});

describe('a delivered canary', () => {
  it("keeps health ok once Resend's signed email.delivered event is recorded", async () => {
    await sweepAt(NOW);
    const [canary] = await canaries();
    const [email] = await emailsOf(canary!.id);
    await resendSaysDelivered(email!.provider_id!, [CANARY_TO]);
    await sweepAt(at(HOUR));
    const report = await health(at(HOUR));
    expect(report.httpStatus).toBe(200);
    expect(report).toMatchObject({ status: 'ok', canary: { state: 'ok' } });
    expect(await canaryAlerts()).toEqual([]);
    expect(await chatCalls()).toEqual([]);
  });

  it('locally, without a Resend key, counts once the transport captured it', async () => {
    const local = workerEnv({ RESEND_API_KEY: undefined, CHAT_WEBHOOK_URL: undefined });
    await sweepAt(NOW, local);
    const report = await health(at(HOUR), local);
    expect(report).toMatchObject({
      status: 'ok',
      canary: { state: 'ok', proof: 'accepted by the transport', email: { status: 'captured' } },
    });
  });
});

describe('retention', () => {
  it('erases a canary after a week, with its emails and history, and keeps real leads', async () => {
    const real = await realLead();
    await sweepAt(NOW);
    const [old] = await canaries();
    await sweepAt(at(8 * DAY));
    expect((await canaries()).map((canary) => canary.id)).not.toContain(old!.id);
    expect(await rows('SELECT id FROM emails WHERE lead_id = ?', old!.id)).toEqual([]);
    expect(await rows('SELECT id FROM lead_events WHERE lead_id = ?', old!.id)).toEqual([]);
    expect(await rows('SELECT id FROM leads WHERE id = ?', real)).toHaveLength(1);
  });
});
