-- Leads and the emails they owe. A lead and its emails are written in one batch, so a stored
-- lead always has its emails queued; delivery then only moves emails from pending to sent.

CREATE TABLE leads (
  id TEXT PRIMARY KEY,
  form TEXT NOT NULL CHECK (form IN ('assessment', 'contact')),
  status TEXT NOT NULL CHECK (status IN ('received', 'quarantined')),
  -- Why a lead was quarantined (honeypot, too-fast, turnstile); NULL for real leads.
  spam_reason TEXT,
  name TEXT NOT NULL,
  email TEXT NOT NULL,
  company TEXT,
  -- Every validated form field, as JSON, so new fields need no migration.
  fields TEXT NOT NULL,
  route_rule TEXT NOT NULL,
  route_team TEXT NOT NULL,
  page TEXT,
  referrer TEXT,
  utm_source TEXT,
  utm_medium TEXT,
  utm_campaign TEXT,
  utm_term TEXT,
  utm_content TEXT,
  consent_version TEXT NOT NULL,
  marketing_opt_in INTEGER NOT NULL DEFAULT 0,
  visitor_time_zone TEXT,
  received_at TEXT NOT NULL,
  reply_by TEXT NOT NULL
);

CREATE INDEX leads_email ON leads (email);
CREATE INDEX leads_received_at ON leads (received_at);

CREATE TABLE emails (
  id TEXT PRIMARY KEY,
  lead_id TEXT NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('sales-notification', 'visitor-acknowledgement')),
  to_addresses TEXT NOT NULL,
  reply_to TEXT,
  subject TEXT NOT NULL,
  html TEXT NOT NULL,
  text TEXT NOT NULL,
  -- pending: to send; sent: accepted by Resend; captured: kept locally (no API key); failed: gave up.
  status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'captured', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  -- Taken by a sender until this time, so two sweeps never send the same email at once.
  locked_until TEXT,
  last_error TEXT,
  provider_id TEXT,
  created_at TEXT NOT NULL,
  sent_at TEXT,
  UNIQUE (lead_id, kind)
);

CREATE INDEX emails_due ON emails (status, next_attempt_at);
