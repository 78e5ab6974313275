// Reading leads that still need an answer, in the shape follow-up emails and pages use.
import type { OpenLead } from '../../src/lib/leads/lead';
import type { HeldLead, HeldLeads } from '../email/templates/team-digest';
import { ROUTING } from '../teams';

export interface LeadRow {
  id: string;
  form: OpenLead['form'];
  name: string;
  email: string;
  company: string | null;
  route_team: string;
  owner_name: string | null;
  owner_email: string | null;
  received_at: string;
  reply_by: string;
  claimed_at: string | null;
  claimed_by: string | null;
  replied_at: string | null;
  replied_by: string | null;
  reminded_at: string | null;
  escalated_at: string | null;
  visitor_time_zone: string | null;
  /** Set when the visitor's acknowledgement bounced. */
  visitor_email_bounced_at: string | null;
}

export const LEAD_COLUMNS = `id, form, name, email, company, route_team, owner_name, owner_email,
  received_at, reply_by, claimed_at, claimed_by, replied_at, replied_by, reminded_at, escalated_at,
  visitor_time_zone, visitor_email_bounced_at`;

const date = (value: string | null) => (value ? new Date(value) : null);

export function toOpenLead(row: LeadRow): OpenLead {
  return {
    id: row.id,
    form: row.form,
    name: row.name,
    email: row.email,
    company: row.company,
    team: row.route_team,
    teamName: ROUTING.teams[row.route_team]?.name ?? row.route_team,
    ownerName: row.owner_name,
    ownerEmail: row.owner_email,
    receivedAt: new Date(row.received_at),
    replyBy: new Date(row.reply_by),
    claimedAt: date(row.claimed_at),
    claimedBy: row.claimed_by,
    repliedAt: date(row.replied_at),
    repliedBy: row.replied_by,
    visitorTimeZone: row.visitor_time_zone,
  };
}

/** Received, unanswered leads whose deadline falls before `until`, soonest first; no canary. */
export async function unansweredLeads(db: D1Database, until: Date): Promise<LeadRow[]> {
  const { results } = await db
    .prepare(
      `SELECT ${LEAD_COLUMNS} FROM leads
       WHERE status = 'received' AND replied_at IS NULL AND closed_at IS NULL AND escalated_at IS NULL
         AND canary = 0 AND reply_by <= ?
       ORDER BY reply_by`,
    )
    .bind(until.toISOString())
    .all<LeadRow>();
  return results;
}

/** Every received lead nobody has answered yet, for the daily digest. */
export async function openLeadsByTeam(db: D1Database): Promise<Map<string, OpenLead[]>> {
  const { results } = await db
    .prepare(
      `SELECT ${LEAD_COLUMNS} FROM leads WHERE status = 'received' AND replied_at IS NULL
         AND closed_at IS NULL AND canary = 0
       ORDER BY reply_by`,
    )
    .all<LeadRow>();
  const byTeam = new Map<string, OpenLead[]>();
  for (const row of results) {
    const lead = toOpenLead(row);
    byTeam.set(lead.team, [...(byTeam.get(lead.team) ?? []), lead]);
  }
  return byTeam;
}

/**
 * Leads held back as possible spam, by the team their rules picked (stored at submission), for the
 * digest: how many, and the newest `limit`. Leads a person already marked as spam are left out:
 * someone has looked at those.
 */
export async function heldLeadsByTeam(
  db: D1Database,
  limit: number,
): Promise<Map<string, HeldLeads>> {
  const { results } = await db
    .prepare(
      `SELECT id, form, route_team, spam_reason, received_at FROM leads
       WHERE status = 'quarantined' AND closed_at IS NULL AND canary = 0
         AND coalesce(spam_reason, '') <> 'marked by staff'
       ORDER BY received_at DESC, id`,
    )
    .all<{
      id: string;
      form: HeldLead['form'];
      route_team: string;
      spam_reason: string | null;
      received_at: string;
    }>();
  const byTeam = new Map<string, HeldLeads>();
  for (const row of results) {
    const held = byTeam.get(row.route_team) ?? { count: 0, newest: [] };
    held.count++;
    if (held.newest.length < limit) {
      held.newest.push({
        id: row.id,
        form: row.form,
        reason: row.spam_reason,
        receivedAt: new Date(row.received_at),
      });
    }
    byTeam.set(row.route_team, held);
  }
  return byTeam;
}

/** A lead by id; never the delivery canary's, which nobody follows up (bounce alerts included). */
export async function findLead(db: D1Database, id: string): Promise<OpenLead | null> {
  const row = await db
    .prepare(`SELECT ${LEAD_COLUMNS} FROM leads WHERE id = ? AND canary = 0`)
    .bind(id)
    .first<LeadRow>();
  return row ? toOpenLead(row) : null;
}
