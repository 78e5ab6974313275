// The follow-up emails as their readers see them: the owner reminded before the deadline, the team
// lead told when it has passed, and each team's daily list of leads still waiting for a reply.
import { describe, expect, it } from 'vitest';
import { renderEscalation } from '../../functions/email/templates/escalation';
import { escapeHtml } from '../../functions/email/templates/escape';
import type { LeadEvent } from '../../functions/audit/trail';
import { duration, type OwnerLinks } from '../../functions/email/templates/lead-facts';
import type { RenderedEmail } from '../../functions/email/templates/layout';
import { renderOwnerReminder } from '../../functions/email/templates/owner-reminder';
import { renderTeamDigest } from '../../functions/email/templates/team-digest';
import type { OpenLead } from '../../src/lib/leads/lead';
import { expectRow, NAMES_THAT_BREAK_LINES, OUR_TAGS, visible } from './reading-emails';

const SITE_URL = 'https://nyarro.example.com';
const DUE = 'Thursday 26 November 2026, 14:30 IST';
const DUE_SHORT = 'Thu 26 Nov, 14:30 IST';
const at = (iso: string) => new Date(iso);

const LINKS: OwnerLinks = {
  claim: `${SITE_URL}/follow-up/claim?lead=lead_01&token=c1`,
  replied: `${SITE_URL}/follow-up/replied?lead=lead_01&token=r1`,
};

function openLead(extras: Partial<OpenLead> = {}): OpenLead {
  return {
    id: 'lead_01',
    form: 'assessment',
    name: 'Asha Rao',
    email: 'asha.rao@acme.example',
    company: 'Acme Ltd',
    team: 'enterprise',
    teamName: 'Enterprise sales',
    ownerName: 'Sam Iyer',
    ownerEmail: 'sam@nyarro.example',
    receivedAt: at('2026-11-25T09:00:00Z'),
    replyBy: at('2026-11-26T09:00:00Z'),
    claimedAt: null,
    claimedBy: null,
    repliedAt: null,
    repliedBy: null,
    visitorTimeZone: null,
    ...extras,
  };
}

const claimed = { claimedAt: at('2026-11-26T04:30:00Z'), claimedBy: 'sam@nyarro.example' };

const remind = (lead: OpenLead, now = at('2026-11-26T05:00:00Z')) =>
  renderOwnerReminder(lead, LINKS, SITE_URL, now);
const escalate = (lead: OpenLead, events: LeadEvent[] = [], now = at('2026-11-26T12:00:00Z')) =>
  renderEscalation(lead, events, SITE_URL, now);
const digest = (leads: OpenLead[], now = at('2026-11-26T03:30:00Z'), team = 'Enterprise sales') =>
  renderTeamDigest(team, leads, SITE_URL, now);

/** The same sentence, in both twins (a link's closing tag leaves no gap before punctuation). */
function expectBoth(email: RenderedEmail, fact: string) {
  expect(email.text.replace(/\s+/g, ' ')).toContain(fact);
  expect(visible(email.html).replace(/ ([.,:)])/g, '$1')).toContain(fact);
}

describe('durations read as people say them', () => {
  it.each([
    [20_000, 'less than a minute'],
    [60_000, '1 minute'],
    [45 * 60_000, '45 minutes'],
    [60 * 60_000, '1 hour'],
    [80 * 60_000, '1 hour 20 minutes'],
    [4 * 3_600_000, '4 hours'],
    [(3 * 60 + 50) * 60_000, 'about 4 hours'],
    [(26 * 60 + 10) * 60_000, 'about 26 hours'],
    [50 * 3_600_000, '2 days 2 hours'],
    [72 * 3_600_000, '3 days'],
    [-20 * 60_000, '20 minutes'],
  ])('%i ms is %j', (ms, words) => {
    expect(duration(ms)).toBe(words);
  });
});

