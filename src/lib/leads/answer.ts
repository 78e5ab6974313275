// The JSON answer to a lead POST, and the reply-by times a confirmation shows. Shipped to the
// browser (the form script reads the answer) and imported by the Worker (which writes it): keep it
// free of anything but types and the reply-time rule.
import type { FieldErrors } from './parse';
import { replyByTimes } from './reply-time';

export interface ConfirmationTimes {
  /** ISO time by which the visitor will hear back. */
  replyBy: string;
  /** That time in the visitor's zone where known, else in IST. */
  local: string;
  ist: string;
  /** True when `local` is IST, so the page names one time. */
  sameZone: boolean;
}

/** "Pick a time now": the lead owner's booking page, prefilled for the visitor. */
export interface BookingLink {
  href: string;
  ownerName: string;
}

export interface AcceptedAnswer extends ConfirmationTimes {
  ok: true;
  leadId: string;
  /** Present only after an assessment request whose owner has a booking page. */
  booking?: BookingLink | undefined;
}

export interface RefusedAnswer {
  ok: false;
  message: string;
  errors: FieldErrors;
}

export type LeadAnswer = AcceptedAnswer | RefusedAnswer;

/** The reply-by time as the confirmation shows it: the same rule as the acknowledgement email. */
export function confirmationTimes(
  replyBy: Date,
  visitorTimeZone?: string | null | undefined,
): ConfirmationTimes {
  const { ist, visitor } = replyByTimes(replyBy, visitorTimeZone);
  return { replyBy: replyBy.toISOString(), local: visitor?.time ?? ist, ist, sameZone: !visitor };
}
