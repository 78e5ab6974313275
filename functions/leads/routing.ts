// Picks the sales team for a lead from the rules in content/routing.json.
import type { Assessment, Contact, LeadForm, Route } from '../../src/lib/leads/lead';
import type { Routing, RuleCondition } from '../../src/lib/leads/routing-schema';
import { ROUTING } from '../teams';

export type RoutableLead =
  { form: 'assessment'; fields: Assessment } | { form: 'contact'; fields: Contact };

function matches(when: RuleCondition, form: LeadForm, fields: Record<string, unknown>): boolean {
  if (when.form && when.form !== form) return false;
  for (const [key, allowed] of Object.entries(when)) {
    if (key === 'form' || !allowed) continue;
    if (!(allowed as readonly string[]).includes(fields[key] as string)) return false;
  }
  return true;
}

export function routeLead(lead: RoutableLead, routing: Routing = ROUTING): Route {
  const rule = routing.rules.find((candidate) =>
    matches(candidate.when, lead.form, lead.fields as Record<string, unknown>),
  );
  const team = rule?.team ?? routing.defaultTeam;
  const { name, inboxes } = routing.teams[team]!;
  return { rule: rule?.name ?? 'default', team, teamName: name, to: [...inboxes] };
}
