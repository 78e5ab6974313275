// The shape of content/routing.json: sales teams, their inboxes, and the rules that pick a team.
// Checked at build time (src/content.config.ts) and again when the Worker loads it.
import { z } from 'zod';
import {
  AI_STAGES,
  COMPANY_SIZES,
  CONTACT_TOPICS,
  INDUSTRIES,
  REGIONS,
  TIMELINES,
} from './options';

const anyOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.array(z.enum(values)).min(1);

export const ruleConditionSchema = z.strictObject({
  form: z.enum(['assessment', 'contact']).optional(),
  companySize: anyOf(COMPANY_SIZES.values).optional(),
  industry: anyOf(INDUSTRIES.values).optional(),
  stage: anyOf(AI_STAGES.values).optional(),
  timeline: anyOf(TIMELINES.values).optional(),
  region: anyOf(REGIONS.values).optional(),
  topic: anyOf(CONTACT_TOPICS.values).optional(),
});

const personSchema = z.strictObject({
  name: z.string().min(2).max(80),
  email: z.email(),
});

/** A member's booking page (Cal.com, Calendly): https only, since visitors are sent there. */
const bookingUrlSchema = z.url({
  protocol: /^https$/,
  error: 'bookingUrl must be an https:// address of a booking page.',
});

const memberSchema = personSchema.extend({
  away: z.boolean().default(false),
  /** Offered to the visitor after an assessment request this member owns: "Pick a time now". */
  bookingUrl: bookingUrlSchema.optional(),
});

const teamSchema = z.strictObject({
  name: z.string().min(2).max(80),
  /** Shared inboxes that receive every notification of the team. */
  inboxes: z.array(z.email()).min(1),
  /** Who may own a lead, in round-robin order; `away` skips someone until they are back. */
  members: z.array(memberSchema).min(1),
  /** Receives escalations when a lead passes its deadline unanswered. */
  lead: personSchema,
});

export const routingSchema = z
  .strictObject({
    $comment: z.string().optional(),
    teams: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/), teamSchema),
    rules: z.array(
      z.strictObject({
        name: z.string().regex(/^[a-z][a-z0-9-]*$/),
        when: ruleConditionSchema,
        team: z.string(),
      }),
    ),
    defaultTeam: z.string(),
    /** People who may use the sales desk without belonging to a team (operations, management). */
    deskStaff: z.array(personSchema).optional(),
  })
  .superRefine((routing, ctx) => {
    const teams = new Set(Object.keys(routing.teams));
    if (!teams.has(routing.defaultTeam)) {
      ctx.addIssue({
        code: 'custom',
        path: ['defaultTeam'],
        message: `No team "${routing.defaultTeam}" in teams.`,
      });
    }
    const names = new Set<string>();
    routing.rules.forEach((rule, index) => {
      if (!teams.has(rule.team)) {
        ctx.addIssue({
          code: 'custom',
          path: ['rules', index, 'team'],
          message: `No team "${rule.team}" in teams.`,
        });
      }
      if (names.has(rule.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['rules', index, 'name'],
          message: `Rule name "${rule.name}" is used twice.`,
        });
      }
      names.add(rule.name);
    });
  });

export type Routing = z.output<typeof routingSchema>;
export type RuleCondition = z.output<typeof ruleConditionSchema>;
export type Team = z.output<typeof teamSchema>;
export type Person = z.output<typeof personSchema>;
export type Member = z.output<typeof memberSchema>;
