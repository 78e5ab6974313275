// Releasing a lead held as spam: a person looked and saw a real enquiry. It is routed, owned and
// notified as if it had just arrived, and keeps the time it was received.
import type { Lead, LeadForm } from '../../src/lib/leads/lead';
import { eventIfChangedStatement } from '../audit/trail';
import { enqueueIfChangedStatement } from '../email/outbox';
import type { Settings } from '../settings';
import { bookingOffer } from './booking';
import { assignOwner } from './owners';
import { routeLead } from './routing';
import { queuedEmails } from './submit';

const HOUR_MS = 3_600_000;

interface HeldRow {
  id: string;
  form: LeadForm;
  fields: string;
  page: string | null;
  referrer: string | null;
  utm_source: string | null;
  utm_medium: string | null;
  utm_campaign: string | null;
  utm_term: string | null;
  utm_content: string | null;
  consent_version: string;
  visitor_time_zone: string | null;
  received_at: string;
  reply_by: string;
}

const orUndefined = (value: string | null) => value ?? undefined;

function leadFrom(row: HeldRow, now: Date, replyWithinHours: number): Lead {
  const fields = JSON.parse(row.fields) as Lead['fields'];
  const promised = new Date(row.reply_by);
  // The time the visitor was told stands while the team can still keep it; past it, the team
  // gets the full span from now, as for a lead that has just arrived.
  const replyBy =
    promised.getTime() - now.getTime() >= HOUR_MS
      ? promised
      : new Date(now.getTime() + replyWithinHours * HOUR_MS);
  const lead = {
    id: row.id,
    form: row.form,
    fields,
    receivedAt: new Date(row.received_at),
    replyBy,
    visitorTimeZone: orUndefined(row.visitor_time_zone),
    attribution: {
      page: orUndefined(row.page),
      referrer: orUndefined(row.referrer),
      utm: {
        source: orUndefined(row.utm_source),
        medium: orUndefined(row.utm_medium),
        campaign: orUndefined(row.utm_campaign),
        term: orUndefined(row.utm_term),
        content: orUndefined(row.utm_content),
      },
    },
    consentVersion: row.consent_version,
  } as Omit<Lead, 'route'>;
  return { ...lead, route: routeLead(lead as Parameters<typeof routeLead>[0]) } as Lead;
}

export type ReleaseResult = 'released' | 'not-held' | 'missing';

export async function releaseLead(
  db: D1Database,
  settings: Settings,
  leadId: string,
  by: string,
  now: Date,
  replyWithinHours = 24,
): Promise<{ result: ReleaseResult; emailIds: string[] }> {
  const row = await db
    .prepare(
      `SELECT id, form, fields, page, referrer, utm_source, utm_medium, utm_campaign, utm_term,
         utm_content, consent_version, visitor_time_zone, received_at, reply_by, status
       FROM leads WHERE id = ?`,
    )
    .bind(leadId)
    .first<HeldRow & { status: string }>();
  if (!row) return { result: 'missing', emailIds: [] };
  if (row.status !== 'quarantined') return { result: 'not-held', emailIds: [] };

  const lead = leadFrom(row, now, replyWithinHours);
  lead.route.owner = await assignOwner(db, lead.route.team);
  const booking = bookingOffer({
    form: lead.form,
    team: lead.route.team,
    ownerEmail: lead.route.owner?.email ?? null,
    name: lead.fields.name,
    email: lead.fields.email,
  });
  const emails = await queuedEmails(lead, settings, booking);
  const { route } = lead;
  // Each statement runs only if the one before it changed a row: a second release, or one racing
  // this, finds the lead no longer held and queues nothing.
  const [mark] = await db.batch([
    db
      .prepare(
        `UPDATE leads SET status = 'received', released_at = ?, route_rule = ?, route_team = ?,
           owner_name = ?, owner_email = ?, reply_by = ? WHERE id = ? AND status = 'quarantined'`,
      )
      .bind(
        now.toISOString(),
        route.rule,
        route.team,
        route.owner?.name ?? null,
        route.owner?.email ?? null,
        lead.replyBy.toISOString(),
        lead.id,
      ),
    ...emails.map((email) => enqueueIfChangedStatement(db, email, now)),
    eventIfChangedStatement(db, lead.id, 'released', now, by, route.team),
  ]);
  if (mark?.meta.changes !== 1) return { result: 'not-held', emailIds: [] };
  return { result: 'released', emailIds: emails.map((email) => email.id!) };
}
