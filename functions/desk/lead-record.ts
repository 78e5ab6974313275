// Everything the desk shows about one lead: what the visitor sent, where they came from, their
// consent, who owns it, the emails it caused and its history from the audit trail.
import type { LeadForm } from '../../src/lib/leads/lead';
import { leadHistory, type LeadEvent } from '../audit/trail';
import { emailsOfLead, type LeadEmailStatus } from '../email/outbox';
import { INBOX_COLUMNS, type InboxRow } from './inbox';

export interface LeadRecord extends InboxRow {
  fields: Record<string, unknown>;
  form: LeadForm;
  utmMedium: string | null;
  utmCampaign: string | null;
  utmTerm: string | null;
  utmContent: string | null;
  consentVersion: string;
  marketingOptIn: boolean;
  visitorTimeZone: string | null;
  repliedBy: string | null;
  closedBy: string | null;
  closeReason: string | null;
  routeRule: string;
  /** When the meeting the visitor booked starts (Cal.com), if they booked one. */
  meetingAt: string | null;
  /** Set when the visitor's acknowledgement bounced: call, or check the address. */
  visitorEmailBouncedAt: string | null;
  events: LeadEvent[];
  emails: LeadEmailStatus[];
}

export async function leadRecord(db: D1Database, id: string): Promise<LeadRecord | null> {
  const row = await db
    .prepare(
      `SELECT ${INBOX_COLUMNS}, fields, utm_medium AS utmMedium, utm_campaign AS utmCampaign,
         utm_term AS utmTerm, utm_content AS utmContent, consent_version AS consentVersion,
         marketing_opt_in AS marketingOptIn, visitor_time_zone AS visitorTimeZone,
         replied_by AS repliedBy, closed_by AS closedBy, close_reason AS closeReason,
         route_rule AS routeRule, meeting_at AS meetingAt,
         visitor_email_bounced_at AS visitorEmailBouncedAt
       FROM leads WHERE id = ?`,
    )
    .bind(id)
    .first<
      Omit<LeadRecord, 'fields' | 'events' | 'emails' | 'marketingOptIn'> & {
        fields: string;
        marketingOptIn: number;
      }
    >();
  if (!row) return null;
  const [events, emails] = await Promise.all([leadHistory(db, id), emailsOfLead(db, id)]);
  return {
    ...row,
    fields: JSON.parse(row.fields) as Record<string, unknown>,
    marketingOptIn: row.marketingOptIn === 1,
    events,
    emails,
  };
}
