// The visitor's acknowledgement as the visitor reads it: thanks, what they sent, and when they will
// hear back, on their own clock, with none of our internal details.
import { describe, expect, it } from 'vitest';
import { ack, assessmentLead, contactLead, DUE, expectRow, SITE_URL, visible } from './helpers';

describe('subject', () => {
  it.each([
    ['assessment', assessmentLead(), 'We have your request, Asha Rao'],
    ['contact', contactLead(), 'We have your message, Ravi Mehta'],
  ])('%s: %j', (_case, lead, subject) => {
    expect(ack(lead).subject).toBe(subject);
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

describe('what the visitor sent', () => {
  it('a contact message keeps its line breaks', () => {
    const text = 'First line\nSecond line\n\nAfter a blank line';
    const email = ack(contactLead({ message: text }));
    expect(email.html).toContain('First line<br>Second line<br><br>After a blank line');
    expect(email.text).toContain(`:\n${text}\n`);
  });

  it('the contact topic, as a label', () => {
    expectRow(ack(contactLead({ topic: 'other' })), 'Topic', 'Something else');
  });

  it('company, stage and timeline of an assessment, as labels', () => {
    const email = ack(assessmentLead({ stage: 'idea', timeline: 'exploring' }));
    expectRow(email, 'Company', 'Acme Ltd');
    expectRow(email, 'Where your AI work stands', 'An idea we want to explore');
    expectRow(email, 'When you would like to start', 'Just exploring for now');
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
      expect(body).toContain(`Thank you, ${lead.fields.name}`);
      expect(body).toContain(next);
      expect(body).toContain('reply to this email');
      expect(body).toContain('The Nyarro Technologies team');
      expect(body).toContain('Mansarovar, Jaipur, India');
    }
    expect(email.html).toContain(`href="${SITE_URL}/privacy/"`);
    expect(email.text).toContain(`privacy notice (${SITE_URL}/privacy/)`);
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
