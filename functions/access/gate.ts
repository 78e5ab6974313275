// Which issuer the desk trusts, decided from the Access settings on every request: Cloudflare
// Access when ACCESS_TEAM_DOMAIN and ACCESS_AUD are set; the local sign-in on a developer's
// machine when neither is set outside production; otherwise closed, and said so in the logs.
import { log } from '../log';
import { readAccessSettings, SettingsError, type AccessSettings } from '../settings';
import type { Issuer } from './verify-token';

/** The audience of the local sign-in's tokens; never an Access application's AUD tag. */
export const LOCAL_AUDIENCE = 'nyarro-desk-local-development';
/** Where the local sign-in publishes its public key, in the shape of Access's certs. */
export const LOCAL_CERTS_PATH = '/desk/dev-keys/certs/';
export const LOCAL_SIGN_IN_PATH = '/desk/sign-in/';

type Jwk = NonNullable<AccessSettings['DESK_DEV_PUBLIC_JWK']>;

export type Gate =
  | { kind: 'access'; issuer: Issuer }
  | { kind: 'local'; issuer: Issuer; privateJwk: Jwk; publicJwk: Jwk }
  | { kind: 'closed' };

// The local sign-in trusts keys served by the request's own origin, so only on this machine.
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

function closed(problem: string, level: 'error' | 'warn' = 'error'): Gate {
  log(level, 'desk_not_configured', { problem });
  return { kind: 'closed' };
}

export function deskGate(env: object, requestUrl: string): Gate {
  let settings: AccessSettings;
  try {
    settings = readAccessSettings(env);
  } catch (error) {
    if (error instanceof SettingsError) return closed(error.message);
    throw error;
  }
  const { ACCESS_TEAM_DOMAIN: teamDomain, ACCESS_AUD: audience } = settings;
  if (teamDomain && audience) {
    const certsUrl = `${teamDomain}/cdn-cgi/access/certs`;
    return { kind: 'access', issuer: { issuer: teamDomain, audience, certsUrl } };
  }
  if (teamDomain || audience)
    return closed('Set both ACCESS_TEAM_DOMAIN and ACCESS_AUD, or neither.');
  if (settings.ENVIRONMENT === 'production')
    return closed('ACCESS_TEAM_DOMAIN and ACCESS_AUD are not set: the desk stays closed.');

  const { DESK_DEV_PRIVATE_JWK: privateJwk, DESK_DEV_PUBLIC_JWK: publicJwk } = settings;
  if (!privateJwk || !publicJwk)
    return closed('No local desk key in .dev.vars: run `npm run ops:setup`.', 'warn');
  const url = new URL(requestUrl);
  if (!LOOPBACK.has(url.hostname))
    return closed('The local sign-in answers only on localhost.', 'warn');
  const issuer = {
    issuer: url.origin,
    audience: LOCAL_AUDIENCE,
    certsUrl: `${url.origin}${LOCAL_CERTS_PATH}`,
  };
  return { kind: 'local', issuer, privateJwk, publicJwk };
}
