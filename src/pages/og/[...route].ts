// Open Graph images, drawn at build time: one for the site, one per article and per service.
import type { APIRoute, GetStaticPaths } from 'astro';
import type { Card } from '../../og/card';
import { cardImage, drawAhead } from '../../og/cards';
import { getPublishedPosts, getServicesInOrder } from '../../data/collections';
import { SITE } from '../../lib/site';

export const getStaticPaths = (async () => {
  const [posts, services] = await Promise.all([getPublishedPosts(), getServicesInOrder()]);
  const cards: [string, Card][] = [
    // The site's name is on every card already.
    ['site', { title: SITE.tagline, description: SITE.description }],
    ...posts.map((post): [string, Card] => [`blog/${post.id}`, post.data]),
    ...services.map((service): [string, Card] => [`services/${service.id}`, service.data]),
  ];
  if (import.meta.env.PROD) drawAhead(cards.map(([, card]) => card));
  return cards.map(([path, { title, description }]) => ({
    params: { route: `${path}.png` },
    props: { title, description },
  }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) =>
  new Response(await cardImage(props as Card), { headers: { 'Content-Type': 'image/png' } });
