// The scheduled sweep. The trigger's time decides what is due, so a trigger for a given time
// behaves as it would at that time; locks and retry times are written on the wall clock, which
// keeps moving while a slow sweep runs. Each step runs on its own: one that throws is logged and
// the others, delivery above all, still run. Every step is safe to run twice.
import { deliverDueEmails, type SweepCounts } from '../email/deliver';
import { transportFor } from '../email/transport';
import { log } from '../log';
import { readSettings } from '../settings';
import { alertFailedCanary, sendCanary } from './canary';
import { queueDeadlineFollowUps } from './deadlines';
import { queueDigests } from './digests';
import { applyRetention } from './retention';

async function step<T>(name: string, run: () => Promise<T>, otherwise: T): Promise<T> {
  try {
    return await run();
  } catch (error) {
    log('error', 'sweep_step_failed', {
      step: name,
      error: `${(error as Error).name}: ${(error as Error).message}`.slice(0, 300),
    });
    return otherwise;
  }
}

const NOTHING_DELIVERED: SweepCounts = { sent: 0, retry: 0, failed: 0, held: 0, skipped: 0 };

export async function sweep(env: Env, triggeredAt: Date, clock: () => Date = () => new Date()) {
  const settings = readSettings(env);
  const db = env.DB;
  const followUps = await step(
    'deadlines',
    () => queueDeadlineFollowUps(db, settings, triggeredAt),
    { reminded: 0, escalated: 0 },
  );
  const digests = await step('digests', () => queueDigests(db, settings, triggeredAt), 0);
  const erased = await step('retention', () => applyRetention(db, settings, triggeredAt), 0);
  // Two steps: a canary that could not be stored is itself what the second one reports.
  const canary = await step('canary', () => sendCanary(db, settings, triggeredAt), 'failed');
  const canaryAlerts = await step(
    'canary-check',
    () => alertFailedCanary(db, settings, triggeredAt),
    0,
  );
  // Delivery last, so what this sweep queued goes out in the same run.
  const delivered = await step(
    'delivery',
    () => deliverDueEmails(db, transportFor(settings), triggeredAt, { clock }),
    NOTHING_DELIVERED,
  );
  const report = {
    at: triggeredAt.toISOString(),
    ...followUps,
    digests,
    erased,
    canary,
    canaryAlerts,
    ...delivered,
  };
  log('info', 'sweep_done', report);
  return report;
}
