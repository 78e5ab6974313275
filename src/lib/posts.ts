// Pure rules over posts: what publishes, in which order, which tags exist, what is related.
// Generic over the entry shape so tests can pass plain objects instead of collection entries.
import { slugify } from './text';

export interface PostLike {
  id: string;
  data: { pubDate: Date; draft: boolean; tags: readonly string[] };
}

/** Published posts, newest first. Drafts never publish, in any build. */
export function publishedNewestFirst<T extends PostLike>(posts: readonly T[]): T[] {
  return posts
    .filter((post) => !post.data.draft)
    .sort(
      (a, b) => b.data.pubDate.getTime() - a.data.pubDate.getTime() || a.id.localeCompare(b.id),
    );
}

export interface TagSummary {
  name: string;
  slug: string;
  count: number;
}

/** Tags in use with their post counts, most used first, then by name. */
export function tagsInUse(posts: readonly PostLike[]): TagSummary[] {
  const counts = new Map<string, number>();
  for (const post of posts) {
    for (const tag of post.data.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  }
  return [...counts]
    .map(([name, count]) => ({ name, slug: slugify(name), count }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

export function postsWithTag<T extends PostLike>(posts: readonly T[], tagSlug: string): T[] {
  return posts.filter((post) => post.data.tags.some((tag) => slugify(tag) === tagSlug));
}

/**
 * Posts that share the most tags with `current`, ties broken by recency; posts with no shared
 * tag fill up the list only when too few share one, so a lone post still gets suggestions.
 */
export function relatedPosts<T extends PostLike>(current: T, posts: readonly T[], limit = 3): T[] {
  const others = publishedNewestFirst(posts).filter((post) => post.id !== current.id);
  const shared = (post: T) =>
    post.data.tags.filter((tag) => current.data.tags.includes(tag)).length;
  return others
    .map((post, recency) => ({ post, score: shared(post), recency }))
    .sort((a, b) => b.score - a.score || a.recency - b.recency)
    .slice(0, limit)
    .map(({ post }) => post);
}
