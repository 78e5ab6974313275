// The sales notification as the sales team reads it: they must answer in time, with everything
// needed to reply in front of them.
import { describe, expect, it } from 'vitest';
import { renderSalesNotification } from '../../../functions/email/templates/sales-notification';
import { CONSENT } from '../../../src/lib/leads/consent';
import { assessmentLead, contactLead, DUE, expectRow, sales, SITE_URL, visible } from './helpers';

describe('subject', () => {
  it.each([
    [
      'assessment',
      assessmentLead(),
      'Assessment request: Asha Rao, Acme Ltd. Reply by Thu 26 Nov, 14:30 IST',
    ],
    [
      'contact without company',
      contactLead(),
      'Contact message: Ravi Mehta. Reply by Thu 26 Nov, 14:30 IST',
    ],
    [
      'contact with company',
      contactLead({ company: 'Data Co' }),
      'Contact message: Ravi Mehta, Data Co. Reply by Thu 26 Nov, 14:30 IST',
    ],
  ])('%s: %j', (_case, lead, subject) => {
    expect(sales(lead).subject).toBe(subject);
  });
});

describe('reply-by times', () => {
  it.each([
    ['Europe/London', 'Thursday 26 November 2026, 09:00 GMT'],
    ['America/New_York', 'Thursday 26 November 2026, 04:00 GMT-5'],
  ])('gives the time of a visitor in %s on their own clock', (visitorTimeZone, local) => {
    for (const lead of [
      assessmentLead({}, { visitorTimeZone }),
      contactLead({}, { visitorTimeZone }),
    ]) {
      expect(sales(lead).text).toContain(`For the visitor (${visitorTimeZone}) that is ${local}.`);
    }
  });

  it.each([
    ['unknown', undefined],
    ['in India', 'Asia/Kolkata'],
    ['on the same clock as India', 'Asia/Colombo'],
    ['given as a zone the runtime does not know', 'Mars/Olympus_Mons'],
  ])('gives no second clock for a visitor whose zone is %s', (_case, visitorTimeZone) => {
    expect(sales(assessmentLead({}, { visitorTimeZone })).text).not.toContain('For the visitor');
  });

  it('heads the email with the deadline in IST', () => {
    const email = sales(assessmentLead());
    expect(email.text.split('\n')[0]).toBe(`Assessment request: reply by ${DUE}`);
    expect(email.html).toMatch(
      new RegExp(`<h1[^>]*>\\s*Assessment request: reply by ${DUE}\\s*</h1>`),
    );
  });
});

describe('multi-line text keeps its line breaks', () => {
  const text = 'First line\nSecond line\n\nAfter a blank line';

  it.each([
    ['assessment goals', () => sales(assessmentLead({ goals: text }))],
    ['contact message', () => sales(contactLead({ message: text }))],
  ])('%s', (_case, render) => {
    const email = render();
    expect(email.html).toContain('First line<br>Second line<br><br>After a blank line');
    expect(email.text).toContain(`:\n${text}\n`);
  });
});

describe('choices read as labels, not stored values', () => {
  it.each([
    ['Company size', { companySize: '5000+' }, '5,000 people or more', '5000+'],
    ['Company size', { companySize: '1-49' }, '1–49 people', '1-49'],
    [
      'Industry',
      { industry: 'financial-services' },
      'Banking, insurance and financial services',
      'financial-services',
    ],
    [
      'AI work today',
      { stage: 'pilot-stuck' },
      'A pilot that works but has not reached production',
      'pilot-stuck',
    ],
    ['Timeline', { timeline: 'half-year' }, 'Within six months', 'half-year'],
    ['Country or region', { region: 'north-america' }, 'North America', 'north-america'],
  ] as const)('%s %j', (label, fields, shown, stored) => {
    const email = sales(assessmentLead(fields));
    expectRow(email, label, shown);
    expect(email.text).not.toContain(`: ${stored}\n`);
  });

  it('the contact topic', () => {
    expectRow(sales(contactLead({ topic: 'press' })), 'Topic', 'Press');
  });
});

