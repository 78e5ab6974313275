// Lighthouse over the built site served by workerd: each page type, mobile emulation with the
// default simulated throttling, judged on the median of each figure over three runs, or over five
// or seven when the median of three misses. Exits non-zero when a page misses its budget
// (scripts/budgets.mjs). Reports are kept in reports/lighthouse/.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { LIGHTHOUSE, PAGE_TYPES } from './budgets.mjs';
import { commandLine } from './lib/args.mjs';
import { isUp, startLocalWorker } from './lib/local-worker.mjs';
import { disturbingCommitTask, judge, lcpAfterFcp, medianOf } from './lib/lighthouse-judge.mjs';

const USAGE =
  'npm run check:lighthouse (builds first), or on the last build: ' +
  'node scripts/lighthouse.mjs [--port 4430] [--page /contact/]   (--page: that page type only)';
const { values } = commandLine(USAGE, {
  port: { type: 'number', default: 4430 },
  page: { type: 'string' },
});
const PORT = values.port;
const PAGES = PAGE_TYPES.filter((page) => !values.page || page.path === values.page);
if (PAGES.length === 0) {
  console.error(`--page takes one of ${PAGE_TYPES.map((p) => p.path).join(' ')}\nUsage: ${USAGE}`);
  process.exit(2);
}
const OUT = 'reports/lighthouse';
const CATEGORIES = Object.keys(LIGHTHOUSE.minScore);
const MAX_RETRIES = 3;
// Lighthouse times a small CPU benchmark before each run (its "benchmark index"). On this shared
// machine it swings from about 2,900 to 1,400 within a minute as other tenants take the cores; a
// run taken at half speed measures the neighbours, not the page. Such runs are taken again after
// a pause, a few times at most, and kept if the machine stays slow (docs/BENCHMARKS.md).
const SLOW = 0.8;
// Shared with runs whose navigation commit ran long (disturbingCommitTask), the other sign of a
// busy machine; past it, runs are kept as they are.
const MAX_SLOW_RETAKES = 10;
const PAUSE_MS = 10_000;

rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });

const LOG = join(OUT, 'wrangler.log');
let worker = await startLocalWorker({ port: PORT, log: LOG });
// Debian's Chromium: this machine cannot download a browser. Root needs --no-sandbox.
const chrome = await launch({
  chromePath: process.env['CHROME_PATH'] ?? '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-dev-shm-usage'],
});

/** One Lighthouse run of `path`, reports as [json, html]. */
const audit = (path, status) =>
  lighthouse(`${worker.origin}${path}`, {
    port: chrome.port,
    output: ['json', 'html'],
    logLevel: 'error',
    onlyCategories: CATEGORIES,
    // Not part of any score, and slow to take on a small machine.
    disableFullPageScreenshot: true,
    // The 404 page is measured as served, with its 404 status.
    ignoreStatusCode: status === 404,
    // Every run a first visit, as in a fresh browser: Lighthouse empties the HTTP cache between
    // runs but by default keeps cookies, where the page notes that the font is cached
    // (src/lib/brand-font.ts); kept, that note would describe a cache that is no longer there.
    clearStorageTypes: [
      'file_systems',
      'shader_cache',
      'service_workers',
      'cache_storage',
      'cookies',
    ],
  });

