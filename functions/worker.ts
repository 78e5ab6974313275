// The Worker entry: Astro serves the pages and on-demand routes; the cron trigger runs the sweep.
import { handle } from '@astrojs/cloudflare/handler';
import { scheduled } from './scheduled';

export default {
  fetch: handle,
  scheduled,
} satisfies ExportedHandler<Env>;
