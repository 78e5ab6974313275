// POST /api/email-events/: Resend tells us what became of each email it accepted. Verified with
// the Resend SDK (svix-id, svix-timestamp, svix-signature; five minutes either way), recorded once
// per event id against the outbox row with that provider id, then acted on (./bounces.ts).
import { Resend } from 'resend';
import { WebhookVerificationError } from 'standardwebhooks';
import { deliverSoon } from '../email/deliver';
import {
  findEmailByProviderId,
  providerEventSeen,
  providerEventStatements,
  type DeliveryEvent,
} from '../email/outbox';
import { transportFor } from '../email/transport';
import { log } from '../log';
import { followUpOf } from './bounces';
import { answer, missingSecret, readRawBody, type InboundDeps } from './inbound';

const RECORDED: Record<string, DeliveryEvent> = {
  'email.delivered': 'delivered',
  'email.delivery_delayed': 'delivery_delayed',
  'email.bounced': 'bounced',
  'email.complained': 'complained',
};

interface EventBody {
  type?: unknown;
  created_at?: unknown;
  data?: { email_id?: unknown; to?: unknown; bounce?: { message?: unknown } };
}

const text = (value: unknown, max = 500) =>
  typeof value === 'string' && value.length > 0 ? value.slice(0, max) : undefined;

/** Checks the signature; the event, or the answer that refuses it. */
function verified(body: string, request: Request, secret: string): EventBody | Response {
  const headers = {
    id: request.headers.get('svix-id') ?? '',
    timestamp: request.headers.get('svix-timestamp') ?? '',
    signature: request.headers.get('svix-signature') ?? '',
  };
  if (!headers.id || !headers.timestamp || !headers.signature) {
    return answer(400, { ok: false, error: 'Missing svix-id, svix-timestamp or svix-signature.' });
  }
  try {
    // Verification needs no API key; the SDK's client insists on one, so any placeholder will do.
    const resend = new Resend('re_webhook_verification_only');
    return resend.webhooks.verify({ payload: body, headers, webhookSecret: secret }) as EventBody;
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'unknown';
    log('warn', 'email_event_refused', { reason: reason.slice(0, 100) });
    if (!(error instanceof WebhookVerificationError)) {
      return answer(400, { ok: false, error: 'The event could not be read.' });
    }
    if (/timestamp|Signature Headers/i.test(reason)) {
      return answer(400, { ok: false, error: 'Timestamp missing or outside five minutes.' });
    }
    return answer(401, { ok: false, error: 'Invalid signature.' });
  }
}

export async function receiveEmailEvent(request: Request, deps: InboundDeps): Promise<Response> {
  const { db, settings, now } = deps;
  const secret = settings.RESEND_WEBHOOK_SECRET;
  if (!secret) return missingSecret(settings, 'RESEND_WEBHOOK_SECRET', 'Resend');
  const body = await readRawBody(request);
  if (body === null) return answer(413, { ok: false, error: 'Body too large.' });

  const event = verified(body, request, secret);
  if (event instanceof Response) return event;
  const type = typeof event.type === 'string' ? RECORDED[event.type] : undefined;
  const providerId = text(event.data?.email_id, 200);
  if (!type || !providerId)
    return answer(200, { ok: true, ignored: text(event.type, 100) ?? null });

  const id = request.headers.get('svix-id')!;
  try {
    if (await providerEventSeen(db, id)) return answer(200, { ok: true, duplicate: true });
    const email = await findEmailByProviderId(db, providerId);
    const to = Array.isArray(event.data?.to)
      ? event.data.to.filter((value): value is string => typeof value === 'string')
      : [];
    const followUp = email
      ? await followUpOf(
          db,
          type,
          email,
          { to, reason: text(event.data?.bounce?.message) },
          settings,
          now,
        )
      : { statements: [], emailIds: [] };
    const occurredAt = text(event.created_at, 40) ?? null;
    await db.batch([
      ...providerEventStatements(db, { id, type, providerId, occurredAt }, now),
      ...followUp.statements,
    ]);
    log('info', 'email_event_recorded', { type, emailId: email?.id, kind: email?.kind });
    if (followUp.emailIds.length > 0 && deps.waitUntil) {
      deliverSoon(db, transportFor(settings), followUp.emailIds, deps.waitUntil);
    }
    return answer(200, { ok: true, recorded: type, matched: Boolean(email) });
  } catch (error) {
    // Resend retries a failed delivery; the event id keeps the retry from counting twice.
    log('error', 'email_event_store_failed', { error: (error as Error).message.slice(0, 200) });
    return answer(503, { ok: false, error: 'Could not record the event; try again.' });
  }
}
