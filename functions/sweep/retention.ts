// Leads are kept for the retention period, then deleted with their emails by the sweep.
// The audit trail keeps one "erased" event per lead, which holds no personal data. Digests that
// listed a deleted lead go with it, found by lead id (digest_leads). The delivery canary's
// synthetic leads are kept a week (functions/leads/canary.ts).
import { erasedEventsSql } from '../audit/trail';
import { canaryRetentionStatements } from '../leads/canary';
import { digestErasureSql } from '../leads/erasure-sql';
import type { Settings } from '../settings';
import { monthsBefore } from './schedule';

export async function applyRetention(
  db: D1Database,
  settings: Settings,
  now: Date,
): Promise<number> {
  const cutoff = monthsBefore(now, settings.RETENTION_MONTHS).toISOString();
  const digests = digestErasureSql('received_at < ?1').map((sql) =>
    sql.includes('?1') ? db.prepare(sql).bind(cutoff) : db.prepare(sql),
  );
  const results = await db.batch([
    // The delivery canary's synthetic leads go after a week, leaving nothing behind.
    ...canaryRetentionStatements(db, now),
    db
      .prepare(erasedEventsSql('received_at < ?2', '?1', "'retention'", "'retention period ended'"))
      .bind(now.toISOString(), cutoff),
    // Emails that belong to no lead (digests, consent withdrawals) also go by their own age.
    db.prepare('DELETE FROM emails WHERE lead_id IS NULL AND created_at < ?').bind(cutoff),
    ...digests,
    db
      .prepare('DELETE FROM emails WHERE lead_id IN (SELECT id FROM leads WHERE received_at < ?)')
      .bind(cutoff),
    db.prepare('DELETE FROM leads WHERE received_at < ?').bind(cutoff),
  ]);
  return results.at(-1)?.meta.changes ?? 0;
}
