// Hidden fields every lead form sends: where the lead came from (no cookies: the page, the
// referring page and the visit's UTM parameters), the consent version, and the spam signals.
import * as z from 'zod/mini';
import { CONSENT } from './consent';
import { withoutInvisible } from './fields';

/** An optional text field whose empty value counts as absent. */
const optionalText = (text: z.ZodMiniString<string>) =>
  z.pipe(
    z.optional(text),
    z.transform((value: string | undefined) => value || undefined),
  );

const path = optionalText(
  z.string().check(
    z.trim(),
    z.maxLength(500),
    // A site path: one leading slash, then no spaces, controls or backslashes. `//host` and
    // `/\host` are other sites to a browser, and a path becomes a link in the sales email.
    z.refine(
      (value: string) =>
        value === '' || /^\/(?![/\\])[^\s\\\u0000-\u001f\u007f-\u009f]*$/.test(value),
      { error: 'Expected a site path.' },
    ),
  ),
);

const utm = optionalText(
  z.string().check(
    withoutInvisible,
    z.trim(),
    z.maxLength(200),
    z.refine((value: string) => !/[\u0000-\u001f\u007f]/.test(value), {
      error: 'Unexpected characters.',
    }),
  ),
);

/** A week: longer than any tab is honestly left open on a form, shorter than any wrong clock. */
const MAX_FILL_MS = 7 * 24 * 3600 * 1000;

export const attributionShape = {
  page: path,
  referrer: path,
  utm_source: utm,
  utm_medium: utm,
  utm_campaign: utm,
  utm_term: utm,
  utm_content: utm,
  /** IANA time zone the browser reports, so the confirmation can speak the visitor's time. */
  tz: z.catch(
    z.optional(
      z
        .string()
        .check(
          z.maxLength(64),
          z.regex(/^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+){0,2}$/, { error: 'Unknown time zone.' }),
        ),
    ),
    undefined,
  ),
  consentVersion: z.literal(CONSENT.version, {
    error:
      'The consent wording has changed since this page loaded. Reload the page and send again.',
  }),
  /** Honeypot: hidden from people, so anything in it was typed by a bot. */
  website: z.optional(z.string().check(z.maxLength(500))),
  /**
   * Milliseconds the visitor spent on the form, on the browser's own clock (performance.now()
   * when sent): no wall clock is compared with ours, so a clock set hours ahead changes nothing.
   * A value no browser sends (negative, not a number, over a week) is unknown, not spam.
   */
  fillMs: z.catch(
    z.pipe(
      z.optional(z.string().check(z.regex(/^\d{1,10}$/))),
      z.transform((value: string | undefined) => {
        const ms = value ? Number(value) : undefined;
        return ms !== undefined && ms <= MAX_FILL_MS ? ms : undefined;
      }),
    ),
    undefined,
  ),
  /** Sent by pages built before fillMs: the browser's wall clock, so not trusted, and ignored. */
  startedAt: z.catch(
    z.pipe(
      z.optional(z.string()),
      z.transform(() => undefined),
    ),
    undefined,
  ),
  /**
   * Names one submission, so that a repeat of it (a retried POST, a lost answer) answers as the
   * first did instead of making a second lead. The page script makes one per page view.
   */
  submissionKey: z.catch(
    z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{16,64}$/))),
    undefined,
  ),
  /** Set by the Turnstile widget when Turnstile is on. */
  'cf-turnstile-response': z.optional(z.string().check(z.maxLength(4096))),
};
