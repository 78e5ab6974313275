// Checks a Cloudflare Access token the way Access's own docs ask ("Validate JWTs"): signed with
// RS256 by one of the issuer's current keys, for our application's audience, from our team
// domain, and within its validity period. The same code checks the local sign-in's tokens.
import { createRemoteJWKSet, errors, jwtVerify } from 'jose';

export interface Issuer {
  /** The expected `iss`: the team domain, an origin. */
  issuer: string;
  /** The expected `aud`: the Access application's AUD tag. */
  audience: string;
  /** Where the issuer publishes its public keys (a JWKS). */
  certsUrl: string;
}

export type TokenCheck =
  | { ok: true; email: string }
  /** `keys-unavailable`: the issuer's keys could not be fetched; nothing is known of the token. */
  | { ok: false; reason: TokenRefusal | 'keys-unavailable' };

export type TokenRefusal =
  | 'malformed'
  | 'algorithm'
  | 'signature'
  | 'unknown-key'
  | 'expired'
  | 'not-yet-valid'
  | 'issuer'
  | 'audience'
  | 'claims';

// One key set per issuer and isolate: jose caches the keys (10 minutes) and refetches when a
// token names a key it has not seen, at most every 30 seconds, which follows Access's rotation.
const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
const keySetFor = (certsUrl: string) => {
  const known = keySets.get(certsUrl);
  if (known) return known;
  const keySet = createRemoteJWKSet(new URL(certsUrl), { timeoutDuration: 5_000 });
  keySets.set(certsUrl, keySet);
  return keySet;
};

// Clocks of the edge and the issuer may differ a little; Access tokens live for hours.
const CLOCK_TOLERANCE_SECONDS = 30;

export async function verifyAccessToken(
  token: string,
  from: Issuer,
  now: Date,
): Promise<TokenCheck> {
  try {
    const { payload } = await jwtVerify(token, keySetFor(from.certsUrl), {
      issuer: from.issuer,
      audience: from.audience,
      algorithms: ['RS256'],
      requiredClaims: ['exp', 'email'],
      currentDate: now,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    });
    if (typeof payload['email'] !== 'string' || !payload['email'].includes('@'))
      return { ok: false, reason: 'claims' };
    return { ok: true, email: payload['email'] };
  } catch (error) {
    return { ok: false, reason: refusal(error) };
  }
}

function refusal(error: unknown): TokenRefusal | 'keys-unavailable' {
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf') return 'not-yet-valid';
    if (error.claim === 'iss') return 'issuer';
    if (error.claim === 'aud') return 'audience';
    return 'claims';
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return 'algorithm';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'signature';
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys)
    return 'unknown-key';
  // About the keys, not the token: a timeout, a key set that is not one, an answer other than 200
  // (jose's generic error), or the fetch itself failing (not a JOSE error at all).
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid)
    return 'keys-unavailable';
  if (!(error instanceof errors.JOSEError) || error.code === 'ERR_JOSE_GENERIC')
    return 'keys-unavailable';
  return 'malformed';
}
