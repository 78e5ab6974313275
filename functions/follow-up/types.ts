// A stored lead as the follow-up work sees it: who owns it, what is due, what has happened.
import type { LeadForm } from '../leads/types';

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

export type LeadEventType =
  | 'received'
  | 'quarantined'
  | 'emailed'
  | 'claimed'
  | 'replied'
  | 'reminded'
  | 'escalated'
  | 'erased';

export interface LeadEvent {
  type: LeadEventType;
  /** Who caused it: a staff email address, "visitor", "sweep", "retention" or "operator". */
  actor: string | null;
  at: Date;
  /** A short note without personal data, e.g. the kind of email sent. */
  detail: string | null;
}

/** Signed one-purpose links for the owner, built by functions/follow-up/links.ts. */
export interface OwnerLinks {
  claim: string;
  replied: string;
}
