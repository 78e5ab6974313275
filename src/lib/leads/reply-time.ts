// The 24-hour promise as times people can read: in the visitor's zone where known, else in IST.
// Used by the confirmation the visitor sees and by every email that names a time.
import { SITE } from '../site';

const HOUR_MS = 3_600_000;

export function replyByFor(receivedAt: Date, hours = SITE.replyWithinHours): Date {
  return new Date(receivedAt.getTime() + hours * HOUR_MS);
}

// Making a formatter is most of the cost of formatting a date, and each lead's emails and pages
// format several: one per zone, made on first use. Only zones the runtime knows are kept.
const zoneFormats = new Map<string, Intl.DateTimeFormat>();

/** The formatter for a zone; throws for a zone the runtime does not know. */
function zoneFormat(timeZone: string): Intl.DateTimeFormat {
  let format = zoneFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    });
    zoneFormats.set(timeZone, format);
  }
  return format;
}

/** A zone the runtime knows, or undefined: a bad zone from a request must never throw later. */
export function knownTimeZone(zone: string | undefined | null): string | undefined {
  if (!zone) return undefined;
  try {
    zoneFormat(zone);
    return zone;
  } catch {
    return undefined;
  }
}

/** "Thursday 26 November 2026, 14:30 IST" (the zone's short name, or its offset). */
export function formatInZone(date: Date, timeZone: string = SITE.headquarters.timeZone): string {
  const zone = knownTimeZone(timeZone) ?? SITE.headquarters.timeZone;
  const parts = zoneFormat(zone).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((part) => part.type === type)?.value ?? '';
  const zoneName = zone === 'Asia/Kolkata' ? 'IST' : get('timeZoneName');
  return `${get('weekday')} ${get('day')} ${get('month')} ${get('year')}, ${get('hour')}:${get('minute')} ${zoneName}`;
}

/** A moment in IST, where the team works: "Thursday 26 November 2026, 14:30 IST". */
export function ist(date: Date): string {
  return formatInZone(date);
}

/** The same moment short enough for a subject or a list: "Thu 26 Nov, 14:30 IST". */
export function shortIst(date: Date): string {
  const formatted = ist(date);
  const match = /^(\S+) (\d+) (\S+) \d{4}, (.+)$/.exec(formatted);
  if (!match) return formatted;
  const [, weekday = '', day = '', month = '', time = ''] = match;
  return `${weekday.slice(0, 3)} ${day} ${month.slice(0, 3)}, ${time}`;
}

export interface ReplyByTimes {
  /** The deadline in IST, where the team works. */
  ist: string;
  /** The same moment in the visitor's zone, only when known and showing a different clock time. */
  visitor?: { zone: string; time: string };
}

export function replyByTimes(
  replyBy: Date,
  visitorTimeZone: string | null | undefined,
): ReplyByTimes {
  const ist = formatInZone(replyBy);
  const zone = knownTimeZone(visitorTimeZone);
  if (!zone) return { ist };
  const time = formatInZone(replyBy, zone);
  // Same wall-clock time (IST itself, or another +05:30 zone): saying it twice would only confuse.
  const clock = (formatted: string) => formatted.replace(/ \S+$/, '');
  return clock(time) === clock(ist) ? { ist } : { ist, visitor: { zone, time } };
}
