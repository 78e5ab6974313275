import { describe, expect, it } from 'vitest';
import {
  postsWithTag,
  publishedNewestFirst,
  relatedPosts,
  tagsInUse,
  type PostLike,
} from '../../src/lib/posts';

function post(id: string, date: string, tags: string[], draft = false): PostLike {
  return { id, data: { pubDate: new Date(date), draft, tags } };
}

const pilots = post('pilots', '2026-06-13', ['AI pilot to production', 'Architecture']);
const governance = post('governance', '2026-07-22', ['AI governance', 'Architecture']);
const operations = post('operations', '2026-09-09', ['AI operations', 'Delivery']);
const draft = post('draft', '2026-11-01', ['Delivery'], true);
const all = [pilots, governance, operations, draft];
const ids = (posts: PostLike[]) => posts.map((p) => p.id);

describe('publishedNewestFirst', () => {
  it('lists published posts newest first and never a draft', () => {
    expect(ids(publishedNewestFirst(all))).toEqual(['operations', 'governance', 'pilots']);
  });
});

describe('tagsInUse', () => {
  it('counts each tag and orders by use, then by name', () => {
    expect(tagsInUse(publishedNewestFirst(all))).toEqual([
      { name: 'Architecture', slug: 'architecture', count: 2 },
      { name: 'AI governance', slug: 'ai-governance', count: 1 },
      { name: 'AI operations', slug: 'ai-operations', count: 1 },
      { name: 'AI pilot to production', slug: 'ai-pilot-to-production', count: 1 },
      { name: 'Delivery', slug: 'delivery', count: 1 },
    ]);
  });
});

describe('postsWithTag', () => {
  it('finds posts by the tag slug used in URLs', () => {
    expect(ids(postsWithTag(all, 'architecture'))).toEqual(['pilots', 'governance']);
    expect(postsWithTag(all, 'unknown')).toEqual([]);
  });
});

describe('relatedPosts', () => {
  it('puts posts sharing tags first and never the post itself or a draft', () => {
    expect(ids(relatedPosts(pilots, all))).toEqual(['governance', 'operations']);
  });

  it('prefers more shared tags over recency', () => {
    const twoShared = post('two', '2026-01-01', ['AI governance', 'Architecture']);
    const oneShared = post('one', '2026-10-01', ['Architecture']);
    expect(ids(relatedPosts(governance, [governance, oneShared, twoShared], 2))).toEqual([
      'two',
      'one',
    ]);
  });

  it('respects the limit', () => {
    expect(relatedPosts(operations, all, 1)).toHaveLength(1);
  });
});
