// When a lead needs someone's attention. All arithmetic in UTC milliseconds; people see IST.

const HOUR_MS = 3_600_000;

export interface FollowUpState {
  replyBy: Date;
  claimedAt: Date | null;
  repliedAt: Date | null;
  remindedAt: Date | null;
  escalatedAt: Date | null;
}

export type FollowUp = 'remind' | 'escalate';

export function reminderTime(replyBy: Date, hoursBefore: number): Date {
  return new Date(replyBy.getTime() - hoursBefore * HOUR_MS);
}

/**
 * What is due for a lead at `now`: in the last hours before the deadline, a reminder to the owner
 * of a lead nobody has taken; once the deadline has passed without a reply, an escalation.
 * Nothing once someone has replied, and nothing twice.
 */
export function followUpDue(lead: FollowUpState, now: Date, hoursBefore: number): FollowUp | null {
  if (lead.repliedAt) return null;
  if (now >= lead.replyBy) return lead.escalatedAt ? null : 'escalate';
  if (lead.claimedAt || lead.remindedAt) return null;
  return now >= reminderTime(lead.replyBy, hoursBefore) ? 'remind' : null;
}

/** The same instant `months` calendar months earlier, for the retention cut-off. */
export function monthsBefore(now: Date, months: number): Date {
  const cutoff = new Date(now);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  return cutoff;
}

/** The calendar date in IST ("2026-11-25"), which names the day a digest belongs to. */
export function istDate(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Kolkata' }).format(now);
}

export function istHour(now: Date): number {
  return Number(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Kolkata',
      hour: '2-digit',
      hourCycle: 'h23',
    }).format(now),
  );
}
