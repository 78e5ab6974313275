// The Worker entry: Astro serves the pages and on-demand routes, every response leaves with the
// security headers, and the cron trigger runs the sweep.
import { handle } from '@astrojs/cloudflare/handler';
import { scheduled } from './sweep/scheduled';
import { secureResponse } from './secure-response';

export default {
  async fetch(request, env, ctx) {
    return secureResponse(await handle(request, env, ctx));
  },
  scheduled,
} satisfies ExportedHandler<Env>;
