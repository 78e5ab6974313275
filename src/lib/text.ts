// Small text helpers shared by pages and tests: slugs, reading time, display dates.

/** URL slug for a tag or heading: lowercase ASCII words joined by hyphens. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

// A comfortable pace for professional reading of technical prose.
const WORDS_PER_MINUTE = 220;

/** Minutes to read a Markdown/MDX body, at least one. Code, markup and link targets are not read. */
export function readingMinutes(body: string): number {
  const prose = body
    .replace(/^---[\s\S]*?---/, '')
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\]\([^)]*\)/g, ']');
  const words = prose.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)?.length ?? 0;
  return Math.max(1, Math.round(words / WORDS_PER_MINUTE));
}

// Building a formatter is the costly part of formatting a date: with 1,000 posts, making one per
// call took 0.6 s of a build. One per locale, made on first use.
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** "13 June 2026", fixed to UTC so a build anywhere prints the same date. */
export function formatDate(date: Date, locale = 'en-GB'): string {
  let format = dateFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    dateFormats.set(locale, format);
  }
  return format.format(date);
}
