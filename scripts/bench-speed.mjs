// Speed to lead: from a visitor's POST to (a) the owner's email accepted by the email API, (b) the
// chat alert and (c) the CRM event accepted by their receivers, on the built Worker in workerd
// with local stand-ins for all three (Resend; a Slack-like chat; a CRM that verifies signatures).
// Prints p50 and p99 of each, and checks that nothing arrived twice and nothing was lost. Not a
// test: figures vary with the machine (docs/BENCHMARKS.md).
import { accepted, createCrmStandIn, CRM_TEST_SECRET } from '../tests/stand-ins/crm.ts';
import { createChatStandIn } from '../tests/stand-ins/chat.ts';
import { createStandIn } from '../tests/stand-ins/server.ts';
import { commandLine } from './lib/args.mjs';
import { startLocalWorker } from './lib/local-worker.mjs';

const { values } = commandLine(
  'npm run build && npm run bench:speed [-- --leads 200 --concurrency 20 --port 4610 --wait 60 --email-only]',
  {
    // The baseline: the same leads with the CRM and chat turned off, to see what they add.
    'email-only': { type: 'boolean', default: false },
    leads: { type: 'number', default: 200 },
    concurrency: { type: 'number', default: 20 },
    port: { type: 'number', default: 4610 },
    wait: { type: 'number', default: 60 },
  },
);
const { leads: LEADS, concurrency: CONCURRENCY, port: PORT, wait: WAIT_SECONDS } = values;
const EMAIL_ONLY = values['email-only'];

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

function leadBody(index) {
  return new URLSearchParams({
    name: `Speed Visitor ${index}`,
    email: `speed-${index}@example.org`,
    company: `Speed Co ${index}`,
    topic: 'general',
    message: 'A speed-to-lead benchmark message that is long enough to pass the schema.',
    consent: 'on',
    consentVersion: '2026-11-25',
    page: '/contact/',
  }).toString();
}

const emailApi = createStandIn();
const crm = createCrmStandIn();
const chat = createChatStandIn();
const [emailUrl, crmUrl, chatUrl] = [
  await emailApi.listen(),
  await crm.listen(),
  await chat.listen(),
];
const closeStandIns = async () => {
  await Promise.all([emailApi.close(), crm.close(), chat.close()]);
};
const worker = await startLocalWorker({
  port: PORT,
  vars: {
    RATE_LIMIT: 'off',
    MIN_FILL_SECONDS: '0',
    RESEND_API_KEY: 're_bench_stand_in',
    RESEND_BASE_URL: emailUrl,
    ...(EMAIL_ONLY
      ? {}
      : {
          LEAD_WEBHOOK_URL: `${crmUrl}/hook`,
          LEAD_WEBHOOK_SECRET: CRM_TEST_SECRET,
          CHAT_WEBHOOK_URL: `${chatUrl}/hook`,
          CHAT_KIND: 'slack',
        }),
  },
}).catch(async (error) => {
  await closeStandIns();
  throw error;
});
const { origin } = worker;

/** Arrival times per lead index at each receiver, and every arrival for the duplicate check. */
async function arrivals() {
  const { sent } = await (await fetch(`${emailUrl}/_sent`)).json();
  const owner = new Map();
  const emailKeys = new Map();
  for (const email of sent) {
    emailKeys.set(email.idempotencyKey, (emailKeys.get(email.idempotencyKey) ?? 0) + 1);
    const index = /^speed-(\d+)@/.exec(email.replyTo ?? '')?.[1];
    // The sales notification is the email that replies to the visitor.
    if (index !== undefined)
      owner.set(Number(index), [...(owner.get(Number(index)) ?? []), email.acceptedAt]);
  }
  const byIndex = (calls, indexOf) => {
    const map = new Map();
    for (const call of accepted(calls)) {
      const index = indexOf(call);
      if (index !== undefined) map.set(index, [...(map.get(index) ?? []), call.at]);
    }
    return map;
  };
  const chatArrivals = byIndex(chat.calls(), (call) => {
    const match = /Speed Visitor (\d+)/.exec(JSON.parse(call.body).text);
    return match ? Number(match[1]) : undefined;
  });
  const crmCalls = accepted(crm.calls());
  const crmArrivals = byIndex(crm.calls(), (call) => {
    const match = /^speed-(\d+)@/.exec(JSON.parse(call.body).data.lead.fields.email);
    return match ? Number(match[1]) : undefined;
  });
  const crmIds = new Map();
  for (const call of crmCalls) {
    const id = call.headers['webhook-id'];
    crmIds.set(id, (crmIds.get(id) ?? 0) + 1);
  }
  return { owner, chat: chatArrivals, crm: crmArrivals, emailKeys, crmIds };
}

