-- Taking a lead once and honestly: a key per submission, so a repeated POST (a retry, an answer
-- lost on the way back) finds the lead it already made instead of making a second one; and
-- whether Turnstile confirmed a person.

-- The form's own key (made by the page script for each page view), or without JavaScript a hash
-- of the normalized submission, its network and a ten-minute window (functions/leads/idempotency.ts).
-- NULL for leads stored before this migration. Erased with the lead.
ALTER TABLE leads ADD COLUMN submission_key TEXT;
CREATE UNIQUE INDEX leads_submission_key ON leads (submission_key);

-- verified: Turnstile confirmed a person; unverified: Cloudflare could not be reached, so the lead
-- was taken unchecked (the sales email says so); off: no Turnstile secret was set.
ALTER TABLE leads ADD COLUMN person_check TEXT;
