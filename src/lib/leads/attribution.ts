// Hidden fields every lead form sends: where the lead came from (no cookies: the page, the
// referring page and the visit's UTM parameters), the consent version, and the spam signals.
import * as z from 'zod/mini';
import { CONSENT } from './consent';

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
    // No spaces or control characters: a path goes into stored columns and the links of an email.
    z.refine(
      (value: string) => value === '' || /^\/[^\s\u0000-\u001f\u007f-\u009f]*$/.test(value),
      { error: 'Expected a site path.' },
    ),
  ),
);

const utm = optionalText(
  z.string().check(
    z.trim(),
    z.maxLength(200),
    z.refine((value: string) => !/[\u0000-\u001f\u007f]/.test(value), {
      error: 'Unexpected characters.',
    }),
  ),
);

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
  /** Milliseconds since the epoch when the form was first shown; set by the page script. */
  startedAt: z.pipe(
    z.optional(z.string().check(z.maxLength(20), z.regex(/^\d*$/))),
    z.transform((value: string | undefined) => (value ? Number(value) : undefined)),
  ),
  /** Set by the Turnstile widget when Turnstile is on. */
  'cf-turnstile-response': z.optional(z.string().check(z.maxLength(4096))),
};
