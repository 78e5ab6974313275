// Every setting the Worker reads, checked once per request with messages that say how to fix them.
import { z } from 'zod';

const onOff = z.enum(['on', 'off']);

const settingsSchema = z.object({
  ENVIRONMENT: z.enum(['production', 'development']).default('development'),
  SITE_URL: z.url({ error: 'SITE_URL must be the public origin, like https://www.example.com.' }),
  EMAIL_FROM: z
    .string()
    .min(3, { error: 'EMAIL_FROM must be a sender like "Name <hello@domain>".' }),
  RESEND_API_KEY: z
    .string()
    .startsWith('re_', { error: 'RESEND_API_KEY must start with re_.' })
    .optional(),
  RESEND_BASE_URL: z.url({ error: 'RESEND_BASE_URL must be a URL.' }).optional(),
  TURNSTILE_SECRET_KEY: z.string().min(1).optional(),
  TURNSTILE_VERIFY_URL: z
    .url()
    .default('https://challenges.cloudflare.com/turnstile/v0/siteverify'),
  MIN_FILL_SECONDS: z.coerce.number().min(0).max(600).default(3),
  RATE_LIMIT: onOff.default('on'),
  /** Signs the owners' "I'm on it" and "I have replied" links. At least 32 characters. */
  LEAD_LINK_SECRET: z
    .string()
    .min(32, { error: 'LEAD_LINK_SECRET must be at least 32 characters: `openssl rand -hex 32`.' })
    .optional(),
  /** Days an owner's link stays valid. */
  LINK_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(14),
  /** Hours before the reply-by time when an owner is reminded of an unanswered lead. */
  REMINDER_HOURS_BEFORE: z.coerce.number().min(0.5).max(23).default(4),
  /** Hour of the day, in IST, when each team gets its digest of open leads. */
  DIGEST_HOUR_IST: z.coerce.number().int().min(0).max(23).default(9),
  /** Months a lead and its emails are kept before the sweep deletes them. */
  RETENTION_MONTHS: z.coerce.number().int().min(1).max(120).default(12),
  /** Milliseconds before an email API call counts as failed. */
  EMAIL_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  /** Cal.com's webhook secret: POST /api/bookings/ accepts only bookings signed with it. */
  CALCOM_WEBHOOK_SECRET: z
    .string()
    .min(16, {
      error: 'CALCOM_WEBHOOK_SECRET must be at least 16 characters: `openssl rand -hex 32`.',
    })
    .optional(),
  /** Resend's webhook signing secret: POST /api/email-events/ accepts only events signed with it. */
  RESEND_WEBHOOK_SECRET: z
    .string()
    .startsWith('whsec_', {
      error: 'RESEND_WEBHOOK_SECRET must start with whsec_ (Resend shows it).',
    })
    .optional(),
});

export type Settings = z.output<typeof settingsSchema>;

export class SettingsError extends Error {}

// Local runs need working links without setup; production must set its own secret.
const DEVELOPMENT_LINK_SECRET = 'local-development-only-link-secret-not-for-production';

/** The secret for owner links, or undefined in production when none is set (links are left out). */
export function linkSecret(settings: Settings): string | undefined {
  return (
    settings.LEAD_LINK_SECRET ??
    (settings.ENVIRONMENT === 'development' ? DEVELOPMENT_LINK_SECRET : undefined)
  );
}

export function readSettings(env: object): Settings {
  const values = Object.fromEntries(
    Object.entries(env).filter(([, value]) => typeof value === 'string' && value !== ''),
  );
  const result = settingsSchema.safeParse(values);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `${issue.path.join('.')}: ${issue.message}`,
    );
    throw new SettingsError(`Invalid Worker settings. ${problems.join(' ')}`);
  }
  return result.data;
}
