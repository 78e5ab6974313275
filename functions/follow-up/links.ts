// The signed "I'm on it" / "I have replied" links that sales emails carried before the desk. No
// email carries them any more (a reply quotes the email to the visitor, links and all); the ones
// already sent are still checked, and now only open the lead in the desk.

import { fromBase64url, hmacKey as key, toBase64url as base64url } from '../hmac';

export type LeadAction = 'claim' | 'replied';
export const LEAD_ACTIONS: readonly LeadAction[] = ['claim', 'replied'];

export interface LinkClaims {
  lead: string;
  action: LeadAction;
  /** The staff member the link was made for. */
  by: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

export const ACTION_PATH = '/leads/action/';

const encoder = new TextEncoder();

function payload(claims: LinkClaims): string {
  return [claims.lead, claims.action, claims.by, claims.exp].join('\n');
}

export async function signLink(
  claims: LinkClaims,
  secret: string,
  siteUrl: string,
): Promise<string> {
  const signature = await crypto.subtle.sign(
    'HMAC',
    await key(secret, 'sign'),
    encoder.encode(payload(claims)),
  );
  const url = new URL(ACTION_PATH, siteUrl);
  url.search = new URLSearchParams({
    lead: claims.lead,
    action: claims.action,
    by: claims.by,
    exp: String(claims.exp),
    sig: base64url(signature),
  }).toString();
  return url.href;
}

export type LinkCheck =
  { ok: true; claims: LinkClaims } | { ok: false; reason: 'malformed' | 'tampered' | 'expired' };

export async function verifyLink(
  params: URLSearchParams,
  secret: string,
  now: Date,
): Promise<LinkCheck> {
  const action = params.get('action') as LeadAction | null;
  const expText = params.get('exp') ?? '';
  const exp = /^\d{1,12}$/.test(expText) ? Number(expText) : Number.NaN;
  const lead = params.get('lead');
  const by = params.get('by');
  const sig = params.get('sig');
  if (!lead || !by || !sig || !action || !LEAD_ACTIONS.includes(action) || !Number.isInteger(exp)) {
    return { ok: false, reason: 'malformed' };
  }
  const claims: LinkClaims = { lead, action, by, exp };
  let signature: Uint8Array<ArrayBuffer>;
  try {
    signature = fromBase64url(sig);
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  // crypto.subtle.verify compares in constant time.
  const valid = await crypto.subtle.verify(
    'HMAC',
    await key(secret, 'verify'),
    signature,
    encoder.encode(payload(claims)),
  );
  if (!valid) return { ok: false, reason: 'tampered' };
  if (exp * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}
