// How an email leaves: through Resend when a key is set, else into the local outbox only.
import { Resend } from 'resend';
import type { Settings } from '../settings';
import { isWebhookKind, type OutboxEmail } from './outbox';
import { webhookTransport } from './webhook-transport';

export type SendResult =
  | { ok: true; status: 'sent' | 'captured'; providerId?: string | undefined }
  | {
      ok: false;
      retryable: boolean;
      /** The provider may have accepted it (no answer, a 5xx): a retry relies on the key. */
      unsure: boolean;
      error: string;
      retryAfterSeconds?: number | undefined;
    };

export interface EmailTransport {
  send(email: OutboxEmail): Promise<SendResult>;
}

/**
 * What a refusal from Resend means for the email (https://resend.com/docs/api-reference/errors).
 * Only a malformed request (400, 422: a bad recipient, a missing field) is final. A revoked or
 * missing key (401, 403 invalid_api_key), an unverified sender domain (403 validation_error,
 * invalid_from_address) or a wrong endpoint (404, 405) are our configuration: once someone fixes
 * it the same email goes, so it waits and retries. Any answer with a status is Resend saying it
 * did not send, so the attempt is sure; a 409 about the key, or no status at all, is not.
 */
export function classifyRefusal(
  status: number,
  name: string,
  message = '',
): { retryable: boolean; unsure: boolean } {
  // Resend also answers a bad key as a 400 validation_error on some endpoints.
  const aboutTheKey = /api key/i.test(message) || name.endsWith('api_key');
  if ((status === 400 || status === 422) && !aboutTheKey)
    return { retryable: false, unsure: false };
  // The same key with another body: the first request reached Resend and may have been sent.
  if (status === 409 && name === 'invalid_idempotent_request') {
    return { retryable: false, unsure: true };
  }
  if (status === 409) return { retryable: true, unsure: true };
  return { retryable: true, unsure: status === 0 };
}

export function resendTransport(settings: Settings, apiKey: string): EmailTransport {
  const resend = new Resend(
    apiKey,
    settings.RESEND_BASE_URL ? { baseUrl: settings.RESEND_BASE_URL } : {},
  );
  return {
    async send(email) {
      // Resend hands this signal to fetch, so a hung call is cancelled rather than abandoned.
      const signal = AbortSignal.timeout(settings.EMAIL_TIMEOUT_MS);
      try {
        const { data, error, headers } = await resend.emails.send(
          {
            from: settings.EMAIL_FROM,
            to: email.to,
            subject: email.subject,
            html: email.html,
            text: email.text,
            ...(email.replyTo ? { replyTo: email.replyTo } : {}),
          },
          // The email's own id: a retry after a lost answer is recognised and not sent twice.
          { idempotencyKey: `email-${email.id}`, signal } as Parameters<
            typeof resend.emails.send
          >[1],
        );
        if (data) return { ok: true, status: 'sent', providerId: data.id };
        if (signal.aborted) {
          return {
            ok: false,
            retryable: true,
            unsure: true,
            error: `resend timeout: no answer within ${settings.EMAIL_TIMEOUT_MS} ms`,
          };
        }
        const status = (error as { statusCode?: number | null } | null)?.statusCode ?? 0;
        const retryAfter = Number(headers?.['retry-after']);
        return {
          ok: false,
          ...classifyRefusal(status, error?.name ?? '', error?.message),
          error: `resend ${status || 'error'}: ${error?.name ?? 'unknown'}`,
          retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
        };
      } catch (error) {
        const reason = signal.aborted ? 'timeout' : 'network';
        return {
          ok: false,
          retryable: true,
          unsure: true,
          error: `resend ${reason}: ${(error as Error).message}`,
        };
      }
    },
  };
}

/** Local default: the email stays in D1 as "captured" for `npm run ops:outbox` to show. */
export const captureTransport: EmailTransport = {
  async send(email) {
    console.log(
      `Captured ${email.kind} ${email.id} in the local outbox: run \`npm run ops:outbox\` to read it.`,
    );
    return { ok: true, status: 'captured' };
  },
};

/** Without a key, production refuses to pretend: every attempt fails loudly and is retried. */
const missingKeyTransport: EmailTransport = {
  async send() {
    return {
      ok: false,
      retryable: true,
      unsure: false,
      error: 'RESEND_API_KEY is not set: run `wrangler secret put RESEND_API_KEY`',
    };
  },
};

function emailTransportFor(settings: Settings): EmailTransport {
  if (settings.RESEND_API_KEY) return resendTransport(settings, settings.RESEND_API_KEY);
  return settings.ENVIRONMENT === 'production' ? missingKeyTransport : captureTransport;
}

/** Each row of the outbox by its kind: emails through Resend, webhook calls to their receiver. */
export function transportFor(settings: Settings): EmailTransport {
  const email = emailTransportFor(settings);
  const webhooks = webhookTransport(settings);
  return { send: (row) => (isWebhookKind(row.kind) ? webhooks : email).send(row) };
}
