// A stand-in for Cal.com's webhooks: booking payloads shaped like Cal.com's, signed the way it
// signs them (X-Cal-Signature-256: hex HMAC-SHA256 of the raw body with the webhook's secret).
// Web Crypto only, so Worker tests (workerd) and Node scripts alike can use it.

/** The secret tests configure as CALCOM_WEBHOOK_SECRET. */
export const CALCOM_TEST_SECRET = 'calcom-stand-in-secret-0123456789abcdef';

export interface BookingOptions {
  triggerEvent?: string;
  attendeeEmail?: string;
  attendeeName?: string;
  uid?: string;
  startTime?: string;
  /** When Cal.com made the payload; now by default. */
  createdAt?: Date;
  organizerEmail?: string;
}

/** A payload as Cal.com sends it for a booking (the fields we read, and some we do not). */
export function calcomBooking(options: BookingOptions = {}) {
  const start = options.startTime ?? '2026-12-03T10:30:00.000Z';
  return {
    triggerEvent: options.triggerEvent ?? 'BOOKING_CREATED',
    createdAt: (options.createdAt ?? new Date()).toISOString(),
    payload: {
      type: 'assessment-call',
      title: 'Assessment call',
      uid: options.uid ?? crypto.randomUUID(),
      startTime: start,
      endTime: new Date(Date.parse(start) + 30 * 60_000).toISOString(),
      organizer: {
        name: 'Sales owner 1',
        email: options.organizerEmail ?? 'sales-1@example.com',
        timeZone: 'Asia/Kolkata',
      },
      attendees: [
        {
          name: options.attendeeName ?? 'Asha Rao',
          email: options.attendeeEmail ?? 'asha@example.com',
          timeZone: 'Europe/London',
          language: { locale: 'en' },
        },
      ],
      responses: { notes: { value: 'Looking forward to it' } },
    },
  };
}

export async function calcomSignature(body: string, secret: string): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(body)));
  return [...mac].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The request Cal.com would make; `signature: null` leaves the header out. */
export async function calcomRequest(
  url: string,
  payload: unknown,
  options: { secret?: string; signature?: string | null } = {},
): Promise<Request> {
  const body = JSON.stringify(payload);
  const signature =
    options.signature === undefined
      ? await calcomSignature(body, options.secret ?? CALCOM_TEST_SECRET)
      : options.signature;
  return new Request(url, {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json',
      ...(signature === null ? {} : { 'x-cal-signature-256': signature }),
    },
  });
}
