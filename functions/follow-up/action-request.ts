// The page behind an owner's link. Opening it shows the lead and one button; only the button's
// POST records anything, because mail scanners open links in emails before people do.
import { env } from 'cloudflare:workers';
import type { OpenLead } from '../../src/lib/leads/lead';
import { linkSecret, readSettings } from '../settings';
import { applyLeadAction } from './actions';
import { verifyLink, type LeadAction } from './links';
import { findLead } from './open-leads';

export type ActionView =
  | {
      kind: 'invalid';
      status: 403 | 410;
      reason: 'tampered' | 'expired' | 'malformed' | 'disabled';
    }
  | { kind: 'missing'; status: 404 }
  | { kind: 'confirm'; status: 200; action: LeadAction; by: string; lead: OpenLead }
  | {
      kind: 'recorded';
      status: 200;
      action: LeadAction;
      by: string;
      lead: OpenLead;
      already: boolean;
    };

export async function answerLeadAction(request: Request, now: Date): Promise<ActionView> {
  const secret = linkSecret(readSettings(env));
  if (!secret) return { kind: 'invalid', status: 403, reason: 'disabled' };
  const check = await verifyLink(new URL(request.url).searchParams, secret, now);
  if (!check.ok)
    return {
      kind: 'invalid',
      status: check.reason === 'expired' ? 410 : 403,
      reason: check.reason,
    };
  const { lead: leadId, action, by } = check.claims;
  if (request.method === 'POST') {
    const result = await applyLeadAction(env.DB, action, leadId, by, now);
    if (result.outcome === 'missing') return { kind: 'missing', status: 404 };
    return {
      kind: 'recorded',
      status: 200,
      action,
      by,
      lead: result.lead,
      already: result.outcome === 'already',
    };
  }
  const lead = await findLead(env.DB, leadId);
  if (!lead) return { kind: 'missing', status: 404 };
  return { kind: 'confirm', status: 200, action, by, lead };
}
