// Benchmark of the sales desk at the size of a real team's history: seeds the built Worker's local
// D1 with N leads (default 100,000) with their emails and audit events, signs in through the local
// sign-in, then times the inbox, a lead page, the figures page and the CSV export as the server
// answers them, against a static page from the same server, and the sweep at that size. Prints
// figures, never asserts: the machine is shared. Target (issue 12): p95 at most 100 ms a page.
import { execFileSync } from 'node:child_process';
import { commandLine } from './lib/args.mjs';
import { startLocalWorker } from './lib/local-worker.mjs';

const { values } = commandLine(
  'npm run build && npm run bench:desk [-- --leads 100000 --samples 40 --port 4620]',
  {
    leads: { type: 'number', default: 100_000 },
    samples: { type: 'number', default: 40 },
    port: { type: 'number', default: 4620 },
  },
);
const { leads: LEADS, samples: SAMPLES, port: PORT } = values;

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const ms = (value) => `${value.toFixed(1)} ms`;

// Leads spread over the eleven months retention keeps, most answered, some open, overdue, closed or held; owners and
// teams from the placeholder routing file. One statement each, so seeding takes seconds.
function seedSql(count) {
  const teams = `CASE i % 3 WHEN 0 THEN 'enterprise' WHEN 1 THEN 'sales' ELSE 'international' END`;
  return `
    INSERT INTO leads (id, form, status, spam_reason, name, email, company, fields, route_rule,
      route_team, page, referrer, utm_source, consent_version, received_at, reply_by, owner_name,
      owner_email, claimed_at, claimed_by, replied_at, replied_by, closed_at, close_reason,
      reminded_at, escalated_at)
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${count}),
    t AS (SELECT i, datetime('now', printf('-%d minutes', (i * 10513) % (330 * 1440))) AS at FROM n)
    SELECT printf('bench000-0000-4000-8000-%012d', i),
      CASE WHEN i % 3 = 0 THEN 'contact' ELSE 'assessment' END,
      CASE WHEN i % 20 = 0 THEN 'quarantined' ELSE 'received' END,
      CASE WHEN i % 20 = 0 THEN 'honeypot' END,
      'Visitor ' || i, 'visitor' || i || '@example.org', 'Company ' || (i % 500),
      json_object('name', 'Visitor ' || i, 'email', 'visitor' || i || '@example.org',
        'company', 'Company ' || (i % 500), 'goals', 'Benchmark lead number ' || i),
      'default', ${teams},
      CASE i % 4 WHEN 0 THEN '/assessment/' ELSE '/blog/why-ai-pilots-stall/' END,
      CASE i % 5 WHEN 0 THEN NULL ELSE '/blog/governance-as-architecture/' END,
      CASE i % 4 WHEN 0 THEN 'newsletter' WHEN 1 THEN 'linkedin' WHEN 2 THEN NULL ELSE 'google' END,
      'v1', strftime('%Y-%m-%dT%H:%M:%fZ', at), strftime('%Y-%m-%dT%H:%M:%fZ', at, '+24 hours'),
      ${teams} || ' owner ' || (i % 2 + 1), ${teams} || '-' || (i % 2 + 1) || '@example.com',
      CASE WHEN i % 10 < 8 THEN strftime('%Y-%m-%dT%H:%M:%fZ', at, printf('+%d minutes', i % 600)) END,
      CASE WHEN i % 10 < 8 THEN ${teams} || '-' || (i % 2 + 1) || '@example.com' END,
      CASE WHEN i % 10 < 7 THEN strftime('%Y-%m-%dT%H:%M:%fZ', at, printf('+%d minutes', i % 2000)) END,
      CASE WHEN i % 10 < 7 THEN ${teams} || '-' || (i % 2 + 1) || '@example.com' END,
      CASE WHEN i % 33 = 0 THEN strftime('%Y-%m-%dT%H:%M:%fZ', at, '+1 hour') END,
      CASE WHEN i % 33 = 0 THEN 'Not a lead' END,
      -- Past their deadline, the sweeps of the day already reminded and escalated them.
      CASE WHEN at < datetime('now', '-1 day') THEN strftime('%Y-%m-%dT%H:%M:%fZ', at, '+20 hours') END,
      CASE WHEN at < datetime('now', '-1 day') THEN strftime('%Y-%m-%dT%H:%M:%fZ', at, '+24 hours') END
    FROM t;
    INSERT INTO emails (id, lead_id, kind, dedupe_key, to_addresses, subject, html, text, status,
      attempts, next_attempt_at, created_at, sent_at)
    SELECT id || '-' || kind, id, kind, id || ':' || kind, json_array(email), 'Benchmark',
      '<p>Benchmark</p>', 'Benchmark', 'sent', 1, received_at, received_at, received_at
    FROM leads, (SELECT 'sales-notification' AS kind UNION ALL SELECT 'visitor-acknowledgement')
    WHERE status = 'received';
    INSERT INTO lead_events (lead_id, type, actor, at, detail)
    SELECT id, 'received', 'visitor', received_at, form FROM leads;
    INSERT INTO lead_events (lead_id, type, actor, at, detail)
    SELECT id, 'replied', replied_by, replied_at, NULL FROM leads WHERE replied_at IS NOT NULL;`;
}

