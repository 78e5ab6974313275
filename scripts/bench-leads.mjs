// Load benchmark of the lead endpoint, served locally by workerd, against a static page from the
// same server as the baseline. Prints throughput, latency percentiles and their ratios, then runs
// the sweep and checks that every accepted lead was stored and each of its emails reached the
// email API (a local stand-in for Resend) exactly once. Not a test: figures vary with the machine.
import { createStandIn } from '../tests/stand-ins/server.ts';
import { commandLine } from './lib/args.mjs';
import { startLocalWorker } from './lib/local-worker.mjs';

const { values } = commandLine(
  'npm run build && npm run bench:leads [-- --requests 500 --concurrency 20 --port 4600]',
  {
    requests: { type: 'number', default: 500 },
    concurrency: { type: 'number', default: 20 },
    port: { type: 'number', default: 4600 },
  },
);
const { requests: REQUESTS, concurrency: CONCURRENCY, port: PORT } = values;

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function run(label, makeRequest, isSuccess) {
  const latencies = [];
  let next = 0;
  let failures = 0;
  const started = performance.now();
  async function client() {
    while (next < REQUESTS) {
      const index = next++;
      const t0 = performance.now();
      try {
        const response = await makeRequest(index);
        await response.arrayBuffer();
        if (!isSuccess(response)) failures++;
      } catch {
        failures++;
      }
      latencies.push(performance.now() - t0);
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, client));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const result = {
    label,
    rps: REQUESTS / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    failures,
  };
  console.log(
    `${label.padEnd(28)} ${result.rps.toFixed(0).padStart(6)} req/s   p50 ${result.p50.toFixed(1).padStart(6)} ms   p99 ${result.p99.toFixed(1).padStart(6)} ms   errors ${failures}`,
  );
  return result;
}

function leadBody(index) {
  return new URLSearchParams({
    name: `Bench Visitor ${index}`,
    email: `bench-${index}@example.org`,
    topic: 'general',
    message: 'A load benchmark message that is long enough to pass the schema.',
    consent: 'on',
    consentVersion: '2026-11-25',
    page: '/contact/',
  }).toString();
}

const standIn = createStandIn();
const worker = await startLocalWorker({
  port: PORT,
  vars: {
    // Spam limits lifted: every request comes from one address within seconds.
    RATE_LIMIT: 'off',
    MIN_FILL_SECONDS: '0',
    ENVIRONMENT: 'development',
    RESEND_API_KEY: 're_bench_stand_in',
    RESEND_BASE_URL: await standIn.listen(),
  },
}).catch(async (error) => {
  await standIn.close();
  throw error;
});
const { origin } = worker;

/** Each stored email's sends at the stand-in, counted by its idempotency key. */
async function sendsPerEmail() {
  const { sent } = await (await fetch(`${worker.settings.RESEND_BASE_URL}/_sent`)).json();
  const sends = new Map();
  for (const email of sent)
    sends.set(email.idempotencyKey, (sends.get(email.idempotencyKey) ?? 0) + 1);
  return worker.query('SELECT id FROM emails').map(({ id }) => sends.get(`email-${id}`) ?? 0);
}

try {
  console.log(
    `${REQUESTS} requests per run, ${CONCURRENCY} concurrent clients, workerd on ${origin}\n`,
  );
  await run(
    'warm-up',
    () => fetch(`${origin}/blog/`),
    (r) => r.ok,
  );
  const page = await run(
    'static page GET /blog/',
    () => fetch(`${origin}/blog/`),
    (r) => r.ok,
  );
  const lead = await run(
    'lead POST /contact/send/',
    (index) =>
      fetch(`${origin}/contact/send/`, {
        method: 'POST',
        body: leadBody(index),
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
          origin,
        },
      }),
    (response) => response.status === 200,
  );
  // Deliveries run after each answer; give the last of them a moment, then sweep what is left.
  await new Promise((resolve) => setTimeout(resolve, 2000));
  await worker.sweep();
  const [counts] = worker.query(
    "SELECT (SELECT count(*) FROM leads) AS leads, (SELECT count(*) FROM emails) AS emails, (SELECT count(*) FROM emails WHERE status = 'pending') AS pending",
  );
  const sends = await sendsPerEmail();
  const once = sends.filter((count) => count === 1).length;
  const accepted = REQUESTS - lead.failures;
  console.log(
    `\nlead/static throughput ratio ${(lead.rps / page.rps).toFixed(2)}   p50 ratio ${(lead.p50 / page.p50).toFixed(2)}   p99 ratio ${(lead.p99 / page.p99).toFixed(2)}`,
  );
  console.log(
    `accepted ${accepted}, stored ${counts.leads}, emails queued ${counts.emails}, still pending after the sweep ${counts.pending}`,
  );
  console.log(
    `emails sent once ${once}, more than once ${sends.filter((count) => count > 1).length}, never ${sends.filter((count) => count === 0).length}`,
  );
  const whole = counts.leads === accepted && once === 2 * accepted && once === sends.length;
  console.log(whole ? 'no lead lost, no email lost or doubled' : 'LEADS OR EMAILS LOST OR DOUBLED');
  process.exitCode = whole && lead.failures === 0 ? 0 : 1;
} finally {
  worker.stop();
  await standIn.close();
}
