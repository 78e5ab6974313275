// Health for uptime checks and operators: settings, Worker, D1 and outbox backlog, never any lead
// data. Any state but ok answers 503, so a check that only looks at the status code raises it.
import type { APIRoute } from 'astro';
import { env } from 'cloudflare:workers';
import { healthCheck } from '../../../functions/health';

export const prerender = false;

export const GET: APIRoute = async () => {
  const { health, status } = await healthCheck(env, new Date());
  return Response.json(health, { status, headers: { 'Cache-Control': 'no-store' } });
};
