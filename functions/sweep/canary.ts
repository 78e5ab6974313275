// The delivery canary's two sweep steps, each isolated like the others: send this interval's
// canary when it is due (functions/leads/canary.ts stores it; delivery, last in the sweep, sends
// it), and when the latest one is late or missing, tell every team lead by email and the team's
// chat, once per failed canary (the mark on the canary, and the outbox's dedupe keys).
import { enqueueStatement, type NewEmail } from '../email/outbox';
import { renderCanaryAlert } from '../email/templates/canary-alert';
import { canaryChatAlert } from '../email/webhooks/canary-chat';
import { canaryReport, markAlertedStatement, storeCanaryIfDue } from '../leads/canary';
import { log } from '../log';
import type { Settings } from '../settings';
import { ROUTING } from '../teams';

export async function sendCanary(db: D1Database, settings: Settings, triggeredAt: Date) {
  const outcome = await storeCanaryIfDue(db, settings, triggeredAt);
  if (outcome === 'stored') log('info', 'canary_stored', { at: triggeredAt.toISOString() });
  return outcome;
}

/** Every team lead in content/routing.json, each once. */
const teamLeads = () => [...new Set(Object.values(ROUTING.teams).map((team) => team.lead.email))];

/** Queues the alerts for a late or missing canary; how many it queued (0 once told). */
export async function alertFailedCanary(
  db: D1Database,
  settings: Settings,
  triggeredAt: Date,
): Promise<number> {
  const report = await canaryReport(db, settings, triggeredAt);
  if (!report || (report.state !== 'late' && report.state !== 'missing') || report.alertedAt) {
    return 0;
  }
  const data = { ...report, state: report.state, siteUrl: settings.SITE_URL };
  const key = `canary:${report.slot}:${report.state}`;
  const rendered = renderCanaryAlert(data);
  const alerts: NewEmail[] = teamLeads().map((address) => ({
    kind: 'canary-alert',
    leadId: report.leadId,
    dedupeKey: `${key}:${address}`,
    to: [address],
    ...rendered,
  }));
  if (settings.CHAT_WEBHOOK_URL) {
    alerts.push(
      canaryChatAlert(data, {
        kind: settings.CHAT_KIND,
        dedupeKey: `${key}:chat`,
        leadId: report.leadId,
      }),
    );
  }
  const results = await db.batch([
    // A missing canary has no row to mark: its dedupe keys alone keep it to one alert.
    ...(report.leadId ? [markAlertedStatement(db, report.leadId, triggeredAt)] : []),
    ...alerts.map((email) => enqueueStatement(db, email, triggeredAt)),
  ]);
  const queued = results
    .slice(report.leadId ? 1 : 0)
    .reduce((sum, result) => sum + result.meta.changes, 0);
  if (queued > 0) {
    log('error', 'canary_failed', { state: report.state, slot: report.slot, alerts: queued });
  }
  return queued;
}
