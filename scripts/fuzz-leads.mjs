// Sends a corpus of hostile form posts to the built Worker over real HTTP: the generators of the
// property tests (tests/hostile/), from this site, from another site (Astro's origin check must
// answer 403) and from clients that send no Origin; then a flood from one address (429 with
// Retry-After). Prints counts per status class, then checks the emails stored in the Worker's D1.
// Exits 1 on any 5xx or unanswered request, a cross-site post let through, a payload echoed
// unescaped in a page, an email with markup or recipients we did not write, a flood not limited,
// or a number of stored leads that differs from the posts accepted.
// Smoke (50 posts): npm run build && npm run fuzz:leads:smoke
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import {
  bookingPages,
  isPlainAddress,
  markupProblems,
  textProblems,
} from '../tests/hostile/email-checks.ts';
import { MARKUP } from '../tests/hostile/payloads.ts';
import { FORM_TYPE, POST_PATH, toRequest, validEntries } from '../tests/hostile/posts.ts';
import { hostilePost } from '../tests/hostile/requests.ts';
import { commandLine } from './lib/args.mjs';
import { startLocalWorker } from './lib/local-worker.mjs';

const { values } = commandLine(
  'npm run build && npm run fuzz:leads [-- --count 500 --seed 42 --port 4610]',
  {
    count: { type: 'number', default: 500 },
    seed: { type: 'number', default: Date.now() % 2 ** 31 },
    port: { type: 'number', default: 4610 },
  },
);
const { count: COUNT, seed: SEED, port: PORT } = values;
const CONCURRENCY = 8;
const ROUTING = JSON.parse(readFileSync('content/routing.json', 'utf8'));
// Who sends each post, in turn: mostly our own pages, then another site, then a bare script.
const SENDERS = ['same-site', 'same-site', 'same-site', 'cross-site', 'no-origin'];

const problems = [];
const tally = {};
const codes = {};
let accepted = 0;

function count(sender, outcome) {
  tally[sender] ??= {};
  tally[sender][outcome] = (tally[sender][outcome] ?? 0) + 1;
}

// The content types Astro's checkOrigin guards, as it matches them (or none at all).
const guarded = (type) =>
  !type || /application\/x-www-form-urlencoded|multipart\/form-data|text\/plain/i.test(type);

// A form sent back keeps what was typed in quoted attribute values, where < and > are only text
// as long as the quotes are escaped. Anywhere else, a payload's tag would be markup.
const PAYLOAD_TAGS = MARKUP.map((fragment) => fragment.slice(fragment.indexOf('<')));
const echoedMarkup = (page) => {
  const outsideAttributes = page.replace(/="[^"]*"/g, '=""');
  return PAYLOAD_TAGS.filter((tag) => outsideAttributes.includes(tag));
};

async function send(request, sender, label) {
  let response;
  let body;
  try {
    response = await fetch(request, { redirect: 'manual' });
    body = await response.text();
  } catch (error) {
    count(sender, 'no answer');
    const size = request.headers.get('content-length') ?? 'unknown';
    return problems.push(
      `${label}: no answer (${error.cause?.code ?? error.message}, ${size} bytes)`,
    );
  }
  const { status } = response;
  count(sender, status === 429 ? '429' : `${Math.floor(status / 100)}xx`);
  codes[status] = (codes[status] ?? 0) + 1;
  const ok = status === 200 || status === 303;
  if (ok) accepted++;
  if (status >= 500) problems.push(`${label}: ${status} ${body.slice(0, 160)}`);
  const foreign = sender === 'cross-site' || sender === 'no-origin';
  if (foreign && ok) problems.push(`${label}: accepted from ${sender}`);
  if (foreign && guarded(request.headers.get('content-type')) && status !== 403) {
    problems.push(`${label}: ${sender} form post answered ${status}, not 403`);
  }
  if (response.headers.get('content-type')?.includes('text/html')) {
    const echoed = echoedMarkup(body);
    if (echoed.length) problems.push(`${label}: page echoes ${JSON.stringify(echoed)} unescaped`);
  }
  return { status, body, retryAfter: response.headers.get('retry-after') };
}

/** One address sending the same form again and again: five go through, then 429 says when. */
async function flood(origin, json) {
  const label = `flood (${json ? 'JSON' : 'HTML'})`;
  const headers = { origin, 'cf-connecting-ip': json ? '198.51.100.1' : '198.51.100.2' };
  const answers = [];
  for (let sent = 0; sent < 6; sent++) {
    // Six different forms (as a page makes a key per view): six repeats of one would be one lead.
    const entries = [...validEntries('contact'), ['submissionKey', crypto.randomUUID()]];
    const post = { form: 'contact', json, body: { encoding: 'urlencoded', entries } };
    answers.push(await send(toRequest(`${origin}/contact/send/`, post, headers), 'flood', label));
  }
  const limited = answers.at(-1);
  if (answers.slice(0, 5).some((answer) => ![200, 303].includes(answer?.status))) {
    problems.push(`${label}: one of the first five posts was refused`);
  }
  if (
    limited?.status !== 429 ||
    limited.retryAfter !== '60' ||
    !/wait a minute/.test(limited.body)
  ) {
    problems.push(`${label}: the sixth post was not told with 429 and Retry-After when to retry`);
  }
}

