// Which Open Graph cards are drawn when: each once, a few at a time, from the cache when it was
// drawn before with the same text and layout. Build-time only (Node).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import pLimit from 'p-limit';
import sharp from 'sharp';
import { drawCard, FONT_FILE, type Card } from './card';

// Cards already drawn, by a hash of all that goes into one: its text, the drawing code (the
// layout), the font and the renderer. Under node_modules/.astro, the folder Cloudflare's build
// cache keeps for Astro projects, so a deploy draws only the cards of new and changed pages.
const CACHE_DIR = resolve('node_modules/.astro/og-cards');
const RENDERER = createHash('sha256')
  .update(readFileSync(resolve('src/og/card.ts')))
  .update(readFileSync(FONT_FILE))
  .update(JSON.stringify(sharp.versions))
  .digest('hex');

function cacheFile(card: Card): string {
  const key = createHash('sha256')
    .update(RENDERER)
    .update(JSON.stringify([card.title, card.description]))
    .digest('hex');
  return join(CACHE_DIR, `${key}.png`);
}

async function cachedOrDrawn(card: Card): Promise<Uint8Array<ArrayBuffer>> {
  const file = cacheFile(card);
  const cached = await readFile(file).catch(() => undefined);
  if (cached) return new Uint8Array(cached);
  const png = await drawCard(card);
  await mkdir(CACHE_DIR, { recursive: true });
  await writeFile(file, png);
  return png;
}

// Two cards per core in flight: each waits on the main thread between its steps.
const drawOne = pLimit(2 * availableParallelism());
const cards = new Map<string, Promise<Uint8Array<ArrayBuffer>>>();

/** The card for a page: drawn, or from the cache when drawn before with the same text and layout. */
export function cardImage(card: Card): Promise<Uint8Array<ArrayBuffer>> {
  const key = JSON.stringify([card.title, card.description]);
  let image = cards.get(key);
  if (!image) {
    image = drawOne(() => cachedOrDrawn(card));
    // Drawn ahead, a card may fail before its page asks for it: the page reports the error.
    image.catch(() => {});
    cards.set(key, image);
  }
  return image;
}

/**
 * Starts drawing these cards in the background. Astro asks every route for its paths before it
 * renders any page, so the cards are drawn on the other cores while the pages render on the main
 * thread, and are ready when Astro reaches the images.
 */
export function drawAhead(all: Card[]): void {
  for (const card of all) void cardImage(card);
}
