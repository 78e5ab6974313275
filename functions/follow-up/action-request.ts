// The page behind an "I'm on it" / "I have replied" link in a sales email sent before the desk.
// Such a link no longer records anything: a reply may have quoted it to the visitor. A link we
// signed (expired or not) opens its lead in the desk, which asks who is signed in; any other is
// refused.
import { env } from 'cloudflare:workers';
import { linkSecret, readSettings } from '../settings';
import { verifyLink } from './links';

export type ActionLinkAnswer =
  Response | { status: 403; reason: 'tampered' | 'malformed' | 'disabled' };

export async function answerLeadAction(request: Request, now: Date): Promise<ActionLinkAnswer> {
  const secret = linkSecret(readSettings(env));
  if (!secret) return { status: 403, reason: 'disabled' };
  const params = new URL(request.url).searchParams;
  const check = await verifyLink(params, secret, now);
  if (!check.ok && check.reason !== 'expired') return { status: 403, reason: check.reason };
  const lead = encodeURIComponent(params.get('lead') ?? '');
  return new Response(null, {
    status: 303,
    headers: { Location: `/desk/leads/${lead}/`, 'Cache-Control': 'no-store' },
  });
}
