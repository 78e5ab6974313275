// How an email leaves: through Resend when a key is set, else into the local outbox only.
import { Resend } from 'resend';
import type { Settings } from '../settings';
import type { OutboxEmail } from './outbox';

export type SendResult =
  | { ok: true; status: 'sent' | 'captured'; providerId?: string | undefined }
  | { ok: false; retryable: boolean; error: string; retryAfterSeconds?: number | undefined };

export interface EmailTransport {
  send(email: OutboxEmail): Promise<SendResult>;
}

// Resend answers these for requests that will never succeed as they are (bad address, bad key).
const PERMANENT_STATUSES = new Set([400, 401, 403, 404, 422]);

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
            error: `resend timeout: no answer within ${settings.EMAIL_TIMEOUT_MS} ms`,
          };
        }
        const status = (error as { statusCode?: number | null } | null)?.statusCode ?? 0;
        const retryAfter = Number(headers?.['retry-after']);
        return {
          ok: false,
          retryable: !PERMANENT_STATUSES.has(status),
          error: `resend ${status || 'error'}: ${error?.name ?? 'unknown'}`,
          retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
        };
      } catch (error) {
        const reason = signal.aborted ? 'timeout' : 'network';
        return {
          ok: false,
          retryable: true,
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
      error: 'RESEND_API_KEY is not set: run `wrangler secret put RESEND_API_KEY`',
    };
  },
};

export function transportFor(settings: Settings): EmailTransport {
  if (settings.RESEND_API_KEY) return resendTransport(settings, settings.RESEND_API_KEY);
  return settings.ENVIRONMENT === 'production' ? missingKeyTransport : captureTransport;
}
