// Once a day, at its hour in IST, each team gets the list of its leads still waiting for an answer.
import { enqueueStatement } from '../email/outbox';
import { renderTeamDigest } from '../email/templates/team-digest';
import { openLeadsByTeam } from '../follow-up/open-leads';
import { ROUTING } from '../teams';
import type { Settings } from '../settings';
import { istDate, istHour } from './schedule';

export async function queueDigests(db: D1Database, settings: Settings, now: Date): Promise<number> {
  if (istHour(now) !== settings.DIGEST_HOUR_IST) return 0;
  const statements = [];
  for (const [team, leads] of await openLeadsByTeam(db)) {
    const config = ROUTING.teams[team];
    if (!config || leads.length === 0) continue;
    const email = {
      kind: 'team-digest' as const,
      leadId: null,
      // One digest per team per IST day, however many sweeps run in that hour.
      dedupeKey: `digest:${team}:${istDate(now)}`,
      to: config.inboxes,
      ...renderTeamDigest(config.name, leads, settings.SITE_URL, now),
    };
    statements.push(enqueueStatement(db, email, now));
  }
  if (statements.length > 0) await db.batch(statements);
  return statements.length;
}
