// Withdrawing consent, from the link in a visitor's email: the confirm page (GET) says what will
// happen, its one button (POST) erases everything stored under the lead's email address as
// `npm run ops:erase` would, and tells the owners and teams, by lead id only, in one batch. The audit
// trail records an "erased" event per lead, by "visitor", for "consent withdrawn".
import { env } from 'cloudflare:workers';
import type { LeadForm } from '../../src/lib/leads/lead';
import { enqueueStatement } from '../email/outbox';
import { renderConsentWithdrawn } from '../email/templates/consent-withdrawn';
import { log } from '../log';
import { linkSecret, readSettings } from '../settings';
import { ROUTING } from '../teams';
import { erasureStatements } from './erasure-sql';
import { verifyWithdrawalToken } from './withdrawal-link';

interface StoredLead {
  id: string;
  email: string;
  form: LeadForm;
  route_team: string;
  owner_email: string | null;
  received_at: string;
}

const COLUMNS = 'id, email, form, route_team, owner_email, received_at';

/** Erases every lead sent with the same address as `leadId`; how many, or null if it is gone. */
export async function withdrawConsent(
  db: D1Database,
  leadId: string,
  now: Date,
): Promise<number | null> {
  const lead = await db
    .prepare(`SELECT ${COLUMNS} FROM leads WHERE id = ?`)
    .bind(leadId)
    .first<StoredLead>();
  if (!lead) return null;
  const { results: leads } = await db
    .prepare(`SELECT ${COLUMNS} FROM leads WHERE lower(email) = lower(?) ORDER BY received_at`)
    .bind(lead.email)
    .all<StoredLead>();
  const to = new Set<string>();
  for (const each of leads) {
    if (each.owner_email) to.add(each.owner_email);
    for (const inbox of ROUTING.teams[each.route_team]?.inboxes ?? []) to.add(inbox);
  }
  const notice = renderConsentWithdrawn(
    leads.map((each) => ({
      id: each.id,
      form: each.form,
      teamName: ROUTING.teams[each.route_team]?.name ?? each.route_team,
      receivedAt: new Date(each.received_at),
    })),
    now,
  );
  const results = await db.batch([
    // Belongs to no lead, so erasing the leads leaves it; it holds only their ids.
    enqueueStatement(
      db,
      {
        kind: 'consent-withdrawn',
        leadId: null,
        dedupeKey: `consent-withdrawn:${lead.id}`,
        to: [...to],
        ...notice,
      },
      now,
    ),
    ...erasureStatements(lead.email, now, 'visitor', 'consent withdrawn').map((sql) =>
      db.prepare(sql),
    ),
  ]);
  const erased = results.at(-1)?.meta.changes ?? 0;
  log('info', 'consent_withdrawn', { leadId: lead.id, erased });
  return erased;
}

export type WithdrawView =
  | { kind: 'confirm'; status: 200; form: LeadForm; receivedAt: Date }
  | { kind: 'withdrawn'; status: 200; erased: number }
  | { kind: 'gone'; status: 404 }
  | { kind: 'invalid'; status: 403 | 410; reason: 'malformed' | 'tampered' | 'expired' };

/** Everything the page does: check the link, then confirm (GET) or withdraw (POST). */
export async function answerWithdrawal(request: Request, now: Date): Promise<WithdrawView> {
  const secret = linkSecret(readSettings(env));
  if (!secret) return { kind: 'invalid', status: 403, reason: 'tampered' };
  const token = new URL(request.url).searchParams.get('t');
  const check = await verifyWithdrawalToken(token, secret, now);
  if (!check.ok) {
    return {
      kind: 'invalid',
      status: check.reason === 'expired' ? 410 : 403,
      reason: check.reason,
    };
  }
  if (request.method === 'POST') {
    const erased = await withdrawConsent(env.DB, check.lead, now);
    return erased === null
      ? { kind: 'gone', status: 404 }
      : { kind: 'withdrawn', status: 200, erased };
  }
  const lead = await env.DB.prepare('SELECT form, received_at FROM leads WHERE id = ?')
    .bind(check.lead)
    .first<{ form: LeadForm; received_at: string }>();
  if (!lead) return { kind: 'gone', status: 404 };
  return { kind: 'confirm', status: 200, form: lead.form, receivedAt: new Date(lead.received_at) };
}
