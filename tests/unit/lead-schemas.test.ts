// What each form accepts and refuses, and the HTML constraints the same schema gives the inputs.
import { describe, expect, it } from 'vitest';
import { constraintsOf } from '../../src/lib/leads/constraints';
import { CONSENT } from '../../src/lib/leads/consent';
import { parseLeadForm } from '../../src/lib/leads/parse';
import { assessmentSchema, contactSchema } from '../../src/lib/leads/schemas';

const contact = {
  name: 'Ravi Mehta',
  email: 'ravi@example.org',
  topic: 'press',
  message: 'A question about your work on AI governance.',
  consent: 'on',
  consentVersion: CONSENT.version,
};
const entries = (values: Record<string, string | undefined>) =>
  Object.entries(values).filter((entry): entry is [string, string] => entry[1] !== undefined);
const parseContact = (change: Record<string, string | undefined>) =>
  parseLeadForm('contact', entries({ ...contact, ...change }));

describe('the contact form accepts', () => {
  it.each([
    ['the minimum', {}],
    ['an optional company', { company: 'Acme Ltd' }],
    ['an empty optional company', { company: '' }],
    ['unicode names', { name: 'Zoë Ó Briain-Łukasz 李' }],
    ['a plus address', { email: 'ravi+ai@sub.example.co.in' }],
    ['line breaks in the message', { message: 'First line.\r\nSecond line.' }],
    [
      'UTM parameters and attribution',
      { utm_source: 'linkedin', page: '/contact/', referrer: '/blog/' },
    ],
  ])('%s', (_case, change) => {
    expect(parseContact(change).ok).toBe(true);
  });

  it('normalises the message line breaks and trims what was typed', () => {
    const result = parseContact({ name: '  Ravi  ', message: ' One.\r\nTwo.\rThree. ' });
    expect(result.ok && result.data).toMatchObject({ name: 'Ravi', message: 'One.\nTwo.\nThree.' });
  });
});

describe('the contact form refuses, with a message that says how to fix it', () => {
  it.each([
    ['a missing name', { name: undefined }, 'name', /Enter your name/],
    ['a blank name', { name: '   ' }, 'name', /Enter your name/],
    ['a name over 100 characters', { name: 'x'.repeat(101) }, 'name', /100 characters or fewer/],
    ['a CR/LF in the name', { name: 'Ravi\r\nBcc: x@example.com' }, 'name', /single line/],
    ['a NUL in the name', { name: 'Ravi\u0000' }, 'name', /single line/],
    [
      'a NUL in the message',
      { message: 'Hello there\u0000 friend' },
      'message',
      /control characters/,
    ],
    ['an address without a domain', { email: 'ravi@' }, 'email', /valid email address/],
    ['an address without a dot', { email: 'ravi@localhost' }, 'email', /valid email address/],
    [
      'an address with a line break',
      { email: 'ravi@example.org\nBcc: x@y.z' },
      'email',
      /valid email/,
    ],
    ['an address over 254 characters', { email: `${'a'.repeat(250)}@x.io` }, 'email', /254/],
    ['an unknown topic', { topic: 'sales' }, 'topic', /Choose what your message is about/],
    ['a message too short to answer', { message: 'Hi' }, 'message', /at least 10/],
    [
      'a message over 5,000 characters',
      { message: 'x'.repeat(5001) },
      'message',
      /5000 characters/,
    ],
    ['no consent', { consent: undefined }, 'consent', /Tick this box/],
    ['consent given in another way', { consent: 'yes' }, 'consent', /Tick this box/],
    [
      'an old consent wording',
      { consentVersion: '2000-01-01' },
      'consentVersion',
      /Reload the page/,
    ],
    ['a page that is not a path', { page: 'https://evil.example/' }, 'page', /site path/],
    ['a control character in a path', { referrer: '/blog/\u0000\u0007' }, 'referrer', /site path/],
    ['an extra field', { admin: '1' }, '_form', /does not take the field\(s\): admin/],
    ['a field from the other form', { stage: 'pilot' }, '_form', /stage/],
  ])('%s', (_case, change, field, message) => {
    const result = parseContact(change);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[field]).toMatch(message);
  });

  it('a field named __proto__, like any field the form does not have', () => {
    const result = parseLeadForm('contact', [...entries(contact), ['__proto__', 'x']]);
    expect(result).toEqual({
      ok: false,
      errors: { _form: expect.stringMatching(/does not take the field\(s\): __proto__/) },
    });
  });

  it('a field sent twice', () => {
    const result = parseLeadForm('contact', [...entries(contact), ['name', 'Someone else']]);
    expect(result).toEqual({
      ok: false,
      errors: { _form: expect.stringMatching(/more than once: name/) },
    });
  });
});

describe('the assessment form', () => {
  const assessment = {
    name: 'Asha Rao',
    email: 'asha@acme.example',
    company: 'Acme Ltd',
    companySize: '1000-4999',
    industry: 'healthcare',
    stage: 'idea',
    goals: 'Understand what it takes to run our models in production.',
    timeline: 'exploring',
    region: 'europe',
    consent: 'on',
    consentVersion: CONSENT.version,
  };

  it('accepts the required fields and leaves marketing unticked unless ticked', () => {
    const result = parseLeadForm('assessment', entries(assessment));
    expect(result.ok && result.data.marketing).toBe(false);
    const ticked = parseLeadForm('assessment', entries({ ...assessment, marketing: 'on' }));
    expect(ticked.ok && ticked.data.marketing).toBe(true);
  });

  it.each([
    ['+91 141 555 0100', true],
    ['(020) 7946-0958', true],
    ['call me maybe', false],
    ['12', false],
  ])('phone %j is accepted: %s', (phone, ok) => {
    expect(parseLeadForm('assessment', entries({ ...assessment, phone })).ok).toBe(ok);
  });

  it('names every missing required field at once', () => {
    const result = parseLeadForm('assessment', []);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(Object.keys(result.errors).sort()).toEqual(
        [
          'company',
          'companySize',
          'consent',
          'consentVersion',
          'email',
          'goals',
          'industry',
          'name',
          'region',
          'stage',
          'timeline',
        ].sort(),
      );
    }
  });
});

describe('HTML constraints come from the schema', () => {
  it.each([
    [contactSchema.shape.name, { required: true, minLength: 1, maxLength: 100, email: false }],
    [contactSchema.shape.email, { required: true, maxLength: 254, email: true }],
    [contactSchema.shape.company, { required: false, maxLength: 150 }],
    [contactSchema.shape.message, { required: true, minLength: 10, maxLength: 5000 }],
    [assessmentSchema.shape.phone, { required: false, maxLength: 40 }],
    [assessmentSchema.shape.marketing, { required: false }],
    [assessmentSchema.shape.consent, { required: true }],
  ])('%#', (schema, expected) => {
    expect(constraintsOf(schema)).toMatchObject(expected);
  });

  it('gives a select its options', () => {
    expect(constraintsOf(contactSchema.shape.topic).options).toEqual([
      'general',
      'partnership',
      'careers',
      'press',
      'other',
    ]);
  });
});
