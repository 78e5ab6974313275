// Health for uptime checks and operators: Worker, D1 and outbox backlog, never any lead data.
// Any state but ok answers 503, so a check that only looks at the status code still raises it.
import type { APIRoute } from 'astro';
import { env } from 'cloudflare:workers';
import { healthReport, healthStatusCode } from '../../../functions/health';
import { configProblems, readSettings } from '../../../functions/settings';

export const prerender = false;

export const GET: APIRoute = async () => {
  const health = await healthReport(env.DB, new Date(), configProblems(readSettings(env)));
  return Response.json(health, {
    status: healthStatusCode(health),
    headers: { 'Cache-Control': 'no-store' },
  });
};
