// The email a lead's owner and team get when the visitor withdraws consent: what was erased, by
// lead id only. It holds no personal data, so it can outlive the leads it is about; the owner
// recognises the lead by the id in the sales notification they already have.
import { ist } from '../../../src/lib/leads/reply-time';
import type { LeadForm } from '../../../src/lib/leads/lead';
import { renderHtml, renderText, type Block, type RenderedEmail } from './layout';
import { FORM_KIND } from './lead-facts';

export interface WithdrawnLead {
  id: string;
  form: LeadForm;
  teamName: string;
  receivedAt: Date;
}

export function renderConsentWithdrawn(leads: WithdrawnLead[], now: Date): RenderedEmail {
  const count = leads.length;
  const subject = `Consent withdrawn: ${count === 1 ? 'a lead' : `${count} leads`} erased, do not contact`;
  const blocks: Block[] = [
    { type: 'title', text: 'A visitor withdrew their consent' },
    {
      type: 'paragraph',
      runs: [
        `On ${ist(now)} a visitor withdrew their consent with the link in the email we sent them. ` +
          `Everything we stored from them is now erased: ${count === 1 ? 'the lead below' : `the ${count} leads below`}, ` +
          'the emails about them, and the digests that listed them. The audit trail keeps only the ' +
          'fact, without their details.',
      ],
    },
    { type: 'heading', text: 'What to do' },
    {
      type: 'paragraph',
      runs: [
        'Do not contact them about these enquiries. Delete the sales notifications and any ' +
          'replies about these leads from your mailbox; find them by the lead id.',
      ],
    },
    { type: 'heading', text: count === 1 ? 'The erased lead' : 'The erased leads' },
    ...leads.map((lead): Block => ({
      type: 'rows',
      rows: [
        { label: 'Lead id', value: lead.id },
        { label: 'Form', value: FORM_KIND[lead.form] },
        { label: 'Team', value: lead.teamName },
        { label: 'Received', value: ist(lead.receivedAt) },
      ],
    })),
  ];
  const content = { title: subject, blocks };
  return { subject, html: renderHtml(content), text: renderText(content) };
}
