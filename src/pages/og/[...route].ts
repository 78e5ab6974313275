// Open Graph images, drawn at build time: one for the site, one per article and per service.
import type { APIRoute } from 'astro';
import { OGImageRoute } from 'astro-og-canvas';
import { drawImage } from '../../og/pool';
import { getPublishedPosts, getServicesInOrder } from '../../data/collections';
import { SITE } from '../../lib/site';

interface Card {
  title: string;
  description: string;
}

const [posts, services] = await Promise.all([getPublishedPosts(), getServicesInOrder()]);

const pages: Record<string, Card> = {
  site: { title: SITE.name, description: SITE.tagline },
  ...Object.fromEntries(posts.map((post) => [`blog/${post.id}`, post.data])),
  ...Object.fromEntries(services.map((service) => [`services/${service.id}`, service.data])),
};

// A package path keeps the build offline: the library's default font is fetched from the web.
const FONT = './node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2';
const OG_CACHE = './.cache/og-images';

export const { getStaticPaths } = await OGImageRoute({
  pages,
  getImageOptions: (_path, page: Card) => ({
    title: page.title,
    description: page.description,
    bgGradient: [
      [8, 70, 82],
      [12, 20, 29],
    ],
    border: { color: [242, 166, 111], width: 12, side: 'inline-start' },
    padding: 80,
    fonts: [FONT],
    // Outside node_modules, so that \`npm ci\` keeps the images already drawn (about 80 ms each).
    cacheDir: OG_CACHE,
    font: {
      title: { families: ['Inter Variable'], size: 64, weight: 'Bold', color: [255, 255, 255] },
      description: { families: ['Inter Variable'], size: 34, color: [214, 228, 236] },
    },
  }),
});

// The library's paths and options; the drawing happens on worker threads (see og/pool.ts).
export const GET: APIRoute = async ({ props }) =>
  new Response(await drawImage((props as { imageOptions: unknown }).imageOptions));
