// The CRM's events for what staff do with a lead (claimed, replied, closed): the stored lead as
// the receiver sees it, and the outbox row that carries the event, for the action's own batch.
import { enqueueIfChangedStatement } from '../email/outbox';
import {
  crmEventEmail,
  visitorAnswers,
  type CrmAction,
  type CrmLead,
  type LeadEventType,
} from '../email/webhooks/crm-event';
import type { Settings } from '../settings';

interface CrmLeadRow {
  id: string;
  form: CrmLead['form'];
  fields: string;
  route_rule: string;
  route_team: string;
  owner_name: string | null;
  owner_email: string | null;
  page: string | null;
  referrer: string | null;
  utm_source: string | null;
  utm_medium: string | null;
  utm_campaign: string | null;
  utm_term: string | null;
  utm_content: string | null;
  consent_version: string;
  marketing_opt_in: number;
  received_at: string;
  reply_by: string;
}

function crmLeadFrom(row: CrmLeadRow): CrmLead {
  return {
    id: row.id,
    form: row.form,
    fields: visitorAnswers(JSON.parse(row.fields) as Record<string, unknown>),
    route: { rule: row.route_rule, team: row.route_team },
    owner:
      row.owner_name && row.owner_email ? { name: row.owner_name, email: row.owner_email } : null,
    attribution: {
      page: row.page,
      referrer: row.referrer,
      utm: {
        source: row.utm_source,
        medium: row.utm_medium,
        campaign: row.utm_campaign,
        term: row.utm_term,
        content: row.utm_content,
      },
    },
    consentVersion: row.consent_version,
    marketingOptIn: row.marketing_opt_in === 1,
    receivedAt: row.received_at,
    replyBy: row.reply_by,
  };
}

/** A received lead as the CRM sees it; null for a held, missing or canary one (the CRM never had it). */
export async function findCrmLead(db: D1Database, id: string): Promise<CrmLead | null> {
  const row = await db
    .prepare(
      `SELECT id, form, fields, route_rule, route_team, owner_name, owner_email, page, referrer,
         utm_source, utm_medium, utm_campaign, utm_term, utm_content, consent_version,
         marketing_opt_in, received_at, reply_by
       FROM leads WHERE id = ? AND status = 'received' AND canary = 0`,
    )
    .bind(id)
    .first<CrmLeadRow>();
  return row ? crmLeadFrom(row) : null;
}

/**
 * The event for an action, queued only if the statement before it in the batch changed a row (the
 * action's audit event): the same click twice sends the CRM one event. Null when the webhook is
 * off or the CRM never heard of the lead.
 */
export async function crmEventStatement(
  db: D1Database,
  settings: Pick<Settings, 'LEAD_WEBHOOK_URL'> | undefined,
  type: Exclude<LeadEventType, 'lead.received'>,
  leadId: string,
  action: CrmAction,
): Promise<{ statement: D1PreparedStatement; id: string } | null> {
  if (!settings?.LEAD_WEBHOOK_URL) return null;
  const lead = await findCrmLead(db, leadId);
  if (!lead) return null;
  const email = crmEventEmail(type, lead, action.at, action);
  return { statement: enqueueIfChangedStatement(db, email, action.at), id: email.id };
}
