// Health for uptime checks and operators: settings, Worker, D1 and outbox backlog, never any lead
// data. Settings the Worker refuses (functions/settings.ts) make it "down": it takes no leads.
import type { APIRoute } from 'astro';
import { env } from 'cloudflare:workers';
import { healthReport } from '../../../functions/health';
import { checkSettings } from '../../../functions/settings';

export const prerender = false;

export const GET: APIRoute = async () => {
  const health = await healthReport(env.DB, new Date());
  const settings = checkSettings(env);
  const report = settings.ok
    ? health
    : { ...health, status: 'down' as const, settings: settings.problems };
  return Response.json(report, {
    status: report.status === 'down' ? 503 : 200,
    headers: { 'Cache-Control': 'no-store' },
  });
};
