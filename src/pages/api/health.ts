// Health for uptime checks and operators: Worker, D1 and outbox backlog, never any lead data.
// Any state but ok answers 503, so a check that only looks at the status code still raises it.
import type { APIRoute } from 'astro';
import { env } from 'cloudflare:workers';
import { healthReport } from '../../../functions/health';

export const prerender = false;

export const GET: APIRoute = async () => {
  const health = await healthReport(env.DB, new Date());
  return Response.json(health, {
    status: health.status === 'ok' ? 200 : 503,
    headers: { 'Cache-Control': 'no-store' },
  });
};
