// Every setting the Worker reads, checked once per request with messages that say how to fix them.
// Production is the default: a deployment that forgets ENVIRONMENT (named wrangler environments do
// not inherit `vars`) fails closed, and refuses the placeholders a checkout starts with.
import { z } from 'zod';
import type { Routing } from '../src/lib/leads/routing-schema';
import { log } from './log';
import { placeholderAddress, placeholderUrl } from './placeholders';
import { ROUTING } from './teams';

const onOff = z.enum(['on', 'off']);

/**
 * A webhook's address: https, or plain http to this machine for the local stand-ins (checked
 * against ENVIRONMENT in outboundProblems, since one field cannot see another here).
 */
const webhookUrl = (name: string) =>
  z.url({ error: `${name} must be a URL.` }).refine(
    (value) => {
      const url = new URL(value);
      return (
        url.protocol === 'https:' || (url.protocol === 'http:' && url.hostname === '127.0.0.1')
      );
    },
    { error: `${name} must use https (http://127.0.0.1 only outside production).` },
  );

const settingsSchema = z.object({
  /** development is an explicit opt-in (.dev.vars, the tests); anything unset is production. */
  ENVIRONMENT: z.enum(['production', 'development']).default('production'),
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
  /**
   * Signs the owners' "I'm on it" and "I have replied" links and the visitors' consent-withdrawal
   * links. At least 32 characters; required in production.
   */
  LEAD_LINK_SECRET: z
    .string()
    .min(32, { error: 'LEAD_LINK_SECRET must be at least 32 characters: `openssl rand -hex 32`.' })
    .optional(),
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
  /**
   * Where lead events go (a CRM or an automation tool: HubSpot workflows, Zapier, n8n, Make),
   * signed per Standard Webhooks with LEAD_WEBHOOK_SECRET. Unset: no events are queued.
   */
  LEAD_WEBHOOK_URL: webhookUrl('LEAD_WEBHOOK_URL').optional(),
  LEAD_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_[A-Za-z0-9+/=]{24,}$/, {
      error:
        'LEAD_WEBHOOK_SECRET must be whsec_ and base64 (24+ characters): whsec_$(openssl rand -base64 32).',
    })
    .optional(),
  /** A Slack incoming webhook or a Microsoft Teams workflow webhook: one alert per new lead. */
  CHAT_WEBHOOK_URL: webhookUrl('CHAT_WEBHOOK_URL').optional(),
  CHAT_KIND: z.enum(['slack', 'teams']).default('slack'),
  /** Milliseconds before a webhook's receiver counts as not answering (the call is retried). */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(10_000),
  /**
   * Where the delivery canary's sales notification goes (a mailbox someone monitors). Set, and
   * the sweep sends a synthetic lead through the pipeline every CANARY_INTERVAL_HOURS; unset: none.
   */
  CANARY_TO: z
    .email({ error: 'CANARY_TO must be one email address, like canary@your-domain.com.' })
    .optional(),
  /** Hours between two canaries (default 6: four a day, each one a fresh proof). */
  CANARY_INTERVAL_HOURS: z.coerce
    .number({ error: 'CANARY_INTERVAL_HOURS must be a number of hours, like 6.' })
    .int({ error: 'CANARY_INTERVAL_HOURS must be whole hours, like 6.' })
    .min(1, { error: 'CANARY_INTERVAL_HOURS must be between 1 and 24 (hours).' })
    .max(24, { error: 'CANARY_INTERVAL_HOURS must be between 1 and 24 (hours).' })
    .default(6),
  /**
   * Minutes the canary's notification has to be proven delivered. 30 by default: Resend reports
   * `email.delivered` within seconds when all is well, and the sweep retries a failed send after
   * 1, 2, 4, 8 minutes, so a passing blip is absorbed by then; anything slower is a real outage
   * that people should hear of well inside the 24-hour promise.
   */
  CANARY_DEADLINE_MINUTES: z.coerce
    .number({ error: 'CANARY_DEADLINE_MINUTES must be a number of minutes, like 30.' })
    .int({ error: 'CANARY_DEADLINE_MINUTES must be whole minutes, like 30.' })
    .min(5, { error: 'CANARY_DEADLINE_MINUTES must be between 5 and 240 (minutes).' })
    .max(240, { error: 'CANARY_DEADLINE_MINUTES must be between 5 and 240 (minutes).' })
    .default(30),
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

export class SettingsError extends Error {
  constructor(
    readonly problems: string[],
    what = 'Worker settings',
  ) {
    super(`Invalid ${what}. ${problems.join(' ')}`);
  }
}

// Local runs need working links without setup; production must set its own secret.
const DEVELOPMENT_LINK_SECRET = 'local-development-only-link-secret-not-for-production';

/** The secret for signed links; production always has its own (readSettings refuses it unset). */
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
  return [...problems, ...canaryConfigProblems(settings)];
}

/**
 * A canary that is set but cannot pass. Health fails and names them; leads are still taken, since
 * the canary only watches the pipeline.
 */
