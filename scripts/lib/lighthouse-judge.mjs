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

/** Scored audits of a category that failed in most runs. */
function failingAudits(runs, category) {
  const refs = runs[0].categories[category].auditRefs.filter((ref) => ref.weight > 0);
  const failedInMost = (ref) =>
    runs.filter((lhr) => (lhr.audits[ref.id].score ?? 1) < 1).length > runs.length / 2;
  return refs.filter(failedInMost).map((ref) => ref.id);
}

/**
 * What the page misses, one line each, and what it misses by design (see PAGE_TYPES); a page
 * within every budget has neither.
 */
export function judge(median, runs, page) {
  const misses = [];
  const byDesign = [];
  for (const [id, min] of Object.entries(LIGHTHOUSE.minScore)) {
    if (median.scores[id] >= min) continue;
    const failing = failingAudits(runs, id);
    const excused = (audit) =>
      runs.every((lhr) => page.byDesign?.[audit]?.(lhr.audits[audit], lhr.finalDisplayedUrl));
    const line = `${id} ${median.scores[id]} < ${min} (${failing.join(', ')})`;
    if (failing.length > 0 && failing.every(excused)) byDesign.push(line);
    else misses.push(line);
  }
  for (const [id, max] of Object.entries(LIGHTHOUSE.maxMetric)) {
    if (median.metrics[id] > max) misses.push(`${id} ${median.metrics[id]} > ${max}`);
  }
  return { misses, byDesign };
}