describe('owner reminder', () => {
  it.each([
    ['with company', openLead(), `Reminder: reply to Asha Rao (Acme Ltd) by ${DUE_SHORT}`],
    [
      'without company',
      openLead({ form: 'contact', name: 'Ravi Mehta', company: null }),
      `Reminder: reply to Ravi Mehta by ${DUE_SHORT}`,
    ],
  ])('subject, %s', (_case, lead, subject) => {
    expect(remind(lead).subject).toBe(subject);
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

  it('says so in the subject when the deadline has already passed', () => {
    expect(remind(openLead(), at('2026-11-26T09:20:00Z')).subject).toBe(
      `Reminder: reply to Asha Rao (Acme Ltd), overdue since ${DUE_SHORT}`,
    );
  });

  it('offers both links while nobody has claimed the lead', () => {
    const email = remind(openLead());
    expect(email.html).toContain(`href="${escapeHtml(LINKS.claim)}"`);
    expect(email.html).toContain(`href="${escapeHtml(LINKS.replied)}"`);
    expect(email.text).toContain(`I'm on it (${LINKS.claim})`);
    expect(email.text).toContain(`I have replied (${LINKS.replied})`);
    expectRow(email, 'Claimed', 'Not yet: nobody has said they are on it');
  });

  it('offers only "I have replied" once the lead is claimed, and says by whom', () => {
    const email = remind(openLead(claimed));
    expect(email.html).not.toContain(escapeHtml(LINKS.claim));
    expect(email.text).not.toContain("I'm on it");
    expect(email.text).toContain(`I have replied (${LINKS.replied})`);
    expectRow(
      email,
      'Claimed',
      'Yes, by sam@nyarro.example on Thursday 26 November 2026, 10:00 IST',
    );
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
});

describe('escalation', () => {
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

  it.each([
    ['with company', openLead(), `Overdue: Asha Rao (Acme Ltd) was due ${DUE_SHORT}`],
    ['without company', openLead({ company: null }), `Overdue: Asha Rao was due ${DUE_SHORT}`],
  ])('subject, %s', (_case, lead, subject) => {
    expect(escalate(lead).subject).toBe(subject);
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
});

describe('team digest', () => {
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
});

describe('every value from a visitor, a staff member or the store is escaped', () => {
  const payloads = [
    '<script>alert(1)</script>',
    '"><img src=x onerror=alert(1)>',
    "' onmouseover='alert(1)",
    'Tom &amp; Jerry',
  ];
  type Which = 'reminder' | 'escalation' | 'digest';
  const all: Which[] = ['reminder', 'escalation', 'digest'];

  // [field of the lead, the emails that show it]
  const fields: [keyof OpenLead, Which[]][] = [
    ['name', all],
    ['company', all],
    ['email', all],
    ['claimedBy', all],
    ['ownerName', ['escalation', 'digest']],
    ['teamName', ['escalation']],
  ];

  function expectEscaped(email: RenderedEmail, payload: string, shown: boolean) {
    expect(email.html).not.toContain(payload);
    expect(email.text).not.toMatch(OUR_TAGS);
    expect(email.text).not.toContain('&lt;');
    if (shown) {
      expect(email.html).toContain(escapeHtml(payload));
      expect(email.text).toContain(payload);
    }
  }

  describe.each(payloads)('payload %j', (payload) => {
    it.each(fields)("in the lead's %s", (field, shownIn) => {
      const lead = openLead({ ...claimed, [field]: payload });
      const emails: Record<Which, RenderedEmail> = {
        reminder: remind(lead),
        escalation: escalate(lead),
        digest: digest([lead]),
      };
      for (const which of all) expectEscaped(emails[which], payload, shownIn.includes(which));
    });

    it("in an event's actor and detail", () => {
      const event: LeadEvent = {
        type: 'claimed',
        actor: payload,
        at: at('2026-11-26T04:30:00Z'),
        detail: payload,
      };
      expectEscaped(escalate(openLead(), [event]), payload, true);
    });

    it('in the team name of a digest', () => {
      expectEscaped(digest([openLead()], undefined, payload), payload, true);
    });
  });

  it('the HTML carries no scripts, images or styles from outside', () => {
    for (const email of [remind(openLead()), escalate(openLead()), digest([openLead()])]) {
      expect(email.html).toMatch(/^<!doctype html>/);
      expect(email.html).toMatch(/<html lang="en">/);
      expect(email.html).not.toMatch(/<script|<img|<link|<style|src=/i);
    }
  });
});

describe('subjects stay on one line', () => {
  it.each(NAMES_THAT_BREAK_LINES)('when a name holds %s', (_case, name) => {
    const lead = openLead({ name, company: 'Acme\r\nLtd' });
    for (const [email, expected] of [
      [remind(lead), 'Asha'],
      [escalate(lead), 'Asha'],
      [digest([lead], undefined, `Team\r\n${name}`), 'Asha'],
    ] as const) {
      expect(email.subject).not.toMatch(/[\u0000-\u001f\u007f\u2028\u2029]/);
      expect(email.subject).toContain(expected);
    }
  });

  it('keeps a long subject short without losing the deadline', () => {
    const lead = openLead({ name: 'N'.repeat(100), company: 'C'.repeat(150) });
    for (const email of [remind(lead), escalate(lead)]) {
      expect(Array.from(email.subject).length).toBeLessThanOrEqual(150);
      expect(email.subject).toMatch(new RegExp(`… ?(?:by|was due) ${DUE_SHORT}$`));
    }
  });
});
