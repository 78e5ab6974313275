// The Worker entry: Astro serves the pages and on-demand routes, every response leaves with the
// security headers, and the cron trigger runs the sweep. A Worker whose settings are refused
// takes nothing in (closed.ts).
import { handle } from '@astrojs/cloudflare/handler';
import { refusedWhileMisconfigured } from './closed';
import { scheduled } from './sweep/scheduled';
import { secureResponse } from './secure-response';

export default {
  async fetch(request, env, ctx) {
    return secureResponse(
      refusedWhileMisconfigured(request, env) ?? (await handle(request, env, ctx)),
    );
  },
  scheduled,
} satisfies ExportedHandler<Env>;
