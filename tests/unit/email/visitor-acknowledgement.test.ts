// The visitor's acknowledgement as the visitor reads it: thanks, what we received, and when they
// will hear back, on their own clock, with none of our internal details. Anyone can type anyone's
// address into our forms, so it must carry no one's words but ours: no message, no name, nothing
// typed in the subject, and the one typed value it shows (the company) never as a link.
import { describe, expect, it } from 'vitest';
import { renderVisitorAcknowledgement } from '../../../functions/email/templates/visitor-acknowledgement';
import { ack, assessmentLead, contactLead, DUE, expectRow, SITE_URL, visible } from './helpers';

describe('subject', () => {
  it.each([
    [
      'assessment',
      assessmentLead(),
      'Your request to Nyarro Technologies: we reply within 24 hours',
    ],
    ['contact', contactLead(), 'Your message to Nyarro Technologies: we reply within 24 hours'],
  ])('%s: our words only', (_case, lead, subject) => {
    expect(ack(lead).subject).toBe(subject);
  });

  it('holds nothing the visitor typed, whatever they typed', () => {
    const name = 'Your invoice is overdue: pay at https://pay.example';
    for (const lead of [
      assessmentLead({ name, company: name }),
      contactLead({ name, company: name }),
    ]) {
      expect(ack(lead).subject).not.toMatch(/invoice|pay|Asha|Ravi/i);
    }
  });

  it('keeps deadline jargon out of what the visitor reads first', () => {
    expect(ack(assessmentLead()).subject).not.toMatch(/reply by|deadline|IST/i);
  });
});

describe('reply-by times', () => {
  it.each([
    ['Europe/London', 'Thursday 26 November 2026, 09:00 GMT'],
    ['America/New_York', 'Thursday 26 November 2026, 04:00 GMT-5'],
  ])('a visitor in %s reads their own time, and IST beside it', (visitorTimeZone, local) => {
    for (const lead of [
      assessmentLead({}, { visitorTimeZone }),
      contactLead({}, { visitorTimeZone }),
    ]) {
      const email = ack(lead);
      expect(email.text).toContain(`will reply by ${local} (${DUE}).`);
      expect(visible(email.html)).toContain(`will reply by ${local} (${DUE}).`);
      expectRow(email, 'Reply by', `${local} (${DUE})`);
    }
  });

  it.each([
    ['unknown', undefined],
    ['in India', 'Asia/Kolkata'],
    ['on the same clock as India', 'Asia/Colombo'],
    ['given as a zone the runtime does not know', 'Mars/Olympus_Mons'],
  ])('a visitor whose zone is %s reads IST once', (_case, visitorTimeZone) => {
    expect(ack(assessmentLead({}, { visitorTimeZone })).text).toContain(`will reply by ${DUE}.`);
  });
});

describe('what we received, in our words', () => {
  it('names the form, and when it arrived', () => {
    expectRow(ack(assessmentLead()), 'Form', 'Free AI assessment request');
    expectRow(ack(contactLead()), 'Form', 'Contact message');
    expectRow(ack(contactLead()), 'Received', 'Wednesday 25 November 2026, 14:30 IST');
  });

  it('the contact topic, as a label', () => {
    expectRow(ack(contactLead({ topic: 'other' })), 'Topic', 'Something else');
  });

  it('company, stage and timeline of an assessment, as labels', () => {
    const email = ack(assessmentLead({ stage: 'idea', timeline: 'exploring' }));
    expectRow(email, 'Company, as you typed it', 'Acme Ltd');
    expectRow(email, 'Where your AI work stands', 'An idea we want to explore');
    expectRow(email, 'When you would like to start', 'Just exploring for now');
  });

  it.each([
    ['message', contactLead({ message: 'Urgent: your account is locked, call +1 800 555 0100' })],
    ['goals', assessmentLead({ goals: 'Urgent: your account is locked, call +1 800 555 0100' })],
    ['name', contactLead({ name: 'Urgent: your account is locked, call +1 800 555 0100' })],
    ['role', assessmentLead({ role: 'Urgent: your account is locked, call +1 800 555 0100' })],
    ['phone', assessmentLead({ phone: '+1 800 555 0100' })],
  ])('repeats no %s the visitor typed', (_field, lead) => {
    const email = ack(lead);
    for (const body of [email.subject, email.text, email.html]) {
      expect(body).not.toContain('account is locked');
      expect(body).not.toContain('800 555 0100');
    }
  });

  it('shows a company that is a web address disarmed, never as a link', () => {
    const email = ack(assessmentLead({ company: 'https://pay-now.example/invoice' }));
    expectRow(email, 'Company, as you typed it', 'hxxps[://]pay-now[.]example/invoice');
    expect(email.html).not.toContain('pay-now.example');
    expect(email.text).not.toContain('https://pay-now');
    expect(email.html).not.toMatch(/href="[^"]*pay-now/);
  });

  it('cuts a long company short, so it cannot carry a message', () => {
    const email = ack(assessmentLead({ company: `Acme ${'very '.repeat(30)}long` }));
    expect(email.text).toMatch(/Company, as you typed it: Acme (very ){10,11}.{0,5}…\n/);
  });
});

describe('the acknowledgement', () => {
  it.each([
    [
      'assessment',
      assessmentLead(),
      'A member of our team answers within 24 hours to arrange your assessment.',
    ],
    ['contact', contactLead(), 'A member of our team replies within 24 hours.'],
  ])('%s: thanks them and says what happens next', (_case, lead, next) => {
    const email = ack(lead);
    for (const body of [email.text, visible(email.html)]) {
      expect(body).toContain('Thank you for');
      expect(body).toContain(next);
      expect(body).toContain('reply to this email');
      expect(body).toContain('The Nyarro Technologies team');
      expect(body).toContain('Mansarovar, Jaipur, India');
    }
    expect(email.html).toContain(`href="${SITE_URL}/privacy/"`);
    expect(email.text).toContain(`privacy notice (${SITE_URL}/privacy/)`);
  });

  it('carries the link that withdraws consent', () => {
    const link = `${SITE_URL}/privacy/withdraw/?t=abc.def`;
    const email = renderVisitorAcknowledgement(contactLead(), SITE_URL, { withdrawHref: link });
    expect(email.html).toContain(`href="${link}"`);
    expect(email.text).toContain(`Withdraw your consent (${link})`);
  });

  it('shows the visitor none of our internal details', () => {
    const email = ack(assessmentLead());
    for (const internal of [
      'Enterprise sales',
      'enterprise-size',
      'lead_01JTEST',
      'linkedin',
      'enterprise@example.com',
    ]) {
      expect(email.html).not.toContain(internal);
      expect(email.text).not.toContain(internal);
    }
  });
});
