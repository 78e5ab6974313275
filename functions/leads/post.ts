// A form's POST, from request to answer, in three visible steps: read the request, decide the
// outcome (functions/leads/submit.ts), and only for a stored lead start delivering its emails.
import { env } from 'cloudflare:workers';
import { deliverSoon } from '../email/deliver';
import { transportFor } from '../email/transport';
import { readSettings } from '../settings';
import type { LeadForm } from '../../src/lib/leads/lead';
import { answerFor, jsonAnswer, type LeadOutcome } from './answer';
import { readForm, textValues } from './read-form';
import { ROUTING } from '../teams';
import { submitLead } from './submit';

export interface FormPageState {
  status: number;
  headers: Record<string, string>;
  values: Record<string, string>;
  errors: Record<string, string>;
  problem?: string | undefined;
}

interface PostContext {
  formPath: string;
  ip?: string | undefined;
  waitUntil: (promise: Promise<unknown>) => void;
}

/** Where a visitor can write when we cannot take their form. */
function fallbackInbox(): string {
  return ROUTING.teams[ROUTING.defaultTeam]!.inboxes[0]!;
}

async function decide(
  request: Request,
  form: LeadForm,
  context: PostContext,
): Promise<{ outcome: LeadOutcome; values: Record<string, string> }> {
  const data = await readForm(request);
  if (!(data instanceof FormData)) return { outcome: data, values: {} };
  const settings = readSettings(env);
  const cf = (request as Request & { cf?: { timezone?: string } }).cf;
  // Locally request.cf is a fixed placeholder, not the visitor's location: IST is more honest.
  const cfTimeZone = settings.ENVIRONMENT === 'production' ? cf?.timezone : undefined;
  const outcome = await submitLead(
    { form, entries: data.entries(), ip: context.ip, cfTimeZone, now: new Date() },
    { db: env.DB, limiter: env.LEAD_RATE_LIMITER, settings },
  );
  if (outcome.kind === 'accepted') {
    deliverSoon(env.DB, transportFor(settings), outcome.emailIds, context.waitUntil);
  }
  return { outcome, values: textValues(data) };
}

/**
 * Everything a form's POST page does: JSON for the page script, a redirect to the confirmation
 * for a stored lead, or the state to render the form again with the visitor's values and errors.
 */
export async function answerLeadPost(
  request: Request,
  form: LeadForm,
  context: PostContext,
): Promise<Response | FormPageState> {
  if (request.method !== 'POST') {
    return new Response(null, { status: 303, headers: { Location: context.formPath } });
  }
  const { outcome, values } = await decide(request, form, context);
  if (request.headers.get('accept')?.includes('application/json')) {
    return jsonAnswer(outcome, fallbackInbox());
  }
  if (outcome.kind === 'accepted') {
    return new Response(null, {
      status: 303,
      headers: { Location: `/thanks/?lead=${outcome.leadId}` },
    });
  }
  return { ...answerFor(outcome, fallbackInbox()), values };
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
