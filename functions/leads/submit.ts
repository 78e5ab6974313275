// The lead pipeline: checks, then one atomic write of the lead and its emails, and only then
// an answer that promises anything. Delivery happens after, and is retried until it succeeds.
import type { Lead, LeadForm } from '../../src/lib/leads/lead';
import { parseLeadForm, type FieldErrors } from '../../src/lib/leads/parse';
import { knownTimeZone, replyByFor } from '../../src/lib/leads/reply-time';
import type { NewEmail } from '../email/outbox';
import { renderSalesNotification } from '../email/templates/sales-notification';
import { renderVisitorAcknowledgement } from '../email/templates/visitor-acknowledgement';
import { log } from '../log';
import type { Settings } from '../settings';
import { bookingOffer, type BookingOffer } from './booking';
import { submissionKeys } from './idempotency';
import { outboundFor } from './outbound';
import { assignOwner } from './owners';
import { routeLead } from './routing';
import { spamReason, verifyTurnstile, withinRateLimit, type PersonCheck } from './spam';
import { findSubmission, isRepeatedSubmission, storeLead, type StoredSubmission } from './store';
import { withdrawalLink } from './withdrawal-link';

export interface Submission {
  form: LeadForm;
  entries: Iterable<[string, FormDataEntryValue]>;
  ip?: string | undefined;
  /** Cloudflare's estimate of the visitor's zone, used when the browser did not say. */
  cfTimeZone?: string | undefined;
  now: Date;
}

export interface SubmitDeps {
  db: D1Database;
  limiter: RateLimit;
  settings: Settings;
}

export type SubmitOutcome =
  | {
      kind: 'accepted';
      leadId: string;
      replyBy: Date;
      visitorTimeZone?: string | undefined;
      emailIds: string[];
      /** "Pick a time now" with the owner, when they have a booking page. */
      booking?: BookingOffer | undefined;
    }
  | { kind: 'invalid'; errors: FieldErrors }
  | { kind: 'rate-limited'; retryAfterSeconds: number }
  | { kind: 'turnstile-failed' }
  | { kind: 'unavailable' };

const RATE_LIMIT_PERIOD_SECONDS = 60;

function buildLead(
  parsed:
    { form: 'assessment'; fields: Lead['fields'] } | { form: 'contact'; fields: Lead['fields'] },
  submission: Submission,
  personCheck: PersonCheck,
): Lead {
  // The Turnstile token and the submission key have done their jobs; they are not the lead.
  const {
    'cf-turnstile-response': _token,
    submissionKey: _key,
    startedAt: _startedAt,
    ...fields
  } = parsed.fields;
  const receivedAt = submission.now;
  const base = {
    id: crypto.randomUUID(),
    receivedAt,
    replyBy: replyByFor(receivedAt),
    visitorTimeZone: knownTimeZone(fields.tz) ?? knownTimeZone(submission.cfTimeZone),
    attribution: {
      page: fields.page,
      referrer: fields.referrer,
      utm: {
        source: fields.utm_source,
        medium: fields.utm_medium,
        campaign: fields.utm_campaign,
        term: fields.utm_term,
        content: fields.utm_content,
      },
    },
    consentVersion: fields.consentVersion,
    personCheck,
  };
  const route = routeLead(parsed as Parameters<typeof routeLead>[0]);
  return { ...base, form: parsed.form, fields, route } as Lead;
}

/** The email that tells the owner and the team's inboxes of a lead (the canary's too). */
export function salesNotification(lead: Lead, settings: Settings): NewEmail & { id: string } {
  const owner = lead.route.owner;
  return {
    id: crypto.randomUUID(),
    kind: 'sales-notification',
    leadId: lead.id,
    dedupeKey: `${lead.id}:sales-notification`,
    to: [...new Set([...(owner ? [owner.email] : []), ...lead.route.to])],
    replyTo: lead.fields.email,
    ...renderSalesNotification(lead, settings.SITE_URL),
  };
}

/**
 * What a lead owes: the sales notification, the visitor's acknowledgement, and where they are
 * set, the CRM's lead.received event and the chat alert (all rows of the outbox).
 */
