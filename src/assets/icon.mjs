// The logo as PNG, drawn from src/assets/logo.svg at build time. A PNG is decoded off the page's
// main thread; an SVG icon is a document of its own, built on it.
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';

/**
 * The logo at `size` pixels square. `palette`: sixteen colours, for an icon small enough to ride
 * inside every page (the logo has two colours and their anti-aliased edge).
 * @param {number} size
 * @param {{ palette?: boolean }} [options]
 */
export async function logoPng(size, { palette = false } = {}) {
  // From the project root: this module is bundled into the build's own folder when pages render.
  const svg = await readFile('src/assets/logo.svg');
  return sharp(svg, { density: (72 * size) / 32 })
    .resize(size, size)
    .png(palette ? { palette: true, colors: 16, compressionLevel: 9, effort: 10 } : {})
    .toBuffer();
}

/**
 * The browser tab's icon as a data: URL, written into each page's <head>. As its own file it is a
 * request the browser makes as the page loads, which Lighthouse counts against the largest paint
 * when it ends before that paint (docs/BENCHMARKS.md, "The largest paint"); inline it is 0.5 KB.
 */
export async function faviconDataUrl() {
  return `data:image/png;base64,${(await logoPng(48, { palette: true })).toString('base64')}`;
}
