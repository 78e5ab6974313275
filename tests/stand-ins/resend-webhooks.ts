// A stand-in for Resend's webhooks: email events shaped like Resend's, signed as Resend signs them
// through Svix (svix-id, svix-timestamp, svix-signature), with the standardwebhooks package that
// the Resend SDK itself verifies with.
import { Webhook } from 'standardwebhooks';

/** The secret tests configure as RESEND_WEBHOOK_SECRET: whsec_ and base64 of the key. */
export const RESEND_TEST_SECRET = 'whsec_c3RhbmQtaW4tcmVzZW5kLXdlYmhvb2stc2VjcmV0LWtleQ==';
/** Another valid-looking secret, as a sender that does not know ours would use. */
export const WRONG_SECRET = 'whsec_d3Jvbmctc2VjcmV0LWZvci10aGUtcmVzZW5kLXdlYmhvb2s=';

export type ResendEventType =
  | 'email.sent'
  | 'email.delivered'
  | 'email.delivery_delayed'
  | 'email.bounced'
  | 'email.complained'
  | 'email.opened';

/** An event as Resend sends it about the email it gave `emailId` when it accepted it. */
export function resendEvent(type: ResendEventType | string, emailId: string, to: string[]) {
  const createdAt = new Date().toISOString();
  return {
    type,
    created_at: createdAt,
    data: {
      created_at: createdAt,
      email_id: emailId,
      message_id: `<${emailId}@resend.example>`,
      from: 'Nyarro Technologies <hello@example.com>',
      to,
      subject: 'A subject',
      ...(type === 'email.bounced'
        ? {
            bounce: {
              type: 'Permanent',
              subType: 'General',
              message: 'The recipient address does not exist.',
            },
          }
        : {}),
    },
  };
}

export interface SignOptions {
  secret?: string;
  /** The svix-id; a fresh one by default. Reuse one to replay an event. */
  id?: string;
  /** When the event was signed; now by default. */
  timestamp?: Date;
  /** Headers to leave out. */
  omit?: ('svix-id' | 'svix-timestamp' | 'svix-signature')[];
}

/** The request Resend would make to our endpoint. */
export function resendRequest(url: string, event: unknown, options: SignOptions = {}): Request {
  const body = JSON.stringify(event);
  const id = options.id ?? `msg_${crypto.randomUUID().replace(/-/g, '')}`;
  const timestamp = options.timestamp ?? new Date();
  const signature = new Webhook(options.secret ?? RESEND_TEST_SECRET).sign(id, timestamp, body);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'svix-id': id,
    'svix-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
    'svix-signature': signature,
  };
  for (const name of options.omit ?? []) delete headers[name];
  return new Request(url, { method: 'POST', body, headers });
}