export async function queuedEmails(
  lead: Lead,
  settings: Settings,
  booking: BookingOffer | undefined,
): Promise<NewEmail[]> {
  return [
    salesNotification(lead, settings),
    {
      id: crypto.randomUUID(),
      kind: 'visitor-acknowledgement',
      leadId: lead.id,
      dedupeKey: `${lead.id}:visitor-acknowledgement`,
      to: [lead.fields.email],
      ...renderVisitorAcknowledgement(lead, settings.SITE_URL, {
        booking,
        withdrawHref: await withdrawalLink(lead, settings),
      }),
    },
    ...outboundFor(lead, settings, new Date()),
  ];
}

/** A repeat is answered exactly as the first was, and owes no new email. */
function repeated(stored: StoredSubmission, form: LeadForm): SubmitOutcome {
  log('info', 'lead_repeated', { form, leadId: stored.id });
  return {
    kind: 'accepted',
    leadId: stored.id,
    replyBy: stored.replyBy,
    visitorTimeZone: stored.visitorTimeZone,
    emailIds: [],
  };
}

export async function submitLead(submission: Submission, deps: SubmitDeps): Promise<SubmitOutcome> {
  const { settings } = deps;
  if (!(await withinRateLimit(deps.limiter, submission.ip, settings))) {
    log('warn', 'lead_rate_limited', { form: submission.form });
    return { kind: 'rate-limited', retryAfterSeconds: RATE_LIMIT_PERIOD_SECONDS };
  }

  const parsed = parseLeadForm(submission.form, submission.entries);
  if (!parsed.ok) return { kind: 'invalid', errors: parsed.errors };
  const fields = parsed.data;

  // Before Turnstile: a repeat carries the token its first send already spent.
  const keys = await submissionKeys(submission.form, fields, submission);
  try {
    const stored = await findSubmission(deps.db, keys);
    if (stored) return repeated(stored, submission.form);
  } catch (error) {
    log('error', 'lead_store_failed', {
      form: submission.form,
      error: String(error).slice(0, 200),
    });
    return { kind: 'unavailable' };
  }

  const turnstile = await verifyTurnstile(fields['cf-turnstile-response'], submission.ip, settings);
  if (!turnstile.ok) {
    log('warn', 'lead_turnstile_failed', { form: submission.form, reason: turnstile.reason });
    return { kind: 'turnstile-failed' };
  }

  const lead = buildLead(
    { form: submission.form, fields } as Parameters<typeof buildLead>[0],
    submission,
    turnstile.check,
  );
  const spam = spamReason(fields, settings);
  let emailIds: string[];
  let booking: BookingOffer | undefined;
  try {
    // Quarantined leads are stored for review but have no owner and owe no email to anyone.
    if (!spam) lead.route.owner = await assignOwner(deps.db, lead.route.team);
    booking = bookingOffer({
      form: lead.form,
      team: lead.route.team,
      ownerEmail: lead.route.owner?.email ?? null,
      name: lead.fields.name,
      email: lead.fields.email,
    });
    const emails = spam ? [] : await queuedEmails(lead, settings, booking);
    await storeLead(deps.db, lead, emails, {
      quarantine: spam ? { reason: spam } : undefined,
      submissionKey: keys[0],
    });
    emailIds = emails.map((email) => email.id!);
  } catch (error) {
    // Its twin, sent at the same moment, was stored first: answer as it was answered.
    const twin = isRepeatedSubmission(error)
      ? await findSubmission(deps.db, keys).catch(() => undefined)
      : undefined;
    if (twin) return repeated(twin, submission.form);
    log('error', 'lead_store_failed', {
      form: lead.form,
      leadId: lead.id,
      error: (error as Error).message.slice(0, 200),
    });
    return { kind: 'unavailable' };
  }
  log('info', spam ? 'lead_quarantined' : 'lead_received', {
    form: lead.form,
    leadId: lead.id,
    route: lead.route.rule,
    personCheck: lead.personCheck,
    ...(spam ? { reason: spam } : {}),
  });
  // A bot learns nothing from the answer: a quarantined lead looks accepted.
  return {
    kind: 'accepted',
    leadId: lead.id,
    replyBy: lead.replyBy,
    visitorTimeZone: lead.visitorTimeZone,
    emailIds,
    booking,
  };
}
