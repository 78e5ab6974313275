-- The desk at the size of years of leads (npm run bench:desk). The figures read the received leads
-- of one period: status first, then arrival, so both narrow the search, and every column they
-- need is in the index, so SQLite never visits the table. The default inbox (leads waiting for a
-- reply) reads a partial index of just those.

CREATE INDEX leads_desk_figures ON leads (status, received_at, route_team, owner_email, form,
  reply_by, claimed_at, replied_at, closed_at, page, referrer, utm_source);

CREATE INDEX leads_desk_waiting ON leads (reply_by, id)
  WHERE status = 'received' AND closed_at IS NULL AND replied_at IS NULL;

-- One owner's leads in every state, newest first: the owner's own history by arrival.
CREATE INDEX leads_desk_owner_recent ON leads (owner_email, received_at);
