// What the form schemas make of invisible characters and of paths that lead elsewhere, the same
// in the browser and on the server; and how a client address becomes a rate-limit key.
import { describe, expect, it } from 'vitest';
import { rateLimitKey } from '../../functions/leads/network';
import { parseLeadForm } from '../../src/lib/leads/parse';
import { ASSESSMENT_SAMPLE, CONTACT_SAMPLE } from '../fixtures/lead-samples';

const contact = (change: Record<string, string>) =>
  parseLeadForm('contact', Object.entries({ ...CONTACT_SAMPLE, ...change }));
const assessment = (change: Record<string, string>) =>
  parseLeadForm('assessment', Object.entries({ ...ASSESSMENT_SAMPLE, ...change }));

describe('direction overrides and zero-width characters in a single-line field', () => {
  it.each([
    ['a right-to-left override', 'Asha \u202eoaR', 'Asha oaR'],
    ['isolates and direction marks', '\u2066Asha\u2069 Rao\u200f', 'Asha Rao'],
    ['zero-width spaces and joiners', 'As\u200bha\u200c R\u200dao\ufeff', 'Asha Rao'],
    ['embeddings', '\u202aAsha\u202b Rao\u202c\u202d', 'Asha Rao'],
  ])('%s are taken out of a name', (_case, typed, kept) => {
    const parsed = contact({ name: typed });
    expect(parsed.ok && parsed.data.name).toBe(kept);
  });

  it('are taken out of company, role, email and UTM values too', () => {
    const parsed = assessment({
      company: 'Acme\u202e Ltd',
      role: '\u200bCTO',
      email: 'asha@acme.example\u200b',
      utm_source: 'news\u2066letter',
    });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.data).toMatchObject({
      company: 'Acme Ltd',
      role: 'CTO',
      email: 'asha@acme.example',
      utm_source: 'newsletter',
    });
  });

  it('leave nothing: a name of only invisible characters is missing', () => {
    expect(contact({ name: '\u200b\u202e' })).toMatchObject({
      ok: false,
      errors: { name: 'Enter your name.' },
    });
  });

  it('are kept in a message, where the visitor may need them to write their language', () => {
    const message = 'Please call \u200fבעברית\u200f about a partnership.';
    const parsed = contact({ message });
    expect(parsed.ok && parsed.data.message).toBe(message);
  });
});

describe('attribution paths', () => {
  it.each([
    ['page', '//evil.example/login'],
    ['referrer', '//evil.example'],
    ['referrer', '/\\evil.example'],
    ['page', '/blog\\..\\x'],
  ])('%s %s leads to another site to a browser, and is refused', (field, path) => {
    expect(contact({ [field]: path })).toMatchObject({
      ok: false,
      errors: { [field]: expect.stringMatching(/site path/) },
    });
  });

  it('a site path, even with a double slash inside, is kept', () => {
    const parsed = contact({ page: '/contact/', referrer: '/blog//why/' });
    expect(parsed.ok && parsed.data.referrer).toBe('/blog//why/');
  });
});

describe('the rate-limit key of a client address', () => {
  it.each([
    ['an IPv4 address, as it is', '203.0.113.7', '203.0.113.7'],
    ['an IPv6 address, by its /64', '2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['another address of that /64', '2001:0db8:0001:0002:ffff::1', '2001:db8:1:2::/64'],
    ['a compressed IPv6 address', '2001:db8::1', '2001:db8:0:0::/64'],
    ['an IPv6 address with a zone', 'fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['an IPv4-mapped IPv6 address, as IPv4', '::ffff:198.51.100.9', '198.51.100.9'],
    ['the IPv6 loopback', '::1', '0:0:0:0::/64'],
    ['no address', undefined, undefined],
    ['an empty address', '  ', undefined],
  ])('%s', (_case, ip, key) => {
    expect(rateLimitKey(ip)).toBe(key);
  });
});
