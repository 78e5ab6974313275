// The lead pipeline: checks, then one atomic write of the lead and its emails, and only then
// an answer that promises anything. Delivery happens after, and is retried until it succeeds.
import type { Lead, LeadForm } from '../../src/lib/leads/lead';
import { parseLeadForm, type FieldErrors } from '../../src/lib/leads/parse';
import { knownTimeZone, replyByFor } from '../../src/lib/leads/reply-time';
import type { NewEmail } from '../email/outbox';
import { renderSalesNotification } from '../email/templates/sales-notification';
import { renderVisitorAcknowledgement } from '../email/templates/visitor-acknowledgement';
import { ownerLinks } from '../follow-up/links';
import { log } from '../log';
import { linkSecret, type Settings } from '../settings';
import { assignOwner } from './owners';
import { routeLead } from './routing';
import { spamReason, verifyTurnstile, withinRateLimit } from './spam';
import { storeLead } from './store';
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
): Lead {
  // The Turnstile token has done its job; it is not part of the lead.
  const { 'cf-turnstile-response': _token, ...fields } = parsed.fields;
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
  };
  const route = routeLead(parsed as Parameters<typeof routeLead>[0]);
  return { ...base, form: parsed.form, fields, route } as Lead;
}

/** The two emails a lead owes: the sales notification and the visitor's acknowledgement. */
export async function queuedEmails(lead: Lead, settings: Settings): Promise<NewEmail[]> {
  const owner = lead.route.owner;
  const secret = linkSecret(settings);
  if (!secret)
    log('error', 'lead_links_disabled', { leadId: lead.id, reason: 'LEAD_LINK_SECRET is not set' });
  const links =
    owner && secret
      ? await ownerLinks(lead.id, owner.email, {
          secret,
          siteUrl: settings.SITE_URL,
          now: lead.receivedAt,
          days: settings.LINK_TTL_DAYS,
        })
      : undefined;
  return [
    {
      id: crypto.randomUUID(),
      kind: 'sales-notification',
      leadId: lead.id,
      dedupeKey: `${lead.id}:sales-notification`,
      to: [...new Set([...(owner ? [owner.email] : []), ...lead.route.to])],
      replyTo: lead.fields.email,
      ...renderSalesNotification(lead, settings.SITE_URL, links),
    },
    {
      id: crypto.randomUUID(),
      kind: 'visitor-acknowledgement',
      leadId: lead.id,
      dedupeKey: `${lead.id}:visitor-acknowledgement`,
      to: [lead.fields.email],
      ...renderVisitorAcknowledgement(
        lead,
        settings.SITE_URL,
        await withdrawalLink(lead, settings),
      ),
    },
  ];
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

  const turnstile = await verifyTurnstile(fields['cf-turnstile-response'], submission.ip, settings);
  if (!turnstile.ok) {
    log('warn', 'lead_turnstile_failed', { form: submission.form, reason: turnstile.reason });
    return { kind: 'turnstile-failed' };
  }

  const lead = buildLead(
    { form: submission.form, fields } as Parameters<typeof buildLead>[0],
    submission,
  );
  const spam = spamReason(fields, submission.now, settings);
  let emailIds: string[];
  try {
    // Quarantined leads are stored for review but have no owner and owe no email to anyone.
    if (!spam) lead.route.owner = await assignOwner(deps.db, lead.route.team);
    const emails = spam ? [] : await queuedEmails(lead, settings);
    await storeLead(deps.db, lead, emails, spam ? { reason: spam } : undefined);
    emailIds = emails.map((email) => email.id!);
  } catch (error) {
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
    ...(spam ? { reason: spam } : {}),
  });
  // A bot learns nothing from the answer: a quarantined lead looks accepted.
  return {
    kind: 'accepted',
    leadId: lead.id,
    replyBy: lead.replyBy,
    visitorTimeZone: lead.visitorTimeZone,
    emailIds,
  };
}