/** A body far over the limit, streamed without a length: refused at the limit, not read whole. */
function streamedBody(origin) {
  const chunk = new TextEncoder().encode(`message=${'x'.repeat(16 * 1024)}&`);
  let left = 64;
  const body = new ReadableStream({
    pull: (controller) => (left-- > 0 ? controller.enqueue(chunk) : controller.close()),
  });
  const headers = { 'content-type': FORM_TYPE, origin };
  return new Request(`${origin}/contact/send/`, { method: 'POST', body, headers, duplex: 'half' });
}

function checkStoredEmails(worker) {
  const emails = worker.query(
    `SELECT e.kind, e.to_addresses AS toAddresses, e.reply_to AS replyTo, e.subject, e.html,
       e.text, l.email, l.route_team AS team, l.owner_email AS owner
     FROM emails e JOIN leads l ON l.id = e.lead_id`,
  );
  for (const email of emails) {
    const where = `stored ${email.kind} for ${JSON.stringify(email.email)}`;
    const found = [
      ...markupProblems(email.html, worker.settings.SITE_URL, bookingPages(ROUTING)),
      ...textProblems(email),
      ...(isPlainAddress(email.email) ? [] : ['not one plain address']),
    ];
    const sales = email.kind === 'sales-notification';
    // The sales notification goes to the lead's owner (a member of its team) and the team inboxes.
    const team = ROUTING.teams[email.team];
    const to = sales ? [email.owner, ...(team?.inboxes ?? [])] : [email.email];
    if (sales && !team?.members.some((member) => member.email === email.owner)) found.push('owner');
    if (JSON.stringify(JSON.parse(email.toAddresses)) !== JSON.stringify(to)) found.push('to');
    if (email.replyTo !== (sales ? email.email : null)) found.push('reply-to');
    for (const problem of found) problems.push(`${where}: ${problem}`);
  }
  return emails.length;
}

const worker = await startLocalWorker({
  port: PORT,
  // No fill-time check, so that hostile text reaches the emails; they are captured in D1.
  vars: { MIN_FILL_SECONDS: '0', ENVIRONMENT: 'development' },
});
try {
  const { origin } = worker;
  const corpus = fc.sample(hostilePost(), { numRuns: COUNT, seed: SEED });
  console.log(`${COUNT} hostile posts (seed ${SEED}), ${CONCURRENCY} at a time, to ${origin}\n`);
  let next = 0;
  const client = async () => {
    for (let index = next++; index < corpus.length; index = next++) {
      const sender = SENDERS[index % SENDERS.length];
      const headers = { 'same-site': { origin }, 'cross-site': { origin: 'https://evil.example' } };
      // Each post from its own network (an IPv6 /64 is one network to the limit), so that the
      // per-network limit answers only the flood.
      const request = toRequest(`${origin}${POST_PATH[corpus[index].form]}`, corpus[index], {
        ...headers[sender],
        'cf-connecting-ip': `2001:db8:${index.toString(16)}::1`,
      });
      await send(request, sender, `#${index} ${sender}`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, client));
  const before = accepted;
  await send(streamedBody(origin), 'same-site', 'a 1 MB body without a length');
  if (accepted !== before || !codes[413]) problems.push('a 1 MB streamed body was not refused');
  await flood(origin, true);
  await flood(origin, false);

  const [{ leads }] = worker.query('SELECT count(*) AS leads FROM leads');
  const emails = checkStoredEmails(worker);
  for (const [sender, outcomes] of Object.entries(tally)) {
    const row = Object.entries(outcomes).map(([outcome, n]) => `${outcome} ${n}`);
    console.log(`${sender.padEnd(11)} ${row.sort().join('   ')}`);
  }
  const byCode = Object.entries(codes).map(([code, n]) => `${code}×${n}`);
  console.log(`\nstatus codes: ${byCode.join(' ')}`);
  console.log(`accepted ${accepted}, leads stored ${leads}, stored emails checked ${emails}`);
  if (leads !== accepted) problems.push(`${accepted} posts accepted but ${leads} leads stored`);
  console.log(problems.length ? `\n${problems.length} PROBLEMS:` : '\nno problems found');
  for (const problem of problems.slice(0, 30)) console.log(`  ${problem}`);
  process.exitCode = problems.length ? 1 : 0;
} finally {
  worker.stop();
}
