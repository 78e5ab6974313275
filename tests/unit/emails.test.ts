// The two lead emails as their readers see them: the sales team, who must answer in time with
// everything in front of them, and the visitor, who must learn when they will hear back.
import { describe, expect, it } from 'vitest';
import { escapeHtml, html, raw, withBreaks } from '../../functions/email/templates/escape';
import { renderSalesNotification } from '../../functions/email/templates/sales-notification';
import { renderVisitorAcknowledgement } from '../../functions/email/templates/visitor-acknowledgement';
import type { Lead } from '../../src/lib/leads/lead';
import { CONSENT } from '../../src/lib/leads/consent';
import { replyByFor } from '../../src/lib/leads/reply-time';
import { assessmentSchema, contactSchema } from '../../src/lib/leads/schemas';
import { expectRow, NAMES_THAT_BREAK_LINES, OUR_TAGS, visible } from './reading-emails';

type AssessmentLead = Extract<Lead, { form: 'assessment' }>;
type ContactLead = Extract<Lead, { form: 'contact' }>;
type LeadExtras = Partial<Omit<AssessmentLead, 'form' | 'fields'>>;

const SITE_URL = 'https://nyarro.example.com';
const receivedAt = new Date('2026-11-25T09:00:00Z');

const base = {
  id: 'lead_01JTEST',
  receivedAt,
  replyBy: replyByFor(receivedAt),
  attribution: {
    page: '/assessment/',
    referrer: '/blog/why-ai-pilots-fail/',
    utm: { source: 'linkedin', medium: 'social', campaign: 'pilot-to-production' },
  },
  consentVersion: CONSENT.version,
  route: {
    rule: 'enterprise-size',
    team: 'enterprise',
    teamName: 'Enterprise sales',
    to: ['enterprise@example.com'],
  },
};

// Sample fields go through the real schemas, so they are what the pipeline would really hold.
const assessmentFields = assessmentSchema.parse({
  name: 'Asha Rao',
  email: 'asha.rao@acme.example',
  company: 'Acme Ltd',
  companySize: '5000+',
  industry: 'financial-services',
  stage: 'pilot-stuck',
  goals: 'Move our fraud model out of the pilot.\nGet an audit trail regulators accept.',
  timeline: 'quarter',
  region: 'india',
  consent: 'on',
  consentVersion: CONSENT.version,
});

const contactFields = contactSchema.parse({
  name: 'Ravi Mehta',
  email: 'ravi@example.org',
  topic: 'partnership',
  message: 'We run a data platform team.\nCould we talk about working together?',
  consent: 'on',
  consentVersion: CONSENT.version,
});

function assessmentLead(
  fields: Partial<AssessmentLead['fields']> = {},
  extras: LeadExtras = {},
): AssessmentLead {
  return { ...base, ...extras, form: 'assessment', fields: { ...assessmentFields, ...fields } };
}

function contactLead(
  fields: Partial<ContactLead['fields']> = {},
  extras: LeadExtras = {},
): ContactLead {
  return { ...base, ...extras, form: 'contact', fields: { ...contactFields, ...fields } };
}

const sales = (lead: Lead) => renderSalesNotification(lead, SITE_URL);
const ack = (lead: Lead) => renderVisitorAcknowledgement(lead, SITE_URL);

describe('escapeHtml and the html template', () => {
  it.each([
    ['<script>', '&lt;script&gt;'],
    ['"quoted"', '&quot;quoted&quot;'],
    ["O'Brien", 'O&#39;Brien'],
    ['Tom & Jerry', 'Tom &amp; Jerry'],
    ['&amp;', '&amp;amp;'],
    ['plain', 'plain'],
  ])('escapes %j as %j', (input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });

  it('escapes every interpolated value unless it is our own fragment', () => {
    const value = '<b>"x"</b>';
    expect(html`<p title="${value}">${value}${raw('<br>')}${[value, 1]}</p>`.markup).toBe(
      '<p title="&lt;b&gt;&quot;x&quot;&lt;/b&gt;">&lt;b&gt;&quot;x&quot;&lt;/b&gt;<br>&lt;b&gt;&quot;x&quot;&lt;/b&gt;1</p>',
    );
  });

  it('turns line breaks into <br> only after escaping', () => {
    expect(withBreaks('a<br>\nb\r\nc').markup).toBe('a&lt;br&gt;<br>b<br>c');
  });
});

