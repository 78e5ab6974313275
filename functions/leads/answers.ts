// How each outcome of a form POST is answered: JSON for the page script, a redirect to the
// confirmation, or the form again with the visitor's values and what to fix.
import { replyByTimes } from '../../src/lib/leads/reply-time';
import { handleLeadPost, type LeadResponse } from './http';
import { ROUTING } from './routing';
import type { LeadForm } from './types';

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

/** The reply-by time as the confirmation shows it: the same rule as the acknowledgement email. */
export function confirmationTimes(replyBy: Date, visitorTimeZone?: string | null | undefined) {
  const { ist, visitor } = replyByTimes(replyBy, visitorTimeZone);
  return { replyBy: replyBy.toISOString(), local: visitor?.time ?? ist, ist, sameZone: !visitor };
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

/** Headers for every answer: it is about one visitor, and a limited one learns when to retry. */
export function headersFor(response: LeadResponse): Record<string, string> {
  const headers: Record<string, string> = { 'Cache-Control': 'no-store' };
  const { outcome } = response;
  if (outcome.kind === 'rate-limited') headers['Retry-After'] = String(outcome.retryAfterSeconds);
  return headers;
}

export function jsonFor(response: LeadResponse, fallbackInbox: string): Response {
  const status = statusOf(response);
  const { outcome } = response;
  const headers = headersFor(response);
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
  headers: Record<string, string>;
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
    headers: headersFor(result),
    values: result.values,
    errors: outcome.kind === 'invalid' ? outcome.errors : {},
    problem: problemMessage(result, fallbackInbox()),
  };
}

/** What an Astro page that a form posts to hands over: its request, and the response it makes. */
interface FormPostPage {
  request: Request;
  clientAddress: string;
  locals: { cfContext: { waitUntil: (promise: Promise<unknown>) => void } };
  response: { status?: number; headers: Headers };
}

/**
 * A form's POST page in one call: the response to send instead of the page (JSON, a redirect),
 * or what to render the form again with, the page's status and headers already set.
 */
export async function answerFormPage(
  page: FormPostPage,
  form: LeadForm,
  formPath: string,
): Promise<Response | Pick<FormPageState, 'values' | 'errors' | 'problem'>> {
  const answer = await answerLeadPost(page.request, form, {
    formPath,
    ip: page.clientAddress,
    waitUntil: (promise) => page.locals.cfContext.waitUntil(promise),
  });
  if (answer instanceof Response) return answer;
  const { status, headers, ...state } = answer;
  page.response.status = status;
  for (const [name, value] of Object.entries(headers)) page.response.headers.set(name, value);
  return state;
}
