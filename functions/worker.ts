// The Worker entry: Astro serves pages and on-demand routes; later handlers join here.
import { handle } from '@astrojs/cloudflare/handler';

export default {
  fetch: handle,
} satisfies ExportedHandler<Env>;
