// The email the visitor gets after sending a form: thanks, when we will reply, what we received.
// Anyone can type anyone's address into a form, so this email is written so that it cannot carry
// someone else's words under our name: it repeats no free text (no message, no goals, no name),
// its subject holds only our words, and the one typed value it shows (the company, in the body) is
// cut short and disarmed so it never becomes a link. Every visitor email carries the link that
// withdraws consent and erases what they sent, in one step and without an account.
import { AI_STAGES, CONTACT_TOPICS, TIMELINES } from '../../../src/lib/leads/options';
import { SITE } from '../../../src/lib/site';
import { ist, replyByTimes } from '../../../src/lib/leads/reply-time';
import type { Lead } from '../../../src/lib/leads/lead';
import { FORM_KIND } from './lead-facts';
import {
  oneLine,
  renderHtml,
  renderText,
  shorten,
  siteHref,
  type Block,
  type Row,
  type RenderedEmail,
} from './layout';
import { disarm } from './visitor-text';

/** Long enough to recognise one's company, too short to carry a message. */
const COMPANY_MAX = 60;

function received(lead: Lead, replyBy: string): Row[] {
  const company = lead.fields.company
    ? [
        {
          label: 'Company, as you typed it',
          value: shorten(disarm(oneLine(lead.fields.company)), COMPANY_MAX),
        },
      ]
    : [];
  const choices: Row[] =
    lead.form === 'contact'
      ? [{ label: 'Topic', value: CONTACT_TOPICS.labels[lead.fields.topic] }]
      : [
          { label: 'Where your AI work stands', value: AI_STAGES.labels[lead.fields.stage] },
          { label: 'When you would like to start', value: TIMELINES.labels[lead.fields.timeline] },
        ];
  return [
    { label: 'Form', value: FORM_KIND[lead.form] },
    ...company,
    ...choices,
    { label: 'Received', value: ist(lead.receivedAt) },
    { label: 'Reply by', value: replyBy },
  ];
}

/** The lead owner's booking page, prefilled for the visitor: "Pick a time now". */
export interface BookingInvite {
  href: string;
  ownerName: string;
}

export interface AcknowledgementLinks {
  booking?: BookingInvite | undefined;
  /**
   * The signed link that withdraws consent (functions/leads/withdrawal-link.ts); without it (a
   * development run with no secret) the email points to the privacy notice instead.
   */
  withdrawHref?: string | undefined;
}

export function renderVisitorAcknowledgement(
  lead: Lead,
  siteUrl: string,
  { booking, withdrawHref }: AcknowledgementLinks = {},
): RenderedEmail {
  const hours = SITE.replyWithinHours;
  const times = replyByTimes(lead.replyBy, lead.visitorTimeZone);
  const replyBy = times.visitor ? `${times.visitor.time} (${times.ist})` : times.ist;
  const assessment = lead.form === 'assessment';
  const hq = SITE.headquarters;
  const privacy = siteHref(siteUrl, '/privacy/');

  const blocks: Block[] = [
    { type: 'title', text: assessment ? 'Thank you for your request' : 'Thank you for writing' },
    {
      type: 'paragraph',
      runs: [
        assessment
          ? `Thank you for asking ${SITE.name} for a free AI assessment.`
          : `Thank you for your message to ${SITE.name}.`,
        ` A member of our team will reply by ${replyBy}.`,
      ],
    },
    { type: 'heading', text: 'What we received' },
    { type: 'rows', rows: received(lead, replyBy) },
    {
      type: 'paragraph',
      runs: [
        'We do not repeat what you wrote in this email; our reply will answer it. If you did not send this form, someone else used your address: ignore this email, or withdraw below and we erase it.',
      ],
    },
    { type: 'heading', text: 'What happens next' },
    {
      type: 'paragraph',
      runs: [
        assessment
          ? `A member of our team answers within ${hours} hours to arrange your assessment.`
          : `A member of our team replies within ${hours} hours.`,
        ' If you would like to add anything before then, reply to this email.',
      ],
    },
    ...(booking
      ? [
          {
            type: 'paragraph' as const,
            runs: [
              { text: 'Pick a time now', href: booking.href },
              `: book a call with ${booking.ownerName} straight away, if you would rather not wait for our email.`,
            ],
          },
        ]
      : []),
    {
      type: 'paragraph',
      runs: [
        'How we look after your details is explained in our ',
        { text: 'privacy notice', href: privacy },
        '.',
      ],
    },
    {
      type: 'paragraph',
      runs: withdrawHref
        ? [
            'Changed your mind? ',
            { text: 'Withdraw your consent', href: withdrawHref },
            ': one confirmation, no account, and we erase what you sent us.',
          ]
        : ['To withdraw your consent, follow the steps in the privacy notice.'],
    },
    {
      type: 'paragraph',
      runs: [`The ${SITE.name} team\n${hq.locality}, ${hq.city}, ${hq.country}`],
    },
  ];
  const subject = assessment
    ? `Your request to ${SITE.name}: we reply within ${hours} hours`
    : `Your message to ${SITE.name}: we reply within ${hours} hours`;
  const content = { title: subject, blocks };
  return { subject, html: renderHtml(content), text: renderText(content) };
}
