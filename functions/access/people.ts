// Who the routing file lets into the desk, found by email (compared case-insensitively). A team
// lead is a lead wherever they also appear; desk-only staff belong to no team.
import { ROUTING } from '../teams';
import type { Routing } from '../../src/lib/leads/routing-schema';

export type DeskRole = 'member' | 'lead' | 'desk';

export interface DeskPerson {
  email: string;
  name: string;
  role: DeskRole;
  /** Keys of the teams in content/routing.json this person leads or belongs to. */
  teams: string[];
}

const RANK: Record<DeskRole, number> = { desk: 0, member: 1, lead: 2 };

/** Everyone who may enter, once each, in the order of the routing file. */
export function deskPeople(routing: Routing = ROUTING): DeskPerson[] {
  const byEmail = new Map<string, DeskPerson>();
  const add = (name: string, email: string, role: DeskRole, team?: string) => {
    const key = email.toLowerCase();
    const known = byEmail.get(key);
    const person = known ?? { email: key, name, role, teams: [] };
    if (RANK[role] > RANK[person.role]) person.role = role;
    if (team && !person.teams.includes(team)) person.teams.push(team);
    byEmail.set(key, person);
  };
  for (const [key, team] of Object.entries(routing.teams)) {
    for (const member of team.members) add(member.name, member.email, 'member', key);
    add(team.lead.name, team.lead.email, 'lead', key);
  }
  for (const staff of routing.deskStaff ?? []) add(staff.name, staff.email, 'desk');
  return [...byEmail.values()];
}

const PEOPLE = new Map(deskPeople().map((person) => [person.email, person]));

/** The person with this email in the routing file, or undefined: they may not enter. */
export function findDeskPerson(email: string): DeskPerson | undefined {
  const person = PEOPLE.get(email.trim().toLowerCase());
  return person && { ...person, teams: [...person.teams] };
}
