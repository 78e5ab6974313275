// The nudge a lead's owner gets a few hours before the reply-by time, while nobody has answered:
// how long is left, who is waiting, and the lead's page in the desk to say "I'm on it" or "I have
// replied" there.
import type { OpenLead } from '../../../src/lib/leads/lead';
import { replyByTimes, shortIst } from '../../../src/lib/leads/reply-time';
import {
  oneLine,
  renderHtml,
  renderText,
  subjectLine,
  type Block,
  type RenderedEmail,
} from './layout';
import {
  claimedText,
  duration,
  leadRows,
  deskLink,
  promiseFooter,
  visitorName,
} from './lead-facts';
import { disarm } from './visitor-text';

export interface ReminderNotes {
  /** The visitor's acknowledgement bounced: their address may be wrong. */
  visitorEmailBounced?: boolean | undefined;
}

export function renderOwnerReminder(
  lead: OpenLead,
  siteUrl: string,
  now: Date,
  notes: ReminderNotes = {},
): RenderedEmail {
  // The visitor's name is their own words: disarmed wherever our sentences carry it.
  const name = disarm(oneLine(lead.name));
  const left = lead.replyBy.getTime() - now.getTime();
  const overdue = left <= 0;
  const due = shortIst(lead.replyBy);
  const times = replyByTimes(lead.replyBy, lead.visitorTimeZone);

  const prefix = 'Reminder: reply to ';
  const suffix = overdue ? `, overdue since ${due}` : ` by ${due}`;
  const subject = subjectLine(prefix, visitorName(lead), suffix);

  const blocks: Block[] = [
    {
      type: 'title',
      text: `Reply to ${name}: ${overdue ? `overdue by ${duration(left)}` : `${duration(left)} left`}`,
    },
    {
      type: 'paragraph',
      runs: [
        overdue
          ? `We promised ${name} an answer by ${times.ist}. That time has passed: ${duration(left)} ago.`
          : `We promised ${name} an answer by ${times.ist}: ${duration(left)} from now.`,
        times.visitor
          ? ` For the visitor (${times.visitor.zone}) that is ${times.visitor.time}.`
          : '',
      ],
    },
    {
      type: 'paragraph',
      runs: [`The goal is a reply to the visitor themselves: write to ${lead.email}.`],
    },
    ...(notes.visitorEmailBounced
      ? [
          {
            type: 'paragraph' as const,
            runs: [
              'Visitor email bounced: call or check the address. Our acknowledgement to this address could not be delivered, so an email reply may not reach them either.',
            ],
          },
        ]
      : []),
    { type: 'heading', text: 'Who is waiting' },
    {
      type: 'rows',
      rows: [...leadRows(lead), { label: 'Claimed', value: claimedText(lead) }],
    },
    { type: 'heading', text: 'Keep the team informed' },
    deskLink(
      siteUrl,
      lead.id,
      lead.claimedAt
        ? `: record there that you have replied once you have written to ${name}.`
        : ': say there that you are on it, so nobody answers twice, and that you have replied.',
    ),
    promiseFooter(siteUrl),
  ];
  const content = { title: subject, blocks };
  return { subject, html: renderHtml(content), text: renderText(content) };
}
