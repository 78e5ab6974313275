import { describe, expect, it } from 'vitest';
import { formatDate, readingMinutes, slugify } from '../../src/lib/text';

describe('slugify', () => {
  it.each([
    ['AI pilot to production', 'ai-pilot-to-production'],
    ['AI governance', 'ai-governance'],
    ['  Spaces   and CAPS ', 'spaces-and-caps'],
    ['Café & Résumé', 'cafe-resume'],
    ['Reason 1: the demo', 'reason-1-the-demo'],
    ['---', ''],
  ])('%j becomes %j', (input, expected) => {
    expect(slugify(input)).toBe(expected);
  });
});

describe('readingMinutes', () => {
  const words = (count: number) => Array.from({ length: count }, () => 'word').join(' ');

  it.each([
    [0, 1],
    [50, 1],
    [220, 1],
    [1100, 5],
    [1250, 6],
    [2200, 10],
  ])('%i words read in %i minute(s)', (count, minutes) => {
    expect(readingMinutes(words(count))).toBe(minutes);
  });

  it('does not count code blocks, markup or link targets as reading', () => {
    const body = [
      words(220),
      '```ts',
      words(2000),
      '```',
      '<div class="note">',
      '[a link](https://example.com/a/very/long/path/with/many/segments/in/it)',
    ].join('\n');
    expect(readingMinutes(body)).toBe(1);
  });
});

describe('formatDate', () => {
  it('prints the calendar date of the frontmatter whatever the machine time zone', () => {
    expect(formatDate(new Date('2026-06-13'))).toBe('13 June 2026');
  });
});
