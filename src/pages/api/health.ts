// Health for uptime checks and operators: Worker, D1 and outbox backlog, never any lead data.
import type { APIRoute } from 'astro';
import { env } from 'cloudflare:workers';
import { healthReport } from '../../../functions/health';

export const prerender = false;

export const GET: APIRoute = async () => {
  const health = await healthReport(env.DB, new Date());
  return Response.json(health, {
    status: health.status === 'down' ? 503 : 200,
    headers: { 'Cache-Control': 'no-store' },
  });
};
