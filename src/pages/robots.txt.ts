import type { APIRoute } from 'astro';

// Generated so the sitemap address follows the configured site URL. The sales desk is for staff
// behind Cloudflare Access: nothing there for crawlers.
export const GET: APIRoute = ({ site, url }) => {
  const sitemap = new URL('/sitemap-index.xml', site ?? url.origin).href;
  return new Response(`User-agent: *\nAllow: /\nDisallow: /desk/\n\nSitemap: ${sitemap}\n`, {
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
};
