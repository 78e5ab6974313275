// The SQL that erases one person: every lead sent with their email address, the emails those leads
// caused, and the digests that listed one of those leads; an "erased" audit event per lead stays
// behind. Free of run-time imports beyond the audit trail's, so the operator command
// (scripts/erase.mjs) and the Worker run the same SQL.
import { erasedEventsSql } from '../audit/trail.ts';

/** A SQL string literal: the only quote character is doubled, so the value cannot end it. */
function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * Deletes the digests that listed any lead `leadsWhere` selects, found through digest_leads: by
 * lead id, exactly. Digests queued before those links existed (migration 0008) are matched by the
 * line that ends with the address ("· ann@x.com"), never by a substring: ann@x.com is not
 * joann@x.com. Run before the leads themselves go.
 */
export function digestErasureSql(leadsWhere: string, address?: string): string[] {
  const linked = `DELETE FROM emails WHERE id IN (SELECT email_id FROM digest_leads
    WHERE lead_id IN (SELECT id FROM leads WHERE ${leadsWhere}))`;
  const unlinked = address
    ? [
        `DELETE FROM emails WHERE kind = 'team-digest'
          AND NOT EXISTS (SELECT 1 FROM digest_leads WHERE email_id = emails.id)
          AND instr(lower(text) || char(10), '· ' || ${address} || char(10)) > 0`,
      ]
    : [];
  return [
    linked,
    ...unlinked,
    'DELETE FROM digest_leads WHERE email_id NOT IN (SELECT id FROM emails)',
  ];
}

export function erasureStatements(
  email: string,
  now: Date,
  actor: string,
  reason = 'erasure request',
): string[] {
  const address = literal(email.trim().toLowerCase());
  const matches = `lower(email) = ${address}`;
  return [
    erasedEventsSql(matches, literal(now.toISOString()), literal(actor), literal(reason)),
    ...digestErasureSql(matches, address),
    `DELETE FROM emails WHERE lead_id IN (SELECT id FROM leads WHERE ${matches})`,
    `DELETE FROM unmatched_bookings WHERE lower(attendee_email) = ${address}`,
    // Last: its count of deleted leads is what the erasure reports.
    `DELETE FROM leads WHERE ${matches}`,
  ];
}
