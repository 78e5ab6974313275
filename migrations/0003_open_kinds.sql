-- The kinds of email and of audit event are listed once, in code (EmailKind in
-- functions/email/outbox.ts, LeadEventType in functions/audit/trail.ts), which are the only
-- writers of these tables. A CHECK here repeated each list and made every new kind a table rebuild;
-- the rebuild below drops those two, and lets an email be held for a person ('held').

CREATE TABLE lead_events_next (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  lead_id TEXT NOT NULL,
  type TEXT NOT NULL,
  actor TEXT,
  at TEXT NOT NULL,
  detail TEXT
);
INSERT INTO lead_events_next (id, lead_id, type, actor, at, detail)
SELECT id, lead_id, type, actor, at, detail FROM lead_events;
DROP TABLE lead_events;
ALTER TABLE lead_events_next RENAME TO lead_events;
CREATE INDEX lead_events_lead ON lead_events (lead_id, at);

CREATE TABLE emails_next (
  id TEXT PRIMARY KEY,
  lead_id TEXT REFERENCES leads (id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  dedupe_key TEXT NOT NULL UNIQUE,
  to_addresses TEXT NOT NULL,
  reply_to TEXT,
  subject TEXT NOT NULL,
  html TEXT NOT NULL,
  text TEXT NOT NULL,
  -- pending: to send; sent: accepted by the provider; captured: kept locally (no API key);
  -- failed: gave up; held: waits for a person to decide (it may have been sent already).
  status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'captured', 'failed', 'held')),
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
SELECT id, lead_id, kind, dedupe_key, to_addresses, reply_to, subject, html, text, status,
  attempts, next_attempt_at, locked_until, last_error, provider_id, created_at, sent_at
FROM emails;
DROP TABLE emails;
ALTER TABLE emails_next RENAME TO emails;
CREATE INDEX emails_due ON emails (status, next_attempt_at);
CREATE INDEX emails_lead ON emails (lead_id);
