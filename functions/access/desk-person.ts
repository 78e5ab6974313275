// Who is asking, for every page and action of the sales desk. The only entry the desk calls.
//
// Contract: `deskPerson(request, env)` never throws for a bad or missing token and never returns
// lead data. It answers
//   { ok: true, person }            a valid token for someone in content/routing.json (a team
//                                   member, a team lead, or one of `deskStaff`);
//   { ok: false, status: 401, ... } no token, or one that fails a check (signature, algorithm,
//                                   issuer, audience, expiry, not-before, shape); `signIn` is the
//                                   local sign-in page when there is one, else null;
//   { ok: false, status: 403, ... } a valid token for someone not in the routing file;
//   { ok: false, status: 503, ... } the desk is not configured (production without
//                                   ACCESS_TEAM_DOMAIN / ACCESS_AUD, or a setting that is wrong;
//                                   logged as an error), or the issuer's keys cannot be fetched.
// The token is the `Cf-Access-Jwt-Assertion` header Access adds, else the `CF_Authorization`
// cookie. Answer a failure with its status and message, `Cache-Control: no-store`, and nothing else.
import { log } from '../log';
import { deskGate, LOCAL_SIGN_IN_PATH } from './gate';
import { findDeskPerson, type DeskPerson } from './people';
import { verifyAccessToken } from './verify-token';

export type { DeskPerson, DeskRole } from './people';

export type DeskEntry =
  | { ok: true; person: DeskPerson }
  | { ok: false; status: 401; message: string; signIn: string | null }
  | { ok: false; status: 403 | 503; message: string };

export const ACCESS_HEADER = 'Cf-Access-Jwt-Assertion';
export const ACCESS_COOKIE = 'CF_Authorization';

const NOT_CONFIGURED = 'The sales desk is not configured.';

export async function deskPerson(
  request: Request,
  env: object,
  now: Date = new Date(),
): Promise<DeskEntry> {
  const gate = deskGate(env, request.url);
  if (gate.kind === 'closed') return { ok: false, status: 503, message: NOT_CONFIGURED };
  const signIn = gate.kind === 'local' ? LOCAL_SIGN_IN_PATH : null;
  const unsigned = {
    ok: false,
    status: 401,
    signIn,
    message: signIn
      ? 'Sign in to use the sales desk.'
      : 'Open the sales desk through the company sign-in (Cloudflare Access).',
  } as const;

  const token = accessToken(request);
  if (!token) return unsigned;
  const check = await verifyAccessToken(token, gate.issuer, now);
  if (!check.ok) {
    if (check.reason === 'keys-unavailable') {
      log('error', 'desk_keys_unavailable', { issuer: gate.issuer.issuer });
      return { ok: false, status: 503, message: 'Sign-in cannot be checked just now. Try again.' };
    }
    log('warn', 'desk_token_refused', { reason: check.reason });
    return unsigned;
  }
  const person = findDeskPerson(check.email);
  if (!person) {
    log('warn', 'desk_person_refused', { reason: 'not-in-routing' });
    return {
      ok: false,
      status: 403,
      message: `${check.email} may not use the sales desk. Ask for your address to be added to content/routing.json.`,
    };
  }
  return { ok: true, person };
}

/** The token Access added as a header; else the cookie Access (or the local sign-in) set. */
export function accessToken(request: Request): string | undefined {
  const header = request.headers.get(ACCESS_HEADER)?.trim();
  if (header) return header;
  for (const part of (request.headers.get('Cookie') ?? '').split(';')) {
    const [name, ...value] = part.split('=');
    if (name?.trim() === ACCESS_COOKIE) return value.join('=').trim() || undefined;
  }
  return undefined;
}
