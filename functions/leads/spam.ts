// Signals that a submission was not made by a person. A flagged lead is kept in quarantine,
// never emailed and never deleted, so a wrongly flagged person can still be found.
import { log } from '../log';
import type { Settings } from '../settings';
import { rateLimitKey } from './network';

export interface SpamSignals {
  website?: string | undefined;
  /** Time on the form by the browser's own clock; undefined when unknown (no JavaScript). */
  fillMs?: number | undefined;
}

/** Why a submission looks automated, or undefined when it looks like a person. */
export function spamReason(signals: SpamSignals, settings: Settings): string | undefined {
  if (signals.website) return 'honeypot';
  // An unknown fill time (no JavaScript, a value no browser sends) is no evidence either way.
  if (signals.fillMs !== undefined && settings.MIN_FILL_SECONDS > 0) {
    if (signals.fillMs < settings.MIN_FILL_SECONDS * 1000) return 'too-fast';
  }
  return undefined;
}

/**
 * verified: Cloudflare said a person solved it. unverified: Cloudflare could not be reached, so
 * the lead is taken and the sales email says it was not checked. off: no secret, no check.
 */
export type PersonCheck = 'verified' | 'unverified' | 'off';

export type TurnstileResult =
  | { ok: true; check: PersonCheck }
  | { ok: false; reason: 'missing' | 'rejected' | 'wrong-hostname' };

/** Cloudflare's documented test secrets; their answers name the hostname "example.com". */
const TEST_SECRET = /^[123]x0{31}AA$/;
const TEST_HOSTNAME = 'example.com';

/** The hostname a token must have been solved on: the site's, or the test keys' outside production. */
function hostnameMatches(hostname: unknown, settings: Settings): boolean {
  if (hostname === new URL(settings.SITE_URL).hostname) return true;
  const testing =
    settings.ENVIRONMENT !== 'production' && TEST_SECRET.test(settings.TURNSTILE_SECRET_KEY ?? '');
  return testing && hostname === TEST_HOSTNAME;
}

/** Checks a Turnstile token when a secret is set; without one, Turnstile is off. */
export async function verifyTurnstile(
  token: string | undefined,
  ip: string | undefined,
  settings: Settings,
): Promise<TurnstileResult> {
  if (!settings.TURNSTILE_SECRET_KEY) return { ok: true, check: 'off' };
  if (!token) return { ok: false, reason: 'missing' };
  const body = new URLSearchParams({ secret: settings.TURNSTILE_SECRET_KEY, response: token });
  if (ip) body.set('remoteip', ip);
  let outcome: { success?: unknown; hostname?: unknown };
  try {
    const response = await fetch(settings.TURNSTILE_VERIFY_URL, {
      method: 'POST',
      body,
      signal: AbortSignal.timeout(settings.TURNSTILE_TIMEOUT_MS),
    });
    if (response.status >= 500) throw new Error(`siteverify answered ${response.status}`);
    outcome = await response.json();
  } catch (error) {
    // Cloudflare's outage is not the visitor's fault: take the lead, and say it was not checked.
    log('warn', 'turnstile_unreachable', { error: (error as Error).message.slice(0, 120) });
    return { ok: true, check: 'unverified' };
  }
  if (outcome.success !== true) return { ok: false, reason: 'rejected' };
  // A token solved on another site that shares our site key proves nothing about this form.
  if (!hostnameMatches(outcome.hostname, settings)) return { ok: false, reason: 'wrong-hostname' };
  return { ok: true, check: 'verified' };
}

/**
 * Per-network limit through the Workers rate-limit binding; RATE_LIMIT=off lifts it. Without an
 * address there is no limit: one shared "unknown" bucket would let one sender lock out everyone
 * else without one. Cloudflare always gives the Worker an address, so this is logged.
 */
export async function withinRateLimit(
  limiter: RateLimit,
  ip: string | undefined,
  settings: Settings,
): Promise<boolean> {
  if (settings.RATE_LIMIT === 'off') return true;
  const key = rateLimitKey(ip);
  if (!key) {
    log('warn', 'lead_rate_limit_skipped', { reason: 'no client address' });
    return true;
  }
  const { success } = await limiter.limit({ key: `lead:${key}` });
  return success;
}
