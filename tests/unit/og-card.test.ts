// The Open Graph card a link preview shows: the right size, the longest text fitting, the site's
// name never covered, and a title's characters drawn as they are.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { blogSchema } from '../../src/lib/content-schemas';
import { cardImage } from '../../src/og/cards';

const SHORT = {
  title: 'Why pilots stall',
  description: 'A short note on what stops an AI pilot on its way to production.',
};
// As long as the content schema lets a post's title and description be, in words.
const words = (length: number) =>
  'Governance architecture and operations for production AI '.repeat(9).slice(0, length);
const LONGEST = {
  title: words(blogSchema.shape.title.maxLength!),
  description: words(blogSchema.shape.description.maxLength!),
};

async function pixels(png: Uint8Array) {
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  return { data, ...info };
}

/** The bottom band of the card, where the site's name stands. */
function footerBand(image: Awaited<ReturnType<typeof pixels>>): Buffer {
  const rowBytes = image.width * image.channels;
  return image.data.subarray(rowBytes * (image.height - 130));
}

describe('Open Graph card', () => {
  it('is a 1200 x 630 PNG, the size link previews ask for', async () => {
    const meta = await sharp(await cardImage(SHORT)).metadata();
    expect(meta).toMatchObject({ format: 'png', width: 1200, height: 630 });
  });

  it('fits the longest title and description above the site name, leaving it untouched', async () => {
    const [short, long] = await Promise.all([cardImage(SHORT), cardImage(LONGEST)]);
    expect(footerBand(await pixels(long)).equals(footerBand(await pixels(short)))).toBe(true);
  });

  it('draws the characters of a title, never reading them as markup', async () => {
    // Titles are already bold: read as markup, "<b>AI</b>" would draw the same card as "AI".
    const plain = await pixels(await cardImage({ ...SHORT, title: 'AI' }));
    const marked = await pixels(await cardImage({ ...SHORT, title: '<b>AI</b>' }));
    expect(marked.data.equals(plain.data)).toBe(false);
  });

  it('draws an ampersand, which as markup would fail the card', async () => {
    const meta = await sharp(await cardImage({ ...SHORT, title: 'R&D in production' })).metadata();
    expect(meta).toMatchObject({ format: 'png', width: 1200, height: 630 });
  });
});
