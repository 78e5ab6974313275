// What the emails about one stored lead share: who the lead is, how late, and why the reader gets
// the email at all. Plain data in, rows and words out.
import { ist } from '../../../src/lib/leads/reply-time';
import type { OpenLead } from '../../../src/lib/leads/lead';
import { SITE } from '../../../src/lib/site';
import { oneLine, siteHref, type Block, type Row } from './layout';
import { disarm } from './visitor-text';

/**
 * The lead's page in the sales desk. Staff emails carry this, never a link that acts by itself: a
 * reply quotes the email to the visitor, and the desk asks who is signed in.
 */
export function deskLeadHref(siteUrl: string, leadId: string): string {
  return siteHref(siteUrl, `/desk/leads/${encodeURIComponent(leadId)}/`);
}

/** "Open the lead in the desk", as the staff emails offer it. */
export function deskLink(siteUrl: string, leadId: string, why: string): Block {
  return {
    type: 'paragraph',
    runs: [{ text: 'Open the lead in the sales desk', href: deskLeadHref(siteUrl, leadId) }, why],
  };
}

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

/** "Asha Rao (Acme Ltd)", as a subject names the visitor: typed by them, so disarmed. */
export function visitorName(lead: OpenLead): string {
  const name = disarm(oneLine(lead.name));
  return lead.company ? `${name} (${disarm(oneLine(lead.company))})` : name;
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

/**
 * Who the lead is and when it is due: the first rows of every follow-up email about one lead.
 * Name and company are the visitor's own words, disarmed so they never become links.
 */
export function leadRows(lead: OpenLead): Row[] {
  return [
    { label: 'Name', value: disarm(lead.name) },
    { label: 'Company', value: lead.company ? disarm(lead.company) : 'Not given' },
    { label: 'Email', value: { text: lead.email, href: `mailto:${lead.email}` } },
    { label: 'Form', value: FORM_KIND[lead.form] },
    { label: 'Received', value: ist(lead.receivedAt) },
    { label: 'Reply by', value: ist(lead.replyBy) },
  ];
}
