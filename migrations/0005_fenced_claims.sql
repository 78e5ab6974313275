-- Exactly once, for real. Each claim of an email writes a fresh token, and every update that
-- records the attempt's outcome names that token: a sender whose lock expired and whose email was
-- claimed again cannot overwrite the newer outcome.
ALTER TABLE emails ADD COLUMN claim_token TEXT;
-- When the first attempt began whose outcome we do not know (no answer, a 5xx, a Worker stopped
-- mid-call). Resend remembers an idempotency key for 24 hours: past that, a retry could send the
-- email twice, so the email is held for a person instead. NULL while every attempt was refused.
ALTER TABLE emails ADD COLUMN unsure_since TEXT;
