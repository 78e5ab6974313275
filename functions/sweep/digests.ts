// Once a day, at its hour in IST, each team gets the list of its leads still waiting for an answer
// and of its leads held back as possible spam (the newest few, each linked to the sales desk).
// Each digest is queued with the ids of the leads it lists, so deleting a lead deletes it too.
import { enqueueDigestStatements } from '../email/outbox';
import { renderTeamDigest } from '../email/templates/team-digest';
import { heldLeadsByTeam, openLeadsByTeam } from '../follow-up/open-leads';
import { ROUTING } from '../teams';
import type { Settings } from '../settings';
import { istDate, istHour } from './schedule';

/** Held leads listed by name of form and time, newest first; the rest are counted. */
const HELD_LISTED = 5;

export async function queueDigests(db: D1Database, settings: Settings, now: Date): Promise<number> {
  if (istHour(now) !== settings.DIGEST_HOUR_IST) return 0;
  const open = await openLeadsByTeam(db);
  const held = await heldLeadsByTeam(db, HELD_LISTED);
  const statements = [];
  let queued = 0;
  for (const team of new Set([...open.keys(), ...held.keys()])) {
    const config = ROUTING.teams[team];
    const leads = open.get(team) ?? [];
    const teamHeld = held.get(team) ?? { count: 0, newest: [] };
    if (!config || (leads.length === 0 && teamHeld.count === 0)) continue;
    const email = {
      kind: 'team-digest' as const,
      leadId: null,
      // One digest per team per IST day, however many sweeps run in that hour.
      dedupeKey: `digest:${team}:${istDate(now)}`,
      to: config.inboxes,
      ...renderTeamDigest(config.name, leads, settings.SITE_URL, now, teamHeld),
    };
    const listed = [...leads.map((lead) => lead.id), ...teamHeld.newest.map((lead) => lead.id)];
    statements.push(...enqueueDigestStatements(db, email, listed, now));
    queued++;
  }
  if (statements.length > 0) await db.batch(statements);
  return queued;
}
