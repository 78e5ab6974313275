// D1 access for leads: one batch writes a lead with the emails it owes, or nothing at all.
import type { Lead, LeadStatus } from '../../src/lib/leads/lead';
import { eventStatement } from '../audit/trail';
import { enqueueStatement, type NewEmail } from '../email/outbox';

export interface StoredLeadSummary {
  id: string;
  form: Lead['form'];
  status: LeadStatus;
  replyBy: string;
  visitorTimeZone: string | null;
  /** What the confirmation needs to offer "Pick a time now" with the owner. */
  name: string;
  email: string;
  team: string;
  ownerEmail: string | null;
}

/** How a lead is stored beyond its fields: quarantined or not, and the key of its submission. */
export interface StoreOptions {
  quarantine?: { reason: string } | undefined;
  submissionKey?: string | undefined;
  /** A synthetic lead of the delivery canary (./canary.ts): kept out of every list and figure. */
  canary?: boolean | undefined;
}

function leadInsert(db: D1Database, lead: Lead, status: LeadStatus, options: StoreOptions) {
  const { fields, attribution } = lead;
  return db
    .prepare(
      `INSERT INTO leads (id, form, status, spam_reason, name, email, company, fields, route_rule,
        route_team, page, referrer, utm_source, utm_medium, utm_campaign, utm_term, utm_content,
        consent_version, marketing_opt_in, visitor_time_zone, received_at, reply_by, owner_name,
        owner_email, submission_key, person_check, canary)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(
      lead.id,
      lead.form,
      status,
      options.quarantine?.reason ?? null,
      fields.name,
      fields.email,
      fields.company ?? null,
      JSON.stringify(fields),
      lead.route.rule,
      lead.route.team,
      attribution.page ?? null,
      attribution.referrer ?? null,
      attribution.utm.source ?? null,
      attribution.utm.medium ?? null,
      attribution.utm.campaign ?? null,
      attribution.utm.term ?? null,
      attribution.utm.content ?? null,
      lead.consentVersion,
      lead.form === 'assessment' && lead.fields.marketing ? 1 : 0,
      lead.visitorTimeZone ?? null,
      lead.receivedAt.toISOString(),
      lead.replyBy.toISOString(),
      lead.route.owner?.name ?? null,
      lead.route.owner?.email ?? null,
      options.submissionKey ?? null,
      lead.personCheck ?? null,
      options.canary ? 1 : 0,
    );
}

/** What a repeat of a stored submission is answered with: exactly what the first was. */
export interface StoredSubmission {
  id: string;
  replyBy: Date;
  visitorTimeZone?: string | undefined;
}

/** The lead stored under any of these submission keys, if one is. */
export async function findSubmission(
  db: D1Database,
  keys: readonly string[],
): Promise<StoredSubmission | undefined> {
  if (keys.length === 0) return undefined;
  const row = await db
    .prepare(
      `SELECT id, reply_by AS replyBy, visitor_time_zone AS visitorTimeZone FROM leads
       WHERE submission_key IN (${keys.map(() => '?').join(', ')}) LIMIT 1`,
    )
    .bind(...keys)
    .first<{ id: string; replyBy: string; visitorTimeZone: string | null }>();
  if (!row) return undefined;
  return {
    id: row.id,
    replyBy: new Date(row.replyBy),
    visitorTimeZone: row.visitorTimeZone ?? undefined,
  };
}

/** A twin of this submission was stored first (the UNIQUE key refused this one). */
export function isRepeatedSubmission(error: unknown): boolean {
  return /UNIQUE constraint failed: leads\.submission_key/.test(String((error as Error)?.message));
}

/** Stores the lead and its emails atomically: D1 runs a batch as one transaction. */
export async function storeLead(
  db: D1Database,
  lead: Lead,
  emails: readonly NewEmail[],
  options: StoreOptions = {},
): Promise<void> {
  const { quarantine } = options;
  const status: LeadStatus = quarantine ? 'quarantined' : 'received';
  await db.batch([
    leadInsert(db, lead, status, options),
    eventStatement(
      db,
      lead.id,
      status === 'quarantined' ? 'quarantined' : 'received',
      lead.receivedAt,
      'visitor',
      quarantine?.reason ?? lead.form,
    ),
    ...emails.map((email) => enqueueStatement(db, email, lead.receivedAt)),
  ]);
}

export async function findLeadSummary(
  db: D1Database,
  id: string,
): Promise<StoredLeadSummary | null> {
  return db
    .prepare(
      `SELECT id, form, status, reply_by AS replyBy, visitor_time_zone AS visitorTimeZone, name,
         email, route_team AS team, owner_email AS ownerEmail
       FROM leads WHERE id = ?`,
    )
    .bind(id)
    .first<StoredLeadSummary>();
}
