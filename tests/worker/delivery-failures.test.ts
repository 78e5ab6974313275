// Failures nobody sees (issue 11, items 5 and 7): a provider that refuses us for a reason we can
// fix, health that says so with its status code, and one bad row, email or sweep step that must
// not stop the rest of delivery.
import { env } from 'cloudflare:workers';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { deliverDueEmails } from '../../functions/email/deliver';
import type { EmailTransport } from '../../functions/email/transport';
import { healthReport } from '../../functions/health';
import { sweep } from '../../functions/sweep/index';
import { NOW, rows, standInUrl } from './helpers';
import { at, clearLeads, emailStatuses, MINUTE, outbox } from './outbox-helpers';

const api = outbox('delivery-failures', { EMAIL_TIMEOUT_MS: '5000' });
const HOUR = 60 * MINUTE;

beforeEach(async () => {
  await clearLeads();
  await api.emailApi('ok', true);
});

afterEach(() => {
  vi.restoreAllMocks();
});

async function emailsByKind() {
  return rows<{ kind: string; status: string; last_error: string | null }>(
    'SELECT kind, status, last_error FROM emails ORDER BY kind',
  );
}

describe.each([
  ['a revoked key (401)', 'bad-key' as const, /resend 401/],
  ['an unverified sender domain (403)', 'unverified-domain' as const, /resend 403/],
])('when the email API refuses %s', (_case, mode, error) => {
  it('the emails wait, health fails, and they go once the setting is fixed', async () => {
    const ids = await api.storeLeads(1);
    await api.emailApi(mode);
    expect(await api.sweepAt(NOW)).toMatchObject({ sent: 0, retry: 2, failed: 0 });
    const waiting = await emailsByKind();
    expect(waiting.map((email) => email.status)).toEqual(['pending', 'pending']);
    expect(waiting[0]!.last_error).toMatch(error);
    expect((await healthReport(env.DB, at(20 * MINUTE))).status).toBe('failing');

    await api.emailApi('ok');
    expect(await api.sweepAt(at(HOUR))).toMatchObject({ sent: 2 });
    expect(await api.deliveriesPerEmail()).toEqual(ids.map(() => 1));
    expect((await healthReport(env.DB, at(HOUR))).status).toBe('ok');
  });
});

describe('health', () => {
  it('fails at once when a sales notification fails, even with nothing pending', async () => {
    await api.storeLeads(1);
    await api.emailApi('reject');
    await api.sweepAt(NOW);
    const report = await healthReport(env.DB, NOW);
    expect(report).toMatchObject({
      status: 'failing',
      outbox: { pending: 0, failed: 2, staffEmailsAtRisk: 1 },
    });
  });

  it('stays ok when only a visitor acknowledgement failed (a mistyped address is not ours)', async () => {
    await api.storeLeads(1);
    await env.DB.prepare(
      `UPDATE emails SET status = 'failed' WHERE kind = 'visitor-acknowledgement'`,
    ).run();
    await env.DB.prepare(
      `UPDATE emails SET status = 'sent' WHERE kind = 'sales-notification'`,
    ).run();
    expect(await healthReport(env.DB, NOW)).toMatchObject({
      status: 'ok',
      outbox: { failed: 1, staffEmailsAtRisk: 0 },
    });
  });

  it('fails for a held escalation or reminder, and for one pending longer than 15 minutes', async () => {
    await api.storeLeads(1);
    await env.DB.prepare(`UPDATE emails SET status = 'sent'`).run();
    await env.DB.prepare(
      `UPDATE emails SET kind = 'escalation', status = 'held' WHERE kind = 'sales-notification'`,
    ).run();
    expect(await healthReport(env.DB, NOW)).toMatchObject({
      status: 'failing',
      outbox: { held: 1, staffEmailsAtRisk: 1 },
    });
    await env.DB.prepare(
      `UPDATE emails SET kind = 'owner-reminder', status = 'pending' WHERE kind = 'escalation'`,
    ).run();
    expect((await healthReport(env.DB, at(10 * MINUTE))).status).toBe('ok');
    expect((await healthReport(env.DB, at(16 * MINUTE))).status).toBe('failing');
  });
});

describe('one bad row or one failing step', () => {
  it('a row whose addresses do not parse is marked failed once; the others still go', async () => {
    const ids = await api.storeLeads(2);
    // Due first, so that it comes before the good ones in the batch.
    await env.DB.prepare(
      `UPDATE emails SET to_addresses = '{not json', next_attempt_at = ? WHERE id = ?`,
    )
      .bind(at(-MINUTE).toISOString(), ids[0])
      .run();
    expect(await api.sweepAt(NOW)).toMatchObject({ sent: 3, failed: 1 });
    const [bad] = await rows<{ status: string; last_error: string }>(
      'SELECT status, last_error FROM emails WHERE id = ?',
      ids[0],
    );
    expect(bad).toEqual({ status: 'failed', last_error: expect.stringMatching(/to_addresses/) });
    expect(await api.sweepAt(at(HOUR))).toMatchObject({ sent: 0, failed: 0, skipped: 0 });
  });

  it('an email whose sending throws does not stop the batch', async () => {
    const ids = await api.storeLeads(2);
    const throwsOnFirst: EmailTransport = {
      async send(email) {
        if (email.id === ids[0]) throw new Error('a bug in one email');
        return api.transport.send(email);
      },
    };
    const counts = await deliverDueEmails(env.DB, throwsOnFirst, NOW, { clock: () => NOW });
    expect(counts).toMatchObject({ sent: 3 });
    expect((await emailStatuses()).filter((status) => status === 'sent')).toHaveLength(3);
  });

  it('a sweep step that throws is logged by name, and delivery still runs', async () => {
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((line) => void errors.push(String(line)));
    await api.storeLeads(1);
    const [lead] = await rows<{ reply_by: string }>('SELECT reply_by FROM leads');
    // An hour before the reply-by time, the lead is due a reminder: marking it will fail.
    const time = new Date(new Date(lead!.reply_by).getTime() - HOUR);
    await env.DB.prepare(
      `CREATE TRIGGER leads_fail BEFORE UPDATE ON leads BEGIN SELECT RAISE(ABORT, 'injected'); END`,
    ).run();
    try {
      const workerEnv = {
        ...env,
        RESEND_API_KEY: 're_test_key',
        RESEND_BASE_URL: `${standInUrl()}/t/delivery-failures`,
        EMAIL_TIMEOUT_MS: '5000',
      } as Env;
      const report = await sweep(workerEnv, time, () => time);
      expect(report).toMatchObject({ reminded: 0, sent: 2 });
    } finally {
      await env.DB.prepare('DROP TRIGGER leads_fail').run();
    }
    const failed = errors.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(failed).toContainEqual(
      expect.objectContaining({ event: 'sweep_step_failed', step: 'deadlines' }),
    );
    expect(await emailStatuses()).toEqual(['sent', 'sent']);
  });
});
