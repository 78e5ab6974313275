// What an uptime check needs to know, and nothing about any lead: the Worker answers, D1 answers,
// how far behind the outbox is, and settings that do not work together.

export interface Health {
  /** failing: the Worker runs but cannot do its job as configured (see `config`). */
  status: 'ok' | 'degraded' | 'failing' | 'down';
  worker: 'ok';
  d1: 'ok' | 'error';
  outbox?: { pending: number; failed: number; oldestPendingSeconds: number | null };
  /** Configuration problems, each with its fix (functions/settings.ts, configProblems); absent when none. */
  config?: string[];
}

/** A pending email older than this means delivery is stuck: the sweep retries every minute. */
const STUCK_AFTER_SECONDS = 15 * 60;

export async function healthReport(
  db: D1Database,
  now: Date,
  config: string[] = [],
): Promise<Health> {
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
    return {
      status: config.length > 0 ? 'failing' : stuck ? 'degraded' : 'ok',
      worker: 'ok',
      d1: 'ok',
      outbox: { pending: row?.pending ?? 0, failed: row?.failed ?? 0, oldestPendingSeconds },
      ...(config.length > 0 ? { config } : {}),
    };
  } catch {
    return { status: 'down', worker: 'ok', d1: 'error', ...(config.length > 0 ? { config } : {}) };
  }
}

/** The HTTP status of a health answer: anything but ok or degraded fails an uptime check. */
export function healthStatusCode(health: Health): number {
  return health.status === 'ok' || health.status === 'degraded' ? 200 : 503;
}
