// Resend's email events (delivered, bounced, complained, delayed): a thin route over
// functions/integrations/email-events.ts.
import type { APIRoute } from 'astro';
import { env } from 'cloudflare:workers';
import { receiveEmailEvent } from '../../../functions/integrations/email-events';
import { receiveWebhook } from '../../../functions/integrations/inbound';

export const prerender = false;

export const POST: APIRoute = ({ request, locals }) =>
  receiveWebhook(receiveEmailEvent, request, env, (promise) => locals.cfContext.waitUntil(promise));
