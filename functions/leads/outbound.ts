// What a new lead owes the tools the team works in, beside its emails: the CRM's lead.received
// event and the chat's alert, each only when its setting is on. Stored in the lead's own batch.
import type { Lead } from '../../src/lib/leads/lead';
import type { NewEmail } from '../email/outbox';
import { chatAlertEmail } from '../email/webhooks/chat-alert';
import { crmEventEmail, visitorAnswers, type CrmLead } from '../email/webhooks/crm-event';
import type { Settings } from '../settings';

const orNull = (value: string | undefined) => value ?? null;

export function crmLeadOf(lead: Lead): CrmLead {
  const { attribution, route } = lead;
  return {
    id: lead.id,
    form: lead.form,
    fields: visitorAnswers(lead.fields as Record<string, unknown>),
    route: { rule: route.rule, team: route.team },
    owner: route.owner ? { name: route.owner.name, email: route.owner.email } : null,
    attribution: {
      page: orNull(attribution.page),
      referrer: orNull(attribution.referrer),
      utm: {
        source: orNull(attribution.utm.source),
        medium: orNull(attribution.utm.medium),
        campaign: orNull(attribution.utm.campaign),
        term: orNull(attribution.utm.term),
        content: orNull(attribution.utm.content),
      },
    },
    consentVersion: lead.consentVersion,
    marketingOptIn: lead.form === 'assessment' && Boolean(lead.fields.marketing),
    receivedAt: lead.receivedAt.toISOString(),
    replyBy: lead.replyBy.toISOString(),
  };
}

/** The CRM event and the chat alert a lead owes when it is taken (or released), at `now`. */
export function outboundFor(lead: Lead, settings: Settings, now: Date): NewEmail[] {
  return [
    ...(settings.LEAD_WEBHOOK_URL ? [crmEventEmail('lead.received', crmLeadOf(lead), now)] : []),
    ...(settings.CHAT_WEBHOOK_URL
      ? [
          chatAlertEmail(
            {
              id: lead.id,
              form: lead.form,
              name: lead.fields.name,
              company: lead.fields.company ?? null,
              teamName: lead.route.teamName,
              ownerName: lead.route.owner?.name ?? null,
              replyBy: lead.replyBy,
            },
            { kind: settings.CHAT_KIND, siteUrl: settings.SITE_URL },
          ),
        ]
      : []),
  ];
}
