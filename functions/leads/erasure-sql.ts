// The SQL that erases one person: every lead sent with their email address, the emails those leads
// caused, and digests that mention the address; an "erased" audit event per lead stays behind.
// Dependency-free so the operator command (scripts/erase.mjs) and the Worker run the same SQL.

/** A SQL string literal: the only quote character is doubled, so the value cannot end it. */
function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export function erasureStatements(email: string, now: Date, actor: string): string[] {
  const address = literal(email.trim().toLowerCase());
  const matches = `lower(email) = ${address}`;
  return [
    `INSERT INTO lead_events (lead_id, type, actor, at, detail)
     SELECT id, 'erased', ${literal(actor)}, ${literal(now.toISOString())}, 'erasure request'
     FROM leads WHERE ${matches}`,
    `DELETE FROM emails WHERE lead_id IN (SELECT id FROM leads WHERE ${matches})`,
    `DELETE FROM emails WHERE lead_id IS NULL AND instr(lower(text), ${address}) > 0`,
    `DELETE FROM leads WHERE ${matches}`,
  ];
}
