-- Follow-up on the 24-hour promise: an owner per lead, what they did and when, an audit trail
-- that outlives erasure, and emails that belong to a team rather than one lead (the daily digest).

ALTER TABLE leads ADD COLUMN owner_name TEXT;
ALTER TABLE leads ADD COLUMN owner_email TEXT;
ALTER TABLE leads ADD COLUMN claimed_at TEXT;
ALTER TABLE leads ADD COLUMN claimed_by TEXT;
ALTER TABLE leads ADD COLUMN replied_at TEXT;
ALTER TABLE leads ADD COLUMN replied_by TEXT;
ALTER TABLE leads ADD COLUMN reminded_at TEXT;
ALTER TABLE leads ADD COLUMN escalated_at TEXT;

CREATE INDEX leads_open ON leads (status, replied_at, reply_by);

-- Where each team's round-robin stands: the number of leads it has been given.
CREATE TABLE route_cursors (
  team TEXT PRIMARY KEY,
  assigned INTEGER NOT NULL
);

-- Every state change of a lead. No personal data here, and no foreign key: the trail of an
-- erased lead stays, saying that it was erased and by whom.
CREATE TABLE lead_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  lead_id TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('received', 'quarantined', 'emailed', 'claimed', 'replied',
    'reminded', 'escalated', 'erased')),
  actor TEXT,
  at TEXT NOT NULL,
  detail TEXT
);

CREATE INDEX lead_events_lead ON lead_events (lead_id, at);

-- emails again, with lead_id optional (a digest belongs to a team) and a key that makes each
-- scheduled email unique however often the sweep runs. SQLite cannot relax a column in place.
CREATE TABLE emails_next (
  id TEXT PRIMARY KEY,
  lead_id TEXT REFERENCES leads (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('sales-notification', 'visitor-acknowledgement',
    'owner-reminder', 'escalation', 'team-digest')),
  dedupe_key TEXT NOT NULL UNIQUE,
  to_addresses TEXT NOT NULL,
  reply_to TEXT,
  subject TEXT NOT NULL,
  html TEXT NOT NULL,
  text TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'captured', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  locked_until TEXT,
  last_error TEXT,
  provider_id TEXT,
  created_at TEXT NOT NULL,
  sent_at TEXT
);

INSERT INTO emails_next (id, lead_id, kind, dedupe_key, to_addresses, reply_to, subject, html, text,
  status, attempts, next_attempt_at, locked_until, last_error, provider_id, created_at, sent_at)
SELECT id, lead_id, kind, lead_id || ':' || kind, to_addresses, reply_to, subject, html, text,
  status, attempts, next_attempt_at, locked_until, last_error, provider_id, created_at, sent_at
FROM emails;

DROP TABLE emails;
ALTER TABLE emails_next RENAME TO emails;
CREATE INDEX emails_due ON emails (status, next_attempt_at);
CREATE INDEX emails_lead ON emails (lead_id);
