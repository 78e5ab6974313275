// The email a team lead and the team's inboxes get when an email to staff about a lead bounced:
// the owner never heard of the lead (or of its reminder), so someone else must take it now.
import type { OpenLead } from '../../../src/lib/leads/lead';
import { renderHtml, renderText, subjectLine, type Block, type RenderedEmail } from './layout';
import { leadRows, promiseFooter, visitorName } from './lead-facts';

/** The staff emails whose bounce calls for an alert, as the alert names them. */
export const BOUNCED_KIND_WORDS = {
  'sales-notification': 'new-lead notification',
  'owner-reminder': 'reminder',
  escalation: 'escalation',
} as const;

export interface BounceAlertData {
  lead: OpenLead;
  bouncedKind: keyof typeof BOUNCED_KIND_WORDS;
  /** Who the bounced email was addressed to. */
  addresses: string[];
  /** The receiving server's reason, as the provider passed it on. */
  reason?: string | undefined;
  siteUrl: string;
}

export function renderBounceAlert(data: BounceAlertData): RenderedEmail {
  const { lead } = data;
  const what = BOUNCED_KIND_WORDS[data.bouncedKind];
  const subject = subjectLine(
    'Bounced: nobody got the lead of ',
    visitorName(lead),
    '; please take it',
  );
  const blocks: Block[] = [
    { type: 'title', text: `The ${what} about ${lead.name} bounced` },
    {
      type: 'paragraph',
      runs: [
        `Our ${what} to ${data.addresses.join(', ')} could not be delivered, so the lead's owner may not know about it.`,
        ' Please make sure someone replies to the visitor before the reply-by time, and check the address in content/routing.json.',
      ],
    },
    ...(data.reason
      ? [{ type: 'paragraph' as const, runs: [`The receiving server said: ${data.reason}`] }]
      : []),
    { type: 'heading', text: 'Who is waiting' },
    {
      type: 'rows',
      rows: [...leadRows(lead), { label: 'Owner', value: lead.ownerEmail ?? 'Nobody yet' }],
    },
    promiseFooter(data.siteUrl),
  ];
  const content = { title: subject, blocks };
  return { subject, html: renderHtml(content), text: renderText(content) };
}
