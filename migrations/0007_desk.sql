-- The sales desk: a lead can be closed as not a lead (with the reason and who closed it), a held
-- lead released, and the desk's lists read by index at the size of years of leads.

ALTER TABLE leads ADD COLUMN closed_at TEXT;
ALTER TABLE leads ADD COLUMN closed_by TEXT;
ALTER TABLE leads ADD COLUMN close_reason TEXT;
ALTER TABLE leads ADD COLUMN released_at TEXT;

-- The inbox: leads in a state, soonest deadline first; by owner, by team, by source.
CREATE INDEX leads_desk_inbox ON leads (status, reply_by);
CREATE INDEX leads_desk_owner ON leads (owner_email, reply_by);
CREATE INDEX leads_desk_team ON leads (route_team, reply_by);
CREATE INDEX leads_desk_source ON leads (utm_source, reply_by);
