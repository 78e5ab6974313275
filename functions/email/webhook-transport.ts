// How a webhook row of the outbox leaves: a POST of its JSON body to the URL its setting holds,
// signed per Standard Webhooks for the CRM. A receiver's 2xx delivers it; 408, 429, 5xx or no
// answer are tried again with the same webhook-id (receivers recognise a repeat by it); any other
// 4xx is the receiver refusing this event for good.
import { Webhook } from 'standardwebhooks';
import type { Settings } from '../settings';
import type { OutboxEmail } from './outbox';
import type { EmailTransport, SendResult } from './transport';
import { CRM_DESTINATION } from './webhooks/crm-event';
import { CHAT_DESTINATION } from './webhooks/chat-alert';

/** What a receiver's status means for the event: only a refusal we caused is final. */
export function classifyReceiverStatus(status: number): 'delivered' | 'retry' | 'refused' {
  if (status >= 200 && status < 300) return 'delivered';
  if (status === 408 || status === 429 || status >= 500) return 'retry';
  return 'refused';
}

function retryAfter(response: Response): number | undefined {
  const seconds = Number(response.headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? seconds : undefined;
}

export function webhookTransport(settings: Settings): EmailTransport {
  const urls: Record<string, string | undefined> = {
    [CRM_DESTINATION]: settings.LEAD_WEBHOOK_URL,
    [CHAT_DESTINATION]: settings.CHAT_WEBHOOK_URL,
  };
  return {
    async send(email: OutboxEmail): Promise<SendResult> {
      const destination = email.to[0] ?? '';
      const url = urls[destination];
      // Turned off since the event was queued: nobody is listening, so it is never sent.
      if (!url) {
        return { ok: false, retryable: false, unsure: false, error: `${destination} is not set` };
      }
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (email.kind === 'crm-webhook') {
        if (!settings.LEAD_WEBHOOK_SECRET) {
          return {
            ok: false,
            retryable: true,
            unsure: false,
            error: 'LEAD_WEBHOOK_SECRET is not set: events are never sent unsigned',
          };
        }
        // Signed at each attempt: the signature covers this attempt's timestamp, which a
        // receiver checks against its clock (five minutes, in the reference libraries).
        const now = new Date();
        headers['webhook-id'] = email.id;
        headers['webhook-timestamp'] = String(Math.floor(now.getTime() / 1000));
        headers['webhook-signature'] = new Webhook(settings.LEAD_WEBHOOK_SECRET).sign(
          email.id,
          now,
          email.text,
        );
      }
      const signal = AbortSignal.timeout(settings.WEBHOOK_TIMEOUT_MS);
      try {
        const response = await fetch(url, { method: 'POST', headers, body: email.text, signal });
        // The body is not ours to keep, but read to its end rather than cancelled: a cancelled
        // body cost each later call about half a second under load (docs/BENCHMARKS.md).
        await response.arrayBuffer().catch(() => undefined);
        const verdict = classifyReceiverStatus(response.status);
        if (verdict === 'delivered') return { ok: true, status: 'sent' };
        return {
          ok: false,
          retryable: verdict === 'retry',
          unsure: false,
          error: `${email.kind} receiver answered ${response.status}`,
          retryAfterSeconds: retryAfter(response),
        };
      } catch (error) {
        // Unanswered: it may have arrived, and the retry carries the same webhook-id.
        return {
          ok: false,
          retryable: true,
          unsure: false,
          error:
            `${email.kind} ${signal.aborted ? 'timeout' : 'network'}: ${(error as Error).message}`.slice(
              0,
              300,
            ),
        };
      }
    },
  };
}
