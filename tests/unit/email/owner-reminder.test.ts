// The owner's reminder, sent before the deadline of a lead nobody has replied to: how long is left,
// who the visitor is, and the links that tell us they are on it or have replied.
import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../../functions/email/templates/escape';
import {
  at,
  claimed,
  DUE,
  DUE_SHORT,
  expectBoth,
  expectRow,
  DESK_LEAD,
  openLead,
  remind,
} from './helpers';

describe('subject', () => {
  it.each([
    ['with company', openLead(), `Reminder: reply to Asha Rao (Acme Ltd) by ${DUE_SHORT}`],
    [
      'without company',
      openLead({ form: 'contact', name: 'Ravi Mehta', company: null }),
      `Reminder: reply to Ravi Mehta by ${DUE_SHORT}`,
    ],
  ])('%s', (_case, lead, subject) => {
    expect(remind(lead).subject).toBe(subject);
  });

  it('says so when the deadline has already passed', () => {
    expect(remind(openLead(), at('2026-11-26T09:20:00Z')).subject).toBe(
      `Reminder: reply to Asha Rao (Acme Ltd), overdue since ${DUE_SHORT}`,
    );
  });
});

it.each([
  ['2026-11-26T05:00:00Z', 'Reply to Asha Rao: 4 hours left'],
  ['2026-11-26T05:10:00Z', 'Reply to Asha Rao: about 4 hours left'],
  ['2026-11-26T07:40:00Z', 'Reply to Asha Rao: 1 hour 20 minutes left'],
  ['2026-11-26T08:15:00Z', 'Reply to Asha Rao: 45 minutes left'],
  ['2026-11-26T09:20:00Z', 'Reply to Asha Rao: overdue by 20 minutes'],
])('at %s it says %j', (now, headline) => {
  const email = remind(openLead(), at(now));
  expect(email.text.split('\n')[0]).toBe(headline);
  expect(email.html).toMatch(new RegExp(`<h1[^>]*>\\s*${headline}\\s*</h1>`));
});

it('sends the owner to the lead in the desk, with no link that acts by itself', () => {
  const email = remind(openLead());
  expect(email.html).toContain(`href="${escapeHtml(DESK_LEAD)}"`);
  expect(email.text).toContain(`Open the lead in the sales desk (${DESK_LEAD})`);
  expect(email.text).toMatch(/say there that you are on it/);
  // Nothing a quoted reply could hand the visitor: no token, no signature, no action address.
  expect(email.html).not.toMatch(/sig=|token=|\/leads\/action\//);
  expectRow(email, 'Claimed', 'Not yet: nobody has said they are on it');
});

it('once the lead is claimed, asks only for the reply to be recorded, and says by whom', () => {
  const email = remind(openLead(claimed));
  expect(email.text).not.toMatch(/say there that you are on it/);
  expect(email.text).toMatch(/record there that you have replied/);
  expectRow(email, 'Claimed', 'Yes, by sam@nyarro.example on Thursday 26 November 2026, 10:00 IST');
});

it.each([
  ['assessment', openLead(), 'Free AI assessment request'],
  ['contact', openLead({ form: 'contact' }), 'Contact message'],
])('names the visitor, the form (%s) and the reply-by time', (_case, lead, kind) => {
  const email = remind(lead);
  for (const [label, value] of [
    ['Name', 'Asha Rao'],
    ['Company', 'Acme Ltd'],
    ['Email', 'asha.rao@acme.example'],
    ['Form', kind],
    ['Received', 'Wednesday 25 November 2026, 14:30 IST'],
    ['Reply by', DUE],
  ] as const) {
    expectRow(email, label, value);
  }
  expectBoth(email, `We promised Asha Rao an answer by ${DUE}: 4 hours from now.`);
  expectBoth(
    email,
    'The goal is a reply to the visitor themselves: write to asha.rao@acme.example.',
  );
  expect(email.html).toContain('href="mailto:asha.rao@acme.example"');
});

it("adds the visitor's own clock when their zone is known", () => {
  const email = remind(openLead({ visitorTimeZone: 'Europe/London' }));
  expectBoth(
    email,
    'For the visitor (Europe/London) that is Thursday 26 November 2026, 09:00 GMT.',
  );
});
