// Each team's daily digest: the leads still waiting for a reply, overdue first, then by deadline.
import { expect, it } from 'vitest';
import { at, claimed, digest, DUE_SHORT, expectBoth, openLead, visible } from './helpers';

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
