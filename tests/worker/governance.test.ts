// Retention, erasure on request, and the health report: what is kept, what goes, what is said.
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { applyRetention } from '../../functions/sweep/retention';
import { healthReport } from '../../functions/health';
import { eraseByEmail } from '../../functions/leads/erase';
import { submitLead } from '../../functions/leads/submit';
import { queueDigests } from '../../functions/sweep/digests';
import { contactEntries, NOW, rows, testSettings } from './helpers';

const settings = testSettings({ RATE_LIMIT: 'off' });
const DAY = 86_400_000;

async function leadAt(now: Date, email: string) {
  const outcome = await submitLead(
    // No fill-time signal: these leads are dated in the past, before the helper's start time.
    {
      form: 'contact',
      entries: contactEntries({ email, startedAt: undefined }),
      ip: '198.51.100.20',
      now,
    },
    { db: env.DB, limiter: env.LEAD_RATE_LIMITER, settings },
  );
  if (outcome.kind !== 'accepted') throw new Error(outcome.kind);
  return outcome.leadId;
}

beforeEach(async () => {
  await env.DB.batch([
    env.DB.prepare('DELETE FROM emails'),
    env.DB.prepare('DELETE FROM leads'),
    env.DB.prepare('DELETE FROM lead_events'),
  ]);
});

describe('retention', () => {
  it('deletes leads older than twelve months with their emails, and keeps an audit event', async () => {
    const old = await leadAt(new Date(NOW.getTime() - 366 * DAY), 'old@example.org');
    const recent = await leadAt(new Date(NOW.getTime() - 300 * DAY), 'recent@example.org');
    expect(await applyRetention(env.DB, settings, NOW)).toBe(1);
    expect(await rows('SELECT id FROM leads')).toEqual([{ id: recent }]);
    expect(await rows('SELECT id FROM emails WHERE lead_id = ?', old)).toEqual([]);
    expect((await rows('SELECT id FROM emails WHERE lead_id = ?', recent)).length).toBe(2);
    expect(
      await rows("SELECT actor FROM lead_events WHERE lead_id = ? AND type = 'erased'", old),
    ).toEqual([{ actor: 'retention' }]);
    expect(await applyRetention(env.DB, settings, NOW)).toBe(0);
  });
});

describe('erasure by email address', () => {
  it('removes the person everywhere, whatever the letter case, and leaves only an audit event', async () => {
    const first = await leadAt(NOW, 'Person@Example.org');
    await leadAt(new Date(NOW.getTime() + DAY), 'person@example.org');
    const other = await leadAt(NOW, 'someone.else@example.org');
    // A digest naming both people: it must go, as it holds the erased person's address.
    await queueDigests(env.DB, testSettings({ DIGEST_HOUR_IST: '14' }), NOW);
    expect((await rows("SELECT id FROM emails WHERE kind = 'team-digest'")).length).toBe(1);

    expect(await eraseByEmail(env.DB, 'person@example.org', NOW)).toBe(2);
    expect(await rows('SELECT id FROM leads')).toEqual([{ id: other }]);
    const left = await rows<{ text: string }>('SELECT text FROM emails');
    expect(left.length).toBe(2);
    expect(left.some((email) => /person@example\.org/i.test(email.text))).toBe(false);
    const trail = await rows<{ type: string; actor: string }>(
      'SELECT type, actor FROM lead_events WHERE lead_id = ? ORDER BY id',
      first,
    );
    expect(trail).toEqual([
      { type: 'received', actor: 'visitor' },
      { type: 'erased', actor: 'operator' },
    ]);
  });

  it('treats a quote in the address as text, not SQL', async () => {
    await leadAt(NOW, "o'brien@example.org");
    expect(await eraseByEmail(env.DB, "o'brien@example.org", NOW)).toBe(1);
    expect(await eraseByEmail(env.DB, "x' OR '1'='1", NOW)).toBe(0);
  });
});

describe('health', () => {
  it('reports the outbox backlog without any lead data', async () => {
    await leadAt(NOW, 'health@example.org');
    const report = await healthReport(env.DB, new Date(NOW.getTime() + 20 * 60_000));
    expect(report).toEqual({
      status: 'failing',
      worker: 'ok',
      d1: 'ok',
      outbox: { pending: 2, failed: 0, held: 0, oldestPendingSeconds: 1200, staffEmailsAtRisk: 1 },
      staffBounces: { lastDay: 0, latestAt: null },
    });
    expect(JSON.stringify(report)).not.toContain('health@example.org');
  });

  it('is ok with an empty outbox, and down when D1 fails', async () => {
    expect(await healthReport(env.DB, NOW)).toMatchObject({ status: 'ok', outbox: { pending: 0 } });
    await env.DB.exec('ALTER TABLE emails RENAME TO emails_away');
    try {
      expect(await healthReport(env.DB, NOW)).toEqual({
        status: 'down',
        worker: 'ok',
        d1: 'error',
      });
    } finally {
      await env.DB.exec('ALTER TABLE emails_away RENAME TO emails');
    }
  });
});
