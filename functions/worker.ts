// The Worker entry: Astro serves the pages and on-demand routes; the cron trigger runs the sweep.
import { handle } from '@astrojs/cloudflare/handler';
import { secureResponse } from './secure-response';
import { sweep } from './sweep';

export default {
  async fetch(request, env, ctx) {
    return secureResponse(await handle(request, env, ctx));
  },
  async scheduled(controller, env, ctx) {
    ctx.waitUntil(sweep(env, new Date(controller.scheduledTime)));
  },
} satisfies ExportedHandler<Env>;
