-- What other services tell us back: a meeting booked on an owner's booking page (Cal.com), and
-- what became of each email after Resend accepted it (delivered, bounced, complained, delayed).

-- The start of the meeting the visitor booked, and the booking it came from: a booking counts as
-- the owner's answer (replied_at), and the same booking delivered twice changes nothing.
ALTER TABLE leads ADD COLUMN meeting_at TEXT;
ALTER TABLE leads ADD COLUMN meeting_booking_uid TEXT;
-- Set when the visitor's acknowledgement bounced: the owner should call or check the address.
ALTER TABLE leads ADD COLUMN visitor_email_bounced_at TEXT;

-- The last word from the provider on an email it accepted: delivered, delivery_delayed, bounced
-- or complained (a later, weaker event never overwrites a stronger one), and when it came.
ALTER TABLE emails ADD COLUMN delivery TEXT;
ALTER TABLE emails ADD COLUMN delivery_at TEXT;
-- Events name an email by the provider's id; without this each event would scan the outbox.
CREATE INDEX emails_provider ON emails (provider_id);

-- Bookings whose attendee matches no lead, kept for the desk to look at. Keyed by Cal.com's
-- booking uid, so a booking delivered twice is kept once.
CREATE TABLE unmatched_bookings (
  uid TEXT PRIMARY KEY,
  attendee_email TEXT NOT NULL,
  attendee_name TEXT,
  organizer_email TEXT,
  start_time TEXT,
  received_at TEXT NOT NULL
);

-- Each provider event once, keyed by its svix-id: a replayed event finds its row and changes
-- nothing. No personal data: the email is named by the provider's id.
CREATE TABLE email_events (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  provider_id TEXT,
  occurred_at TEXT,
  received_at TEXT NOT NULL
);
CREATE INDEX email_events_type ON email_events (type, received_at);

-- Addresses that complained (marked our email as spam): nothing more is sent to them.
CREATE TABLE suppressed_addresses (
  address TEXT PRIMARY KEY,
  reason TEXT NOT NULL,
  at TEXT NOT NULL
);
