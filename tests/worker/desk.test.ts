// The desk's work on real D1: what each view lists and in which order, what each button does
// (twice is harmless), a held lead released as if it had just arrived, the CSV export and the
// figures. The pages over these are walked in the browser (tests/e2e/desk.spec.ts).
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { actOnLead } from '../../functions/desk/act';
import { exportCsv } from '../../functions/desk/export';
import { teamFigures } from '../../functions/desk/figures';
import { COUNT_CAP, inboxPage, PAGE_SIZE } from '../../functions/desk/inbox';
import { leadRecord } from '../../functions/desk/lead-record';
import { readView } from '../../functions/desk/views';
import { submitLead } from '../../functions/leads/submit';
import { sweep } from '../../functions/sweep/index';
import { assessmentEntries, contactEntries, NOW, rows, testSettings } from './helpers';

const HOUR = 3_600_000;
const settings = testSettings({ RATE_LIMIT: 'off', MIN_FILL_SECONDS: '0' }, 'desk');
const OWNER = 'sales-1@example.com';
const LEAD = 'sales-lead@example.com';

async function store(
  form: 'assessment' | 'contact',
  overrides: Record<string, string> = {},
  at = NOW,
): Promise<string> {
  const entries = form === 'assessment' ? assessmentEntries(overrides) : contactEntries(overrides);
  const outcome = await submitLead(
    { form, entries, ip: '198.51.100.7', now: at },
    { db: env.DB, limiter: env.LEAD_RATE_LIMITER, settings },
  );
  if (outcome.kind !== 'accepted') throw new Error(`not stored: ${outcome.kind}`);
  return outcome.leadId;
}

const act = (leadId: string, fields: Record<string, string>, by = OWNER, at = NOW) => {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  return actOnLead(env.DB, settings, leadId, form, { email: by }, () => {}, at);
};

const view = (query = '') => readView(new URLSearchParams(query));

/** `count` leads waiting for a reply, written straight into D1: a year of history in one statement. */
async function seedWaiting(count: number) {
  await env.DB.prepare(
    `INSERT INTO leads (id, form, status, name, email, fields, route_rule, route_team,
       consent_version, received_at, reply_by)
     WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
     SELECT printf('00000000-0000-4000-8000-%012d', i), 'contact', 'received', 'Visitor ' || i,
       'v' || i || '@example.com', '{}', 'default', 'sales', 'v1',
       '2026-11-20T00:00:00.000Z', printf('2026-11-21T00:%02d:%02d.000Z', i / 60 % 60, i % 60)
     FROM n`,
  )
    .bind(count)
    .run();
}

beforeEach(async () => {
  await env.DB.batch([
    env.DB.prepare('DELETE FROM emails'),
    env.DB.prepare('DELETE FROM leads'),
    env.DB.prepare('DELETE FROM lead_events'),
    env.DB.prepare('DELETE FROM route_cursors'),
  ]);
});

describe('the inbox', () => {
  it('lists waiting leads soonest deadline first, so the overdue ones lead', async () => {
    const later = await store('contact', {}, NOW);
    const earlier = await store('contact', {}, new Date(NOW.getTime() - 30 * HOUR));
    const { rows: listed, total } = await inboxPage(env.DB, view(), OWNER);
    expect(total).toBe(2);
    expect(listed.map((row) => row.id)).toEqual([earlier, later]);
  });

  it('"mine" shows only what the signed-in person owns', async () => {
    await store('contact');
    await store('contact');
    const owners = (await inboxPage(env.DB, view(), OWNER)).rows.map((row) => row.ownerEmail);
    const mine = await inboxPage(env.DB, view('mine=1'), OWNER);
    expect(mine.total).toBe(owners.filter((owner) => owner === OWNER).length);
    expect(mine.rows.every((row) => row.ownerEmail === OWNER)).toBe(true);
  });

  it('keeps held leads out of the waiting view and shows them under "held as spam"', async () => {
    const held = await store('contact', { website: 'https://spam.example' });
    expect((await inboxPage(env.DB, view(), OWNER)).total).toBe(0);
    expect((await inboxPage(env.DB, view('state=spam'), OWNER)).rows[0]?.id).toBe(held);
  });

  it('filters by form and by UTM source, "(none)" for leads without one', async () => {
    await store('assessment', { utm_source: 'newsletter' });
    await store('contact');
    expect((await inboxPage(env.DB, view('form=assessment'), OWNER)).total).toBe(1);
    expect((await inboxPage(env.DB, view('source=newsletter'), OWNER)).total).toBe(1);
    expect((await inboxPage(env.DB, view('source=(none)'), OWNER)).total).toBe(1);
  });

  it('counts a view up to a thousand leads and says "more" past that', async () => {
    await seedWaiting(1203);
    const page = await inboxPage(env.DB, view(), OWNER);
    expect(page).toMatchObject({ total: COUNT_CAP, more: true });
    expect(page.rows).toHaveLength(PAGE_SIZE);
  });

  it('reads an unknown filter as the default view instead of failing', () => {
    expect(view('state=bogus&page=-4&form=fax')).toMatchObject({ state: 'waiting', page: 1 });
  });

  it(`pages ${PAGE_SIZE} at a time`, async () => {
    for (let i = 0; i < PAGE_SIZE + 3; i++) await store('contact');
    expect((await inboxPage(env.DB, view(), OWNER)).rows).toHaveLength(PAGE_SIZE);
    expect((await inboxPage(env.DB, view('page=2'), OWNER)).rows).toHaveLength(3);
  });
});

