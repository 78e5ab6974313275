// The escalation, sent to the team lead when a lead's deadline has passed with no reply: how late,
// who owns it, and everything that has happened to it so far.
import { describe, expect, it } from 'vitest';
import type { LeadEvent } from '../../../functions/audit/trail';
import {
  at,
  claimed,
  DUE,
  DUE_SHORT,
  DESK_LEAD,
  escalate,
  expectBoth,
  expectRow,
  openLead,
  visible,
} from './helpers';

const events: LeadEvent[] = [
  { type: 'received', actor: 'visitor', at: at('2026-11-25T09:00:00Z'), detail: null },
  {
    type: 'emailed',
    actor: 'sweep',
    at: at('2026-11-25T09:00:05Z'),
    detail: 'sales notification',
  },
  { type: 'claimed', actor: 'sam@nyarro.example', at: at('2026-11-26T04:30:00Z'), detail: null },
  { type: 'reminded', actor: 'sweep', at: at('2026-11-26T05:00:00Z'), detail: 'owner reminder' },
  { type: 'escalated', actor: 'sweep', at: at('2026-11-26T12:00:00Z'), detail: null },
];
const lines = [
  'Wednesday 25 November 2026, 14:30 IST — Form received — by the visitor',
  'Wednesday 25 November 2026, 14:30 IST — Email sent — by the follow-up sweep (sales notification)',
  'Thursday 26 November 2026, 10:00 IST — Claimed — by sam@nyarro.example',
  'Thursday 26 November 2026, 10:30 IST — Reminder sent — by the follow-up sweep (owner reminder)',
  'Thursday 26 November 2026, 17:30 IST — Escalated — by the follow-up sweep',
];

describe('subject', () => {
  it.each([
    ['with company', openLead(), `Overdue: Asha Rao (Acme Ltd) was due ${DUE_SHORT}`],
    ['without company', openLead({ company: null }), `Overdue: Asha Rao was due ${DUE_SHORT}`],
  ])('%s', (_case, lead, subject) => {
    expect(escalate(lead).subject).toBe(subject);
  });
});

it.each([
  ['2026-11-26T09:05:00Z', 'overdue by 5 minutes'],
  ['2026-11-26T12:00:00Z', 'overdue by 3 hours'],
  ['2026-11-26T12:25:00Z', 'overdue by about 3 hours'],
  ['2026-11-28T11:00:00Z', 'overdue by 2 days 2 hours'],
])('at %s it says %j', (now, words) => {
  expectBoth(escalate(openLead(), [], at(now)), `Asha Rao is waiting: ${words}`);
});

it('lists every event, oldest first, even when given out of order', () => {
  const email = escalate(openLead(claimed), [...events].reverse());
  const positions = lines.map((line) => email.text.indexOf(line));
  expect(positions.every((position) => position >= 0)).toBe(true);
  expect(positions).toEqual([...positions].sort((a, b) => a - b));
  expect(visible(email.html)).toContain(lines.join(' '));
});

it.each([
  ['replied', 'Marked as replied'],
  ['quarantined', 'Held back for review'],
  ['erased', 'Personal details erased'],
] as const)('words a %s event for people', (type, words) => {
  const email = escalate(openLead(), [
    { type, actor: 'operator', at: at('2026-11-26T06:00:00Z'), detail: null },
  ]);
  expectBoth(email, `Thursday 26 November 2026, 11:30 IST — ${words} — by an operator`);
});

it('gives the lead, its team, its owner and the ask', () => {
  const email = escalate(openLead(claimed), events);
  for (const [label, value] of [
    ['Name', 'Asha Rao'],
    ['Company', 'Acme Ltd'],
    ['Email', 'asha.rao@acme.example'],
    ['Form', 'Free AI assessment request'],
    ['Received', 'Wednesday 25 November 2026, 14:30 IST'],
    ['Reply by', DUE],
    ['Team', 'Enterprise sales'],
    ['Owner', 'Sam Iyer (sam@nyarro.example)'],
    ['Claimed', 'Yes, by sam@nyarro.example on Thursday 26 November 2026, 10:00 IST'],
  ] as const) {
    expectRow(email, label, value);
  }
  expectBoth(email, 'Please make sure they get an answer today: write to asha.rao@acme.example');
  expect(email.html).toContain('href="mailto:asha.rao@acme.example"');
});

it('says so when nobody owns or has claimed the lead', () => {
  const email = escalate(openLead({ ownerName: null, ownerEmail: null }));
  expectRow(email, 'Owner', 'No owner');
  expectRow(email, 'Claimed', 'Not yet: nobody has said they are on it');
  expectBoth(email, 'Nothing recorded yet.');
});

it('sends the team lead to the lead in the desk, where it can be reassigned', () => {
  const email = escalate(openLead());
  expect(email.html).toContain(`href="${DESK_LEAD}"`);
  expectBoth(email, 'reassign it, or record the reply there');
  expect(email.html).not.toMatch(/sig=|token=|\/leads\/action\//);
});
