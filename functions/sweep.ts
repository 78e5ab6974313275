// The scheduled sweep. It takes "now" from the trigger, so a trigger for a given time behaves
// exactly as it would at that time, and every step is safe to run twice.
import { deliverDueEmails, type SweepCounts } from './email/deliver';
import { transportFor } from './email/transport';
import { log } from './log';
import { readSettings } from './settings';

export async function sweep(env: Env, now: Date): Promise<SweepCounts> {
  const settings = readSettings(env);
  const delivered = await deliverDueEmails(env.DB, transportFor(settings), now);
  log('info', 'sweep_done', { at: now.toISOString(), ...delivered });
  return delivered;
}
