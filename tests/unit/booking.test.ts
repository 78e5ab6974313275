// "Pick a time now": which booking page a visitor is offered, and how it is prefilled.
import { describe, expect, it } from 'vitest';
import { bookingOffer, prefilledBookingUrl } from '../../functions/leads/booking';
import { ROUTING } from '../../functions/teams';
import { routingSchema } from '../../src/lib/leads/routing-schema';

const withMemberBookingUrl = (bookingUrl: string) => {
  const routing = structuredClone(ROUTING);
  routing.teams['sales']!.members[0] = { ...routing.teams['sales']!.members[0]!, bookingUrl };
  return routing;
};

describe("a member's bookingUrl in content/routing.json", () => {
  it.each([
    ['https://cal.com/asha-rao', true],
    ['https://calendly.com/asha/30min?month=2026-12', true],
    ['http://cal.com/asha-rao', false],
    ['javascript:alert(1)', false],
    ['cal.com/asha-rao', false],
  ])('%s is %s', (url, accepted) => {
    expect(routingSchema.safeParse(withMemberBookingUrl(url)).success).toBe(accepted);
  });
});

describe('prefilledBookingUrl', () => {
  it.each([
    [
      'https://cal.com/asha',
      'Asha Rao',
      'asha@acme.example',
      'https://cal.com/asha?name=Asha%20Rao&email=asha%40acme.example',
    ],
    [
      'https://calendly.com/asha/30min?month=2026-12',
      'Ó Brien & Co <x>',
      'o+brien@acme.example',
      'https://calendly.com/asha/30min?month=2026-12&name=%C3%93%20Brien%20%26%20Co%20%3Cx%3E&email=o%2Bbrien%40acme.example',
    ],
  ])('%s for %s', (url, name, email, expected) => {
    expect(prefilledBookingUrl(url, name, email)).toBe(expected);
  });
});

describe('bookingOffer', () => {
  const facts = {
    form: 'assessment' as const,
    team: 'sales',
    ownerEmail: 'sales-2@example.com',
    name: 'Asha Rao',
    email: 'asha@acme.example',
  };

  it("is the owner's own booking page", () => {
    expect(bookingOffer(facts)).toEqual({
      href: 'https://cal.com/example-sales-2?name=Asha%20Rao&email=asha%40acme.example',
      ownerName: 'Sales owner 2',
    });
  });

  it.each([
    ['after a contact message', { form: 'contact' as const }],
    [
      'when the owner has no booking page',
      { team: 'enterprise', ownerEmail: 'enterprise-1@example.com' },
    ],
    ['for a team that does not exist', { team: 'nobody' }],
  ])('is nothing %s', (_case, change) => {
    expect(bookingOffer({ ...facts, ...change })).toBeUndefined();
  });

  it('looks the same for a quarantined lead (no owner), so a bot learns nothing', () => {
    expect(bookingOffer({ ...facts, ownerEmail: null })?.href).toMatch(
      /^https:\/\/cal\.com\/example-sales-1\?/,
    );
  });
});
