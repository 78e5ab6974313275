// Leads are kept for the retention period, then deleted with their emails by the sweep.
// The audit trail keeps one "erased" event per lead, which holds no personal data.
import { erasedEventsSql } from '../audit/trail';
import type { Settings } from '../settings';
import { monthsBefore } from './schedule';

export async function applyRetention(
  db: D1Database,
  settings: Settings,
  now: Date,
): Promise<number> {
  const cutoff = monthsBefore(now, settings.RETENTION_MONTHS).toISOString();
  const [, , , deleted] = await db.batch([
    db
      .prepare(erasedEventsSql('received_at < ?2', '?1', "'retention'", "'retention period ended'"))
      .bind(now.toISOString(), cutoff),
    // Digests name several leads and belong to none: they go by their own age.
    db.prepare('DELETE FROM emails WHERE lead_id IS NULL AND created_at < ?').bind(cutoff),
    db
      .prepare('DELETE FROM emails WHERE lead_id IN (SELECT id FROM leads WHERE received_at < ?)')
      .bind(cutoff),
    db.prepare('DELETE FROM leads WHERE received_at < ?').bind(cutoff),
  ]);
  return deleted?.meta.changes ?? 0;
}
