// For /api/health/: have emails to staff bounced lately? A bounced notification means a lead whose
// owner never heard of it, so an uptime check should see it. Counts only: no address, no lead.
// The delivery canary's notification is judged by health's canary section instead.

/** The kinds of email that go to staff rather than to a visitor. */
const STAFF_KINDS = [
  'sales-notification',
  'owner-reminder',
  'escalation',
  'team-digest',
  'bounce-alert',
];

/** How far back a bounce still makes health say "degraded". */
export const STAFF_BOUNCE_WINDOW_MS = 24 * 3_600_000;

export interface StaffBounces {
  /** Staff emails that bounced within the last 24 hours. */
  lastDay: number;
  latestAt: string | null;
}

export async function staffBounces(db: D1Database, now: Date): Promise<StaffBounces> {
  const since = new Date(now.getTime() - STAFF_BOUNCE_WINDOW_MS).toISOString();
  const row = await db
    .prepare(
      `SELECT count(DISTINCT e.provider_id) AS lastDay, max(e.received_at) AS latestAt
       FROM email_events e JOIN emails m ON m.provider_id = e.provider_id
       WHERE e.type = 'bounced' AND e.received_at >= ?
         AND m.kind IN (${STAFF_KINDS.map(() => '?').join(', ')})
         AND NOT (m.kind = 'sales-notification'
           AND m.lead_id IN (SELECT id FROM leads WHERE canary = 1))`,
    )
    .bind(since, ...STAFF_KINDS)
    .first<StaffBounces>();
  return { lastDay: row?.lastDay ?? 0, latestAt: row?.latestAt ?? null };
}
