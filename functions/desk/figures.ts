// How the team is doing over a period: per team and per owner, leads received, how fast they
// were claimed and answered (median and 90th percentile), the share answered within the promise,
// what is overdue now; and where assessment requests come from. Week by week for the charts.
import { z } from 'zod';

export const PERIOD_DAYS = [7, 28, 90, 365] as const;
export const periodSchema = z.object({
  days: z.coerce
    .number()
    .refine((days) => (PERIOD_DAYS as readonly number[]).includes(days))
    .default(28)
    .catch(28),
});

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const WEEK_MS = 7 * DAY_MS;

export interface Speed {
  received: number;
  claimed: number;
  replied: number;
  /** Hours from arrival, or null when nothing was claimed / answered. */
  claimMedian: number | null;
  claimP90: number | null;
  replyMedian: number | null;
  replyP90: number | null;
  /** Share of the period's leads answered by their reply-by time, 0 to 1 (null: no leads). */
  withinPromise: number | null;
  overdueNow: number;
}

export interface Week {
  /** Monday 00:00 UTC of the week. */
  start: string;
  received: number;
  withinPromise: number;
}

export interface Figures {
  from: Date;
  to: Date;
  teams: Array<{ team: string } & Speed>;
  owners: Array<{ owner: string } & Speed>;
  weeks: Week[];
  sources: Record<'page' | 'referrer' | 'utmSource', Array<{ value: string; count: number }>>;
}

interface SpeedRow {
  team: string;
  owner: string | null;
  form: string;
  receivedAt: string;
  replyBy: string;
  claimedAt: string | null;
  repliedAt: string | null;
  closedAt: string | null;
  page: string | null;
  referrer: string | null;
  utmSource: string | null;
}

/** The nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], share: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)]!;
}

const hoursBetween = (from: string, to: string) =>
  (new Date(to).getTime() - new Date(from).getTime()) / HOUR_MS;

export function speedOf(rows: readonly SpeedRow[], now: Date): Speed {
  const claims = rows
    .filter((row) => row.claimedAt)
    .map((row) => hoursBetween(row.receivedAt, row.claimedAt!))
    .sort((a, b) => a - b);
  const replies = rows
    .filter((row) => row.repliedAt)
    .map((row) => hoursBetween(row.receivedAt, row.repliedAt!))
    .sort((a, b) => a - b);
  const kept = rows.filter((row) => row.repliedAt && row.repliedAt <= row.replyBy).length;
  const overdue = rows.filter(
    (row) => !row.repliedAt && !row.closedAt && new Date(row.replyBy) < now,
  ).length;
  return {
    received: rows.length,
    claimed: claims.length,
    replied: replies.length,
    claimMedian: percentile(claims, 0.5),
    claimP90: percentile(claims, 0.9),
    replyMedian: percentile(replies, 0.5),
    replyP90: percentile(replies, 0.9),
    withinPromise: rows.length ? kept / rows.length : null,
    overdueNow: overdue,
  };
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const name = key(row);
    const group = groups.get(name);
    if (group) group.push(row);
    else groups.set(name, [row]);
  }
  return groups;
}

function counts(rows: readonly SpeedRow[], key: (row: SpeedRow) => string | null) {
  return [...groupBy(rows, (row) => key(row) ?? '(none)')]
    .map(([value, group]) => ({ value, count: group.length }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
    .slice(0, 20);
}

/** Monday 00:00 UTC of the week `at` falls in. */
export function weekStart(at: Date): Date {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY_MS);
}

export async function teamFigures(db: D1Database, days: number, now: Date): Promise<Figures> {
  const from = new Date(now.getTime() - days * DAY_MS);
  // Leads held as spam are not leads the team could answer; released ones are.
  const { results } = await db
    .prepare(
      `SELECT route_team AS team, owner_email AS owner, form, received_at AS receivedAt,
         reply_by AS replyBy, claimed_at AS claimedAt, replied_at AS repliedAt,
         closed_at AS closedAt, page, referrer, utm_source AS utmSource
       FROM leads WHERE received_at >= ? AND received_at <= ? AND status = 'received'`,
    )
    .bind(from.toISOString(), now.toISOString())
    .all<SpeedRow>();

  const weeks: Week[] = [];
  for (let start = weekStart(from); start <= now; start = new Date(start.getTime() + WEEK_MS)) {
    const end = new Date(start.getTime() + WEEK_MS).toISOString();
    const inWeek = results.filter(
      (row) => row.receivedAt >= start.toISOString() && row.receivedAt < end,
    );
    const speed = speedOf(inWeek, now);
    weeks.push({
      start: start.toISOString(),
      received: speed.received,
      withinPromise: speed.withinPromise ?? 0,
    });
  }
  const assessments = results.filter((row) => row.form === 'assessment');
  return {
    from,
    to: now,
    teams: [...groupBy(results, (row) => row.team)]
      .map(([team, rows]) => ({ team, ...speedOf(rows, now) }))
      .sort((a, b) => a.team.localeCompare(b.team)),
    owners: [...groupBy(results, (row) => row.owner ?? '(no owner)')]
      .map(([owner, rows]) => ({ owner, ...speedOf(rows, now) }))
      .sort((a, b) => b.received - a.received || a.owner.localeCompare(b.owner)),
    weeks,
    sources: {
      page: counts(assessments, (row) => row.page),
      referrer: counts(assessments, (row) => row.referrer),
      utmSource: counts(assessments, (row) => row.utmSource),
    },
  };
}
