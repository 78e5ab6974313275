// What follows when the provider says an email bounced or drew a complaint. A bounced email to
// staff about a lead goes at once to the team lead and the team's inboxes; a bounced
// acknowledgement marks the lead, so the owner calls or checks the address; a complaint stops
// every further email to that address. Each is a statement for the event's batch, and each
// changes nothing when the same event comes again.
import { eventIfChangedStatement } from '../audit/trail';
import {
  enqueueStatement,
  suppressStatements,
  type AcceptedEmail,
  type DeliveryEvent,
} from '../email/outbox';
import { BOUNCED_KIND_WORDS, renderBounceAlert } from '../email/templates/bounce-alert';
import { findLead } from '../follow-up/open-leads';
import type { Settings } from '../settings';
import { ROUTING } from '../teams';

/** Who the audit trail names for what the email provider told us. */
const ACTOR = 'resend';

export interface FollowUp {
  statements: D1PreparedStatement[];
  /** Emails to send at once (a bounce alert), if the batch queued them. */
  emailIds: string[];
}

const isStaffKind = (kind: string): kind is keyof typeof BOUNCED_KIND_WORDS =>
  Object.hasOwn(BOUNCED_KIND_WORDS, kind);

async function staffBounce(
  db: D1Database,
  email: AcceptedEmail & { leadId: string; kind: keyof typeof BOUNCED_KIND_WORDS },
  reason: string | undefined,
  settings: Settings,
  now: Date,
): Promise<FollowUp> {
  const lead = await findLead(db, email.leadId);
  const team = lead ? ROUTING.teams[lead.team] : undefined;
  if (!lead || !team) return { statements: [], emailIds: [] };
  const id = crypto.randomUUID();
  const alert = {
    id,
    kind: 'bounce-alert' as const,
    leadId: lead.id,
    dedupeKey: `${email.id}:bounce-alert`,
    to: [...new Set([team.lead.email, ...team.inboxes])],
    ...renderBounceAlert({
      lead,
      bouncedKind: email.kind,
      addresses: email.to,
      reason,
      siteUrl: settings.SITE_URL,
    }),
  };
  return {
    statements: [
      enqueueStatement(db, alert, now),
      eventIfChangedStatement(db, lead.id, 'email_bounced', now, ACTOR, email.kind),
    ],
    emailIds: [id],
  };
}

function visitorBounce(db: D1Database, leadId: string, now: Date): FollowUp {
  return {
    statements: [
      db
        .prepare(
          `UPDATE leads SET visitor_email_bounced_at = ? WHERE id = ?
           AND visitor_email_bounced_at IS NULL`,
        )
        .bind(now.toISOString(), leadId),
      eventIfChangedStatement(db, leadId, 'email_bounced', now, ACTOR, 'visitor-acknowledgement'),
    ],
    emailIds: [],
  };
}

export async function followUpOf(
  db: D1Database,
  type: DeliveryEvent,
  email: AcceptedEmail,
  details: { to: string[]; reason?: string | undefined },
  settings: Settings,
  now: Date,
): Promise<FollowUp> {
  if (type === 'complained') {
    const addresses = details.to.length > 0 ? details.to : email.to;
    return { statements: suppressStatements(db, addresses, 'complaint', now), emailIds: [] };
  }
  if (type !== 'bounced' || !email.leadId) return { statements: [], emailIds: [] };
  if (email.kind === 'visitor-acknowledgement') return visitorBounce(db, email.leadId, now);
  if (isStaffKind(email.kind)) {
    return staffBounce(
      db,
      { ...email, leadId: email.leadId, kind: email.kind },
      details.reason,
      settings,
      now,
    );
  }
  return { statements: [], emailIds: [] };
}