describe('subjects', () => {
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
  ])('sales, %s: %j', (_case, lead, subject) => {
    expect(sales(lead).subject).toBe(subject);
  });

  it.each([
    ['assessment', assessmentLead(), 'We have your request, Asha Rao'],
    ['contact', contactLead(), 'We have your message, Ravi Mehta'],
  ])('visitor, %s: %j', (_case, lead, subject) => {
    expect(ack(lead).subject).toBe(subject);
  });

  it('keeps the sales subject short without losing the deadline', () => {
    const subject = sales(
      assessmentLead({ name: 'N'.repeat(100), company: 'C'.repeat(150) }),
    ).subject;
    expect(Array.from(subject).length).toBeLessThanOrEqual(150);
    expect(subject).toMatch(/^Assessment request: N+/);
    expect(subject).toMatch(/…\. Reply by Thu 26 Nov, 14:30 IST$/);
  });

  it.each(NAMES_THAT_BREAK_LINES)('stay on one line when a name holds %s', (_case, name) => {
    for (const lead of [assessmentLead({ name }), contactLead({ name, company: 'Data\r\nCo' })]) {
      for (const email of [sales(lead), ack(lead)]) {
        expect(email.subject).not.toMatch(/[\u0000-\u001f\u007f\u2028\u2029]/);
        expect(email.subject).toContain('Asha');
      }
    }
  });
});

describe('reply-by times', () => {
  const IST = 'Thursday 26 November 2026, 14:30 IST';

  it.each([
    ['Europe/London', 'Thursday 26 November 2026, 09:00 GMT'],
    ['America/New_York', 'Thursday 26 November 2026, 04:00 GMT-5'],
  ])('a visitor in %s reads their own time, and IST beside it', (visitorTimeZone, local) => {
    for (const lead of [
      assessmentLead({}, { visitorTimeZone }),
      contactLead({}, { visitorTimeZone }),
    ]) {
      const email = ack(lead);
      expect(email.text).toContain(`will reply by ${local} (${IST}).`);
      expect(visible(email.html)).toContain(`will reply by ${local} (${IST}).`);
      expect(sales(lead).text).toContain(`For the visitor (${visitorTimeZone}) that is ${local}.`);
    }
  });

  it.each([
    ['unknown', undefined],
    ['in India', 'Asia/Kolkata'],
    ['on the same clock as India', 'Asia/Colombo'],
    ['given as a zone the runtime does not know', 'Mars/Olympus_Mons'],
  ])('a visitor whose zone is %s reads IST once', (_case, visitorTimeZone) => {
    const lead = assessmentLead({}, { visitorTimeZone });
    expect(ack(lead).text).toContain(`will reply by ${IST}.`);
    expect(sales(lead).text).not.toContain('For the visitor');
  });

  it('heads the sales email with the deadline in IST', () => {
    const email = sales(assessmentLead());
    expect(email.text.split('\n')[0]).toBe(`Assessment request: reply by ${IST}`);
    expect(email.html).toMatch(
      new RegExp(`<h1[^>]*>\\s*Assessment request: reply by ${IST}\\s*</h1>`),
    );
  });

  it('keeps deadline jargon out of what the visitor reads first', () => {
    expect(ack(assessmentLead()).subject).not.toMatch(/reply by|deadline|IST/i);
  });
});

