import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { getPublishedPosts } from '../data/collections';
import { SITE } from '../lib/site';

export const GET: APIRoute = async (context) => {
  const posts = await getPublishedPosts();
  return rss({
    title: `${SITE.name} articles`,
    description: SITE.description,
    site: context.site ?? context.url.origin,
    trailingSlash: true,
    items: posts.map((post) => ({
      title: post.data.title,
      description: post.data.description,
      pubDate: post.data.pubDate,
      link: `/blog/${post.id}/`,
      categories: [...post.data.tags],
      author: post.data.author,
    })),
    customData: `<language>en-gb</language>`,
  });
};
