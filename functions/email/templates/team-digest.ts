// The daily list each team gets of its leads still waiting for a reply, the earliest deadline
// first and the overdue ones flagged, and of the leads held back as possible spam, which nobody
// would otherwise see: their count and the newest few, each with a link to its page in the sales
// desk, where a person can release it. Held leads show none of the visitor's words: they may be
// spam, and the desk shows them to staff who sign in.
import { ist, shortIst } from '../../../src/lib/leads/reply-time';
import type { OpenLead } from '../../../src/lib/leads/lead';
import {
  oneLine,
  renderHtml,
  siteHref,
  renderText,
  subjectLine,
  type Block,
  type Row,
  type RenderedEmail,
} from './layout';
import { deskLeadHref, FORM_KIND, duration, promiseFooter } from './lead-facts';
import { disarm } from './visitor-text';

/** A lead held back as possible spam, as the digest lists it: no word the visitor typed. */
export interface HeldLead {
  id: string;
  form: OpenLead['form'];
  /** The spam check that held it (our code's name for it). */
  reason: string | null;
  receivedAt: Date;
}

/** A team's held leads: how many in all, and the newest few to list. */
export interface HeldLeads {
  count: number;
  newest: HeldLead[];
}

const HELD_BECAUSE: Record<string, string> = {
  honeypot: 'it filled in a field only bots see',
  'too-fast': 'it was sent faster than a person fills the form',
  turnstile: 'the bot check failed',
};

// A digest stays small at any volume: this many leads a section, then a count and the desk.
const SCREENFUL = 10;

function heldBlocks(held: HeldLeads, siteUrl: string): Block[] {
  if (held.count === 0) return [];
  const more = held.count - held.newest.length;
  return [
    { type: 'heading', text: `Held for review (${held.count})` },
    {
      type: 'paragraph',
      runs: [
        `${held.count === 1 ? 'This lead was' : 'These leads were'} held back as possible spam: ` +
          'no owner, no email, nobody told. Open one in the sales desk to read it, and release it ' +
          'if a person wrote it: it is then routed, owned and notified as if it had just arrived. ' +
          'Newest first.',
      ],
    },
    ...held.newest.map((lead): Block => ({
      type: 'paragraph',
      runs: [
        `${shortIst(lead.receivedAt)} · ${FORM_KIND[lead.form]} · held because ` +
          `${HELD_BECAUSE[lead.reason ?? ''] ?? oneLine(lead.reason ?? 'of a spam check')}: `,
        { text: 'review or release', href: deskLeadHref(siteUrl, lead.id) },
      ],
    })),
    ...(more > 0
      ? [
          {
            type: 'paragraph' as const,
            runs: [`And ${more} older held ${more === 1 ? 'lead' : 'leads'}, in the sales desk.`],
          },
        ]
      : []),
  ];
}

function owner(lead: OpenLead): string {
  return lead.ownerName ?? lead.ownerEmail ?? 'no owner';
}

function claimed(lead: OpenLead): string {
  if (!lead.claimedAt) return 'not claimed';
  return `claimed by ${lead.claimedBy ?? 'someone unrecorded'}, ${shortIst(lead.claimedAt)}`;
}

/** One lead in three short lines under its deadline: who, where it stands, how late; its page. */
function entry(lead: OpenLead, now: Date, siteUrl: string): Row {
  const left = lead.replyBy.getTime() - now.getTime();
  // Name and company are the visitor's own words: disarmed, so neither becomes a link.
  const who = [lead.name, lead.company]
    .filter((part): part is string => Boolean(part))
    .map((part) => disarm(oneLine(part)))
    .concat(lead.email)
    .join(' · ');
  return {
    label: shortIst(lead.replyBy),
    value: [
      [
        who,
        `${FORM_KIND[lead.form]} · owner: ${oneLine(owner(lead))} · ${oneLine(claimed(lead))}`,
        left <= 0 ? `OVERDUE by ${duration(left)}` : `Due in ${duration(left)}`,
        '',
      ].join('\n'),
      { text: 'Open in the sales desk', href: deskLeadHref(siteUrl, lead.id) },
    ],
    multiline: true,
  };
}

/** A screenful of a section's leads, then how many more and the desk's full view of the team. */
function section(heading: string, leads: OpenLead[], now: Date, siteUrl: string): Block[] {
  if (leads.length === 0) return [];
  const more = leads.length - SCREENFUL;
  const team = leads[0]!.team;
  return [
    { type: 'heading', text: heading },
    { type: 'rows', rows: leads.slice(0, SCREENFUL).map((lead) => entry(lead, now, siteUrl)) },
    ...(more > 0
      ? [
          {
            type: 'paragraph' as const,
            runs: [
              `And ${more} more. `,
              {
                text: 'See them all in the sales desk',
                href: siteHref(siteUrl, `/desk/?team=${encodeURIComponent(team)}`),
              },
              '.',
            ],
          },
        ]
      : []),
  ];
}

function subject(teamName: string, open: OpenLead[], overdue: number, held: number): string {
  const prefix = 'Open leads for ';
  const first = open[0];
  const tail = !first
    ? ': none'
    : overdue
      ? `: ${open.length}, ${overdue} overdue`
      : `: ${open.length}, next due ${shortIst(first.replyBy)}`;
  return subjectLine(prefix, teamName, held ? `${tail}; ${held} held for review` : tail);
}

export function renderTeamDigest(
  teamName: string,
  leads: OpenLead[],
  siteUrl: string,
  now: Date,
  held: HeldLeads = { count: 0, newest: [] },
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
    ...section(`Overdue (${late.length})`, late, now, siteUrl),
    ...section(`Due next (${upcoming.length})`, upcoming, now, siteUrl),
    ...heldBlocks(held, siteUrl),
    promiseFooter(siteUrl),
  ];
  const content = { title: subject(teamName, open, late.length, held.count), blocks };
  return { subject: content.title, html: renderHtml(content), text: renderText(content) };
}