function canaryConfigProblems(settings: Settings): string[] {
  if (!settings.CANARY_TO) return [];
  const problems: string[] = [];
  if (settings.CANARY_DEADLINE_MINUTES >= settings.CANARY_INTERVAL_HOURS * 60) {
    problems.push(
      'CANARY_DEADLINE_MINUTES must be shorter than CANARY_INTERVAL_HOURS, or a canary is judged after the next one is sent: lower the deadline or lengthen the interval.',
    );
  }
  if (settings.RESEND_API_KEY && !settings.RESEND_WEBHOOK_SECRET) {
    problems.push(
      "CANARY_TO is set but RESEND_WEBHOOK_SECRET is not: only Resend's email.delivered event proves the canary delivered. Set the secret and point Resend's webhook at /api/email-events/.",
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
    throw new SettingsError(problems, what);
  }
  return result.data;
}

/** Every address the routing file sends leads, digests and escalations to. */
function routingAddresses(routing: Routing): string[] {
  return Object.values(routing.teams).flatMap((team) => [
    ...team.inboxes,
    ...team.members.map((member) => member.email),
    team.lead.email,
  ]);
}

/**
 * What production must not run with, one message per setting (and per placeholder address), so the
 * operator fixes them all in one go rather than one error at a time.
 */
function productionProblems(settings: Settings, routing: Routing): string[] {
  const problems: string[] = [];
  if (placeholderUrl(settings.SITE_URL)) {
    problems.push(`SITE_URL: ${settings.SITE_URL} is a placeholder; set the public origin.`);
  }
  if (placeholderAddress(settings.EMAIL_FROM)) {
    problems.push(
      `EMAIL_FROM: ${settings.EMAIL_FROM} is a placeholder; set a sender on a domain verified in Resend.`,
    );
  }
  if (!settings.LEAD_LINK_SECRET) {
    problems.push(
      'LEAD_LINK_SECRET: not set; production signs owner and consent links with its own secret: `wrangler secret put LEAD_LINK_SECRET`.',
    );
  }
  const placeholders = routingAddresses(routing).filter(placeholderAddress);
  if (placeholders.length > 0) {
    problems.push(
      `content/routing.json: placeholder addresses ${[...new Set(placeholders)].join(', ')}; set the real inboxes and people.`,
    );
  }
  return problems;
}

/** Outbound webhooks that are set but cannot work: a URL without its secret, plain http live. */
function outboundProblems(settings: Settings): string[] {
  const problems: string[] = [];
  if (settings.LEAD_WEBHOOK_URL && !settings.LEAD_WEBHOOK_SECRET) {
    problems.push(
      'LEAD_WEBHOOK_SECRET: not set while LEAD_WEBHOOK_URL is; every event is signed: `wrangler secret put LEAD_WEBHOOK_SECRET`.',
    );
  }
  for (const name of ['LEAD_WEBHOOK_URL', 'CHAT_WEBHOOK_URL'] as const) {
    const value = settings[name];
    if (!value || settings.ENVIRONMENT !== 'production') continue;
    if (new URL(value).protocol !== 'https:')
      problems.push(`${name}: production sends only over https.`);
    else if (placeholderUrl(value))
      problems.push(
        `${name}: ${value} is a placeholder; set the receiver's address, or remove it to turn this off.`,
      );
  }
  return problems;
}

/** A canary addressed to a placeholder proves nothing: production refuses it like the others. */
function canaryProblems(settings: Settings): string[] {
  if (!settings.CANARY_TO || settings.ENVIRONMENT !== 'production') return [];
  if (!placeholderAddress(settings.CANARY_TO)) return [];
  return [
    `CANARY_TO: ${settings.CANARY_TO} is a placeholder; set a mailbox someone monitors, or remove it to turn the canary off.`,
  ];
}

/** The settings, or every reason they cannot be used (the Worker then refuses to take leads). */
export function checkSettings(
  env: object,
  routing: Routing = ROUTING,
): { ok: true; settings: Settings } | { ok: false; problems: string[] } {
  let settings: Settings;
  try {
    settings = parseOrThrow(settingsSchema, env, 'Worker settings');
  } catch (error) {
    if (error instanceof SettingsError) return { ok: false, problems: error.problems };
    throw error;
  }
  const problems = [
    ...outboundProblems(settings),
    ...canaryProblems(settings),
    ...(settings.ENVIRONMENT === 'production' ? productionProblems(settings, routing) : []),
  ];
  return problems.length > 0 ? { ok: false, problems } : { ok: true, settings };
}

export function readSettings(
  env: object,
  build: BuildSettings = BUILD,
  routing: Routing = ROUTING,
): Settings {
  const checked = checkSettings(env, routing);
  if (!checked.ok) throw new SettingsError(checked.problems);
  for (const problem of configProblems(checked.settings, build)) {
    if (reported.has(problem)) continue;
    reported.add(problem);
    log('error', 'config_problem', { problem });
  }
  return checked.settings;
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
