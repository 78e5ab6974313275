// What an uptime check needs to know, and nothing about any lead: the Worker answers, D1 answers,
// and how far behind the outbox is.
import { staffBounces, type StaffBounces } from './integrations/staff-bounces';

export interface Health {
  status: 'ok' | 'degraded' | 'down';
  worker: 'ok';
  d1: 'ok' | 'error';
  outbox?: { pending: number; failed: number; oldestPendingSeconds: number | null };
  /** Emails to staff that bounced in the last day: a lead's owner may not know of it. */
  staffBounces?: StaffBounces;
}

/** A pending email older than this means delivery is stuck: the sweep retries every minute. */
const STUCK_AFTER_SECONDS = 15 * 60;

export async function healthReport(db: D1Database, now: Date): Promise<Health> {
  try {
    const row = await db
      .prepare(
        `SELECT
           (SELECT count(*) FROM emails WHERE status = 'pending') AS pending,
           (SELECT count(*) FROM emails WHERE status = 'failed') AS failed,
           (SELECT min(created_at) FROM emails WHERE status = 'pending') AS oldest`,
      )
      .first<{ pending: number; failed: number; oldest: string | null }>();
    const oldestPendingSeconds = row?.oldest
      ? Math.max(0, Math.round((now.getTime() - new Date(row.oldest).getTime()) / 1000))
      : null;
    const stuck = (oldestPendingSeconds ?? 0) > STUCK_AFTER_SECONDS;
    const bounces = await staffBounces(db, now);
    return {
      status: stuck || bounces.lastDay > 0 ? 'degraded' : 'ok',
      worker: 'ok',
      d1: 'ok',
      outbox: { pending: row?.pending ?? 0, failed: row?.failed ?? 0, oldestPendingSeconds },
      staffBounces: bounces,
    };
  } catch {
    return { status: 'down', worker: 'ok', d1: 'error' };
  }
}
