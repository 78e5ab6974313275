// The email the team lead gets when a lead's reply-by time has passed with no reply recorded:
// how late it is, who is waiting, who owns it, and everything that has happened so far.
import { ist, shortIst } from '../../../src/lib/leads/reply-time';
import type { OpenLead } from '../../../src/lib/leads/lead';
import type { LeadEvent, LeadEventType } from '../../audit/trail';
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
  deskLink,
  duration,
  leadRows,
  promiseFooter,
  visitorName,
} from './lead-facts';
import { disarm } from './visitor-text';

const EVENT_WORDS: Record<LeadEventType, string> = {
  received: 'Form received',
  quarantined: 'Held back for review',
  released: 'Released from review',
  emailed: 'Email sent',
  claimed: 'Claimed',
  replied: 'Marked as replied',
  reassigned: 'Reassigned',
  reminded: 'Reminder sent',
  escalated: 'Escalated',
  closed: 'Closed as not a lead',
  marked_spam: 'Marked as spam',
  erased: 'Personal details erased',
  meeting_booked: 'Meeting booked by the visitor',
  email_bounced: 'Email bounced',
};

// Actors other than staff addresses are the pipeline's own names; say who they are.
const ACTOR_WORDS: Record<string, string> = {
  visitor: 'the visitor',
  sweep: 'the follow-up sweep',
  retention: 'the retention job',
  operator: 'an operator',
};

function eventLine(event: LeadEvent): string {
  const parts = [ist(event.at), EVENT_WORDS[event.type] ?? event.type];
  if (event.actor) parts.push(`by ${ACTOR_WORDS[event.actor] ?? event.actor}`);
  const line = parts.join(' — ');
  return event.detail ? `${line} (${oneLine(event.detail)})` : line;
}

function owner(lead: OpenLead): string {
  if (lead.ownerName && lead.ownerEmail) return `${lead.ownerName} (${lead.ownerEmail})`;
  return lead.ownerName ?? lead.ownerEmail ?? 'No owner';
}

export function renderEscalation(
  lead: OpenLead,
  events: LeadEvent[],
  siteUrl: string,
  now: Date,
): RenderedEmail {
  // The visitor's name is their own words: disarmed wherever our sentences carry it.
  const name = disarm(oneLine(lead.name));
  const late = now.getTime() - lead.replyBy.getTime();
  // Oldest first, whatever order the store returned them in; equal times keep their order.
  const history = [...events].sort((a, b) => a.at.getTime() - b.at.getTime());

  const prefix = 'Overdue: ';
  const suffix = ` was due ${shortIst(lead.replyBy)}`;
  const subject = subjectLine(prefix, visitorName(lead), suffix);

  const blocks: Block[] = [
    {
      type: 'title',
      text:
        late > 0
          ? `${name} is waiting: overdue by ${duration(late)}`
          : `${name} is waiting: due in ${duration(late)}`,
    },
    {
      type: 'paragraph',
      runs: [
        `We promised ${name} an answer by ${ist(lead.replyBy)}, and no reply has been recorded. `,
        `Please make sure they get an answer today: write to ${lead.email}, or ask the owner to.`,
      ],
    },
    deskLink(
      siteUrl,
      lead.id,
      ': reassign it, or record the reply there once someone has written.',
    ),
    { type: 'heading', text: 'The lead' },
    {
      type: 'rows',
      rows: [
        ...leadRows(lead),
        { label: 'Team', value: lead.teamName },
        { label: 'Owner', value: owner(lead) },
        { label: 'Claimed', value: claimedText(lead) },
      ],
    },
    { type: 'heading', text: 'What has happened' },
    {
      type: 'paragraph',
      runs: [history.length ? history.map(eventLine).join('\n') : 'Nothing recorded yet.'],
    },
    promiseFooter(siteUrl),
  ];
  const content = { title: subject, blocks };
  return { subject, html: renderHtml(content), text: renderText(content) };
}
