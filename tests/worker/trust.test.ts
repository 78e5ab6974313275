// Issue 11, the parts about trust: held leads reach a person through the digest, digests go with
// the leads they list (exactly, by id), and a visitor withdraws consent in one step.
import { env } from 'cloudflare:workers';
import { beforeEach, describe, expect, it } from 'vitest';
import { eraseByEmail } from '../../functions/leads/erase';
import { submitLead } from '../../functions/leads/submit';
import { withdrawConsent } from '../../functions/leads/withdraw';
import {
  type WithdrawalCheck,
  verifyWithdrawalToken,
  withdrawalExpiry,
  withdrawalToken,
} from '../../functions/leads/withdrawal-link';
import { signLink } from '../../functions/follow-up/links';
import { linkSecret } from '../../functions/settings';
import { queueDigests } from '../../functions/sweep/digests';
import { applyRetention } from '../../functions/sweep/retention';
import { assessmentEntries, contactEntries, NOW, rows, testSettings } from './helpers';

// NOW is 14:30 IST: the digest hour of these settings.
const settings = testSettings({ RATE_LIMIT: 'off', DIGEST_HOUR_IST: '14' });
const DAY = 86_400_000;

async function send(
  entries: [string, string][],
  form: 'contact' | 'assessment' = 'contact',
  now = NOW,
) {
  const outcome = await submitLead(
    { form, entries, ip: '198.51.100.30', now },
    { db: env.DB, limiter: env.LEAD_RATE_LIMITER, settings },
  );
  if (outcome.kind !== 'accepted') throw new Error(outcome.kind);
  return outcome.leadId;
}

/** A contact lead from `email`, sent `daysAgo` before NOW (no fill-time signal: it is dated). */
const contactFrom = (email: string, daysAgo = 0) =>
  send(
    contactEntries({ email, startedAt: undefined }),
    'contact',
    new Date(NOW.getTime() - daysAgo * DAY),
  );

const digests = () =>
  rows<{ id: string; to_addresses: string; subject: string; text: string; html: string }>(
    "SELECT id, to_addresses, subject, text, html FROM emails WHERE kind = 'team-digest' ORDER BY to_addresses",
  );

beforeEach(async () => {
  await env.DB.batch([
    env.DB.prepare('DELETE FROM emails'),
    env.DB.prepare('DELETE FROM leads'),
    env.DB.prepare('DELETE FROM lead_events'),
    env.DB.prepare('DELETE FROM digest_leads'),
  ]);
});

describe('held leads in the daily digest', () => {
  it("lists a held lead in the digest of the team its rules picked, linked to the desk's page", async () => {
    // The honeypot holds it; the topic's rule picks Partnerships, though nobody is told yet.
    const held = await send(contactEntries({ website: 'https://spam.example' }));
    expect(await rows('SELECT status, route_team FROM leads WHERE id = ?', held)).toEqual([
      { status: 'quarantined', route_team: 'partnerships' },
    ]);
    expect(await queueDigests(env.DB, settings, NOW)).toBe(1);
    const [digest] = await digests();
    expect(JSON.parse(digest!.to_addresses)).toEqual(['partners@example.com']);
    expect(digest!.subject).toBe('Open leads for Partnerships: none; 1 held for review');
    expect(digest!.html).toContain(`href="${settings.SITE_URL}/desk/leads/${held}/"`);
    // What the visitor typed stays in the desk: it may be spam.
    expect(digest!.text).not.toContain('Ravi');
    expect(digest!.text).not.toContain('spam.example');
  });

  it('counts them all and lists the newest five, beside the open leads of the same team', async () => {
    const open = await send(contactEntries({ email: 'open@example.org' }));
    const held = [];
    for (let hour = 7; hour >= 1; hour--) {
      held.push(
        await send(
          contactEntries({ website: 'x', startedAt: undefined }),
          'contact',
          new Date(NOW.getTime() - hour * 3_600_000),
        ),
      );
    }
    await queueDigests(env.DB, settings, NOW);
    const [digest] = await digests();
    expect(digest!.text).toContain('Held for review (7)');
    expect(digest!.text).toContain('And 2 older held leads, in the sales desk.');
    const newest = held.slice(2);
    for (const id of newest) expect(digest!.text).toContain(`/desk/leads/${id}/`);
    for (const id of held.slice(0, 2)) expect(digest!.text).not.toContain(id);
    expect(
      (await rows<{ lead_id: string }>('SELECT lead_id FROM digest_leads ORDER BY lead_id'))
        .map((row) => row.lead_id)
        .sort(),
    ).toEqual([open, ...newest].sort());
  });

  it('leaves out what staff marked as spam: a person has seen it', async () => {
    const held = await send(contactEntries({ website: 'x' }));
    await env.DB.prepare("UPDATE leads SET spam_reason = 'marked by staff' WHERE id = ?")
      .bind(held)
      .run();
    expect(await queueDigests(env.DB, settings, NOW)).toBe(0);
  });
});

describe('digests go with the leads they list', () => {
  it('erasure deletes exactly the digests that listed the person, not one that names joann@', async () => {
    await contactFrom('ann@x.example');
    await send(assessmentEntries({ email: 'joann@x.example' }), 'assessment');
    await queueDigests(env.DB, settings, NOW);
    const before = await digests();
    expect(before.length).toBe(2);
    const joann = before.find((digest) => digest.text.includes('joann@x.example'))!;

    expect(await eraseByEmail(env.DB, 'ann@x.example', NOW)).toBe(1);
    expect((await digests()).map((digest) => digest.id)).toEqual([joann.id]);
    expect(await rows('SELECT lead_id FROM digest_leads WHERE email_id <> ?', joann.id)).toEqual(
      [],
    );
  });

  it('retention deletes a digest once a lead it listed is deleted, before the digest ages out', async () => {
    await contactFrom('old@example.org', 364);
    await queueDigests(env.DB, settings, new Date(NOW.getTime() - 363 * DAY));
    await contactFrom('new@example.org', 1);
    await queueDigests(env.DB, settings, NOW);
    expect((await digests()).length).toBe(2);

    expect(await applyRetention(env.DB, settings, new Date(NOW.getTime() + 2 * DAY))).toBe(1);
    const left = await digests();
    // The latest digest listed the old lead too: it goes, though it is days old, not a year.
    expect(left.map((digest) => digest.text).join()).not.toContain('old@example.org');
    expect(left).toEqual([]);
  });
});

