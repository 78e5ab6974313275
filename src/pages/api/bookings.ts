// Cal.com's booking webhook: a thin route over functions/integrations/bookings.ts.
import type { APIRoute } from 'astro';
import { env } from 'cloudflare:workers';
import { receiveBooking } from '../../../functions/integrations/bookings';
import { receiveWebhook } from '../../../functions/integrations/inbound';

export const prerender = false;

export const POST: APIRoute = ({ request }) => receiveWebhook(receiveBooking, request, env);
