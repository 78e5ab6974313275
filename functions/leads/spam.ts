// Signals that a submission was not made by a person. A flagged lead is kept in quarantine,
// never emailed and never deleted, so a wrongly flagged person can still be found.
import type { Settings } from '../settings';

export interface SpamSignals {
  website?: string | undefined;
  startedAt?: number | undefined;
}

/** Why a submission looks automated, or undefined when it looks like a person. */
export function spamReason(
  signals: SpamSignals,
  now: Date,
  settings: Settings,
): string | undefined {
  if (signals.website) return 'honeypot';
  // Without JavaScript the page cannot note when it was shown; other checks still apply.
  if (signals.startedAt !== undefined && settings.MIN_FILL_SECONDS > 0) {
    const seconds = (now.getTime() - signals.startedAt) / 1000;
    if (seconds < settings.MIN_FILL_SECONDS) return 'too-fast';
  }
  return undefined;
}

export type TurnstileResult =
  { ok: true } | { ok: false; reason: 'missing' | 'rejected' | 'unreachable' };

/** Checks a Turnstile token when a secret is set; without one, Turnstile is off. */
export async function verifyTurnstile(
  token: string | undefined,
  ip: string | undefined,
  settings: Settings,
): Promise<TurnstileResult> {
  if (!settings.TURNSTILE_SECRET_KEY) return { ok: true };
  if (!token) return { ok: false, reason: 'missing' };
  const body = new URLSearchParams({ secret: settings.TURNSTILE_SECRET_KEY, response: token });
  if (ip) body.set('remoteip', ip);
  try {
    const response = await fetch(settings.TURNSTILE_VERIFY_URL, { method: 'POST', body });
    const outcome = (await response.json()) as { success?: boolean };
    return outcome.success === true ? { ok: true } : { ok: false, reason: 'rejected' };
  } catch {
    return { ok: false, reason: 'unreachable' };
  }
}

/** Per-IP limit through the Workers rate-limit binding; RATE_LIMIT=off lifts it. */
export async function withinRateLimit(
  limiter: RateLimit,
  ip: string | undefined,
  settings: Settings,
): Promise<boolean> {
  if (settings.RATE_LIMIT === 'off') return true;
  const { success } = await limiter.limit({ key: `lead:${ip ?? 'unknown'}` });
  return success;
}
