// A lead walked through the sweep at chosen times: each email goes out once, when it is due.
import {
  createExecutionContext,
  createScheduledController,
  waitOnExecutionContext,
} from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { applyStaffAction } from '../../functions/follow-up/actions';
import { scheduled } from '../../functions/sweep/scheduled';
import { submitLead } from '../../functions/leads/submit';
import {
  assessmentEntries,
  contactEntries,
  emailApi,
  NOW,
  rows,
  sentEmails,
  standInUrl,
  testSettings,
} from './helpers';

const HOUR = 3_600_000;
const at = (hours: number) => new Date(NOW.getTime() + hours * HOUR);
// Settings the sweep reads from the environment: sends go to the stand-in.
const sweepEnv = () => ({
  ...env,
  RESEND_API_KEY: 're_test_key',
  RESEND_BASE_URL: standInUrl(),
  RATE_LIMIT: 'off',
});

/** Fires the cron trigger for the given time, as the runtime would. */
async function sweepAt(time: Date) {
  const ctx = createExecutionContext();
  await scheduled(
    createScheduledController({ scheduledTime: time, cron: '* * * * *' }),
    sweepEnv() as Env,
    ctx,
  );
  await waitOnExecutionContext(ctx);
}

async function newLead(entries = assessmentEntries()) {
  const outcome = await submitLead(
    { form: 'assessment', entries, ip: '198.51.100.9', now: NOW },
    { db: env.DB, limiter: env.LEAD_RATE_LIMITER, settings: testSettings({ RATE_LIMIT: 'off' }) },
  );
  if (outcome.kind !== 'accepted') throw new Error(`lead not accepted: ${outcome.kind}`);
  return outcome.leadId;
}

/** Emails that reached the API, by kind (read from the stand-in, matched to D1 by idempotency key). */
async function sentKinds(): Promise<string[]> {
  const { sent } = await sentEmails();
  const emails = await rows<{ id: string; kind: string }>('SELECT id, kind FROM emails');
  return sent
    .map(
      (email) =>
        emails.find((row) => `email-${row.id}` === email.idempotencyKey)?.kind ?? 'unknown',
    )
    .sort();
}

async function events(leadId: string) {
  return (
    await rows<{ type: string }>(
      'SELECT type FROM lead_events WHERE lead_id = ? ORDER BY id',
      leadId,
    )
  ).map((row) => row.type);
}

beforeEach(async () => {
  await env.DB.batch([
    env.DB.prepare('DELETE FROM emails'),
    env.DB.prepare('DELETE FROM leads'),
    env.DB.prepare('DELETE FROM lead_events'),
    env.DB.prepare('DELETE FROM route_cursors'),
  ]);
  await emailApi({ mode: 'ok', reset: true });
});

