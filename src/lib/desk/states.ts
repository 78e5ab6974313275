// The states a lead can be in on the sales desk, as the desk's filters name them. Shared by the
// Worker's queries (functions/desk/views.ts) and the desk's filter form.
export const LEAD_STATES = [
  'waiting',
  'open',
  'claimed',
  'replied',
  'closed',
  'spam',
  'all',
] as const;
export type LeadState = (typeof LEAD_STATES)[number];

export const STATE_LABELS: Record<LeadState, string> = {
  waiting: 'Waiting for a reply',
  open: 'Open (nobody on it yet)',
  claimed: 'Claimed',
  replied: 'Replied',
  closed: 'Closed',
  spam: 'Held as spam',
  all: 'Every state',
};
