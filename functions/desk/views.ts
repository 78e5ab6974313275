// Which leads a desk list shows: the query string of /desk/ and /desk/export.csv, read with zod,
// and turned into one WHERE clause with bound values. Unknown values fall back to the default
// view rather than to an error: a shared link with an old filter still opens something useful.
import { z } from 'zod';
import { LEAD_STATES, type LeadState } from '../../src/lib/desk/states';

const optionalText = z
  .string()
  .trim()
  .max(200)
  .transform((value) => value || undefined)
  .optional()
  .catch(undefined);

export const viewSchema = z.object({
  /** "mine": leads the signed-in person owns. */
  mine: z
    .enum(['1'])
    .optional()
    .catch(undefined)
    .transform((value) => value === '1'),
  state: z.enum(LEAD_STATES).default('waiting').catch('waiting'),
  team: optionalText,
  owner: optionalText,
  form: z.enum(['assessment', 'contact']).optional().catch(undefined),
  /** A UTM source, or "(none)" for leads that came without one. */
  source: optionalText,
  page: z.coerce.number().int().min(1).max(10_000).default(1).catch(1),
});

export type DeskView = z.output<typeof viewSchema>;

export function readView(params: URLSearchParams): DeskView {
  return viewSchema.parse(Object.fromEntries(params));
}

const STATE_SQL: Record<LeadState, string> = {
  waiting: "status = 'received' AND closed_at IS NULL AND replied_at IS NULL",
  open: "status = 'received' AND closed_at IS NULL AND replied_at IS NULL AND claimed_at IS NULL",
  claimed:
    "status = 'received' AND closed_at IS NULL AND replied_at IS NULL AND claimed_at IS NOT NULL",
  replied: "status = 'received' AND closed_at IS NULL AND replied_at IS NOT NULL",
  closed: 'closed_at IS NOT NULL',
  spam: "status = 'quarantined'",
  all: '1 = 1',
};

/** The WHERE clause of a view for `person` (an address as the routing file spells it). */
export function viewWhere(view: DeskView, person: string): { sql: string; values: string[] } {
  // The delivery canary's synthetic leads are in no view (nor, through this, the export).
  const parts = [STATE_SQL[view.state], 'canary = 0'];
  const values: string[] = [];
  const add = (sql: string, value: string) => {
    parts.push(sql);
    values.push(value);
  };
  if (view.mine) add('owner_email = ?', person);
  if (view.team) add('route_team = ?', view.team);
  if (view.owner) add('owner_email = ?', view.owner);
  if (view.form) add('form = ?', view.form);
  if (view.source === '(none)') parts.push('utm_source IS NULL');
  else if (view.source) add('utm_source = ?', view.source);
  return { sql: parts.join(' AND '), values };
}
