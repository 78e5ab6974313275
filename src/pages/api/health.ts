// Liveness for uptime checks and deploy smoke tests; rendered on demand by the Worker.
import type { APIRoute } from 'astro';

export const prerender = false;

export const GET: APIRoute = () =>
  Response.json({ status: 'ok' }, { headers: { 'Cache-Control': 'no-store' } });
