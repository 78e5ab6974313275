// The email the visitor gets after sending a form: thanks, when we will reply, what they sent.
// Plain words, their own time zone where we know it, and nothing promised beyond the brief.
import { AI_STAGES, CONTACT_TOPICS, TIMELINES } from '../../../src/lib/leads/options';
import { SITE } from '../../../src/lib/site';
import { replyByTimes } from '../../../src/lib/leads/reply-time';
import type { Lead } from '../../../src/lib/leads/lead';
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

function summary(lead: Lead): Row[] {
  if (lead.form === 'contact') {
    return [
      { label: 'Topic', value: CONTACT_TOPICS.labels[lead.fields.topic] },
      { label: 'Your message', value: lead.fields.message, multiline: true },
    ];
  }
  return [
    { label: 'Company', value: lead.fields.company },
    { label: 'Where your AI work stands', value: AI_STAGES.labels[lead.fields.stage] },
    { label: 'When you would like to start', value: TIMELINES.labels[lead.fields.timeline] },
  ];
}

/** The lead owner's booking page, prefilled for the visitor: "Pick a time now". */
export interface BookingInvite {
  href: string;
  ownerName: string;
}

export function renderVisitorAcknowledgement(
  lead: Lead,
  siteUrl: string,
  booking?: BookingInvite,
): RenderedEmail {
  const name = lead.fields.name;
  const hours = SITE.replyWithinHours;
  const times = replyByTimes(lead.replyBy, lead.visitorTimeZone);
  const replyBy = times.visitor ? `${times.visitor.time} (${times.ist})` : times.ist;
  const assessment = lead.form === 'assessment';
  const hq = SITE.headquarters;

  const blocks: Block[] = [
    { type: 'title', text: `Thank you, ${name}` },
    {
      type: 'paragraph',
      runs: [
        assessment
          ? `Thank you for asking ${SITE.name} for a free AI assessment.`
          : `Thank you for your message to ${SITE.name}.`,
        ` A member of our team will reply by ${replyBy}.`,
      ],
    },
    { type: 'heading', text: 'What you sent' },
    { type: 'rows', rows: summary(lead) },
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
        { text: 'privacy notice', href: siteHref(siteUrl, '/privacy/') },
        '.',
      ],
    },
    {
      type: 'paragraph',
      runs: [`The ${SITE.name} team\n${hq.locality}, ${hq.city}, ${hq.country}`],
    },
  ];
  const content = {
    title: oneLine(
      `We have your ${assessment ? 'request' : 'message'}, ${shorten(oneLine(name), 100)}`,
    ),
    blocks,
  };
  return { subject: content.title, html: renderHtml(content), text: renderText(content) };
}
