// @ts-check
import cloudflare from '@astrojs/cloudflare';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import tailwindcss from '@tailwindcss/vite';
import { defineConfig, fontProviders } from 'astro/config';
import pagefind from 'astro-pagefind';
import { INTER } from './src/assets/fonts/inter.mjs';

// The public origin is a deployment setting; example.com stays until the domain is known.
const site = process.env.SITE_URL ?? 'https://www.example.com';

export default defineConfig({
  site,
  trailingSlash: 'always',
  // No feature of ours uses Astro sessions; without this the adapter would require a KV binding.
  session: false,
  build: {
    // Open Graph images are drawn on worker threads (src/og/pool.ts): pages keep rendering while
    // the images are drawn on every core.
    concurrency: 4,
  },
  adapter: cloudflare({
    // Prerendering in Node is an order of magnitude faster than in workerd for the same pages,
    // and static pages use nothing of the Workers runtime; on-demand routes still run in workerd.
    prerenderEnvironment: 'node',
    imageService: 'compile',
  }),
  integrations: [
    mdx(),
    // On-demand routes answer form posts and show confirmations: nothing there to index.
    sitemap({
      filter: (page) =>
        !['/404', '/thanks/', '/assessment/request/', '/contact/send/', '/api/'].some((path) =>
          page.includes(path),
        ),
    }),
    pagefind(),
  ],
  fonts: [
    {
      provider: fontProviders.local(),
      name: 'Inter',
      cssVariable: '--font-inter',
      fallbacks: ['system-ui', 'sans-serif'],
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
  },
});