const results = [];
try {
  // The first run after a start pays for a cold browser and cold Worker routes, which is not
  // the pages' cost: each page is fetched once and one Lighthouse run is thrown away.
  for (const page of PAGES) await (await fetch(`${worker.origin}${page.path}`)).text();
  let fastest = (await audit(PAGES[0].path)).lhr.environment.benchmarkIndex;
  for (const page of PAGES) {
    const runs = [];
    let result;
    let slowRetakes = 0;
    for (let attempt = 1; ; attempt++) {
      const { lhr, report } = await audit(page.path, page.status);
      const name = `${page.type.replaceAll(' ', '-')}-${attempt}`;
      writeFileSync(join(OUT, `${name}.report.json`), report[0]);
      writeFileSync(join(OUT, `${name}.report.html`), report[1]);
      // A run the browser could not finish (a page "stopped responding" while the machine was
      // busy) measures nothing about the page: try again, a few times at most.
      if (lhr.runtimeError) {
        console.warn(`${page.path} run ${attempt}: ${lhr.runtimeError.message}`);
        if (attempt >= LIGHTHOUSE.maxRuns + MAX_RETRIES + MAX_SLOW_RETAKES) {
          throw new Error(`${page.path}: no result`);
        }
        if (!(await isUp(worker.origin))) {
          console.warn(`the Worker stopped answering (see ${LOG}): starting it again`);
          worker.stop();
          worker = await startLocalWorker({ port: PORT, log: LOG });
        }
        continue;
      }
      const speed = lhr.environment.benchmarkIndex;
      fastest = Math.max(fastest, speed);
      // A run the machine disturbed measures the neighbours, not the page: taken again.
      const commit = disturbingCommitTask(lhr);
      const disturbed =
        speed < SLOW * fastest
          ? `the machine ran at ${Math.round((100 * speed) / fastest)} % of its speed`
          : commit !== null
            ? `Chrome's navigation commit took ${Math.round(commit)} ms (simulated), ` +
              'work of the browser rather than the page'
            : null;
      if (disturbed && slowRetakes < MAX_SLOW_RETAKES) {
        slowRetakes++;
        console.warn(`${page.type} run ${attempt}: ${disturbed}: again after a pause`);
        await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
        continue;
      }
      runs.push(lhr);
      if (runs.length < LIGHTHOUSE.runs || runs.length % 2 === 0) continue;
      const median = medianOf(runs, CATEGORIES, Object.keys(LIGHTHOUSE.maxMetric));
      result = {
        ...page,
        runs: runs.length,
        median,
        lcpAfterFcp: lcpAfterFcp(runs),
        ...judge(median, runs, page),
      };
      if (result.misses.length === 0 || runs.length >= LIGHTHOUSE.maxRuns) break;
      // One slow minute on a shared machine can put a median of three over budget; a page that
      // is really over stays over as the runs add up.
      console.warn(`${page.type}: ${result.misses.join('; ')} over ${runs.length} runs: two more`);
    }
    results.push(result);
  }
} finally {
  chrome.kill();
  worker.stop();
}

const cell = (value, width) => String(value).padStart(width);
console.log(
  `\nLighthouse, the median of each page's runs; mobile, simulated throttling\n` +
    `${'page'.padEnd(16)} perf  a11y    bp   seo    FCP ms    LCP ms  LCP-FCP  TBT ms      CLS  runs`,
);
for (const { type, median, runs, lcpAfterFcp: gap } of results) {
  const s = median.scores;
  const m = median.metrics;
  console.log(
    `${type.padEnd(16)}${cell(s.performance, 5)}${cell(s.accessibility, 6)}${cell(s['best-practices'], 6)}${cell(s.seo, 6)}` +
      `${cell(Math.round(m['first-contentful-paint']), 10)}${cell(Math.round(m['largest-contentful-paint']), 10)}` +
      cell(Math.round(gap), 9) +
      `${cell(Math.round(m['total-blocking-time']), 8)}${cell(m['cumulative-layout-shift'].toFixed(3), 9)}` +
      cell(runs, 6),
  );
}
writeFileSync(join(OUT, 'summary.json'), `${JSON.stringify(results, null, 2)}\n`);

const lines = (key) =>
  results.flatMap((result) => result[key].map((line) => `${result.type}: ${line}`));
const byDesign = lines('byDesign');
if (byDesign.length)
  console.log(`\nmissed by design (see scripts/budgets.mjs)\n  ${byDesign.join('\n  ')}`);
const notGating = lines('notGating');
if (notGating.length) {
  console.log(
    `\nnot yet met, not gating (scripts/budgets.mjs, largestInFirstPaint)\n  ${notGating.join('\n  ')}`,
  );
}
const misses = lines('misses');
console.log(
  misses.length ? `\nOVER BUDGET\n  ${misses.join('\n  ')}` : '\nevery page within budget',
);
console.log(`reports: ${OUT}/`);
process.exitCode = misses.length ? 1 : 0;
