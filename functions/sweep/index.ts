// The scheduled sweep. It takes "now" from the trigger, so a trigger for a given time behaves
// exactly as it would at that time, and every step is safe to run twice.
import { deliverDueEmails } from '../email/deliver';
import { transportFor } from '../email/transport';
import { log } from '../log';
import { readSettings } from '../settings';
import { queueDeadlineFollowUps } from './deadlines';
import { queueDigests } from './digests';
import { applyRetention } from './retention';

export async function sweep(env: Env, now: Date) {
  const settings = readSettings(env);
  const followUps = await queueDeadlineFollowUps(env.DB, settings, now);
  const digests = await queueDigests(env.DB, settings, now);
  const erased = await applyRetention(env.DB, settings, now);
  // Delivery last, so what this sweep queued goes out in the same run.
  const delivered = await deliverDueEmails(env.DB, transportFor(settings), now);
  const report = { at: now.toISOString(), ...followUps, digests, erased, ...delivered };
  log('info', 'sweep_done', report);
  return report;
}
