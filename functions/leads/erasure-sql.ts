// The SQL that erases one person: every lead sent with their email address, the emails those leads
// caused, and digests that mention the address; an "erased" audit event per lead stays behind.
// Free of run-time imports beyond the audit trail's, so the operator command (scripts/erase.mjs)
// and the Worker run the same SQL.
import { erasedEventsSql } from '../audit/trail.ts';

/** A SQL string literal: the only quote character is doubled, so the value cannot end it. */
function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export function erasureStatements(email: string, now: Date, actor: string): string[] {
  const address = literal(email.trim().toLowerCase());
  const matches = `lower(email) = ${address}`;
  return [
    erasedEventsSql(matches, literal(now.toISOString()), literal(actor), "'erasure request'"),
    `DELETE FROM emails WHERE lead_id IN (SELECT id FROM leads WHERE ${matches})`,
    `DELETE FROM emails WHERE lead_id IS NULL AND instr(lower(text), ${address}) > 0`,
    `DELETE FROM unmatched_bookings WHERE lower(attendee_email) = ${address}`,
    // Last: its count of deleted leads is what the erasure reports.
    `DELETE FROM leads WHERE ${matches}`,
  ];
}
