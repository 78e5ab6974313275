// Every setting the Worker reads, checked once per request with messages that say how to fix them.
// Production is the default: a deployment that forgets ENVIRONMENT (named wrangler environments do
// not inherit `vars`) fails closed, and refuses the placeholders a checkout starts with.
import { z } from 'zod';
import type { Routing } from '../src/lib/leads/routing-schema';
import { ROUTING } from './teams';
import { placeholderAddress, placeholderUrl } from './placeholders';

const onOff = z.enum(['on', 'off']);

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
});

export type Settings = z.output<typeof settingsSchema>;

export class SettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid Worker settings. ${problems.join(' ')}`);
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

/** The settings, or every reason they cannot be used (the Worker then refuses to take leads). */
export function checkSettings(
  env: object,
  routing: Routing = ROUTING,
): { ok: true; settings: Settings } | { ok: false; problems: string[] } {
  const values = Object.fromEntries(
    Object.entries(env).filter(([, value]) => typeof value === 'string' && value !== ''),
  );
  const result = settingsSchema.safeParse(values);
  if (!result.success) {
    return {
      ok: false,
      problems: result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    };
  }
  const problems =
    result.data.ENVIRONMENT === 'production' ? productionProblems(result.data, routing) : [];
  return problems.length > 0 ? { ok: false, problems } : { ok: true, settings: result.data };
}

export function readSettings(env: object, routing: Routing = ROUTING): Settings {
  const checked = checkSettings(env, routing);
  if (!checked.ok) throw new SettingsError(checked.problems);
  return checked.settings;
}
