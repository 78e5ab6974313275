// For the hostile-input properties: send a post down the real request path, read the answer as
// the visitor gets it, and check what was stored and owed for it.
import { env } from 'cloudflare:workers';
import { expect } from 'vitest';
import { answerLeadPost, type FormPageState } from '../../functions/leads/post';
import { ROUTING } from '../../functions/teams';
import { parseLeadForm } from '../../src/lib/leads/parse';
import {
  bookingPages,
  isPlainAddress,
  markupProblems,
  textProblems,
} from '../hostile/email-checks';
import { POST_PATH, toRequest, type HostilePost } from '../hostile/posts';
import { rows } from './helpers';

/** Runs per property (FUZZ_RUNS, default 100) and a seed to replay a failure (FUZZ_SEED). */
export const FUZZ = {
  numRuns: Number(env.FUZZ_RUNS) || 100,
  ...(env.FUZZ_SEED ? { seed: Number(env.FUZZ_SEED) } : {}),
};
/** A guard against a hang, not a timing assertion: room for a long FUZZ_RUNS benchmark. */
export const FUZZ_TIMEOUT = 30_000 + FUZZ.numRuns * 300;

export interface Answer {
  status: number;
  /** The message for the whole form, and one per field. */
  message: string;
  errors: Record<string, string>;
  leadId?: string | undefined;
  /** What the schema makes of what was sent, parsed apart from the pipeline. */
  validated: ReturnType<typeof parseLeadForm> | undefined;
}

let visitor = 0;

async function read(answer: Response | FormPageState) {
  if (!(answer instanceof Response)) {
    return { status: answer.status, message: answer.problem ?? '', errors: answer.errors };
  }
  if (answer.status === 303) {
    const location = new URL(answer.headers.get('location') ?? '', 'http://localhost');
    return { status: 303, message: '', errors: {}, leadId: location.searchParams.get('lead') };
  }
  const body = (await answer.json()) as Partial<Answer>;
  return {
    status: answer.status,
    message: body.message ?? '',
    errors: body.errors ?? {},
    leadId: body.leadId,
  };
}

/** An IPv6 network of its own (a /64) for the n-th visitor: the limit counts by /64. */
const network = (n: number) =>
  `2001:db8:${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}::1`;

/** Sends a post as one new visitor (so the per-IP limit never answers for the input). */
export async function send(post: HostilePost): Promise<Answer> {
  const request = toRequest(`http://localhost${POST_PATH[post.form]}`, post);
  const copy = request.clone();
  const pending: Promise<unknown>[] = [];
  const answer = await answerLeadPost(request, post.form, {
    formPath: `/${post.form}/`,
    ip: network(++visitor),
    waitUntil: (promise) => pending.push(promise),
  });
  await Promise.all(pending);
  const { leadId, ...rest } = await read(answer);
  const validated = leadId
    ? parseLeadForm(post.form, (await copy.formData()).entries())
    : undefined;
  return { ...rest, leadId: leadId ?? undefined, validated };
}

export const accepted = (answer: Answer) => answer.status === 200 || answer.status === 303;

/** A stored lead, or a 4xx with words a person can act on. */
export async function expectClearAnswer(answer: Answer): Promise<void> {
  if (accepted(answer)) {
    expect(answer.leadId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await rows('SELECT id FROM leads WHERE id = ?', answer.leadId)).toHaveLength(1);
    return;
  }
  expect(answer.status).toBeGreaterThanOrEqual(400);
  expect(answer.status).toBeLessThan(500);
  const words = [answer.message, ...Object.values(answer.errors)];
  expect(words.some((text) => /\p{L}{3,}.*\p{L}{3,}/u.test(text))).toBe(true);
}

interface StoredEmail {
  kind: string;
  to_addresses: string;
  reply_to: string | null;
  subject: string;
  html: string;
  text: string;
}

/**
 * The lead's emails carry its text escaped, and go only where they should: the sales copy to
 * the routing inboxes with the validated address as reply-to, the acknowledgement to that address.
 */
export async function expectSafeEmails(answer: Answer): Promise<void> {
  expect(answer.validated?.ok).toBe(true);
  if (!answer.validated?.ok) return;
  const address = answer.validated.data.email;
  expect(isPlainAddress(address)).toBe(true);
  const [lead] = await rows<{
    email: string;
    route_team: string;
    status: string;
    owner_email: string | null;
  }>('SELECT email, route_team, status, owner_email FROM leads WHERE id = ?', answer.leadId);
  expect(lead?.email).toBe(address);
  const emails = await rows<StoredEmail>(
    'SELECT kind, to_addresses, reply_to, subject, html, text FROM emails WHERE lead_id = ? ORDER BY kind',
    answer.leadId,
  );
  // A quarantined lead owes no email; a received one owes exactly these two.
  const kinds =
    lead?.status === 'quarantined' ? [] : ['sales-notification', 'visitor-acknowledgement'];
  expect(emails.map((email) => email.kind)).toEqual(kinds);
  const team = ROUTING.teams[lead?.route_team ?? ''];
  // The lead's owner (one of the team's members, in turn) and the team's shared inboxes.
  const salesRecipients = [lead?.owner_email, ...(team?.inboxes ?? [])];
  if (lead?.status === 'received') {
    expect(team?.members.map((member) => member.email)).toContain(lead.owner_email);
  }
  for (const email of emails) {
    expect(markupProblems(email.html, env.SITE_URL, bookingPages(ROUTING))).toEqual([]);
    expect(textProblems(email)).toEqual([]);
    const sales = email.kind === 'sales-notification';
    expect(JSON.parse(email.to_addresses)).toEqual(sales ? salesRecipients : [address]);
    expect(email.reply_to).toBe(sales ? address : null);
  }
}
