// The 24-hour promise as times people can read: in the visitor's zone where known, else in IST.
// Used by the confirmation the visitor sees and by both emails.
import { SITE } from '../site';

const HOUR_MS = 3_600_000;

export function replyByFor(receivedAt: Date, hours = SITE.replyWithinHours): Date {
  return new Date(receivedAt.getTime() + hours * HOUR_MS);
}

/** A zone the runtime knows, or undefined: a bad zone from a request must never throw later. */
export function knownTimeZone(zone: string | undefined | null): string | undefined {
  if (!zone) return undefined;
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return zone;
  } catch {
    return undefined;
  }
}

/** "Thursday 26 November 2026, 14:30 IST" (the zone's short name, or its offset). */
export function formatInZone(date: Date, timeZone: string = SITE.headquarters.timeZone): string {
  const zone = knownTimeZone(timeZone) ?? SITE.headquarters.timeZone;
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((part) => part.type === type)?.value ?? '';
  const zoneName = zone === 'Asia/Kolkata' ? 'IST' : get('timeZoneName');
  return `${get('weekday')} ${get('day')} ${get('month')} ${get('year')}, ${get('hour')}:${get('minute')} ${zoneName}`;
}
