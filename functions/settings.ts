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
  /** Milliseconds before an email API call counts as failed. */
  EMAIL_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
});

export type Settings = z.output<typeof settingsSchema>;

export class SettingsError extends Error {}

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
