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

// Leads held as spam are not leads the team could answer; released ones are. The delivery
// canary's synthetic leads are no one's work.
const PERIOD = `status = 'received' AND canary = 0 AND received_at >= ?1 AND received_at <= ?2`;

/** Counts per group; ?3 is now, for what is overdue. */
const countsBy = (group: string) => `SELECT ${group} AS name, count(*) AS received,
    sum(replied_at IS NOT NULL AND replied_at <= reply_by) AS kept,
    sum(replied_at IS NULL AND closed_at IS NULL AND reply_by < ?3) AS overdue
  FROM leads WHERE ${PERIOD} GROUP BY 1`;

/**
 * The median and 90th percentile (nearest rank: the ceil(p·n)-th value) of the hours from arrival
 * to `moment`, per group, computed by SQLite so that a year of leads never leaves the database.
 */
const percentilesBy = (group: string, moment: 'claimed_at' | 'replied_at') => `
  WITH hours AS (
    SELECT ${group} AS name,
      round((julianday(${moment}) - julianday(received_at)) * 24, 3) AS value
    FROM leads WHERE ${PERIOD} AND ${moment} IS NOT NULL),
  ranked AS (
    SELECT name, value, row_number() OVER (PARTITION BY name ORDER BY value) AS k,
      count(*) OVER (PARTITION BY name) AS n FROM hours)
  SELECT name, value, k, n FROM ranked WHERE k = (n + 1) / 2 OR k = (9 * n + 9) / 10`;

const sourcesBy = (column: string) => `SELECT COALESCE(${column}, '(none)') AS value,
    count(*) AS count FROM leads WHERE ${PERIOD} AND form = 'assessment'
  GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 20`;

// Monday of the week a lead arrived in (UTC): SQLite's 'weekday 1' moves forward to a Monday.
const WEEKS = `SELECT date(received_at, '-6 days', 'weekday 1') AS start, count(*) AS received,
    sum(replied_at IS NOT NULL AND replied_at <= reply_by) AS kept
  FROM leads WHERE ${PERIOD} GROUP BY 1`;

interface CountRow {
  name: string;
  received: number;
  kept: number;
  overdue: number;
}
interface RankRow {
  name: string;
  value: number;
  k: number;
  n: number;
}

/** Monday 00:00 UTC of the week `at` falls in. */
export function weekStart(at: Date): Date {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY_MS);
}

function speeds(counts: CountRow[], claims: RankRow[], replies: RankRow[]) {
  const rank = (rows: RankRow[], name: string, p: number) => {
    const row = rows.find(
      (r) =>
        r.name === name &&
        r.k === (p === 50 ? Math.floor((r.n + 1) / 2) : Math.floor((9 * r.n + 9) / 10)),
    );
    return row ? row.value : null;
  };
  const total = (rows: RankRow[], name: string) => rows.find((r) => r.name === name)?.n ?? 0;
  return counts.map((row) => ({
    name: row.name,
    received: row.received,
    claimed: total(claims, row.name),
    replied: total(replies, row.name),
    claimMedian: rank(claims, row.name, 50),
    claimP90: rank(claims, row.name, 90),
    replyMedian: rank(replies, row.name, 50),
    replyP90: rank(replies, row.name, 90),
    withinPromise: row.received ? row.kept / row.received : null,
    overdueNow: row.overdue,
  }));
}

export async function teamFigures(db: D1Database, days: number, now: Date): Promise<Figures> {
  const from = new Date(now.getTime() - days * DAY_MS);
  const owner = "COALESCE(owner_email, '(no owner)')";
  const queries = [
    countsBy('route_team'),
    percentilesBy('route_team', 'claimed_at'),
    percentilesBy('route_team', 'replied_at'),
    countsBy(owner),
    percentilesBy(owner, 'claimed_at'),
    percentilesBy(owner, 'replied_at'),
    WEEKS,
    sourcesBy('page'),
    sourcesBy('referrer'),
    sourcesBy('utm_source'),
  ];
  const values = [from.toISOString(), now.toISOString(), now.toISOString()];
  // A statement takes as many values as the highest ?N it names: now (?3) only where it is used.
  const results = await db.batch(
    queries.map((sql) => db.prepare(sql).bind(...values.slice(0, sql.includes('?3') ? 3 : 2))),
  );
  const rows = <T>(index: number) => (results[index]?.results ?? []) as T[];

  const byWeek = new Map(
    rows<{ start: string; received: number; kept: number }>(6).map((w) => [w.start, w]),
  );
  const weeks: Week[] = [];
  for (let start = weekStart(from); start <= now; start = new Date(start.getTime() + WEEK_MS)) {
    const week = byWeek.get(start.toISOString().slice(0, 10));
    weeks.push({
      start: start.toISOString(),
      received: week?.received ?? 0,
      withinPromise: week?.received ? week.kept / week.received : 0,
    });
  }
  const sources = (index: number) => rows<{ value: string; count: number }>(index);
  return {
    from,
    to: now,
    teams: speeds(rows<CountRow>(0), rows<RankRow>(1), rows<RankRow>(2))
      .map(({ name, ...speed }) => ({ team: name, ...speed }))
      .sort((a, b) => a.team.localeCompare(b.team)),
    owners: speeds(rows<CountRow>(3), rows<RankRow>(4), rows<RankRow>(5))
      .map(({ name, ...speed }) => ({ owner: name, ...speed }))
      .sort((a, b) => b.received - a.received || a.owner.localeCompare(b.owner)),
    weeks,
    sources: { page: sources(7), referrer: sources(8), utmSource: sources(9) },
  };
}
