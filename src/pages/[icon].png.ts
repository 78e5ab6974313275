// The logo as PNG files: the logo search engines show for the organisation, and the tab's icon for
// clients that ask for it by address (pages carry it inline, src/assets/icon.mjs).
import type { APIRoute, GetStaticPaths } from 'astro';
import { logoPng } from '../assets/icon.mjs';

const SIZES = { favicon: 48, logo: 512 };

export const getStaticPaths = (() =>
  Object.entries(SIZES).map(([icon, size]) => ({
    params: { icon },
    props: { size },
  }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) => {
  const { size } = props as { size: number };
  const png = await logoPng(size);
  return new Response(new Uint8Array(png), { headers: { 'Content-Type': 'image/png' } });
};
