// The cron trigger's handler, apart from the Worker entry so tests can run it without Astro.
import { sweep } from './index';

export const scheduled: ExportedHandlerScheduledHandler<Env> = async (controller, env, ctx) => {
  // The trigger's own time, not the clock: a trigger replayed for a given time acts as at that time.
  ctx.waitUntil(sweep(env, new Date(controller.scheduledTime)));
};
