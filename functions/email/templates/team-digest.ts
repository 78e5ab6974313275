// The daily list each team gets of its leads still waiting for a reply, the earliest deadline
// first and the overdue ones flagged. Every entry names the visitor's email address, so that an
// operator erasing a person can find the digests that mentioned them.
import { ist, shortIst } from '../../../src/lib/leads/reply-time';
import type { OpenLead } from '../../../src/lib/leads/lead';
import {
  oneLine,
  renderHtml,
  renderText,
  subjectLine,
  type Block,
  type Row,
  type RenderedEmail,
} from './layout';
import { FORM_KIND, duration, promiseFooter } from './lead-facts';

function owner(lead: OpenLead): string {
  return lead.ownerName ?? lead.ownerEmail ?? 'no owner';
}

function claimed(lead: OpenLead): string {
  if (!lead.claimedAt) return 'not claimed';
  return `claimed by ${lead.claimedBy ?? 'someone unrecorded'}, ${shortIst(lead.claimedAt)}`;
}

/** One lead in three short lines under its deadline: who, where it stands, how late. */
function entry(lead: OpenLead, now: Date): Row {
  const left = lead.replyBy.getTime() - now.getTime();
  const who = [lead.name, lead.company, lead.email]
    .filter((part): part is string => Boolean(part))
    .map(oneLine)
    .join(' · ');
  return {
    label: shortIst(lead.replyBy),
    value: [
      who,
      `${FORM_KIND[lead.form]} · owner: ${oneLine(owner(lead))} · ${oneLine(claimed(lead))}`,
      left <= 0 ? `OVERDUE by ${duration(left)}` : `Due in ${duration(left)}`,
    ].join('\n'),
    multiline: true,
  };
}

function subject(teamName: string, open: OpenLead[], overdue: number): string {
  const prefix = 'Open leads for ';
  const first = open[0];
  const tail = !first
    ? ': none'
    : overdue
      ? `: ${open.length}, ${overdue} overdue`
      : `: ${open.length}, next due ${shortIst(first.replyBy)}`;
  return subjectLine(prefix, teamName, tail);
}

export function renderTeamDigest(
  teamName: string,
  leads: OpenLead[],
  siteUrl: string,
  now: Date,
): RenderedEmail {
  // Ties on the deadline fall back to arrival, so the order is the same every day.
  const open = leads
    .filter((lead) => !lead.repliedAt)
    .sort(
      (a, b) =>
        a.replyBy.getTime() - b.replyBy.getTime() ||
        a.receivedAt.getTime() - b.receivedAt.getTime(),
    );
  const late = open.filter((lead) => lead.replyBy.getTime() <= now.getTime());
  const upcoming = open.slice(late.length);

  const summary = !open.length
    ? 'No leads are waiting for a reply.'
    : `${open.length} ${open.length === 1 ? 'lead is' : 'leads are'} waiting for a reply` +
      (late.length ? `, ${late.length} of them overdue.` : ', none overdue.') +
      ' Earliest deadline first; times in IST.';

  const blocks: Block[] = [
    { type: 'title', text: `Open leads for ${teamName}` },
    { type: 'paragraph', runs: [`As of ${ist(now)}. ${summary}`] },
    ...(late.length
      ? [
          { type: 'heading' as const, text: `Overdue (${late.length})` },
          { type: 'rows' as const, rows: late.map((lead) => entry(lead, now)) },
        ]
      : []),
    ...(upcoming.length
      ? [
          { type: 'heading' as const, text: `Due next (${upcoming.length})` },
          { type: 'rows' as const, rows: upcoming.map((lead) => entry(lead, now)) },
        ]
      : []),
    promiseFooter(siteUrl),
  ];
  const content = { title: subject(teamName, open, late.length), blocks };
  return { subject: content.title, html: renderHtml(content), text: renderText(content) };
}