describe('every value the visitor typed is escaped', () => {
  const payloads = [
    '<script>alert(1)</script>',
    '"><img src=x onerror=alert(1)>',
    "' onmouseover='alert(1)",
    'Tom &amp; Jerry',
  ];

  // [form, field, shown in the visitor's acknowledgement too]
  const fields = [
    ['assessment', 'name', true],
    ['assessment', 'email', false],
    ['assessment', 'company', true],
    ['assessment', 'role', false],
    ['assessment', 'goals', false],
    ['assessment', 'phone', false],
    ['contact', 'name', true],
    ['contact', 'email', false],
    ['contact', 'company', false],
    ['contact', 'message', true],
  ] as const;

  describe.each(payloads)('payload %j', (payload) => {
    it.each(fields)('%s %s', (form, field, inAck) => {
      const lead =
        form === 'assessment'
          ? assessmentLead({ [field]: payload })
          : contactLead({ [field]: payload });
      for (const [email, shown] of [
        [sales(lead), true],
        [ack(lead), inAck],
      ] as const) {
        expect(email.html).not.toContain(payload);
        expect(email.text).not.toMatch(OUR_TAGS);
        expect(email.text).not.toContain('&lt;');
        if (shown) {
          expect(email.html).toContain(escapeHtml(payload));
          expect(email.text).toContain(payload);
        }
      }
    });

    it('in the page, the referring page and the UTM values', () => {
      const path = `/blog/${payload}`;
      const email = sales(
        assessmentLead(
          {},
          { attribution: { page: path, referrer: path, utm: { source: payload, term: payload } } },
        ),
      );
      expect(email.html).not.toContain(payload);
      expect(email.html).toContain(`href="${escapeHtml(SITE_URL + path)}"`);
      expect(email.text).toContain(`Sent from page: ${SITE_URL}${path}`);
      expect(email.text).toContain(`utm_term: ${payload}`);
      expect(email.text).not.toMatch(OUR_TAGS);
    });
  });

  it('the HTML carries no scripts, images or styles from outside', () => {
    for (const lead of [assessmentLead(), contactLead()]) {
      for (const email of [sales(lead), ack(lead)]) {
        expect(email.html).toMatch(/^<!doctype html>/);
        expect(email.html).toContain('<meta charset="utf-8"');
        expect(email.html).toMatch(/<html lang="en">/);
        expect(email.html).not.toMatch(/<script|<img|<link|<style|src=/i);
        expect(email.text).not.toMatch(OUR_TAGS);
      }
    }
  });
});

describe('multi-line text keeps its line breaks', () => {
  const text = 'First line\nSecond line\n\nAfter a blank line';

  it.each([
    ['assessment goals, sales', () => sales(assessmentLead({ goals: text }))],
    ['contact message, sales', () => sales(contactLead({ message: text }))],
    ['contact message, visitor', () => ack(contactLead({ message: text }))],
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
  ] as const)('sales: %s %j', (label, fields, shown, stored) => {
    const email = sales(assessmentLead(fields));
    expectRow(email, label, shown);
    expect(email.text).not.toContain(`: ${stored}\n`);
  });

  it('sales and visitor: the contact topic', () => {
    expectRow(sales(contactLead({ topic: 'press' })), 'Topic', 'Press');
    expectRow(ack(contactLead({ topic: 'other' })), 'Topic', 'Something else');
  });

  it('visitor: company, stage and timeline of an assessment', () => {
    const email = ack(assessmentLead({ stage: 'idea', timeline: 'exploring' }));
    expectRow(email, 'Company', 'Acme Ltd');
    expectRow(email, 'Where your AI work stands', 'An idea we want to explore');
    expectRow(email, 'When you would like to start', 'Just exploring for now');
  });
});

describe('the sales email has everything needed to reply', () => {
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

  it('tells sales to reply directly to the visitor', () => {
    expect(sales(assessmentLead()).text).toContain(
      'Reply to this email to answer Asha Rao directly: replies go to asha.rao@acme.example.',
    );
  });
});

describe('the visitor acknowledgement', () => {
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
