// The kinds of email (and webhook call) the outbox carries, listed once. No imports: the
// operator's replay command runs the outbox in Node as it is.

/** Every email the Worker sends, by what it is for. */
export type EmailKind =
  | 'sales-notification'
  | 'visitor-acknowledgement'
  | 'owner-reminder'
  | 'escalation'
  | 'team-digest'
  | 'bounce-alert'
  | 'consent-withdrawn'
  /** To every team lead: the delivery canary's notification was not proven delivered in time. */
  | 'canary-alert'
  /** A lead event for the CRM (Standard Webhooks, signed at delivery); the JSON body is `text`. */
  | 'crm-webhook'
  /** A new lead's alert for the team's chat (Slack or Teams); the JSON body is `text`. */
  | 'chat-alert';

/**
 * Kinds that are webhook calls, not emails: `to` names the setting that holds the receiver's URL
 * (read at delivery, so a URL that is a credential, like Slack's, is never stored or shown), and
 * the receiver, not an idempotency key, recognises a repeat (by the row id, sent as webhook-id).
 */
export const WEBHOOK_KINDS: readonly EmailKind[] = ['crm-webhook', 'chat-alert'];
export const isWebhookKind = (kind: EmailKind) => WEBHOOK_KINDS.includes(kind);

/** The kinds a person at Nyarro waits for: one failed, held or stuck means a lead may go unseen. */
export const STAFF_KINDS: readonly EmailKind[] = [
  'sales-notification',
  'owner-reminder',
  'escalation',
  'canary-alert',
];

/** The provider's word on an accepted email, weakest first: a later, weaker one never wins. */
export const DELIVERY_EVENTS = ['delivery_delayed', 'delivered', 'bounced', 'complained'] as const;
export type DeliveryEvent = (typeof DELIVERY_EVENTS)[number];
