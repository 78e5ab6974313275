// The link in every visitor email that withdraws consent: one opaque token that names the lead and
// when the link expires, signed with LEAD_LINK_SECRET. It identifies the visitor's lead without
// showing anything about them, cannot be changed to name another lead, and lapses when the lead
// would be deleted anyway (the retention period). The signed text starts with its purpose, so an
// owner's link signature can never pass for one of these.
import { fromBase64url, hmacKey as key, toBase64url as base64url } from '../hmac';
import { linkSecret, type Settings } from '../settings';

export const WITHDRAW_PATH = '/privacy/withdraw/';
const PURPOSE = 'withdraw-consent';
const DAY_MS = 86_400_000;

const encoder = new TextEncoder();

const signed = (lead: string, exp: number) => encoder.encode(`${PURPOSE}\n${lead}\n${exp}`);

/** When a lead received at `receivedAt` is deleted by the sweep, plus a day: the link's expiry. */
export function withdrawalExpiry(receivedAt: Date, retentionMonths: number): number {
  const until = new Date(receivedAt);
  until.setUTCMonth(until.getUTCMonth() + retentionMonths);
  return Math.floor((until.getTime() + DAY_MS) / 1000);
}

export async function withdrawalToken(lead: string, exp: number, secret: string): Promise<string> {
  const signature = await crypto.subtle.sign('HMAC', await key(secret, 'sign'), signed(lead, exp));
  return `${base64url(encoder.encode(`${lead}.${exp}`))}.${base64url(new Uint8Array(signature))}`;
}

/** The full link for a lead's visitor, or undefined when no secret is set (development only). */
export async function withdrawalLink(
  lead: { id: string; receivedAt: Date },
  settings: Settings,
): Promise<string | undefined> {
  const secret = linkSecret(settings);
  if (!secret) return undefined;
  const exp = withdrawalExpiry(lead.receivedAt, settings.RETENTION_MONTHS);
  const url = new URL(WITHDRAW_PATH, settings.SITE_URL);
  url.searchParams.set('t', await withdrawalToken(lead.id, exp, secret));
  return url.href;
}

export type WithdrawalCheck =
  { ok: true; lead: string } | { ok: false; reason: 'malformed' | 'tampered' | 'expired' };

export async function verifyWithdrawalToken(
  token: string | null,
  secret: string,
  now: Date,
): Promise<WithdrawalCheck> {
  const [claims, sig, extra] = (token ?? '').split('.');
  if (!claims || !sig || extra !== undefined) return { ok: false, reason: 'malformed' };
  let lead: string;
  let exp: number;
  let signature: Uint8Array<ArrayBuffer>;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(fromBase64url(claims));
    const match = /^([^\n.]{1,100})\.(\d{1,12})$/.exec(text);
    if (!match) return { ok: false, reason: 'malformed' };
    lead = match[1]!;
    exp = Number(match[2]);
    signature = fromBase64url(sig);
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  // crypto.subtle.verify compares in constant time.
  const valid = await crypto.subtle.verify(
    'HMAC',
    await key(secret, 'verify'),
    signature,
    signed(lead, exp),
  );
  if (!valid) return { ok: false, reason: 'tampered' };
  if (exp * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, lead };
}
