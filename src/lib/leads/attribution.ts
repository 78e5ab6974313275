// Hidden fields every lead form sends: where the lead came from (no cookies: the page, the
// referring page and the visit's UTM parameters), the consent version, and the spam signals.
import { z } from 'zod';
import { CONSENT } from './consent';

const path = z
  .string()
  .trim()
  .max(500)
  // No spaces or control characters: a path goes into stored columns and the links of an email.
  .refine((value) => value === '' || /^\/[^\s\u0000-\u001f\u007f-\u009f]*$/.test(value), {
    error: 'Expected a site path.',
  })
  .optional()
  .transform((value) => value || undefined);

const utm = z
  .string()
  .trim()
  .max(200)
  .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), { error: 'Unexpected characters.' })
  .optional()
  .transform((value) => value || undefined);

export const UTM_KEYS = [
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'utm_term',
  'utm_content',
] as const;

export const attributionShape = {
  page: path,
  referrer: path,
  utm_source: utm,
  utm_medium: utm,
  utm_campaign: utm,
  utm_term: utm,
  utm_content: utm,
  /** IANA time zone the browser reports, so the confirmation can speak the visitor's time. */
  tz: z
    .string()
    .max(64)
    .regex(/^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+){0,2}$/, { error: 'Unknown time zone.' })
    .optional()
    .catch(undefined),
  consentVersion: z.literal(CONSENT.version, {
    error:
      'The consent wording has changed since this page loaded. Reload the page and send again.',
  }),
  /** Honeypot: hidden from people, so anything in it was typed by a bot. */
  website: z.string().max(500).optional(),
  /** Milliseconds since the epoch when the form was first shown; set by the page script. */
  startedAt: z
    .string()
    .max(20)
    .regex(/^\d*$/)
    .optional()
    .transform((value) => (value ? Number(value) : undefined)),
  /** Set by the Turnstile widget when Turnstile is on. */
  'cf-turnstile-response': z.string().max(4096).optional(),
};
