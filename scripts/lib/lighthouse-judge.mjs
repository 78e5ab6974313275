// Lighthouse results against the budgets: the median of each figure over the runs, and what a
// page misses, named so the failing audit can be found in its report.
import { LIGHTHOUSE } from '../budgets.mjs';

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Category scores as the report shows them (0 to 100) and metric values, each the median. */
export function medianOf(runs, categories, metrics) {
  const score = (lhr, id) => Math.round(lhr.categories[id].score * 100);
  return {
    scores: Object.fromEntries(
      categories.map((id) => [id, median(runs.map((lhr) => score(lhr, id)))]),
    ),
    metrics: Object.fromEntries(
      metrics.map((id) => [id, median(runs.map((lhr) => lhr.audits[id].numericValue))]),
    ),
  };
}

/** How long after the first paint the largest came: the median over the runs of each run's gap. */
export function lcpAfterFcp(runs) {
  const value = (lhr, id) => lhr.audits[id].numericValue;
  return median(
    runs.map(
      (lhr) => value(lhr, 'largest-contentful-paint') - value(lhr, 'first-contentful-paint'),
    ),
  );
}

/**
 * How long (simulated ms) Chrome's navigation commit took in a run, when longer than the budget
 * allows; otherwise null. It is the long task Lighthouse attributes to no URL that starts before
 * the first paint: browser work, not the page's (`maxBrowserCommitTask` in budgets.mjs).
 */
export function disturbingCommitTask(lhr, budget = LIGHTHOUSE) {
  const firstPaint = lhr.audits['first-contentful-paint'].numericValue;
  const tasks = lhr.audits['long-tasks']?.details?.items ?? [];
  const commit = tasks.find((task) => task.url === 'Unattributable' && task.startTime < firstPaint);
  return commit && commit.duration > budget.maxBrowserCommitTask ? commit.duration : null;
}

/** Scored audits of a category that failed in most runs. */
function failingAudits(runs, category) {
  const refs = runs[0].categories[category].auditRefs.filter((ref) => ref.weight > 0);
  const failedInMost = (ref) =>
    runs.filter((lhr) => (lhr.audits[ref.id].score ?? 1) < 1).length > runs.length / 2;
  return refs.filter(failedInMost).map((ref) => ref.id);
}

/**
 * What the page misses, one line each; what it misses by design (see PAGE_TYPES); and what it
 * misses of a budget that does not gate yet (`largestInFirstPaint`). A page within every budget
 * has none of them.
 */
export function judge(median, runs, page, budget = LIGHTHOUSE) {
  const misses = [];
  const byDesign = [];
  const notGating = [];
  for (const [id, min] of Object.entries(budget.minScore)) {
    if (median.scores[id] >= min) continue;
    const failing = failingAudits(runs, id);
    const excused = (audit) =>
      runs.every((lhr) => page.byDesign?.[audit]?.(lhr.audits[audit], lhr.finalDisplayedUrl));
    const line = `${id} ${median.scores[id]} < ${min} (${failing.join(', ')})`;
    if (failing.length > 0 && failing.every(excused)) byDesign.push(line);
    else misses.push(line);
  }
  for (const [id, max] of Object.entries(budget.maxMetric)) {
    if (median.metrics[id] > max) misses.push(`${id} ${median.metrics[id]} > ${max}`);
  }
  const paint = budget.largestInFirstPaint;
  const paintMisses = [];
  const gap = Math.round(lcpAfterFcp(runs));
  if (gap > paint.maxAfterFcp) {
    paintMisses.push(`largest-contentful-paint ${gap} ms after first paint > ${paint.maxAfterFcp}`);
  }
  const lcp = Math.round(median.metrics['largest-contentful-paint']);
  if (lcp > paint.maxLcp) paintMisses.push(`largest-contentful-paint ${lcp} > ${paint.maxLcp}`);
  (paint.gating ? misses : notGating).push(...paintMisses);
  return { misses, byDesign, notGating };
}