describe('the buttons', () => {
  it("I'm on it, then I have replied: recorded with the person, and harmless twice", async () => {
    const id = await store('contact');
    expect((await act(id, { action: 'claim' })).message).toMatch(/You are on it/);
    expect((await act(id, { action: 'claim' })).message).toMatch(/Already claimed/);
    await act(id, { action: 'replied' });
    const record = await leadRecord(env.DB, id);
    expect(record).toMatchObject({ claimedBy: OWNER, repliedBy: OWNER });
    const events = record!.events.filter((event) => event.actor === OWNER).map((e) => e.type);
    expect(events).toEqual(['claimed', 'replied']);
  });

  it('reassign hands the lead to a colleague, who starts unclaimed', async () => {
    const id = await store('contact');
    await act(id, { action: 'claim' });
    const outcome = await act(id, { action: 'reassign', to: 'sales-2@example.com' });
    expect(outcome.status).toBe(200);
    expect(await leadRecord(env.DB, id)).toMatchObject({
      ownerEmail: 'sales-2@example.com',
      claimedAt: null,
    });
    expect((await act(id, { action: 'reassign', to: 'stranger@elsewhere.example' })).status).toBe(
      422,
    );
  });

  it('close needs a reason, and a closed lead is neither reminded nor escalated', async () => {
    const id = await store('contact');
    expect((await act(id, { action: 'close', reason: '' })).status).toBe(422);
    await act(id, { action: 'close', reason: 'A job application' });
    expect(await leadRecord(env.DB, id)).toMatchObject({ closeReason: 'A job application' });
    await sweep(env, new Date(NOW.getTime() + 30 * HOUR));
    const kinds = await rows<{ kind: string }>('SELECT kind FROM emails WHERE lead_id = ?', id);
    expect(kinds.map((row) => row.kind).sort()).toEqual([
      'sales-notification',
      'visitor-acknowledgement',
    ]);
  });

  it('release routes, owns and notifies a held lead as if just arrived, keeping its received time', async () => {
    const id = await store('contact', { website: 'https://spam.example' });
    expect(await rows('SELECT id FROM emails WHERE lead_id = ?', id)).toEqual([]);
    const releasedAt = new Date(NOW.getTime() + 2 * HOUR);
    const outcome = await act(id, { action: 'release' }, LEAD, releasedAt);
    expect(outcome.message).toMatch(/Released/);
    const record = await leadRecord(env.DB, id);
    expect(record).toMatchObject({ status: 'received', receivedAt: NOW.toISOString() });
    expect(record!.ownerEmail).toMatch(/@example\.com$/);
    expect(record!.emails.map((email) => email.kind).sort()).toEqual([
      'sales-notification',
      'visitor-acknowledgement',
    ]);
    expect(record!.events.map((event) => event.type)).toEqual(['quarantined', 'released']);
    expect((await act(id, { action: 'release' }, LEAD, releasedAt)).message).toMatch(/not held/);
    expect(await rows('SELECT id FROM emails WHERE lead_id = ?', id)).toHaveLength(2);
  });

  it('erase needs the word typed, then removes the person and leaves the fact', async () => {
    const id = await store('contact');
    expect((await act(id, { action: 'erase', confirm: 'yes' })).status).toBe(422);
    const outcome = await act(id, { action: 'erase', confirm: 'erase' });
    expect(outcome).toMatchObject({ status: 200, leadRemains: false });
    expect(await leadRecord(env.DB, id)).toBeNull();
    const trail = await rows<{ type: string; actor: string }>(
      "SELECT type, actor FROM lead_events WHERE lead_id = ? AND type = 'erased'",
      id,
    );
    expect(trail).toEqual([{ type: 'erased', actor: OWNER }]);
  });

  it('refuses an action nobody offers', async () => {
    const id = await store('contact');
    expect((await act(id, { action: 'delete-everything' })).status).toBe(422);
  });
});

/** The export as bytes decoded without dropping the byte-order mark, as a spreadsheet reads it. */
async function csvOf(query = 'state=all') {
  const bytes = await new Response(exportCsv(env.DB, view(query), OWNER)).arrayBuffer();
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
}

describe('the CSV export', () => {
  it('starts with a byte-order mark and a header, and neutralises formulas', async () => {
    await store('contact', { name: '=HYPERLINK("http://evil.example","x")', company: '+1 calc' });
    const text = await csvOf();
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const [header, line] = text.slice(1).trim().split('\n');
    expect(header).toMatch(/^Lead id,Form,State,/);
    expect(line).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(line).toContain(`'+1 calc`);
  });

  it('streams every lead of the view across its chunks, each once', async () => {
    await seedWaiting(1203);
    const lines = (await csvOf('state=waiting')).slice(1).trim().split('\n');
    expect(lines).toHaveLength(1204);
    expect(new Set(lines.slice(1).map((line) => line.split(',')[0])).size).toBe(1203);
  });
});

describe('the figures', () => {
  it('give each team its median time to reply and the share answered within the promise', async () => {
    const quick = await store('contact');
    const slow = await store('contact');
    await store('contact');
    await act(quick, { action: 'replied' }, OWNER, new Date(NOW.getTime() + 2 * HOUR));
    await act(slow, { action: 'replied' }, OWNER, new Date(NOW.getTime() + 30 * HOUR));
    const figures = await teamFigures(env.DB, 28, new Date(NOW.getTime() + 40 * HOUR));
    const [team] = figures.teams;
    expect(team).toMatchObject({ received: 3, replied: 2, replyMedian: 2, replyP90: 30 });
    expect(team!.withinPromise).toBeCloseTo(1 / 3);
    expect(team!.overdueNow).toBe(1);
    expect(figures.weeks.reduce((sum, week) => sum + week.received, 0)).toBe(3);
  });
});
