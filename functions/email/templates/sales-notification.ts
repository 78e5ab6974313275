// The email the sales inbox gets for each lead: everything needed to answer it, and by when.
// The visitor is the reply-to, so answering is one click; the pipeline sets the headers.
// What the visitor typed sits under a heading that says so, disarmed (visitor-text.ts): a URL in a
// name, a message or a UTM value never becomes a link that seems to come from us.
import { CONSENT } from '../../../src/lib/leads/consent';
import {
  AI_STAGES,
  COMPANY_SIZES,
  CONTACT_TOPICS,
  INDUSTRIES,
  REGIONS,
  TIMELINES,
} from '../../../src/lib/leads/options';
import { formatInZone, replyByTimes, shortIst } from '../../../src/lib/leads/reply-time';
import { deskLink } from './lead-facts';
import { disarm, THEIR_WORDS } from './visitor-text';
import type { Attribution, Lead } from '../../../src/lib/leads/lead';
import {
  oneLine,
  renderHtml,
  renderText,
  siteHref,
  subjectLine,
  type Block,
  type Row,
  type Run,
  type RenderedEmail,
} from './layout';

const NOT_GIVEN = 'Not given';

const UTM_ORDER = ['source', 'medium', 'campaign', 'term', 'content'] as const;

const KIND = { assessment: 'Assessment request', contact: 'Contact message' } as const;

function subject(lead: Lead): string {
  const prefix = `${KIND[lead.form]}: `;
  const suffix = `. Reply by ${shortIst(lead.replyBy)}`;
  const who = [lead.fields.name, lead.fields.company]
    .filter((part): part is string => Boolean(part))
    .map((part) => disarm(oneLine(part)))
    .join(', ');
  // Name and company give way before the deadline does.
  return subjectLine(prefix, who, suffix);
}

/** What the visitor typed, disarmed; the address stays exact, as the schema checked it. */
function typed(lead: Lead): Row[] {
  const text = (value: string | undefined) => (value ? disarm(value) : NOT_GIVEN);
  if (lead.form === 'contact') {
    const f = lead.fields;
    return [
      { label: 'Name', value: disarm(f.name) },
      { label: 'Email', value: f.email },
      { label: 'Company', value: text(f.company) },
      { label: 'Message', value: disarm(f.message), multiline: true },
    ];
  }
  const f = lead.fields;
  return [
    { label: 'Name', value: disarm(f.name) },
    { label: 'Work email', value: f.email },
    { label: 'Company', value: disarm(f.company) },
    { label: 'Role', value: text(f.role) },
    { label: 'Phone', value: text(f.phone) },
    { label: 'What they want to achieve', value: disarm(f.goals), multiline: true },
  ];
}

/** What the visitor picked from our lists: our own words. */
function chosen(lead: Lead): Row[] {
  if (lead.form === 'contact') {
    return [{ label: 'Topic', value: CONTACT_TOPICS.labels[lead.fields.topic] }];
  }
  const f = lead.fields;
  return [
    { label: 'Company size', value: COMPANY_SIZES.labels[f.companySize] },
    { label: 'Industry', value: INDUSTRIES.labels[f.industry] },
    { label: 'AI work today', value: AI_STAGES.labels[f.stage] },
    { label: 'Timeline', value: TIMELINES.labels[f.timeline] },
    { label: 'Country or region', value: REGIONS.labels[f.region] },
  ];
}

function source(attribution: Attribution, siteUrl: string): Row[] {
  const link = (path: string | undefined): Run => {
    if (!path) return NOT_GIVEN;
    const href = siteHref(siteUrl, path);
    return { text: href, href };
  };
  const utm = UTM_ORDER.flatMap((key) => {
    const value = attribution.utm[key];
    // Anyone can put anything in a link's UTM values: they are shown disarmed, like typed text.
    return value ? [{ label: `utm_${key}`, value: disarm(value) }] : [];
  });
  return [
    { label: 'Sent from page', value: link(attribution.page) },
    { label: 'Referring page', value: link(attribution.referrer) },
    ...(utm.length ? utm : [{ label: 'UTM parameters', value: 'None' }]),
  ];
}

function consent(lead: Lead): Row[] {
  // The wording on file belongs to one version; never pair it with a lead given under another.
  const current = lead.consentVersion === CONSENT.version;
  const wording = (text: string) => (current ? `“${text}”` : 'Wording of this version not on file');
  const rows: Row[] = [
    { label: 'Consent to be contacted', value: 'Given' },
    { label: 'Consent wording', value: wording(CONSENT.contact) },
    { label: 'Wording version', value: lead.consentVersion },
  ];
  if (lead.form === 'assessment') {
    rows.push(
      { label: 'Marketing updates', value: lead.fields.marketing ? 'Yes' : 'No' },
      { label: 'Marketing wording', value: wording(CONSENT.marketing) },
    );
  }
  return rows;
}

function ownership(lead: Lead, siteUrl: string): Block[] {
  const owner = lead.route.owner;
  return [
    ...(owner
      ? [{ type: 'paragraph' as const, runs: [`Owner: ${owner.name} (${owner.email}).`] }]
      : []),
    deskLink(
      siteUrl,
      lead.id,
      ': say there that you are on it, and that you have replied. Until then, reminders and escalation follow the deadline.',
    ),
  ];
}

export function renderSalesNotification(lead: Lead, siteUrl: string): RenderedEmail {
  const times = replyByTimes(lead.replyBy, lead.visitorTimeZone);
  const blocks: Block[] = [
    { type: 'title', text: `${KIND[lead.form]}: reply by ${times.ist}` },
    ...(times.visitor
      ? [
          {
            type: 'paragraph' as const,
            runs: [`For the visitor (${times.visitor.zone}) that is ${times.visitor.time}.`],
          },
        ]
      : []),
    {
      type: 'paragraph',
      runs: [
        `Reply to this email to answer the visitor directly: replies go to ${lead.fields.email}.`,
      ],
    },
    // Said before anything the visitor typed: this lead may be from a bot.
    ...(lead.personCheck === 'unverified'
      ? [
          {
            type: 'paragraph' as const,
            runs: [
              'Turnstile could not be reached: not verified as a person. We took this lead rather than turn a visitor away during an outage; read it with that in mind.',
            ],
          },
        ]
      : []),
    ...ownership(lead, siteUrl),
    { type: 'heading', text: THEIR_WORDS },
    { type: 'rows', rows: typed(lead) },
    { type: 'heading', text: 'What they chose on the form' },
    { type: 'rows', rows: chosen(lead) },
    { type: 'heading', text: 'Where the lead came from (UTM values as the link gave them)' },
    { type: 'rows', rows: source(lead.attribution, siteUrl) },
    { type: 'heading', text: 'Consent' },
    { type: 'rows', rows: consent(lead) },
    { type: 'heading', text: 'Routing and record' },
    {
      type: 'rows',
      rows: [
        { label: 'Team', value: lead.route.teamName },
        { label: 'Owner', value: lead.route.owner?.name ?? NOT_GIVEN },
        { label: 'Rule', value: lead.route.rule },
        ...(lead.personCheck === 'unverified'
          ? [
              {
                label: 'Person check',
                value: 'Turnstile could not be reached: not verified as a person',
              },
            ]
          : []),
        { label: 'Lead id', value: lead.id },
        { label: 'Received', value: formatInZone(lead.receivedAt) },
      ],
    },
  ];
  const content = { title: subject(lead), blocks };
  return { subject: content.title, html: renderHtml(content), text: renderText(content) };
}
