// The nudge a lead's owner gets a few hours before the reply-by time, while nobody has answered:
// how long is left, who is waiting, and one click to say "I'm on it" or "I have replied".
// Also the few helpers the three follow-up emails share (durations, who a lead is, its rows).
import { ist, replyByTimes, shortIst } from '../../src/lib/leads/reply-time';
import { SITE } from '../../src/lib/site';
import type { OpenLead, OwnerLinks } from '../follow-up/types';
import type { RenderedEmail } from '../leads/types';
import {
  oneLine,
  renderHtml,
  renderText,
  siteHref,
  subjectLine,
  type Block,
  type Row,
} from './layout';

const MINUTE_MS = 60_000;

export const FORM_KIND = {
  assessment: 'Free AI assessment request',
  contact: 'Contact message',
} as const;

const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? '' : 's'}`;

/**
 * A span as people say it: exact minutes under two hours, where they matter; whole hours (marked
 * "about" when rounded) up to two days; then days and hours.
 */
export function duration(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / MINUTE_MS);
  if (minutes < 1) return 'less than a minute';
  if (minutes < 60) return plural(minutes, 'minute');
  if (minutes < 120) {
    return minutes === 60 ? '1 hour' : `1 hour ${plural(minutes - 60, 'minute')}`;
  }
  const hours = Math.round(minutes / 60);
  const about = hours * 60 === minutes ? '' : 'about ';
  if (hours < 48) return `${about}${plural(hours, 'hour')}`;
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  return `${about}${plural(days, 'day')}${rest ? ` ${plural(rest, 'hour')}` : ''}`;
}

/** "Asha Rao (Acme Ltd)", as a subject names the visitor. */
export function visitorName(lead: OpenLead): string {
  return lead.company ? `${oneLine(lead.name)} (${oneLine(lead.company)})` : oneLine(lead.name);
}

export function claimedText(lead: OpenLead): string {
  if (!lead.claimedAt) return 'Not yet: nobody has said they are on it';
  return `Yes, by ${lead.claimedBy ?? 'someone unrecorded'} on ${ist(lead.claimedAt)}`;
}

/** Why the reader gets these emails at all, with a link to the site the promise is made on. */
export function promiseFooter(siteUrl: string): Block {
  const home = siteHref(siteUrl, '/');
  return {
    type: 'paragraph',
    runs: [
      `${SITE.name} promises everyone who writes through `,
      { text: home, href: home },
      ` an answer within ${SITE.replyWithinHours} hours.`,
    ],
  };
}

/** Who the lead is and when it is due: the first rows of every follow-up email about one lead. */
export function leadRows(lead: OpenLead): Row[] {
  return [
    { label: 'Name', value: lead.name },
    { label: 'Company', value: lead.company ?? 'Not given' },
    { label: 'Email', value: { text: lead.email, href: `mailto:${lead.email}` } },
    { label: 'Form', value: FORM_KIND[lead.form] },
    { label: 'Received', value: ist(lead.receivedAt) },
    { label: 'Reply by', value: ist(lead.replyBy) },
  ];
}

export function renderOwnerReminder(
  lead: OpenLead,
  links: OwnerLinks | undefined,
  siteUrl: string,
  now: Date,
): RenderedEmail {
  const left = lead.replyBy.getTime() - now.getTime();
  const overdue = left <= 0;
  const due = shortIst(lead.replyBy);
  const times = replyByTimes(lead.replyBy, lead.visitorTimeZone);

  const prefix = 'Reminder: reply to ';
  const suffix = overdue ? `, overdue since ${due}` : ` by ${due}`;
  const subject = subjectLine(prefix, visitorName(lead), suffix);

  // Without a signing secret (a misconfigured deployment) the reminder still goes, without links.
  const actions: Block[] = !links
    ? []
    : [
        ...(lead.claimedAt
          ? []
          : [
              {
                type: 'paragraph' as const,
                runs: [
                  { text: "I'm on it", href: links.claim },
                  ': tells the team you are handling this lead, so nobody answers twice.',
                ],
              },
            ]),
        {
          type: 'paragraph',
          runs: [
            { text: 'I have replied', href: links.replied },
            `: once you have written to ${lead.name}, so the lead is marked as answered.`,
          ],
        },
      ];

  const blocks: Block[] = [
    {
      type: 'title',
      text: `Reply to ${lead.name}: ${overdue ? `overdue by ${duration(left)}` : `${duration(left)} left`}`,
    },
    {
      type: 'paragraph',
      runs: [
        overdue
          ? `We promised ${lead.name} an answer by ${times.ist}. That time has passed: ${duration(left)} ago.`
          : `We promised ${lead.name} an answer by ${times.ist}: ${duration(left)} from now.`,
        times.visitor
          ? ` For the visitor (${times.visitor.zone}) that is ${times.visitor.time}.`
          : '',
      ],
    },
    {
      type: 'paragraph',
      runs: [`The goal is a reply to the visitor themselves: write to ${lead.email}.`],
    },
    { type: 'heading', text: 'Who is waiting' },
    {
      type: 'rows',
      rows: [...leadRows(lead), { label: 'Claimed', value: claimedText(lead) }],
    },
    { type: 'heading', text: 'One click to keep the team informed' },
    ...actions,
    promiseFooter(siteUrl),
  ];
  const content = { title: subject, blocks };
  return { subject, html: renderHtml(content), text: renderText(content) };
}
