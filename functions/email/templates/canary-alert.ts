// The email every team lead gets when the delivery canary failed: a synthetic lead's notification
// was not proven delivered in time (or the canary was never stored), so real leads may be going
// unseen too. Plain facts in: when it was sent, to which address, where its email stands, what to check.
import { ist } from '../../../src/lib/leads/reply-time';
import { renderHtml, renderText, siteHref, type Block, type RenderedEmail } from './layout';

export interface CanaryAlertData {
  state: 'late' | 'missing';
  /** The start of the canary's interval (ISO). */
  slot: string;
  sentAt: string | null;
  to: string;
  deadlineAt: string;
  email: {
    status: string;
    delivery: string | null;
    lastError: string | null;
    providerId: string | null;
  } | null;
  proof: string;
  check: string;
  siteUrl: string;
}

/** Where the canary's email stands, in one line. */
export function canaryEmailState(data: Pick<CanaryAlertData, 'email'>): string {
  const { email } = data;
  if (!email) return 'never queued';
  const delivery = email.delivery ? `, provider says ${email.delivery}` : ', no delivery event';
  const error = email.lastError ? ` (last error: ${email.lastError})` : '';
  return `${email.status}${delivery}${error}`;
}

/** The headline shared by the email and the chat alert. */
export function canaryHeadline(data: Pick<CanaryAlertData, 'state' | 'sentAt' | 'to'>): string {
  return data.state === 'missing'
    ? 'The delivery canary was not sent: lead notifications are not being checked'
    : `The delivery canary sent ${ist(new Date(data.sentAt!))} to ${data.to} was not delivered in time`;
}

export function renderCanaryAlert(data: CanaryAlertData): RenderedEmail {
  const subject =
    data.state === 'missing'
      ? 'Canary not sent: lead delivery is unchecked'
      : 'Canary late: lead notifications may not be arriving';
  const health = siteHref(data.siteUrl, '/api/health/');
  const blocks: Block[] = [
    { type: 'title', text: canaryHeadline(data) },
    {
      type: 'paragraph',
      runs: [
        'Every few hours a synthetic lead goes through the same pipeline as a visitor’s, its notification addressed to a monitored mailbox. ',
        data.state === 'missing'
          ? 'This one was never stored, so nothing proves that notifications still arrive.'
          : 'This one was not proven delivered by its deadline, so notifications of real leads may be stuck as well. Please check the desk for new leads until this is fixed.',
      ],
    },
    {
      type: 'rows',
      rows: [
        { label: 'Interval from', value: ist(new Date(data.slot)) },
        { label: 'Sent', value: data.sentAt ? ist(new Date(data.sentAt)) : 'Not sent' },
        { label: 'To', value: data.to },
        { label: 'Deadline', value: ist(new Date(data.deadlineAt)) },
        { label: 'Its email', value: canaryEmailState(data) },
        ...(data.email?.providerId ? [{ label: 'Resend id', value: data.email.providerId }] : []),
        { label: 'Counts as delivered', value: data.proof },
      ],
    },
    { type: 'heading', text: 'What to check' },
    { type: 'paragraph', runs: [data.check] },
    {
      type: 'paragraph',
      runs: ['Health shows the canary as it stands: ', { text: health, href: health }],
    },
  ];
  const content = { title: subject, blocks };
  return { subject, html: renderHtml(content), text: renderText(content) };
}
