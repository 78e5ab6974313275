// How each outcome of a lead POST is answered: one table from outcome to status, headers and the
// words the visitor reads, used alike by the JSON answer and by the page sent without JavaScript.
import type { LeadAnswer } from '../../src/lib/leads/answer';
import { confirmationTimes } from '../../src/lib/leads/answer';
import type { FieldErrors } from '../../src/lib/leads/parse';
import type { Unreadable } from './read-form';
import type { SubmitOutcome } from './submit';

export type LeadOutcome = SubmitOutcome | Unreadable;

interface Answer {
  status: number;
  /** Words for what is not about one field; undefined when the field messages say it all. */
  message?: string | undefined;
  headers?: Record<string, string>;
}

type AnswerTable = {
  [Kind in LeadOutcome['kind']]: (
    outcome: Extract<LeadOutcome, { kind: Kind }>,
    fallbackInbox: string,
  ) => Answer;
};

const ANSWERS: AnswerTable = {
  accepted: () => ({ status: 200 }),
  invalid: (outcome) => ({ status: 422, message: outcome.errors['_form'] }),
  'rate-limited': (outcome) => ({
    status: 429,
    message:
      'We have received several forms from your network in the last minute. Please wait a minute and send it again; what you typed is still here.',
    // A limited visitor's browser, or script, learns when to try again.
    headers: { 'Retry-After': String(outcome.retryAfterSeconds) },
  }),
  'turnstile-failed': () => ({
    status: 403,
    message:
      'We could not confirm that this form was sent by a person. Please complete the check above the send button and try again.',
  }),
  unavailable: (_outcome, fallbackInbox) => ({
    status: 503,
    message: `We could not take your request just now, and nothing was sent. Please try again in a few minutes, or email us at ${fallbackInbox}. What you typed is still here.`,
  }),
  'bad-request': (outcome) => ({ status: outcome.status, message: outcome.message }),
};

export interface OutcomeAnswer {
  status: number;
  /** Every answer is about one visitor: never cached. */
  headers: Record<string, string>;
  problem?: string | undefined;
  errors: FieldErrors;
}

export function answerFor(outcome: LeadOutcome, fallbackInbox: string): OutcomeAnswer {
  const answer = (ANSWERS[outcome.kind] as (o: LeadOutcome, inbox: string) => Answer)(
    outcome,
    fallbackInbox,
  );
  return {
    status: answer.status,
    headers: { 'Cache-Control': 'no-store', ...answer.headers },
    problem: answer.message,
    errors: outcome.kind === 'invalid' ? outcome.errors : {},
  };
}

/** The answer the form script reads. */
export function jsonAnswer(outcome: LeadOutcome, fallbackInbox: string): Response {
  const { status, headers, problem, errors } = answerFor(outcome, fallbackInbox);
  const body: LeadAnswer =
    outcome.kind === 'accepted'
      ? {
          ok: true,
          leadId: outcome.leadId,
          ...confirmationTimes(outcome.replyBy, outcome.visitorTimeZone),
          ...(outcome.booking ? { booking: outcome.booking } : {}),
        }
      : { ok: false, message: problem ?? 'Please check the highlighted fields.', errors };
  return Response.json(body, { status, headers });
}
