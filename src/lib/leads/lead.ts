// A lead as the Worker and its emails see it, derived from the form schemas. Types only, so both
// the Worker and the browser-safe code may import it; nothing here runs.
import type { Assessment, Contact, LeadForm } from './schemas';

export type { Assessment, Contact, LeadForm };

export type LeadStatus = 'received' | 'quarantined';

export interface Attribution {
  /** Path of the page the form was sent from. */
  page?: string | undefined;
  /** Path of the article or page that led the visitor to the form. */
  referrer?: string | undefined;
  utm: Partial<Record<'source' | 'medium' | 'campaign' | 'term' | 'content', string>>;
}

export interface Route {
  /** Rule that matched, or "default". */
  rule: string;
  team: string;
  /** The team's name as people say it, e.g. "Enterprise sales". */
  teamName: string;
  /** Inbox addresses that receive the notification. */
  to: string[];
  /** The team member who owns the lead, chosen in turn (absent for quarantined leads). */
  owner?: { name: string; email: string } | undefined;
}

interface LeadBase {
  id: string;
  receivedAt: Date;
  replyBy: Date;
  /** IANA zone of the visitor where known (browser, else Cloudflare's estimate). */
  visitorTimeZone?: string | undefined;
  attribution: Attribution;
  consentVersion: string;
  route: Route;
  /**
   * Whether Turnstile confirmed a person: `unverified` when Cloudflare could not be reached and
   * the lead was taken unchecked; `off` without Turnstile.
   */
  personCheck?: 'verified' | 'unverified' | 'off' | undefined;
}

export type Lead =
  | (LeadBase & { form: 'assessment'; fields: Assessment })
  | (LeadBase & { form: 'contact'; fields: Contact });

/** A stored lead as follow-up work sees it: who owns it, what is due, what has happened. */
export interface OpenLead {
  id: string;
  form: LeadForm;
  name: string;
  email: string;
  company: string | null;
  team: string;
  teamName: string;
  ownerName: string | null;
  ownerEmail: string | null;
  receivedAt: Date;
  replyBy: Date;
  claimedAt: Date | null;
  claimedBy: string | null;
  repliedAt: Date | null;
  repliedBy: string | null;
  visitorTimeZone: string | null;
}
