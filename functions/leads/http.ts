// HTTP around the pipeline: what a form POST may look like, and how each outcome is answered,
// as JSON for the page script or as a status for the server-rendered page.
import { env } from 'cloudflare:workers';
import { formatInZone } from '../../src/lib/leads/reply-time';
import { SITE } from '../../src/lib/site';
import { deliverEmail } from '../email/deliver';
import { transportFor } from '../email/transport';
import { readSettings } from '../settings';
import { ROUTING } from './routing';
import { submitLead, type SubmitOutcome } from './submit';
import type { LeadForm } from './types';

/** Far above any honest form (the longest allows about 9 KB of text) and far below abuse. */
export const MAX_BODY_BYTES = 64 * 1024;
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];

export type LeadResponse =
  | { outcome: SubmitOutcome; values: Record<string, string> }
  | {
      outcome: { kind: 'bad-request'; status: 413 | 415 | 400; message: string };
      values: Record<string, string>;
    };

async function readForm(
  request: Request,
): Promise<FormData | { status: 413 | 415 | 400; message: string }> {
  const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (!FORM_TYPES.includes(type)) {
    return {
      status: 415,
      message: 'Send the form as application/x-www-form-urlencoded or multipart/form-data.',
    };
  }
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_BODY_BYTES)
    return {
      status: 413,
      message: 'The form is too large. Shorten the longest answers and send it again.',
    };
  const body = await request.arrayBuffer();
  if (body.byteLength > MAX_BODY_BYTES) {
    return {
      status: 413,
      message: 'The form is too large. Shorten the longest answers and send it again.',
    };
  }
  try {
    return await new Response(body, {
      headers: { 'content-type': request.headers.get('content-type')! },
    }).formData();
  } catch {
    return {
      status: 400,
      message: 'The form could not be read. Reload the page and send it again.',
    };
  }
}

function textValues(data: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of data) if (typeof value === 'string') values[name] = value;
  return values;
}

/** Runs a form POST through the pipeline; delivery of the new lead's emails starts at once. */
export async function handleLeadPost(
  request: Request,
  form: LeadForm,
  context: { ip?: string | undefined; waitUntil: (promise: Promise<unknown>) => void },
): Promise<LeadResponse> {
  const data = await readForm(request);
  if (!(data instanceof FormData)) return { outcome: { kind: 'bad-request', ...data }, values: {} };
  const settings = readSettings(env);
  const cf = (request as Request & { cf?: { timezone?: string } }).cf;
  const outcome = await submitLead(
    { form, entries: data.entries(), ip: context.ip, cfTimeZone: cf?.timezone, now: new Date() },
    { db: env.DB, limiter: env.LEAD_RATE_LIMITER, settings },
  );
  if (outcome.kind === 'accepted' && outcome.emailIds.length > 0) {
    // The sales inbox should have the lead within a minute; the cron sweep retries what fails here.
    const transport = transportFor(settings);
    const now = new Date();
    context.waitUntil(
      Promise.all(outcome.emailIds.map((id) => deliverEmail(env.DB, transport, id, now))).catch(
        () => {},
      ),
    );
  }
  return { outcome, values: textValues(data) };
}

export function statusOf(response: LeadResponse): number {
  const { outcome } = response;
  switch (outcome.kind) {
    case 'accepted':
      return 200;
    case 'invalid':
      return 422;
    case 'rate-limited':
      return 429;
    case 'turnstile-failed':
      return 403;
    case 'unavailable':
      return 503;
    case 'bad-request':
      return outcome.status;
  }
}

export function confirmationTimes(replyBy: Date, visitorTimeZone?: string | undefined) {
  const ist = formatInZone(replyBy, SITE.headquarters.timeZone);
  const local = visitorTimeZone ? formatInZone(replyBy, visitorTimeZone) : ist;
  return { replyBy: replyBy.toISOString(), local, ist, sameZone: local === ist };
}

/** Messages for outcomes that are not about one field. */
export function problemMessage(response: LeadResponse, fallbackInbox: string): string | undefined {
  const { outcome } = response;
  switch (outcome.kind) {
    case 'rate-limited':
      return `We have received several forms from your network in the last minute. Please wait a minute and send it again; what you typed is still here.`;
    case 'turnstile-failed':
      return 'We could not confirm that this form was sent by a person. Please complete the check above the send button and try again.';
    case 'unavailable':
      return `We could not take your request just now, and nothing was sent. Please try again in a few minutes, or email us at ${fallbackInbox}. What you typed is still here.`;
    case 'bad-request':
      return outcome.message;
    case 'invalid':
      return outcome.errors['_form'];
    default:
      return undefined;
  }
}

export function jsonFor(response: LeadResponse, fallbackInbox: string): Response {
  const status = statusOf(response);
  const { outcome } = response;
  const headers: Record<string, string> = { 'Cache-Control': 'no-store' };
  if (outcome.kind === 'rate-limited') headers['Retry-After'] = String(outcome.retryAfterSeconds);
  if (outcome.kind === 'accepted') {
    return Response.json(
      {
        ok: true,
        leadId: outcome.leadId,
        ...confirmationTimes(outcome.replyBy, outcome.visitorTimeZone),
      },
      { status, headers },
    );
  }
  const errors = outcome.kind === 'invalid' ? outcome.errors : {};
  return Response.json(
    {
      ok: false,
      message: problemMessage(response, fallbackInbox) ?? 'Please check the highlighted fields.',
      errors,
    },
    { status, headers },
  );
}

export interface FormPageState {
  status: number;
  values: Record<string, string>;
  errors: Record<string, string>;
  problem?: string | undefined;
}

function fallbackInbox(): string {
  return ROUTING.teams[ROUTING.defaultTeam]!.inboxes[0]!;
}

/**
 * Everything a form's POST page does: JSON for the page script, a redirect to the confirmation
 * for a stored lead, or the state to render the form again with the visitor's values and errors.
 */
export async function answerLeadPost(
  request: Request,
  form: LeadForm,
  context: {
    formPath: string;
    ip?: string | undefined;
    waitUntil: (promise: Promise<unknown>) => void;
  },
): Promise<Response | FormPageState> {
  if (request.method !== 'POST') {
    return new Response(null, { status: 303, headers: { Location: context.formPath } });
  }
  const result = await handleLeadPost(request, form, context);
  if (request.headers.get('accept')?.includes('application/json'))
    return jsonFor(result, fallbackInbox());
  const { outcome } = result;
  if (outcome.kind === 'accepted') {
    return new Response(null, {
      status: 303,
      headers: { Location: `/thanks/?lead=${outcome.leadId}` },
    });
  }
  return {
    status: statusOf(result),
    values: result.values,
    errors: outcome.kind === 'invalid' ? outcome.errors : {},
    problem: problemMessage(result, fallbackInbox()),
  };
}
