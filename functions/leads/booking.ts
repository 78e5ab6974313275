// "Pick a time now": after an assessment request, the visitor may book a meeting with the lead's
// owner on the owner's own booking page. A plain link, prefilled with the visitor's name and email
// (Cal.com and Calendly both read `name` and `email` from the query), so no script of theirs runs
// on our pages. Without a booking page for the owner, nothing is offered.
import type { LeadForm } from '../../src/lib/leads/lead';
import type { Routing } from '../../src/lib/leads/routing-schema';
import { ROUTING } from '../teams';
import { pickOwner } from './owners';

export interface BookingOffer {
  /** The owner's booking page, prefilled for this visitor. */
  href: string;
  ownerName: string;
}

export interface BookingFacts {
  form: LeadForm;
  team: string;
  /** The lead's owner; null for a quarantined lead, which then gets the team's first member. */
  ownerEmail: string | null;
  name: string;
  email: string;
}

/** The booking page with `name` and `email` added to its query, each URL-encoded. */
export function prefilledBookingUrl(bookingUrl: string, name: string, email: string): string {
  const url = new URL(bookingUrl);
  const prefill = `name=${encodeURIComponent(name)}&email=${encodeURIComponent(email)}`;
  url.search = url.search ? `${url.search}&${prefill}` : `?${prefill}`;
  return url.href;
}

export function bookingOffer(
  facts: BookingFacts,
  routing: Routing = ROUTING,
): BookingOffer | undefined {
  if (facts.form !== 'assessment') return undefined;
  const team = routing.teams[facts.team];
  if (!team) return undefined;
  // A quarantined lead has no owner, yet must look accepted to the bot that sent it: it is offered
  // the same page a real lead of the team could be, without taking anyone's turn.
  const ownerEmail = facts.ownerEmail ?? pickOwner(team, 0).email;
  const owner = team.members.find((member) => member.email === ownerEmail);
  if (!owner?.bookingUrl) return undefined;
  return {
    href: prefilledBookingUrl(owner.bookingUrl, facts.name, facts.email),
    ownerName: owner.name,
  };
}