describe('everything needed to reply', () => {
  it.each([
    ['Role', assessmentLead()],
    ['Phone', assessmentLead()],
    ['Company', contactLead()],
  ])('a missing %s shows as "Not given"', (label, lead) => {
    expectRow(sales(lead), label, 'Not given');
  });

  it('shows given optional fields', () => {
    const email = sales(assessmentLead({ role: 'Head of Data', phone: '+91 141 555 0100' }));
    expectRow(email, 'Role', 'Head of Data');
    expectRow(email, 'Phone', '+91 141 555 0100');
  });

  it('links the page and the referring page, and lists each UTM value', () => {
    const email = sales(assessmentLead());
    expect(email.html).toContain(`href="${SITE_URL}/assessment/"`);
    expect(email.html).toContain(`href="${SITE_URL}/blog/why-ai-pilots-fail/"`);
    expectRow(email, 'Sent from page', `${SITE_URL}/assessment/`);
    expectRow(email, 'Referring page', `${SITE_URL}/blog/why-ai-pilots-fail/`);
    expectRow(email, 'utm_source', 'linkedin');
    expectRow(email, 'utm_medium', 'social');
    expectRow(email, 'utm_campaign', 'pilot-to-production');
    expect(email.text).not.toContain('utm_term');
  });

  it('says so when the lead came with no page, referrer or UTM values', () => {
    const email = sales(contactLead({}, { attribution: { utm: {} } }));
    expectRow(email, 'Sent from page', 'Not given');
    expectRow(email, 'Referring page', 'Not given');
    expectRow(email, 'UTM parameters', 'None');
  });

  it('keeps links on our own host, with or without a trailing slash on the site URL', () => {
    const lead = assessmentLead({}, { attribution: { page: '//evil.example/x', utm: {} } });
    expect(renderSalesNotification(lead, `${SITE_URL}/`).html).toContain(
      `href="${SITE_URL}//evil.example/x"`,
    );
  });

  it('records the consent wording, its version and the marketing choice', () => {
    for (const [marketing, answer] of [
      [true, 'Yes'],
      [false, 'No'],
    ] as const) {
      const email = sales(assessmentLead({ marketing }));
      expectRow(email, 'Consent wording', `“${CONSENT.contact}”`);
      expectRow(email, 'Wording version', CONSENT.version);
      expectRow(email, 'Marketing updates', answer);
    }
    expect(sales(contactLead()).text).not.toContain('Marketing');
  });

  it('never pairs a lead with wording from another version', () => {
    const email = sales(contactLead({}, { consentVersion: '2025-01-01' }));
    expectRow(email, 'Wording version', '2025-01-01');
    expect(email.text).not.toContain(CONSENT.contact);
  });

  it('shows the route, the lead id and when it arrived', () => {
    const email = sales(assessmentLead());
    expectRow(email, 'Team', 'Enterprise sales');
    expectRow(email, 'Rule', 'enterprise-size');
    expectRow(email, 'Lead id', 'lead_01JTEST');
    expectRow(email, 'Received', 'Wednesday 25 November 2026, 14:30 IST');
  });

  it('tells sales to reply directly to the visitor, in our words only', () => {
    expect(sales(assessmentLead()).text).toContain(
      'Reply to this email to answer the visitor directly: replies go to asha.rao@acme.example.',
    );
  });
});

describe("the visitor's words are labelled theirs and never become links", () => {
  const url = 'https://pay.example/invoice';
  const disarmed = 'hxxps[://]pay[.]example/invoice';

  it('puts what they typed under a heading that says whose words they are', () => {
    for (const email of [sales(assessmentLead()), sales(contactLead())]) {
      expect(email.text).toMatch(/In their words \(typed by the visitor, not checked\)\n-+\n/);
      expect(visible(email.html)).toContain('In their words (typed by the visitor, not checked)');
    }
    const text = sales(contactLead()).text;
    const heading = text.indexOf('In their words');
    expect(text.indexOf('Message:')).toBeGreaterThan(heading);
    expect(text.indexOf('Name:')).toBeGreaterThan(heading);
  });

  it.each([
    ['name', contactLead({ name: `Ravi ${url}` })],
    ['company', contactLead({ company: url })],
    ['message', contactLead({ message: `Please pay at ${url} today.` })],
    ['goals', assessmentLead({ goals: `Read ${url} first.` })],
    ['role', assessmentLead({ role: url })],
    ['UTM value', assessmentLead({}, { attribution: { utm: { source: url, campaign: url } } })],
  ])('a web address in the %s is disarmed in both twins and the subject', (_field, lead) => {
    const email = sales(lead);
    expect(email.text).toContain(disarmed);
    expect(visible(email.html)).toContain(disarmed);
    for (const body of [email.subject, email.text, email.html]) {
      expect(body).not.toContain('pay.example');
    }
  });

  it('keeps the address they gave exact, to reply to', () => {
    expectRow(sales(assessmentLead()), 'Work email', 'asha.rao@acme.example');
  });
});

describe('the desk, not a capability', () => {
  it.each([
    ['an assessment request', assessmentLead()],
    ['a contact message', contactLead()],
  ])('%s links its lead in the desk and carries no link that acts by itself', (_case, lead) => {
    const email = sales(lead);
    const desk = `${SITE_URL}/desk/leads/${lead.id}/`;
    expect(email.html).toContain(`href="${desk}"`);
    expect(email.text).toContain(`Open the lead in the sales desk (${desk})`);
    // A salesperson's reply quotes this email to the visitor: nothing in it may act for them.
    expect(email.html).not.toMatch(/sig=|token=|\/leads\/action\//);
  });
});
