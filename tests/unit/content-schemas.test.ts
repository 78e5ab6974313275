import { describe, expect, it } from 'vitest';
import { blogSchema, pageSchema, serviceSchema } from '../../src/lib/content-schemas';

const validPost = {
  title: 'Why most AI pilots stall',
  description:
    'A pilot answers whether an idea works; production asks whether it keeps working. Here is the gap.',
  pubDate: '2026-06-13',
  tags: ['AI pilot to production'],
};

function issuePaths(result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) {
  return result.error?.issues.map((issue) => issue.path.join('.')) ?? [];
}

describe('blog frontmatter', () => {
  it('accepts a complete post and fills in the defaults', () => {
    const post = blogSchema.parse(validPost);
    expect(post.pubDate).toEqual(new Date('2026-06-13'));
    expect(post.draft).toBe(false);
    expect(post.author).toBe('Nyarro Technologies');
  });

  describe.each([
    ['a missing title', { title: undefined }, 'title'],
    ['a title too short to mean anything', { title: 'AI' }, 'title'],
    ['a missing description', { description: undefined }, 'description'],
    [
      'a description longer than search results show',
      { description: 'x'.repeat(171) },
      'description',
    ],
    ['a date that does not exist', { pubDate: '2026-13-45' }, 'pubDate'],
    ['a date that is not a date', { pubDate: 'next Tuesday' }, 'pubDate'],
    ['an unknown tag', { tags: ['Blockchain'] }, 'tags.0'],
    ['no tags at all', { tags: [] }, 'tags'],
    ['a misspelt key', { tag: ['AI governance'] }, ''],
    ['draft written as text', { draft: 'yes' }, 'draft'],
  ])('rejects %s', (_case, change, field) => {
    it(`and names the field "${field || '(root)'}"`, () => {
      const result = blogSchema.safeParse({ ...validPost, ...change });
      expect(result.success).toBe(false);
      expect(issuePaths(result)).toContain(field);
    });
  });
});

describe('service frontmatter', () => {
  const validService = {
    title: 'AI governance',
    description:
      'Access controls, audit trails and compliance frameworks designed into your AI systems from the first sprint.',
    summary: 'Governance built in, so go-live is not the first review.',
    order: 2,
    deliverables: ['An access model', 'An audit trail design'],
  };

  it('accepts a complete service', () => {
    expect(serviceSchema.parse(validService).relatedTags).toEqual([]);
  });

  it.each([
    ['a missing order', { order: undefined }, 'order'],
    ['a fractional order', { order: 1.5 }, 'order'],
    ['a single deliverable', { deliverables: ['Only one'] }, 'deliverables'],
    ['an unknown related tag', { relatedTags: ['Crypto'] }, 'relatedTags.0'],
  ])('rejects %s', (_case, change, field) => {
    expect(issuePaths(serviceSchema.safeParse({ ...validService, ...change }))).toContain(field);
  });
});

describe('page frontmatter', () => {
  it('requires a lead paragraph', () => {
    const result = pageSchema.safeParse({
      title: 'Privacy notice',
      description:
        'What we store when you contact us, why, for how long, and how to ask us to delete it.',
    });
    expect(issuePaths(result)).toContain('lead');
  });

  const page = {
    title: 'Free AI assessment',
    description: 'A free assessment of where your AI work stands and what it needs to go live.',
    lead: 'Tell us where your AI work stands and we will give you our view.',
  };
  const point = { label: 'What you get', text: 'A written summary with the next steps we advise.' };

  it('takes a pitch of labelled points to show beside a form', () => {
    expect(pageSchema.parse({ ...page, pitch: [point] }).pitch).toEqual([point]);
  });

  it.each([
    ['a point without its label', [{ text: point.text }], 'pitch.0.label'],
    ['more points than fit beside a form', Array(5).fill(point), 'pitch'],
  ])('rejects %s', (_case, pitch, field) => {
    expect(issuePaths(pageSchema.safeParse({ ...page, pitch }))).toContain(field);
  });
});
