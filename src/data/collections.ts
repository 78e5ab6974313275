// Build-time queries over the blog collection; pages call these instead of filtering themselves.
import { getCollection, getEntry, type CollectionEntry } from 'astro:content';
import { publishedNewestFirst } from '../lib/posts';

export type Post = CollectionEntry<'blog'>;

/** Articles per listing page before the blog index paginates. */
export const POSTS_PER_PAGE = 10;

export async function getPublishedPosts(): Promise<Post[]> {
  return publishedNewestFirst(await getCollection('blog'));
}

export async function getServicesInOrder(): Promise<CollectionEntry<'services'>[]> {
  const services = await getCollection('services');
  return services.sort((a, b) => a.data.order - b.data.order);
}

/** Listing pages: page 1 is /blog/, later pages /blog/page/N/. */
export function listingPath(pageNumber: number): string {
  return pageNumber <= 1 ? '/blog/' : `/blog/page/${pageNumber}/`;
}

export function pageCount(postCount: number): number {
  return Math.max(1, Math.ceil(postCount / POSTS_PER_PAGE));
}

/** A page from content/pages; a missing file is a build error, not an empty page. */
export async function getPageEntry(id: string): Promise<CollectionEntry<'pages'>> {
  const entry = await getEntry('pages', id);
  if (!entry) throw new Error(`content/pages/${id}.mdx is missing`);
  return entry;
}
