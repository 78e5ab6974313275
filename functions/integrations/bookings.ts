// POST /api/bookings/: Cal.com tells us a visitor booked a meeting on an owner's booking page.
// The booking counts as the owner's answer to the attendee's newest open lead (reminders and
// escalation key off replied_at, so they stop); a booking that matches no lead waits for the desk.
import { z } from 'zod';
import { eventIfChangedStatement } from '../audit/trail';
import { log } from '../log';
import { validCalcomSignature } from './calcom-signature';
import { answer, missingSecret, readRawBody, type InboundDeps } from './inbound';

/** Cal.com signs only the body; its signed createdAt bounds how long a captured request replays. */
export const BOOKING_TOLERANCE_MS = 5 * 60_000;

/** The events that mean "a meeting is booked"; any other (PING, cancellations) is acknowledged. */
const BOOKED = new Set(['BOOKING_CREATED', 'BOOKING_RESCHEDULED']);

// Only what we use; Cal.com sends much more, and passthrough keeps it from failing the parse.
const bookingSchema = z.object({
  triggerEvent: z.string().min(1).max(100),
  createdAt: z.string().max(64),
  payload: z
    .object({
      uid: z.string().min(1).max(200).optional(),
      startTime: z.string().max(64).optional(),
      organizer: z
        .object({ email: z.email().max(254) })
        .partial()
        .optional(),
      attendees: z
        .array(z.object({ email: z.email().max(254), name: z.string().max(200).optional() }))
        .max(50)
        .default([]),
    })
    .default({ attendees: [] }),
});

type Booking = z.output<typeof bookingSchema>;

/** A time as ISO 8601 in UTC, or null when it does not read as one. */
function isoTime(value: string | undefined): string | null {
  const ms = value ? Date.parse(value) : NaN;
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

async function newestLeadOf(db: D1Database, email: string) {
  return db
    .prepare(
      `SELECT id FROM leads WHERE status = 'received' AND canary = 0 AND lower(email) = ?
       ORDER BY replied_at IS NULL DESC, received_at DESC LIMIT 1`,
    )
    .bind(email.trim().toLowerCase())
    .first<{ id: string }>();
}

/** Records the meeting on the lead as the owner's answer; the same booking twice changes nothing. */
async function recordMeeting(
  db: D1Database,
  leadId: string,
  booking: Booking,
  uid: string,
  now: Date,
) {
  const at = now.toISOString();
  const startTime = isoTime(booking.payload.startTime);
  await db.batch([
    db
      .prepare(
        `UPDATE leads SET meeting_at = ?1, meeting_booking_uid = ?2,
           replied_at = COALESCE(replied_at, ?3), replied_by = COALESCE(replied_by, owner_email),
           claimed_at = COALESCE(claimed_at, ?3), claimed_by = COALESCE(claimed_by, owner_email)
         WHERE id = ?4 AND meeting_booking_uid IS NOT ?2`,
      )
      .bind(startTime, uid, at, leadId),
    eventIfChangedStatement(
      db,
      leadId,
      'meeting_booked',
      now,
      'visitor',
      startTime ? `cal.com meeting at ${startTime}` : 'cal.com meeting',
    ),
  ]);
}

async function keepUnmatched(db: D1Database, booking: Booking, uid: string, now: Date) {
  const attendee = booking.payload.attendees[0]!;
  await db
    .prepare(
      `INSERT OR IGNORE INTO unmatched_bookings (uid, attendee_email, attendee_name,
         organizer_email, start_time, received_at) VALUES (?, ?, ?, ?, ?, ?)`,
    )
    .bind(
      uid,
      attendee.email.trim().toLowerCase(),
      attendee.name ?? null,
      booking.payload.organizer?.email ?? null,
      isoTime(booking.payload.startTime),
      now.toISOString(),
    )
    .run();
}

export async function receiveBooking(request: Request, deps: InboundDeps): Promise<Response> {
  const { db, settings, now } = deps;
  const secret = settings.CALCOM_WEBHOOK_SECRET;
  if (!secret) return missingSecret(settings, 'CALCOM_WEBHOOK_SECRET', 'Cal.com');

  const body = await readRawBody(request);
  if (body === null) return answer(413, { ok: false, error: 'Body too large.' });
  const signature = request.headers.get('x-cal-signature-256');
  if (!(await validCalcomSignature(body, signature, secret))) {
    log('warn', 'booking_signature_refused', { present: signature !== null });
    return answer(401, { ok: false, error: 'Invalid signature.' });
  }

  let booking: Booking;
  try {
    booking = bookingSchema.parse(JSON.parse(body));
  } catch {
    return answer(400, { ok: false, error: 'Not a Cal.com booking payload.' });
  }
  const createdAt = isoTime(booking.createdAt);
  if (!createdAt || Math.abs(now.getTime() - Date.parse(createdAt)) > BOOKING_TOLERANCE_MS) {
    log('warn', 'booking_stale', { trigger: booking.triggerEvent });
    return answer(400, { ok: false, error: 'Booking timestamp outside the tolerance.' });
  }
  const attendee = booking.payload.attendees[0];
  const uid = booking.payload.uid;
  if (!BOOKED.has(booking.triggerEvent) || !attendee || !uid) {
    return answer(200, { ok: true, ignored: booking.triggerEvent });
  }

  try {
    const lead = await newestLeadOf(db, attendee.email);
    if (lead) await recordMeeting(db, lead.id, booking, uid, now);
    else await keepUnmatched(db, booking, uid, now);
    log('info', lead ? 'meeting_booked' : 'booking_unmatched', { leadId: lead?.id });
    return answer(200, { ok: true, matched: Boolean(lead) });
  } catch (error) {
    // Cal.com may try again; nothing half-done is left, since each write is one statement or batch.
    log('error', 'booking_store_failed', { error: (error as Error).message.slice(0, 200) });
    return answer(503, { ok: false, error: 'Could not record the booking; try again.' });
  }
}

export interface UnmatchedBooking {
  attendeeEmail: string;
  attendeeName: string | null;
  organizerEmail: string | null;
  startTime: string | null;
  receivedAt: string;
}

/** The newest bookings that matched no lead, for the desk to look at. */
export async function unmatchedBookings(db: D1Database, limit = 10): Promise<UnmatchedBooking[]> {
  const { results } = await db
    .prepare(
      `SELECT attendee_email AS attendeeEmail, attendee_name AS attendeeName,
         organizer_email AS organizerEmail, start_time AS startTime, received_at AS receivedAt
       FROM unmatched_bookings ORDER BY received_at DESC LIMIT ?`,
    )
    .bind(limit)
    .all<UnmatchedBooking>();
  return results;
}
