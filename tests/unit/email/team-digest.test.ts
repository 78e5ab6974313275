// Each team's daily digest: the leads still waiting for a reply, overdue first, then by deadline.
import { describe, expect, it } from 'vitest';
import { renderTeamDigest } from '../../../functions/email/templates/team-digest';
import { at, claimed, digest, DUE_SHORT, expectBoth, openLead, SITE_URL, visible } from './helpers';

const overdue = openLead({
  id: 'lead_03',
  name: 'Meera Shah',
  email: 'meera@late.example',
  company: null,
  replyBy: at('2026-11-26T01:30:00Z'),
  receivedAt: at('2026-11-25T01:30:00Z'),
});
const first = openLead({ ...claimed, id: 'lead_01' });
const later = openLead({
  id: 'lead_02',
  form: 'contact',
  name: 'Ravi Mehta',
  email: 'ravi@example.org',
  company: 'Data Co',
  ownerName: null,
  ownerEmail: null,
  replyBy: at('2026-11-26T11:00:00Z'),
});
const answered = openLead({
  id: 'lead_04',
  name: 'Done Already',
  email: 'done@example.org',
  replyBy: at('2026-11-26T02:00:00Z'),
  repliedAt: at('2026-11-25T10:00:00Z'),
  repliedBy: 'sam@nyarro.example',
});

it.each([
  ['none overdue', [later, first], `Open leads for Enterprise sales: 2, next due ${DUE_SHORT}`],
  [
    'one overdue',
    [later, overdue, first, answered],
    'Open leads for Enterprise sales: 3, 1 overdue',
  ],
  ['nothing open', [answered], 'Open leads for Enterprise sales: none'],
])('subject, %s', (_case, leads, subject) => {
  expect(digest(leads).subject).toBe(subject);
});

it('lists open leads earliest deadline first, and leaves out answered ones', () => {
  const email = digest([later, answered, first, overdue]);
  for (const twin of [email.text, visible(email.html)]) {
    const order = ['Meera Shah', 'Asha Rao', 'Ravi Mehta'].map((name) => twin.indexOf(name));
    expect(order.every((position) => position >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(twin).not.toContain('Done Already');
  }
});

it('flags overdue leads and counts down the rest', () => {
  const email = digest([later, first, overdue]);
  expect(email.text.match(/OVERDUE/g)).toHaveLength(1);
  expectBoth(email, 'OVERDUE by 2 hours');
  expectBoth(email, 'Due in about 6 hours');
  expectBoth(email, 'Overdue (1)');
  expectBoth(email, 'Due next (2)');
  expectBoth(email, '3 leads are waiting for a reply, 1 of them overdue.');
});

it.each([
  [
    'claimed, with owner',
    first,
    [
      `${DUE_SHORT}:`,
      'Asha Rao · Acme Ltd · asha.rao@acme.example',
      'Free AI assessment request · owner: Sam Iyer · claimed by sam@nyarro.example, Thu 26 Nov, 10:00 IST',
    ],
  ],
  [
    'unclaimed, no owner',
    later,
    [
      'Thu 26 Nov, 16:30 IST:',
      'Ravi Mehta · Data Co · ravi@example.org',
      'Contact message · owner: no owner · not claimed',
    ],
  ],
])('shows each lead on a few lines: %s', (_case, lead, facts) => {
  const email = digest([lead]);
  for (const fact of facts) {
    expect(email.text).toContain(fact);
    expect(visible(email.html)).toContain(fact.replace(/:$/, ''));
  }
});

it('says so when nothing is waiting', () => {
  expectBoth(digest([]), 'No leads are waiting for a reply.');
});

describe('leads held back as possible spam', () => {
  const heldLead = (id: string, hour: number, reason: string | null = 'too-fast') => ({
    id,
    form: 'contact' as const,
    reason,
    receivedAt: at(`2026-11-25T${String(hour).padStart(2, '0')}:00:00Z`),
  });
  const held = {
    count: 7,
    newest: [heldLead('held_2', 20), heldLead('held_1', 10, 'honeypot')],
  };
  const withHeld = renderTeamDigest(
    'Enterprise sales',
    [first],
    SITE_URL,
    at('2026-11-26T03:30:00Z'),
    held,
  );

  it('counts them in the subject and under their own heading', () => {
    expect(withHeld.subject).toBe(
      `Open leads for Enterprise sales: 1, next due ${DUE_SHORT}; 7 held for review`,
    );
    expect(withHeld.text).toContain('Held for review (7)');
    expect(visible(withHeld.html)).toContain('Held for review (7)');
  });

  it('links each of the newest to its page in the sales desk, where it can be released', () => {
    for (const id of ['held_1', 'held_2']) {
      expect(withHeld.html).toContain(`href="${SITE_URL}/desk/leads/${id}/"`);
      expect(withHeld.text).toContain(`review or release (${SITE_URL}/desk/leads/${id}/)`);
    }
    expectBoth(
      withHeld,
      'Wed 25 Nov, 15:30 IST · Contact message · held because it filled in a field only bots see',
    );
    expectBoth(withHeld, 'And 5 older held leads, in the sales desk.');
    expect(withHeld.text).not.toMatch(/sig=|token=/);
  });

  it('goes out for a team with held leads and nothing open', () => {
    const email = renderTeamDigest('Sales', [], SITE_URL, at('2026-11-26T03:30:00Z'), {
      count: 1,
      newest: [heldLead('held_9', 9)],
    });
    expect(email.subject).toBe('Open leads for Sales: none; 1 held for review');
    expectBoth(email, 'held because it was sent faster than a person fills the form');
  });

  it('says nothing of held leads when there are none', () => {
    expect(digest([first]).text).not.toContain('Held for review');
  });
});

it("disarms a web address in a visitor's name or company", () => {
  const email = digest([openLead({ name: 'Go to https://x.example', company: 'y.example' })]);
  expect(email.text).toContain('Go to hxxps[://]x[.]example · y[.]example · asha.rao@acme.example');
  expect(email.html).not.toContain('x.example');
});

describe('a digest stays small at any volume and sends its readers to the desk', () => {
  const many = Array.from({ length: 25 }, (_, index) =>
    openLead({
      id: `lead_${String(index).padStart(2, '0')}`,
      email: `visitor${index}@example.org`,
      replyBy: at(`2026-11-26T1${index % 10}:00:00Z`),
    }),
  );

  it('lists a screenful of each section, then counts the rest and links the full view', () => {
    const email = digest(many);
    const listed = email.text.match(/visitor\d+@example\.org/g) ?? [];
    expect(listed).toHaveLength(10);
    expectBoth(email, 'And 15 more.');
    expect(email.html).toContain(`href="${SITE_URL}/desk/?team=enterprise"`);
    expect(email.subject).toBe(
      `Open leads for Enterprise sales: 25, next due Thu 26 Nov, 15:30 IST`,
    );
  });

  it('links each listed lead to its page in the desk, and carries no link that acts', () => {
    const email = digest([first, later]);
    expect(email.html).toContain(`href="${SITE_URL}/desk/leads/lead_01/"`);
    expect(email.html).toContain(`href="${SITE_URL}/desk/leads/lead_02/"`);
    expect(email.html).not.toMatch(/sig=|token=|\/leads\/action\//);
  });
});
