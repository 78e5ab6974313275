// What an uptime check needs to know, and nothing about any lead: the Worker answers, D1 answers,
// whether every email a person at Nyarro waits for is on its way, whether staff emails bounce,
// settings that do not work together, and whether the delivery canary's latest notification was
// proven delivered in time.
import { STAFF_KINDS } from './email/outbox';
import { canaryHealth, canaryReport, type CanaryHealth, type CanarySettings } from './leads/canary';
import { checkSettings, configProblems } from './settings';
import { staffBounces, type StaffBounces } from './integrations/staff-bounces';

export interface Health {
  /** Anything but ok answers with a non-200 status, so an uptime check raises it. */
  status: 'ok' | 'failing' | 'down';
  worker: 'ok';
  d1: 'ok' | 'error';
  outbox?: {
    pending: number;
    failed: number;
    held: number;
    oldestPendingSeconds: number | null;
    /** Sales notifications, reminders and escalations failed, held, or pending too long. */
    staffEmailsAtRisk: number;
  };
  /** Emails to staff that bounced in the last day: a lead's owner may not know of it. */
  staffBounces?: StaffBounces;
  /** Configuration problems, each with its fix (functions/settings.ts, configProblems); absent when none. */
  config?: string[];
  /**
   * The delivery canary, when CANARY_TO is set: late (not proven delivered by its deadline) or
   * missing (never stored) makes health fail, with what to check.
   */
  canary?: CanaryHealth;
  /** Settings the Worker refuses (placeholders in production, invalid values): it takes no leads. */
  settings?: string[];
}

/** A pending email older than this means delivery is stuck: the sweep retries every minute. */
const STUCK_AFTER_SECONDS = 15 * 60;

const STAFF = STAFF_KINDS.map((kind) => `'${kind}'`).join(', ');

/** A canary's own notification is judged by the canary section, not counted among staff emails. */
const NOT_CANARY = `NOT (kind = 'sales-notification'
  AND lead_id IN (SELECT id FROM leads WHERE canary = 1))`;

export async function healthReport(
  db: D1Database,
  now: Date,
  config: string[] = [],
  canarySettings?: CanarySettings,
): Promise<Health> {
  const problems = config.length > 0 ? { config } : {};
  const stuckBefore = new Date(now.getTime() - STUCK_AFTER_SECONDS * 1000).toISOString();
  try {
    const row = await db
      .prepare(
        `SELECT
           (SELECT count(*) FROM emails WHERE status = 'pending') AS pending,
           (SELECT count(*) FROM emails WHERE status = 'failed') AS failed,
           (SELECT count(*) FROM emails WHERE status = 'held') AS held,
           (SELECT min(created_at) FROM emails WHERE status = 'pending') AS oldest,
           (SELECT count(*) FROM emails WHERE kind IN (${STAFF}) AND ${NOT_CANARY}
              AND (status IN ('failed', 'held') OR (status = 'pending' AND created_at < ?)))
              AS atRisk`,
      )
      .bind(stuckBefore)
      .first<{
        pending: number;
        failed: number;
        held: number;
        oldest: string | null;
        atRisk: number;
      }>();
    const oldestPendingSeconds = row?.oldest
      ? Math.max(0, Math.round((now.getTime() - new Date(row.oldest).getTime()) / 1000))
      : null;
    const stuck = (oldestPendingSeconds ?? 0) > STUCK_AFTER_SECONDS;
    const atRisk = row?.atRisk ?? 0;
    const bounces = await staffBounces(db, now);
    const canary = canarySettings ? await canaryReport(db, canarySettings, now) : null;
    const canaryFailed = canary?.state === 'late' || canary?.state === 'missing';
    const failing = config.length > 0 || stuck || atRisk > 0 || bounces.lastDay > 0 || canaryFailed;
    return {
      status: failing ? 'failing' : 'ok',
      worker: 'ok',
      d1: 'ok',
      outbox: {
        pending: row?.pending ?? 0,
        failed: row?.failed ?? 0,
        held: row?.held ?? 0,
        oldestPendingSeconds,
        staffEmailsAtRisk: atRisk,
      },
      staffBounces: bounces,
      ...(canary ? { canary: canaryHealth(canary) } : {}),
      ...problems,
    };
  } catch {
    return { status: 'down', worker: 'ok', d1: 'error', ...problems };
  }
}

/** The HTTP status of a health answer: anything but ok fails an uptime check. */
export function healthStatusCode(health: Health): number {
  return health.status === 'ok' ? 200 : 503;
}

/** The health answer for GET /api/health/: settings first, then D1 and the outbox. */
export async function healthCheck(
  env: Env,
  now: Date,
): Promise<{ health: Health; status: number }> {
  const settings = checkSettings(env);
  if (!settings.ok) {
    const health = await healthReport(env.DB, now);
    return { health: { ...health, status: 'down', settings: settings.problems }, status: 503 };
  }
  const health = await healthReport(
    env.DB,
    now,
    configProblems(settings.settings),
    settings.settings,
  );
  return { health, status: healthStatusCode(health) };
}