function report(label, startedAt, arrived) {
  const latencies = [];
  let missing = 0;
  let twice = 0;
  for (let index = 0; index < LEADS; index++) {
    const times = arrived.get(index);
    if (!times) {
      missing++;
      continue;
    }
    if (times.length > 1) twice++;
    latencies.push(Math.min(...times) - startedAt[index]);
  }
  latencies.sort((a, b) => a - b);
  const p50 = percentile(latencies, 50);
  const p99 = percentile(latencies, 99);
  console.log(
    `${label.padEnd(34)} p50 ${String(p50 ?? '-').padStart(6)} ms   p99 ${String(p99 ?? '-').padStart(6)} ms   missing ${missing}   twice ${twice}`,
  );
  return { p99, missing, twice };
}

try {
  console.log(`${LEADS} leads, ${CONCURRENCY} at a time, workerd on ${origin}\n`);
  // One lead first, not measured: workerd compiles the Worker on its first request.
  await fetch(`${origin}/blog/`).then((response) => response.arrayBuffer());
  const startedAt = [];
  const answers = [];
  let next = 0;
  let failures = 0;
  async function visitor() {
    while (next < LEADS) {
      const index = next++;
      startedAt[index] = Date.now();
      const response = await fetch(`${origin}/contact/send/`, {
        method: 'POST',
        body: leadBody(index),
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
          origin,
        },
      });
      await response.arrayBuffer();
      answers.push(Date.now() - startedAt[index]);
      if (response.status !== 200) failures++;
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, visitor));
  // Delivery runs right after each answer; wait for it, without the cron sweep, up to --wait.
  // The stand-ins share this process: polling reads counts only, so it never holds up an arrival.
  const deadline = Date.now() + WAIT_SECONDS * 1000;
  const arrivedAll = async () => {
    const { count } = await (await fetch(`${emailUrl}/_sent?count`)).json();
    return (
      count >= 2 * LEADS &&
      (EMAIL_ONLY ||
        (accepted(chat.calls()).length >= LEADS && accepted(crm.calls()).length >= LEADS))
    );
  };
  while (Date.now() < deadline && !(await arrivedAll())) {
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  // A last moment for any retry in flight to land twice, if one would.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const seen = await arrivals();
  const results = [
    report("owner's email accepted by the API", startedAt, seen.owner),
    ...(EMAIL_ONLY
      ? []
      : [
          report('chat alert accepted by the chat', startedAt, seen.chat),
          report('CRM event accepted by the CRM', startedAt, seen.crm),
        ]),
  ];
  const doubledEmails = [...seen.emailKeys.values()].filter((count) => count > 1).length;
  const doubledEvents = [...seen.crmIds.values()].filter((count) => count > 1).length;
  const [{ pending }] = worker.query(
    "SELECT count(*) AS pending FROM emails WHERE status <> 'sent'",
  );
  const stuck = worker.query(
    "SELECT kind, status, last_error AS error, count(*) AS count FROM emails WHERE status <> 'sent' GROUP BY kind, status, last_error",
  );
  for (const row of stuck)
    console.log(`not sent: ${row.count} ${row.kind} ${row.status} (${row.error})`);
  answers.sort((a, b) => a - b);
  console.log(
    `\nthe POST's own answer: p50 ${percentile(answers, 50)} ms, p99 ${percentile(answers, 99)} ms`,
  );
  console.log(
    `POST failures ${failures}; emails sent twice ${doubledEmails}; CRM events accepted twice ${doubledEvents}; outbox rows not sent ${pending}`,
  );
  const whole =
    failures === 0 &&
    doubledEmails === 0 &&
    doubledEvents === 0 &&
    results.every((result) => result.missing === 0 && result.twice === 0);
  const fast = results.every((result) => result.p99 !== undefined && result.p99 < 2000);
  console.log(
    `${whole ? 'nothing lost, nothing delivered twice' : 'LOST OR DELIVERED TWICE'}; p99 ${fast ? 'under' : 'NOT under'} the 2 s target`,
  );
  process.exitCode = whole ? 0 : 1;
} finally {
  worker.stop();
  await closeStandIns();
}
