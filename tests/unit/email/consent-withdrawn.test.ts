// The note to a lead's owner and team when the visitor withdraws consent: what was erased and what
// to do, by lead id only, since it outlives the leads it is about.
import { expect, it } from 'vitest';
import { renderConsentWithdrawn } from '../../../functions/email/templates/consent-withdrawn';
import { at, expectBoth, expectRow } from './helpers';

const leads = [
  {
    id: 'lead_01',
    form: 'assessment' as const,
    teamName: 'Sales',
    receivedAt: at('2026-11-25T09:00:00Z'),
  },
  {
    id: 'lead_02',
    form: 'contact' as const,
    teamName: 'Press',
    receivedAt: at('2026-11-26T09:00:00Z'),
  },
];

it('names each erased lead by id, form, team and time, and asks for no contact', () => {
  const email = renderConsentWithdrawn(leads, at('2026-11-27T09:00:00Z'));
  expect(email.subject).toBe('Consent withdrawn: 2 leads erased, do not contact');
  expectRow(email, 'Lead id', 'lead_01');
  expectRow(email, 'Lead id', 'lead_02');
  expectRow(email, 'Form', 'Free AI assessment request');
  expectRow(email, 'Team', 'Press');
  expectBoth(email, 'Do not contact them about these enquiries.');
});

it('one lead reads in the singular', () => {
  expect(renderConsentWithdrawn([leads[0]!], at('2026-11-27T09:00:00Z')).subject).toBe(
    'Consent withdrawn: a lead erased, do not contact',
  );
});
