// Who owns a new lead: the team's members in turn, skipping anyone marked away.
import type { Person, Routing, Team } from '../../src/lib/leads/routing-schema';
import { ROUTING } from '../teams';

/** The owner for a team's `turn`-th lead (0 first). With everyone away, the team lead takes it. */
export function pickOwner(team: Team, turn: number): Person {
  const present = team.members.filter((member) => !member.away);
  if (present.length === 0) return { name: team.lead.name, email: team.lead.email };
  const { name, email } = present[turn % present.length]!;
  return { name, email };
}

/** Takes the team's next turn atomically: concurrent leads never share one. */
export async function nextTurn(db: D1Database, team: string): Promise<number> {
  const row = await db
    .prepare(
      `INSERT INTO route_cursors (team, assigned) VALUES (?, 1)
       ON CONFLICT (team) DO UPDATE SET assigned = assigned + 1
       RETURNING assigned`,
    )
    .bind(team)
    .first<{ assigned: number }>();
  return (row?.assigned ?? 1) - 1;
}

/** The owner of a team's next lead. */
export async function assignOwner(
  db: D1Database,
  team: string,
  routing: Routing = ROUTING,
): Promise<Person> {
  return pickOwner(routing.teams[team]!, await nextTurn(db, team));
}