describe('withdrawing consent', () => {
  const secret = linkSecret(settings)!;
  const exp = Math.floor(NOW.getTime() / 1000) + 3600;

  const tokens: [string, () => Promise<string>, Date, WithdrawalCheck][] = [
    [
      'valid',
      async () => withdrawalToken('lead_1', exp, secret),
      NOW,
      { ok: true, lead: 'lead_1' },
    ],
    [
      'expired',
      async () => withdrawalToken('lead_1', exp, secret),
      new Date(NOW.getTime() + 2 * 3_600_000),
      { ok: false, reason: 'expired' },
    ],
    [
      'signed with another secret',
      async () => withdrawalToken('lead_1', exp, 'x'.repeat(32)),
      NOW,
      { ok: false, reason: 'tampered' },
    ],
    [
      'naming another lead',
      async () => {
        const [, sig] = (await withdrawalToken('lead_1', exp, secret)).split('.');
        return `${btoa(`lead_2.${exp}`).replace(/=+$/, '')}.${sig}`;
      },
      NOW,
      { ok: false, reason: 'tampered' },
    ],
    [
      "an owner link's signature",
      async () => {
        const owner = new URL(
          await signLink(
            { lead: 'lead_1', action: 'claim', by: 'a@b.c', exp },
            secret,
            'https://x.in',
          ),
        );
        return `${btoa(`lead_1.${exp}`).replace(/=+$/, '')}.${owner.searchParams.get('sig')}`;
      },
      NOW,
      { ok: false, reason: 'tampered' },
    ],
    ['cut short', async () => 'bGVhZF8x', NOW, { ok: false, reason: 'malformed' }],
    ['missing', async () => '', NOW, { ok: false, reason: 'malformed' }],
  ];

  it.each(tokens)('a token %s', async (_case, token, now, expected) => {
    expect(await verifyWithdrawalToken(await token(), secret, now)).toEqual(expected);
  });

  it('lasts as long as the lead is kept', () => {
    expect(new Date(withdrawalExpiry(NOW, 12) * 1000).toISOString()).toBe(
      '2027-11-26T09:00:00.000Z',
    );
  });

  it("every visitor email carries a link that names the visitor's lead, and nothing else", async () => {
    const lead = await send(contactEntries());
    const [ack] = await rows<{ text: string; html: string }>(
      "SELECT text, html FROM emails WHERE lead_id = ? AND kind = 'visitor-acknowledgement'",
      lead,
    );
    const link = /Withdraw your consent \((\S+)\)/.exec(ack!.text)?.[1];
    expect(link).toMatch(new RegExp(`^${settings.SITE_URL}/privacy/withdraw/\\?t=`));
    expect(link).not.toContain(lead);
    const token = new URL(link!).searchParams.get('t');
    expect(await verifyWithdrawalToken(token, secret, NOW)).toEqual({ ok: true, lead });
  });

  it('erases every lead of the address, tells owners and teams by id only, and keeps the fact', async () => {
    const first = await contactFrom('Person@Example.org', 2);
    const second = await send(assessmentEntries({ email: 'person@example.org' }), 'assessment');
    const other = await contactFrom('other@example.org');
    await queueDigests(env.DB, settings, NOW);

    expect(await withdrawConsent(env.DB, second, NOW)).toBe(2);
    expect(await rows('SELECT id FROM leads')).toEqual([{ id: other }]);

    const [notice] = await rows<{
      to_addresses: string;
      lead_id: null;
      text: string;
      html: string;
    }>("SELECT to_addresses, lead_id, text, html FROM emails WHERE kind = 'consent-withdrawn'");
    const owners = await rows<{ owner_email: string }>('SELECT owner_email FROM leads');
    expect(owners.length).toBe(1);
    const to = JSON.parse(notice!.to_addresses) as string[];
    expect(to).toEqual(expect.arrayContaining(['partners@example.com', 'sales@example.com']));
    expect(notice!.text).toContain(first);
    expect(notice!.text).toContain(second);
    for (const personal of ['person@example.org', 'Ravi', 'Asha', 'Acme', 'Mehta']) {
      expect(notice!.text).not.toContain(personal);
      expect(notice!.html).not.toContain(personal);
    }

    // Nothing of theirs is left in any email, digests included; the trail keeps only the fact.
    const texts = await rows<{ text: string }>('SELECT text FROM emails');
    expect(texts.some((email) => /person@example\.org/i.test(email.text))).toBe(false);
    for (const id of [first, second]) {
      expect(
        await rows(
          "SELECT actor, detail FROM lead_events WHERE lead_id = ? AND type = 'erased'",
          id,
        ),
      ).toEqual([{ actor: 'visitor', detail: 'consent withdrawn' }]);
    }

    // A second press finds nothing left, and sends no second notice.
    expect(await withdrawConsent(env.DB, second, NOW)).toBeNull();
    expect((await rows("SELECT id FROM emails WHERE kind = 'consent-withdrawn'")).length).toBe(1);
  });
});
