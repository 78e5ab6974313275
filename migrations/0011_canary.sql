-- The delivery canary (functions/leads/canary.ts): every few hours the sweep stores a synthetic
-- lead through the same path as a visitor's, its notification addressed to CANARY_TO. Marked here,
-- so the desk, its figures and export, the digests, follow-ups and outbound webhooks leave it out
-- (`canary = 0`); retention erases canaries after a week.
ALTER TABLE leads ADD COLUMN canary INTEGER NOT NULL DEFAULT 0;
-- When the team leads were told that this canary was not delivered in time: once per canary.
ALTER TABLE leads ADD COLUMN canary_alerted_at TEXT;

-- The newest canary, for health and the sweep, without reading real leads.
CREATE INDEX leads_canary ON leads (received_at) WHERE canary = 1;

-- The desk's covering and partial indexes (0010) again, with the mark in them: the queries now
-- say `canary = 0`, and an index must hold that column to answer them alone.
DROP INDEX leads_desk_figures;
CREATE INDEX leads_desk_figures ON leads (status, canary, received_at, route_team, owner_email,
  form, reply_by, claimed_at, replied_at, closed_at, page, referrer, utm_source);

DROP INDEX leads_desk_waiting;
CREATE INDEX leads_desk_waiting ON leads (canary, reply_by, id)
  WHERE status = 'received' AND closed_at IS NULL AND replied_at IS NULL;
