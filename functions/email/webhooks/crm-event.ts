// One lead event for the CRM or automation tool, as the JSON body Standard Webhooks suggests:
// { type, timestamp, data }. Given plain data; the signature is added at each delivery attempt
// (functions/email/webhook-transport.ts), since it covers the attempt's own timestamp.
import type { NewEmail } from '../outbox';

export const LEAD_EVENT_TYPES = [
  'lead.received',
  'lead.claimed',
  'lead.replied',
  'lead.closed',
] as const;
export type LeadEventType = (typeof LEAD_EVENT_TYPES)[number];

/** The lead as a receiver sees it: the visitor's answers, where it went and where it came from. */
export interface CrmLead {
  id: string;
  form: 'assessment' | 'contact';
  /** The visitor's answers only: the form's machinery (spam signals, keys) stays with us. */
  fields: Record<string, unknown>;
  route: { rule: string; team: string };
  owner: { name: string; email: string } | null;
  attribution: {
    page: string | null;
    referrer: string | null;
    utm: Record<'source' | 'medium' | 'campaign' | 'term' | 'content', string | null>;
  };
  consentVersion: string;
  marketingOptIn: boolean;
  receivedAt: string;
  replyBy: string;
}

/** Who did what, for claimed, replied and closed. */
export interface CrmAction {
  by: string;
  at: Date;
  reason?: string | undefined;
}

export { visitorAnswers } from '../../../src/lib/leads/answers';

/** The setting that holds the CRM receiver's URL: the row names it, delivery reads it. */
export const CRM_DESTINATION = 'LEAD_WEBHOOK_URL';

/**
 * The outbox row for one event. Its id is the event's id (webhook-id), so a receiver that sees
 * it twice, after a retry, knows it is the same event.
 */
export function crmEventEmail(
  type: LeadEventType,
  lead: CrmLead,
  at: Date,
  action?: CrmAction,
): NewEmail & { id: string } {
  const id = crypto.randomUUID();
  const data = {
    lead,
    ...(action
      ? {
          action: {
            by: action.by,
            at: action.at.toISOString(),
            ...(action.reason ? { reason: action.reason } : {}),
          },
        }
      : {}),
  };
  return {
    id,
    kind: 'crm-webhook',
    leadId: lead.id,
    // lead.received happens once; a claim can happen again after a reassignment.
    dedupeKey: type === 'lead.received' ? `${lead.id}:${type}` : `${lead.id}:${type}:${id}`,
    to: [CRM_DESTINATION],
    subject: type,
    html: '',
    text: JSON.stringify({ type, timestamp: at.toISOString(), data }),
  };
}
