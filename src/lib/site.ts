// Site identity, used by every page, the feeds and (later) the lead emails.
// Ships to the browser when imported by a client script: keep it data only.

export interface NavItem {
  label: string;
  href: string;
}

export interface SiteConfig {
  name: string;
  shortName: string;
  /** One line on what the company does, used in titles and the footer. */
  tagline: string;
  /** Default meta description for pages without their own. */
  description: string;
  headquarters: {
    locality: string;
    city: string;
    region: string;
    country: string;
    countryCode: string;
    timeZone: string;
    timeZoneLabel: string;
  };
  /** Hours within which a team member answers every enquiry. */
  replyWithinHours: number;
  nav: NavItem[];
  /** Public profiles; empty until the company publishes some. */
  social: NavItem[];
  locale: string;
}

export const SITE: SiteConfig = {
  name: 'Nyarro Technologies',
  shortName: 'Nyarro',
  tagline: 'Enterprise AI, from pilot to production',
  description:
    'Nyarro Technologies helps enterprises take AI from pilot to production, with the architecture, governance and operations that keep it running.',
  headquarters: {
    locality: 'Mansarovar',
    city: 'Jaipur',
    region: 'Rajasthan',
    country: 'India',
    countryCode: 'IN',
    timeZone: 'Asia/Kolkata',
    timeZoneLabel: 'IST',
  },
  replyWithinHours: 24,
  nav: [
    { label: 'Services', href: '/services/' },
    { label: 'Blog', href: '/blog/' },
    { label: 'About', href: '/about/' },
    { label: 'Contact', href: '/contact/' },
  ],
  social: [],
  locale: 'en',
};

export const ASSESSMENT_PATH = '/assessment/';
export const CONTACT_PATH = '/contact/';
