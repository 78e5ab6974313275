// What the email specs share: the leads they render, each template rendered with our site URL and
// a fixed clock, and how a reader takes in a rendered email: its HTML as a person sees it, and its
// plain twin.
import { expect } from 'vitest';
import type { LeadEvent } from '../../../functions/audit/trail';
import { renderEscalation } from '../../../functions/email/templates/escalation';
import type { RenderedEmail } from '../../../functions/email/templates/layout';
import { renderOwnerReminder } from '../../../functions/email/templates/owner-reminder';
import { renderSalesNotification } from '../../../functions/email/templates/sales-notification';
import { renderTeamDigest } from '../../../functions/email/templates/team-digest';
import { renderVisitorAcknowledgement } from '../../../functions/email/templates/visitor-acknowledgement';
import { CONSENT } from '../../../src/lib/leads/consent';
import type { Lead, OpenLead } from '../../../src/lib/leads/lead';
import { replyByFor } from '../../../src/lib/leads/reply-time';
import { assessmentSchema, contactSchema } from '../../../src/lib/leads/schemas';

export const SITE_URL = 'https://nyarro.example.com';
export const at = (iso: string) => new Date(iso);

/** The reply-by time of every sample lead, in full and as subjects and lists shorten it. */
export const DUE = 'Thursday 26 November 2026, 14:30 IST';
export const DUE_SHORT = 'Thu 26 Nov, 14:30 IST';

// A lead as it is taken: what the sales notification and the visitor's acknowledgement render.

type AssessmentLead = Extract<Lead, { form: 'assessment' }>;
type ContactLead = Extract<Lead, { form: 'contact' }>;
type LeadExtras = Partial<Omit<AssessmentLead, 'form' | 'fields'>>;

const receivedAt = at('2026-11-25T09:00:00Z');

const base = {
  id: 'lead_01JTEST',
  receivedAt,
  replyBy: replyByFor(receivedAt),
  attribution: {
    page: '/assessment/',
    referrer: '/blog/why-ai-pilots-fail/',
    utm: { source: 'linkedin', medium: 'social', campaign: 'pilot-to-production' },
  },
  consentVersion: CONSENT.version,
  route: {
    rule: 'enterprise-size',
    team: 'enterprise',
    teamName: 'Enterprise sales',
    to: ['enterprise@example.com'],
  },
};

// Sample fields go through the real schemas, so they are what the pipeline would really hold.
const assessmentFields = assessmentSchema.parse({
  name: 'Asha Rao',
  email: 'asha.rao@acme.example',
  company: 'Acme Ltd',
  companySize: '5000+',
  industry: 'financial-services',
  stage: 'pilot-stuck',
  goals: 'Move our fraud model out of the pilot.\nGet an audit trail regulators accept.',
  timeline: 'quarter',
  region: 'india',
  consent: 'on',
  consentVersion: CONSENT.version,
});

const contactFields = contactSchema.parse({
  name: 'Ravi Mehta',
  email: 'ravi@example.org',
  topic: 'partnership',
  message: 'We run a data platform team.\nCould we talk about working together?',
  consent: 'on',
  consentVersion: CONSENT.version,
});

export function assessmentLead(
  fields: Partial<AssessmentLead['fields']> = {},
  extras: LeadExtras = {},
): AssessmentLead {
  return { ...base, ...extras, form: 'assessment', fields: { ...assessmentFields, ...fields } };
}

export function contactLead(
  fields: Partial<ContactLead['fields']> = {},
  extras: LeadExtras = {},
): ContactLead {
  return { ...base, ...extras, form: 'contact', fields: { ...contactFields, ...fields } };
}

export const sales = (lead: Lead) => renderSalesNotification(lead, SITE_URL);
export const ack = (lead: Lead) => renderVisitorAcknowledgement(lead, SITE_URL);

// A stored lead still waiting for a reply: what the follow-up emails render.

/** The desk's page for the sample stored lead: where every staff email sends its reader. */
export const DESK_LEAD = `${SITE_URL}/desk/leads/lead_01/`;

export function openLead(extras: Partial<OpenLead> = {}): OpenLead {
  return {
    id: 'lead_01',
    form: 'assessment',
    name: 'Asha Rao',
    email: 'asha.rao@acme.example',
    company: 'Acme Ltd',
    team: 'enterprise',
    teamName: 'Enterprise sales',
    ownerName: 'Sam Iyer',
    ownerEmail: 'sam@nyarro.example',
    receivedAt: at('2026-11-25T09:00:00Z'),
    replyBy: at('2026-11-26T09:00:00Z'),
    claimedAt: null,
    claimedBy: null,
    repliedAt: null,
    repliedBy: null,
    visitorTimeZone: null,
    ...extras,
  };
}

export const claimed = { claimedAt: at('2026-11-26T04:30:00Z'), claimedBy: 'sam@nyarro.example' };

export const remind = (lead: OpenLead, now = at('2026-11-26T05:00:00Z')) =>
  renderOwnerReminder(lead, SITE_URL, now);
export const escalate = (
  lead: OpenLead,
  events: LeadEvent[] = [],
  now = at('2026-11-26T12:00:00Z'),
) => renderEscalation(lead, events, SITE_URL, now);
export const digest = (
  leads: OpenLead[],
  now = at('2026-11-26T03:30:00Z'),
  team = 'Enterprise sales',
) => renderTeamDigest(team, leads, SITE_URL, now);

// Reading a rendered email.

/** What a person reads in the HTML: tags dropped, entities decoded, whitespace collapsed. */
export function visible(markup: string): string {
  return markup
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

/** A labelled value, as both twins show it. */
export function expectRow(email: RenderedEmail, label: string, value: string) {
  expect(email.text).toContain(`${label}: ${value}`);
  expect(visible(email.html)).toContain(` ${label} ${value} `);
}

/** The same sentence, in both twins (a link's closing tag leaves no gap before punctuation). */
export function expectBoth(email: RenderedEmail, fact: string) {
  expect(email.text.replace(/\s+/g, ' ')).toContain(fact);
  expect(visible(email.html).replace(/ ([.,:)])/g, '$1')).toContain(fact);
}

/** Tags of ours that must never leak into the plain-text twin. */
export const OUR_TAGS = /<\/?(?:html|head|body|meta|title|table|tr|th|td|h1|h2|p|a|br)\b/i;
