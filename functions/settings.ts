// Every setting the Worker reads, checked once per request with messages that say how to fix them.
import { z } from 'zod';
import { log } from './log';

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
  /** Milliseconds before Turnstile counts as unreachable: the lead is then taken, unverified. */
  TURNSTILE_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(3000),
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

/** A JSON Web Key given as JSON text in one setting. */
const jwkJson = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON Web Key, as JSON.' });
      return z.NEVER;
    }
  })
  .pipe(
    z.looseObject({
      kty: z.literal('RSA'),
      kid: z.string().min(1),
      n: z.string().min(1),
      e: z.string(),
    }),
  );

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

/** What the build baked into the pages: the Turnstile site key shows the widget on the forms. */
export interface BuildSettings {
  turnstileSiteKey?: string | undefined;
}

const BUILD: BuildSettings = {
  // Written out in full so the build inlines this one value, not the whole environment.
  turnstileSiteKey: import.meta.env.PUBLIC_TURNSTILE_SITE_KEY || undefined,
};

/**
 * Settings that each look valid but do not work together, named with the fix. Health reports
 * them as failing; the Worker logs them when it reads its settings.
 */
export function configProblems(settings: Settings, build: BuildSettings = BUILD): string[] {
  const problems: string[] = [];
  if (build.turnstileSiteKey && !settings.TURNSTILE_SECRET_KEY) {
    problems.push(
      'The forms show Turnstile (PUBLIC_TURNSTILE_SITE_KEY was set at build) but the Worker has no TURNSTILE_SECRET_KEY: no token is checked. Set the secret, or build without the site key.',
    );
  }
  if (!build.turnstileSiteKey && settings.TURNSTILE_SECRET_KEY) {
    problems.push(
      'The Worker has TURNSTILE_SECRET_KEY but the forms were built without PUBLIC_TURNSTILE_SITE_KEY: no visitor can send a token, so every form is refused. Rebuild with the site key, or remove the secret.',
    );
  }
  return problems;
}

/** Problems already logged by this Worker instance: each is logged once, at start. */
const reported = new Set<string>();

/** The env's settings as strings: an empty value counts as unset. */
const setValues = (env: object) =>
  Object.fromEntries(
    Object.entries(env).filter(([, value]) => typeof value === 'string' && value !== ''),
  );

function parseOrThrow<T>(schema: z.ZodType<T>, env: object, what: string): T {
  const result = schema.safeParse(setValues(env));
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `${issue.path.join('.')}: ${issue.message}`,
    );
    throw new SettingsError(`Invalid ${what}. ${problems.join(' ')}`);
  }
  return result.data;
}

export function readSettings(env: object, build: BuildSettings = BUILD): Settings {
  const settings = parseOrThrow(settingsSchema, env, 'Worker settings');
  for (const problem of configProblems(settings, build)) {
    if (reported.has(problem)) continue;
    reported.add(problem);
    log('error', 'config_problem', { problem });
  }
  return settings;
}

/**
 * Who may enter the sales desk (functions/access/). Kept apart from the settings above so that a
 * mistake here closes only the desk, never the forms that take leads.
 */
const accessSettingsSchema = z
  .object({
    ENVIRONMENT: settingsSchema.shape.ENVIRONMENT,
    /** The Cloudflare Access team domain, like https://nyarro.cloudflareaccess.com: the tokens' issuer. */
    ACCESS_TEAM_DOMAIN: z
      .url({
        error: 'ACCESS_TEAM_DOMAIN must be an origin like https://<team>.cloudflareaccess.com.',
      })
      .transform((value) => new URL(value))
      .refine((url) => url.pathname === '/' && !url.search && !url.hash && !url.username, {
        error:
          'ACCESS_TEAM_DOMAIN must be an origin only, with no path: https://<team>.cloudflareaccess.com.',
      })
      .optional(),
    /** The Application Audience (AUD) tag of the Access application that protects /desk/*. */
    ACCESS_AUD: z
      .string()
      .min(16, { error: "ACCESS_AUD must be the application's AUD tag." })
      .optional(),
    /** Local sign-in only: the key pair scripts/lib/desk-dev-key.mjs writes into .dev.vars. */
    DESK_DEV_PRIVATE_JWK: jwkJson.optional(),
    DESK_DEV_PUBLIC_JWK: jwkJson.optional(),
  })
  .superRefine((settings, ctx) => {
    const domain = settings.ACCESS_TEAM_DOMAIN;
    // Plain http only to a key server on this machine, so tests can serve their own keys.
    const local = domain?.protocol === 'http:' && domain.hostname === '127.0.0.1';
    if (
      domain &&
      domain.protocol !== 'https:' &&
      !(local && settings.ENVIRONMENT !== 'production')
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['ACCESS_TEAM_DOMAIN'],
        message: 'ACCESS_TEAM_DOMAIN must use https (http://127.0.0.1 only outside production).',
      });
    }
  })
  .transform(({ ACCESS_TEAM_DOMAIN, ...rest }) => ({
    ...rest,
    ACCESS_TEAM_DOMAIN: ACCESS_TEAM_DOMAIN?.origin,
  }));

export type AccessSettings = z.output<typeof accessSettingsSchema>;

export function readAccessSettings(env: object): AccessSettings {
  return parseOrThrow(accessSettingsSchema, env, 'Access settings');
}
