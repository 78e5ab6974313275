// The logo as PNG, drawn from src/assets/logo.svg at build time: the browser tab's icon (a PNG is
// decoded off the page's main thread; an SVG icon is a document built on it) and the logo search
// engines show for the organisation.
import type { APIRoute, GetStaticPaths } from 'astro';
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';

const SIZES = { favicon: 48, logo: 512 };

export const getStaticPaths = (() =>
  Object.entries(SIZES).map(([icon, size]) => ({
    params: { icon },
    props: { size },
  }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) => {
  const { size } = props as { size: number };
  const png = await sharp(await readFile('src/assets/logo.svg'), { density: (72 * size) / 32 })
    .resize(size, size)
    .png()
    .toBuffer();
  return new Response(new Uint8Array(png), { headers: { 'Content-Type': 'image/png' } });
};
