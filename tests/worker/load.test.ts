// A few hundred visitors at once, with the spam limits lifted as for a load test: every submission
// is stored, and once the sweeps have run every email has reached the email API exactly once.
// Figures (requests a second) belong to `npm run bench:leads`; this checks that nothing is lost.
import { env } from 'cloudflare:workers';
import { beforeEach, expect, it } from 'vitest';
import { deliverEmail } from '../../functions/email/deliver';
import { submitLead } from '../../functions/leads/submit';
import { contactEntries, NOW, rows } from './helpers';
import { at, clearLeads, emailStatuses, MINUTE, outbox } from './outbox-helpers';

const VISITORS = 300;
// The production timeout: hundreds of calls at once queue at the stand-in as they would at Resend.
const api = outbox('load', { EMAIL_TIMEOUT_MS: '10000' });

/** One visitor as functions/leads/http.ts serves them: store the lead, then send its emails. */
async function visitor(index: number): Promise<string> {
  const outcome = await submitLead(
    {
      form: 'contact',
      entries: contactEntries({ email: `visitor-${index}@example.org` }),
      ip: '198.51.100.7',
      now: NOW,
    },
    { db: env.DB, limiter: env.LEAD_RATE_LIMITER, settings: api.settings },
  );
  if (outcome.kind === 'accepted') {
    await Promise.all(
      outcome.emailIds.map((id) => deliverEmail(env.DB, api.transport, id, NOW, () => NOW)),
    );
  }
  return outcome.kind;
}

const everyone = (count = VISITORS) => Array.from({ length: count }, (_, index) => visitor(index));

async function expectAllStoredAndSentOnce(count = VISITORS) {
  expect(await rows('SELECT id FROM leads')).toHaveLength(count);
  const perEmail = await api.deliveriesPerEmail();
  expect(perEmail).toHaveLength(2 * count);
  expect(perEmail.every((count) => count === 1)).toBe(true);
  expect((await emailStatuses()).every((status) => status === 'sent')).toBe(true);
}

beforeEach(async () => {
  await clearLeads();
  await api.emailApi('ok', true);
});

it(`${VISITORS} visitors at once, with sweeps racing their deliveries: all stored, each email sent once`, async () => {
  const outcomes = await Promise.all([...everyone(), api.sweepAt(NOW), api.sweepAt(NOW)]);
  expect(outcomes.slice(0, VISITORS).every((kind) => kind === 'accepted')).toBe(true);
  await api.sweepAt(at(MINUTE));
  await expectAllStoredAndSentOnce();
});

// A backlog of a third as many: every email then waits for the sweeps, which send one at a time.
const BACKLOG = VISITORS / 3;

it(`${BACKLOG} visitors while the email API rate-limits: the sweeps work off the backlog, each email once`, async () => {
  await api.emailApi('rate-limit');
  const outcomes = await Promise.all(everyone(BACKLOG));
  expect(outcomes.every((kind) => kind === 'accepted')).toBe(true);
  expect(await emailStatuses()).toEqual(Array.from({ length: 2 * BACKLOG }, () => 'pending'));

  await api.emailApi('ok');
  // The cron sweeps once a minute, 50 emails a time; the 429 asked for two minutes' rest. So the
  // sales inboxes have every lead within a few minutes of the API recovering.
  for (let minute = 2; minute < 2 + 5; minute++) await api.sweepAt(at(minute * MINUTE));
  await expectAllStoredAndSentOnce(BACKLOG);
});
