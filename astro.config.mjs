// @ts-check
import cloudflare from '@astrojs/cloudflare';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import tailwindcss from '@tailwindcss/vite';
import { createHash } from 'node:crypto';
import { defineConfig, fontProviders } from 'astro/config';
import pagefind from 'astro-pagefind';
import { securityHeaders } from './src/integrations/security-headers';
import { INTER } from './src/assets/fonts/inter.mjs';
import { faviconDataUrl } from './src/assets/icon.mjs';
import { BRAND_FONT_SCRIPT } from './src/lib/brand-font.ts';
import { placeholderUrl } from './functions/placeholders.ts';
import { checkoutDeployProblems } from './scripts/lib/deploy-problems.mjs';

/**
 * The CSP source that allows one inline script, computed from its text so the two cannot drift.
 * @param {string} script
 * @returns {`sha256-${string}`}
 */
const hashOf = (script) => `sha256-${createHash('sha256').update(script).digest('base64')}`;

// The public origin is a deployment setting; example.com stays until the domain is known.
const site = process.env.SITE_URL ?? 'https://www.example.com';
// A build for a real origin is a build to deploy: it refuses every placeholder the Worker cannot
// see at run time (the D1 database id, the grievance contact), naming each.
if (!placeholderUrl(site)) {
  const problems = checkoutDeployProblems();
  if (problems.length > 0) {
    throw new Error(
      `A build for ${site} is a deployment, and it is not ready:\n- ${problems.join('\n- ')}`,
    );
  }
}

export default defineConfig({
  site,
  trailingSlash: 'always',
  // No feature of ours uses Astro sessions; without this the adapter would require a KV binding.
  session: false,
  // Astro hashes what it inlines and writes each page's policy: a <meta> tag in static pages (the
  // securityHeaders integration copies it into _headers), a header on pages rendered on demand.
  // Pages that need more ask for it in their frontmatter (src/lib/page-policy.ts).
  security: {
    csp: {
      directives: [
        "default-src 'none'",
        // data: for the tab's icon, inline in every page (src/assets/icon.mjs).
        "img-src 'self' data:",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'self'",
      ],
      // Named, so that a page adding a source adds to 'self' instead of replacing it.
      // The inline script in <head> that picks the font before the first paint (src/lib/brand-font.ts).
      scriptDirective: { resources: ["'self'"], hashes: [hashOf(BRAND_FONT_SCRIPT)] },
      styleDirective: { resources: ["'self'"] },
    },
  },
  build: {
    // Several pages in flight: one renders while others are written to disk, and while the Open
    // Graph cards are drawn on libuv's threads (src/og/card.ts).
    concurrency: 4,
  },
  adapter: cloudflare({
    // Prerendering in Node is an order of magnitude faster than in workerd for the same pages,
    // and static pages use nothing of the Workers runtime; on-demand routes still run in workerd.
    prerenderEnvironment: 'node',
    imageService: 'compile',
  }),
  // Shiki colours code with style attributes, which the CSP refuses; Prism uses classes.
  markdown: { syntaxHighlight: 'prism' },
  integrations: [
    mdx(),
    // On-demand routes answer form posts and show confirmations: nothing there to index.
    sitemap({
      filter: (page) =>
        // Pages about one visitor, form answers and the sales desk are not for search engines.
        ![
          '/404',
          '/thanks/',
          '/assessment/request/',
          '/contact/send/',
          '/api/',
          '/leads/',
          '/desk/',
          '/privacy/withdraw/',
        ].some((path) => page.includes(path)),
    }),
    pagefind(),
    securityHeaders(),
  ],
  fonts: [
    {
      provider: fontProviders.local(),
      name: 'Inter',
      cssVariable: '--font-inter',
      fallbacks: ['system-ui', 'sans-serif'],
      // The first paint is final: pages ask for Inter only once the browser has it cached
      // (src/lib/brand-font.ts), and `optional` keeps a page whose cached copy is gone in its
      // fallback rather than redrawing it (docs/BENCHMARKS.md, "The largest paint").
      display: 'optional',
      options: {
        variants: [
          {
            // A cut of the full Latin file: same characters, half the bytes (see INTER).
            src: [INTER.file],
            weight: `${INTER.weight.min} ${INTER.weight.max}`,
            style: 'normal',
            unicodeRange: INTER.unicodeRange,
          },
        ],
      },
    },
  ],
  vite: {
    plugins: [tailwindcss()],
    // The contact for privacy grievances, named in the privacy notice (src/lib/privacy.ts).
    define: {
      'import.meta.env.GRIEVANCE_CONTACT': JSON.stringify(process.env.GRIEVANCE_CONTACT ?? ''),
      'import.meta.env.FAVICON_URL': JSON.stringify(await faviconDataUrl()),
    },
  },
});
