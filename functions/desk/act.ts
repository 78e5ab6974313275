// The desk's buttons: each a POST (Astro refuses one from another origin) recorded with the
// signed-in person as the actor. Read with zod; acting twice is harmless, and says so.
import { z } from 'zod';
import { deliverSoon } from '../email/deliver';
import { transportFor } from '../email/transport';
import { applyStaffAction } from '../follow-up/actions';
import { eraseByEmail } from '../leads/erase';
import { releaseLead } from '../leads/release';
import type { Settings } from '../settings';
import { ROUTING } from '../teams';

export const actionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('claim') }),
  z.object({ action: z.literal('replied') }),
  z.object({
    action: z.literal('reassign'),
    to: z.email({ error: 'Choose the colleague who takes the lead over.' }),
  }),
  z.object({
    action: z.literal('close'),
    reason: z
      .string()
      .trim()
      .min(3, { error: 'Say in a few words why this is not a lead (at least 3 characters).' })
      .max(200, { error: 'Keep the reason under 200 characters.' }),
  }),
  z.object({ action: z.literal('release') }),
  z.object({ action: z.literal('spam') }),
  z.object({
    action: z.literal('erase'),
    confirm: z.literal('erase', { error: 'Type erase to confirm that this person is erased.' }),
  }),
]);

export type DeskAction = z.output<typeof actionSchema>;

export interface ActOutcome {
  status: 200 | 404 | 422;
  /** What happened, in words for the person who pressed the button. */
  message: string;
  /** False when the lead is gone (erased): the page goes back to the inbox. */
  leadRemains: boolean;
}

/** Everyone the routing file names, for "reassign to". */
export function colleagues(): Array<{ name: string; email: string }> {
  const people = Object.values(ROUTING.teams).flatMap((team) => [...team.members, team.lead]);
  const byEmail = new Map(people.map((person) => [person.email.toLowerCase(), person]));
  return [...byEmail.values()].map(({ name, email }) => ({ name, email }));
}

const DONE_WORDS: Record<Exclude<DeskAction['action'], 'release' | 'erase'>, [string, string]> = {
  claim: ['You are on it: the team can see you have taken this lead.', 'Already claimed.'],
  replied: ['Recorded as replied: reminders and escalation stop.', 'Already recorded as replied.'],
  reassign: [
    'Reassigned: the new owner is reminded if nobody takes it.',
    'Nothing changed: that person already owns it, or it is settled.',
  ],
  close: ['Closed as not a lead.', 'Already closed.'],
  spam: [
    'Held as spam: it leaves the inbox and the figures.',
    'Already held, or not a received lead.',
  ],
};

export async function actOnLead(
  db: D1Database,
  settings: Settings,
  leadId: string,
  form: FormData,
  person: { email: string },
  waitUntil: (promise: Promise<unknown>) => void,
  now = new Date(),
): Promise<ActOutcome> {
  const parsed = actionSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    return { status: 422, message: parsed.error.issues[0]!.message, leadRemains: true };
  }
  const action = parsed.data;
  const by = person.email;
  switch (action.action) {
    case 'release': {
      const { result, emailIds } = await releaseLead(db, settings, leadId, by, now);
      if (result === 'missing')
        return { status: 404, message: 'No such lead.', leadRemains: false };
      deliverSoon(db, transportFor(settings), emailIds, waitUntil);
      return {
        status: 200,
        message:
          result === 'released'
            ? 'Released: routed, owned and notified as if it had just arrived.'
            : 'Nothing changed: this lead is not held.',
        leadRemains: true,
      };
    }
    case 'erase': {
      const row = await db
        .prepare('SELECT email FROM leads WHERE id = ?')
        .bind(leadId)
        .first<{ email: string }>();
      if (!row)
        return { status: 404, message: 'No such lead: nothing to erase.', leadRemains: false };
      const erased = await eraseByEmail(db, row.email, now, by);
      return {
        status: 200,
        message: `Erased: ${erased} ${erased === 1 ? 'lead' : 'leads'} from this person, with the emails they caused. The audit trail keeps the fact, without their details.`,
        leadRemains: false,
      };
    }
    default: {
      const staffAction =
        action.action === 'reassign'
          ? (() => {
              const to = colleagues().find(
                (c) => c.email.toLowerCase() === action.to.toLowerCase(),
              );
              return to ? { kind: 'reassign' as const, to } : undefined;
            })()
          : action.action === 'close'
            ? { kind: 'close' as const, reason: action.reason }
            : { kind: action.action };
      if (!staffAction) {
        return {
          status: 422,
          message: 'That person is not in the routing file.',
          leadRemains: true,
        };
      }
      const result = await applyStaffAction(db, staffAction, leadId, by, now, settings);
      if (result.outcome === 'missing')
        return { status: 404, message: 'No such lead.', leadRemains: false };
      deliverSoon(db, transportFor(settings), result.emailIds, waitUntil);
      const [done, already] = DONE_WORDS[action.action];
      return {
        status: 200,
        message: result.outcome === 'done' ? done : already,
        leadRemains: true,
      };
    }
  }
}