describe('an unanswered lead through the day (reply by 24 h, reminder 4 h before)', () => {
  it('gets its first emails, then a reminder at 20 h, then an escalation at 24 h, each once', async () => {
    const id = await newLead();
    await sweepAt(at(0.1));
    expect(await sentKinds()).toEqual(['sales-notification', 'visitor-acknowledgement']);

    await sweepAt(at(19.9));
    expect(await sentKinds()).toHaveLength(2);

    await sweepAt(at(20));
    await sweepAt(at(20)); // the same trigger twice sends nothing twice
    await sweepAt(at(21));
    expect(await sentKinds()).toEqual([
      'owner-reminder',
      'sales-notification',
      'visitor-acknowledgement',
    ]);

    await sweepAt(at(24));
    await sweepAt(at(24));
    await sweepAt(at(30));
    expect(await sentKinds()).toEqual([
      'escalation',
      'owner-reminder',
      'sales-notification',
      'visitor-acknowledgement',
    ]);

    const { sent } = await sentEmails();
    const reminder = sent.find((email) => email.subject.startsWith('Reminder'))!;
    const escalation = sent.find((email) => email.subject.startsWith('Overdue'))!;
    expect(reminder.to).toEqual(['sales-1@example.com']);
    expect(escalation.to).toEqual(['sales-lead@example.com', 'sales-1@example.com']);
    expect(escalation.text).toMatch(/Reminder sent/);
    // The visitor hears from us once, never from a reminder or an escalation.
    expect(sent.filter((email) => email.to.includes('asha@acme.example'))).toHaveLength(1);
    expect(await events(id)).toEqual([
      'received',
      'emailed',
      'emailed',
      'reminded',
      'emailed',
      'escalated',
      'emailed',
    ]);
  });

  it('a claimed lead gets no reminder, but still escalates if nobody replies', async () => {
    const id = await newLead();
    await sweepAt(at(0.1));
    await applyStaffAction(env.DB, { kind: 'claim' }, id, 'sales-1@example.com', at(2));
    await sweepAt(at(20));
    expect(await sentKinds()).not.toContain('owner-reminder');
    await sweepAt(at(24));
    expect(await sentKinds()).toContain('escalation');
  });

  it('a lead replied to gets neither reminder nor escalation', async () => {
    const id = await newLead();
    await sweepAt(at(0.1));
    await applyStaffAction(env.DB, { kind: 'replied' }, id, 'sales-1@example.com', at(3));
    for (const hours of [20, 24, 48]) await sweepAt(at(hours));
    expect(await sentKinds()).toEqual(['sales-notification', 'visitor-acknowledgement']);
    const [lead] = await rows<Record<string, string>>('SELECT claimed_by, replied_by FROM leads');
    expect(lead).toEqual({ claimed_by: 'sales-1@example.com', replied_by: 'sales-1@example.com' });
  });
});

describe('owners and actions', () => {
  it('takes the team members in turn and skips the one who is away', async () => {
    for (let index = 0; index < 5; index++)
      await newLead(assessmentEntries({ email: `v${index}@example.org` }));
    const owners = await rows<{ owner_email: string }>(
      'SELECT owner_email FROM leads ORDER BY received_at, rowid',
    );
    // Sales has three members; the third is away.
    expect(owners.map((row) => row.owner_email)).toEqual([
      'sales-1@example.com',
      'sales-2@example.com',
      'sales-1@example.com',
      'sales-2@example.com',
      'sales-1@example.com',
    ]);
  });

  it('records a claim once, whoever clicks it again', async () => {
    const id = await newLead();
    const first = await applyStaffAction(
      env.DB,
      { kind: 'claim' },
      id,
      'sales-1@example.com',
      at(1),
    );
    const second = await applyStaffAction(
      env.DB,
      { kind: 'claim' },
      id,
      'sales-2@example.com',
      at(2),
    );
    expect(first.outcome).toBe('done');
    expect(second).toMatchObject({
      outcome: 'already',
      lead: { claimedBy: 'sales-1@example.com' },
    });
    expect(await events(id)).toEqual(['received', 'claimed']);
  });
});

describe('the daily digest', () => {
  it('goes to each team with open leads once, at its hour in IST', async () => {
    await newLead();
    await submitLead(
      { form: 'contact', entries: contactEntries(), ip: '198.51.100.10', now: NOW },
      { db: env.DB, limiter: env.LEAD_RATE_LIMITER, settings: testSettings({ RATE_LIMIT: 'off' }) },
    );
    await sweepAt(new Date('2026-11-26T02:29:00Z')); // 07:59 IST: not yet
    expect(
      (await sentEmails()).sent.filter((email) => email.subject.startsWith('Open leads')),
    ).toHaveLength(0);
    await sweepAt(new Date('2026-11-26T03:30:00Z')); // 09:00 IST
    await sweepAt(new Date('2026-11-26T03:31:00Z'));
    const digests = (await sentEmails()).sent.filter((email) =>
      email.subject.startsWith('Open leads'),
    );
    expect(digests.map((email) => email.to).sort()).toEqual([
      ['partners@example.com'],
      ['sales@example.com'],
    ]);
  });
});
