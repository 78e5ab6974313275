// Draws an Open Graph card (1200 x 630 PNG) with sharp: libvips lays the text out with Pango and
// encodes on libuv's threads, so the build's main thread only paints the text's pixels into place.
// A few milliseconds a card, against 80 ms for the WebAssembly canvas used before
// (docs/BENCHMARKS.md). Build-time only (Node); the Worker never imports this.
import { resolve } from 'node:path';
import sharp from 'sharp';
import { INTER } from '../assets/fonts/inter.mjs';
import { SITE } from '../lib/site';

export interface Card {
  title: string;
  description: string;
}

const WIDTH = 1200;
const HEIGHT = 630;
const CHANNELS = 3;
const PADDING = 80;
const ACCENT_WIDTH = 16;
const COLOURS = {
  background: '#0b2a33',
  accent: '#f2a66f',
  title: '#ffffff',
  description: '#d6e4ec',
};
// The title shrinks, step by step, until title and description fit above the site's name.
const TITLE_SIZES = [64, 56, 48, 40];
const DESCRIPTION_SIZE = 34;
const FOOTER_SIZE = 30;
const GAP = 36;
const FOOTER_TOP = HEIGHT - PADDING - FOOTER_SIZE;

// Pango reads TrueType from a path; the WOFF2 cut the pages use would fall back to another face.
export const FONT_FILE = resolve(INTER.trueTypeFile);

/** Text as Pango markup: the three characters markup gives a meaning to, escaped. */
function markup(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** Text as coverage: one byte a pixel, 0 where the background shows, 255 where ink covers it. */
interface Coverage {
  data: Buffer;
  width: number;
  height: number;
}

async function text(content: string, size: number, weight = 400): Promise<Coverage> {
  const { data, info } = await sharp({
    text: {
      text: `<span weight="${weight}">${markup(content)}</span>`,
      font: `Inter ${size}px`,
      fontfile: FONT_FILE,
      width: WIDTH - 2 * PADDING,
      wrap: 'word',
      dpi: 72,
    },
  })
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** For each coverage value, the RGB of `colour` laid on the background at that coverage. */
function shades(colour: string): Uint8Array {
  const rgb = (hex: string) => [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16));
  const [ink, paper] = [rgb(colour), rgb(COLOURS.background)];
  const table = new Uint8Array(256 * CHANNELS);
  for (let cover = 0; cover < 256; cover++) {
    for (let channel = 0; channel < CHANNELS; channel++) {
      const [from, to] = [paper[channel]!, ink[channel]!];
      table[cover * CHANNELS + channel] = Math.round(from + ((to - from) * cover) / 255);
    }
  }
  return table;
}

const SHADES = {
  accent: shades(COLOURS.accent),
  title: shades(COLOURS.title),
  description: shades(COLOURS.description),
};

/**
 * Paints text into the card's RGB rows, its top-left corner at (left, top). The background under
 * the text column is flat, so a lookup replaces blending: about 0.4 ms for a title, against
 * 3 ms for libvips to composite over the whole card.
 */
function paint(card: Buffer, text: Coverage, shade: Uint8Array, left: number, top: number) {
  const rows = Math.min(text.height, HEIGHT - top);
  for (let row = 0; row < rows; row++) {
    let out = ((top + row) * WIDTH + left) * CHANNELS;
    const end = (row + 1) * text.width;
    for (let at = row * text.width; at < end; at++, out += CHANNELS) {
      const cover = text.data[at]! * CHANNELS;
      card[out] = shade[cover]!;
      card[out + 1] = shade[cover + 1]!;
      card[out + 2] = shade[cover + 2]!;
    }
  }
}

// The same on every card, so drawn once: the background, the accent bar and the site's name.
let background: Promise<Buffer> | undefined;

async function drawBackground(): Promise<Buffer> {
  const card = await sharp({
    create: { width: WIDTH, height: HEIGHT, channels: CHANNELS, background: COLOURS.background },
  })
    .raw()
    .toBuffer();
  const bar = Buffer.from(SHADES.accent.subarray(255 * CHANNELS)).toString('latin1');
  for (let row = 0; row < HEIGHT; row++) {
    card.write(bar.repeat(ACCENT_WIDTH), row * WIDTH * CHANNELS, 'latin1');
  }
  paint(card, await text(SITE.name, FOOTER_SIZE, 700), SHADES.accent, PADDING, FOOTER_TOP);
  return card;
}

// Card-sized buffers whose PNG is encoded, ready for the next card.
const spareCards: Buffer[] = [];

/** The card for a page: its title, large, and its description beneath. */
export async function drawCard({ title, description }: Card): Promise<Uint8Array<ArrayBuffer>> {
  background ??= drawBackground();
  const [descriptionText, base] = await Promise.all([
    text(description, DESCRIPTION_SIZE),
    background,
  ]);
  const room = FOOTER_TOP - GAP - PADDING - descriptionText.height - GAP;
  let titleText = await text(title, TITLE_SIZES[0]!, 700);
  for (const size of TITLE_SIZES.slice(1)) {
    if (titleText.height <= room) break;
    titleText = await text(title, size, 700);
  }
  // A fresh 2.2 MB buffer per card costs more than drawing its text: reuse the ones encoded.
  const card = spareCards.pop() ?? Buffer.allocUnsafe(base.length);
  base.copy(card);
  paint(card, titleText, SHADES.title, PADDING, PADDING);
  paint(card, descriptionText, SHADES.description, PADDING, PADDING + titleText.height + GAP);
  try {
    // Level 3 of 9: 15 % larger than the default level 6, in 60 % of the time.
    const png = await sharp(card, { raw: { width: WIDTH, height: HEIGHT, channels: CHANNELS } })
      .png({ compressionLevel: 3 })
      .toBuffer();
    return new Uint8Array(png);
  } finally {
    spareCards.push(card);
  }
}