async function signIn(origin) {
  const response = await fetch(`${origin}/desk/sign-in/`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
    body: new URLSearchParams({ email: 'sales-lead@example.com' }),
  });
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error(`the local sign-in answered ${response.status} without a cookie`);
  return cookie;
}

async function timed(url, cookie) {
  const t0 = performance.now();
  const response = await fetch(url, { headers: cookie ? { cookie } : {} });
  const bytes = (await response.arrayBuffer()).byteLength;
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return { ms: performance.now() - t0, bytes };
}

async function measure(label, makeUrl, cookie, baseline) {
  const times = [];
  for (let i = 0; i < SAMPLES; i++) times.push((await timed(makeUrl(i), cookie)).ms);
  times.sort((a, b) => a - b);
  const p50 = percentile(times, 50);
  const p95 = percentile(times, 95);
  const ratio = baseline ? `  (${(p95 / baseline).toFixed(1)}x the static page's p95)` : '';
  console.log(`${label.padEnd(34)} p50 ${ms(p50).padStart(9)}  p95 ${ms(p95).padStart(9)}${ratio}`);
  return p95;
}

/** Resident memory of the workerd processes, in MiB. */
function workerdMemory() {
  const out = execFileSync('ps', ['-eo', 'rss,args'], { encoding: 'utf8' });
  const kib = out
    .split('\n')
    .filter((line) => line.includes('workerd') && !line.includes('ps -eo'))
    .reduce((sum, line) => sum + Number(line.trim().split(/\s+/)[0] || 0), 0);
  return kib / 1024;
}

const worker = await startLocalWorker({ port: PORT, vars: { ENVIRONMENT: 'development' } });
try {
  const seedStart = performance.now();
  worker.query(seedSql(LEADS));
  const [{ leads, emails, events }] = worker.query(
    `SELECT (SELECT count(*) FROM leads) AS leads, (SELECT count(*) FROM emails) AS emails,
       (SELECT count(*) FROM lead_events) AS events`,
  );
  console.log(
    `Seeded ${leads} leads, ${emails} emails, ${events} events in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`,
  );
  const cookie = await signIn(worker.origin);
  const ids = worker.query(`SELECT id FROM leads ORDER BY random() LIMIT ${SAMPLES}`);
  const base = worker.origin;
  // Warm each route once: the first request of a route pays for loading its code.
  for (const path of ['/blog/', '/desk/', `/desk/leads/${ids[0].id}/`, '/desk/figures/']) {
    await timed(`${base}${path}`, cookie);
  }

  console.log(`\n${SAMPLES} requests each, one at a time; time to the last byte of the answer:`);
  const baseline = await measure('static page /blog/ (baseline)', () => `${base}/blog/`);
  await measure('inbox, waiting (default)', () => `${base}/desk/`, cookie, baseline);
  await measure('inbox, every state', () => `${base}/desk/?state=all`, cookie, baseline);
  await measure(
    'inbox, one owner',
    () => `${base}/desk/?owner=sales-1%40example.com&state=all`,
    cookie,
    baseline,
  );
  await measure(
    'inbox, page 100 of every state',
    () => `${base}/desk/?state=all&page=100`,
    cookie,
    baseline,
  );
  await measure(
    'lead page',
    (i) => `${base}/desk/leads/${ids[i % ids.length].id}/`,
    cookie,
    baseline,
  );
  await measure('figures, last 28 days', () => `${base}/desk/figures/`, cookie, baseline);
  await measure('figures, last 365 days', () => `${base}/desk/figures/?days=365`, cookie, baseline);

  const before = workerdMemory();
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, workerdMemory())), 200);
  const exported = await timed(`${base}/desk/export.csv?state=all`, cookie);
  clearInterval(sampler);
  console.log(
    `\nexport of every lead: ${(exported.bytes / 1e6).toFixed(1)} MB in ${(exported.ms / 1000).toFixed(2)} s; ` +
      `workerd memory ${before.toFixed(0)} MiB before, ${peak.toFixed(0)} MiB at peak during it`,
  );

  const sweepStart = performance.now();
  await worker.sweep();
  console.log(
    `sweep at this size (as the local trigger answers): ${ms(performance.now() - sweepStart)}`,
  );
} finally {
  worker.stop();
}
