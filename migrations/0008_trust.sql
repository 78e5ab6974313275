-- Which leads each team digest lists. A digest names several leads; when one of them is deleted
-- (retention, erasure, a visitor withdrawing consent) the digests that carried its details go too,
-- found by this exact link rather than by searching the digest's text for an address.
-- Written by functions/email/outbox.ts with the digest itself. No foreign keys: the deleting code
-- removes the links of deleted digests itself (functions/leads/erasure-sql.ts, sweep/retention.ts).
CREATE TABLE digest_leads (
  email_id TEXT NOT NULL,
  lead_id TEXT NOT NULL,
  PRIMARY KEY (email_id, lead_id)
);

CREATE INDEX digest_leads_lead ON digest_leads (lead_id);

-- The daily digest lists each team's held (quarantined) leads by the team their rules picked.
CREATE INDEX leads_held ON leads (status, route_team, received_at);
