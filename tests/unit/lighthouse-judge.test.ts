// The Lighthouse gate's verdicts, on made-up runs: a page over a budget fails CI, a noisy run is
// outvoted by the median, and the 404 page's misses are excused only in their by-design form.
import { describe, expect, it } from 'vitest';
import { LIGHTHOUSE, PAGE_TYPES } from '../../scripts/budgets.mjs';
import { disturbingCommitTask, judge, medianOf } from '../../scripts/lib/lighthouse-judge.mjs';

const CATEGORIES = Object.keys(LIGHTHOUSE.minScore);
const METRICS = Object.keys(LIGHTHOUSE.maxMetric);
const URL = 'http://127.0.0.1:4430/this-does-not-exist/';

interface Run {
  scores?: Partial<Record<string, number>>;
  metrics?: Partial<Record<string, number>>;
  failing?: Record<string, { category: string; details?: unknown }>;
}

/** A Lighthouse result with every score 1 and every metric within budget unless told. */
function run({ scores = {}, metrics = {}, failing = {} }: Run = {}) {
  const audits: Record<string, { score: number; numericValue?: number; details?: unknown }> = {};
  for (const id of METRICS) audits[id] = { score: 1, numericValue: metrics[id] ?? 0 };
  for (const [id, audit] of Object.entries(failing)) audits[id] = { score: 0, ...audit };
  const categories = Object.fromEntries(
    CATEGORIES.map((id) => [
      id,
      {
        score: (scores[id] ?? 100) / 100,
        auditRefs: Object.entries(failing)
          .filter(([, audit]) => audit.category === id)
          .map(([auditId]) => ({ id: auditId, weight: 1 })),
      },
    ]),
  );
  return { categories, audits, finalDisplayedUrl: URL };
}

const verdict = (runs: ReturnType<typeof run>[], page = PAGE_TYPES[0]!) =>
  judge(medianOf(runs, CATEGORIES, METRICS), runs, page);

describe('Lighthouse gate', () => {
  it('passes a page within every budget', () => {
    expect(verdict([run(), run(), run()])).toEqual({ misses: [], byDesign: [], notGating: [] });
  });

  it('fails a page whose median blocking time is over 0 ms, naming the metric', () => {
    const slow = run({ metrics: { 'total-blocking-time': 40 } });
    expect(verdict([slow, slow, run()]).misses).toEqual(['total-blocking-time 40 > 0']);
  });

  it('lets the median outvote one slow run', () => {
    const slow = run({ metrics: { 'total-blocking-time': 129 } });
    expect(verdict([run(), slow, run(), run(), slow]).misses).toEqual([]);
  });

  describe('the largest paint in the first paint', () => {
    const paints = (fcp: number, lcp: number) =>
      run({ metrics: { 'first-contentful-paint': fcp, 'largest-contentful-paint': lcp } });
    const gating = {
      ...LIGHTHOUSE,
      largestInFirstPaint: { ...LIGHTHOUSE.largestInFirstPaint, gating: true },
    };
    const judged = (runs: ReturnType<typeof run>[], budget: typeof LIGHTHOUSE) =>
      judge(medianOf(runs, CATEGORIES, METRICS), runs, PAGE_TYPES[0]!, budget);

    it('fails, when gating, a page whose largest paint comes 450 ms after its first', () => {
      const fontLate = paints(775, 1225);
      expect(judged([fontLate, fontLate, fontLate], gating).misses).toEqual([
        'largest-contentful-paint 450 ms after first paint > 100',
        'largest-contentful-paint 1225 > 900',
      ]);
    });

    it('passes a largest paint within 100 ms of the first and under 0.9 s', () => {
      const final = paints(780, 860);
      expect(judged([final, final, final], gating)).toEqual({
        misses: [],
        byDesign: [],
        notGating: [],
      });
    });

    it("takes the median of the runs' gaps, not the gap between the medians", () => {
      // The medians, 800 and 900 ms, are 100 ms apart; in two runs of three the gap is 300 ms.
      const runs = [paints(600, 900), paints(800, 850), paints(900, 1200)];
      expect(judged(runs, gating).misses).toEqual([
        'largest-contentful-paint 300 ms after first paint > 100',
      ]);
    });

    it('reports without failing while the budget does not gate', () => {
      const fontLate = paints(775, 1225);
      const result = judged([fontLate, fontLate, fontLate], {
        ...gating,
        largestInFirstPaint: { ...gating.largestInFirstPaint, gating: false },
      });
      expect(result.misses).toEqual([]);
      expect(result.notGating).toHaveLength(2);
    });
  });

  it('fails a score under 100 and names the audit that failed', () => {
    const noAlt = run({
      scores: { accessibility: 92 },
      failing: { 'image-alt': { category: 'accessibility' } },
    });
    expect(verdict([noAlt, noAlt, noAlt]).misses).toEqual(['accessibility 92 < 100 (image-alt)']);
  });

  describe('the 404 page', () => {
    const notFound = PAGE_TYPES.find((page) => page.status === 404)!;
    const noindex = {
      category: 'seo',
      details: { items: [{ source: { snippet: '<meta name="robots" content="noindex">' } }] },
    };
    const ownStatus = { category: 'best-practices', details: { items: [] } };

    it('is excused its true 404 status and its noindex', () => {
      const page = run({
        scores: { seo: 61 },
        failing: { 'http-status-code': { category: 'seo' }, 'is-crawlable': noindex },
      });
      const result = verdict([page, page, page], notFound);
      expect(result.misses).toEqual([]);
      expect(result.byDesign).toEqual(['seo 61 < 100 (http-status-code, is-crawlable)']);
    });

    it('is not excused a console error of its own making', () => {
      const scriptError = {
        category: 'best-practices',
        details: { items: [{ source: 'exception', sourceLocation: { url: URL } }] },
      };
      const page = run({
        scores: { 'best-practices': 96 },
        failing: { 'errors-in-console': scriptError },
      });
      expect(verdict([page, page, page], notFound).misses).toEqual([
        'best-practices 96 < 100 (errors-in-console)',
      ]);
    });

    it('is not excused an audit outside its by-design list', () => {
      const page = run({
        scores: { 'best-practices': 96 },
        failing: { 'errors-in-console': ownStatus, 'image-aspect-ratio': ownStatus },
      });
      expect(verdict([page, page, page], notFound).misses).toHaveLength(1);
    });
  });
});

describe("a run disturbed by the browser's own navigation commit", () => {
  /** A run with first paint at 765 ms and these long tasks (simulated ms). */
  const withTasks = (items: { url: string; startTime: number; duration: number }[]) => ({
    audits: {
      'first-contentful-paint': { numericValue: 765 },
      'long-tasks': { details: { items } },
    },
  });

  it('is one whose unattributed task before the first paint ran over 150 ms', () => {
    const run = withTasks([{ url: 'Unattributable', startTime: 641, duration: 198 }]);
    expect(disturbingCommitTask(run)).toBe(198);
  });

  it('is not one whose commit ran its usual length', () => {
    expect(
      disturbingCommitTask(withTasks([{ url: 'Unattributable', startTime: 608, duration: 87 }])),
    ).toBeNull();
  });

  it("is never one whose long task is the page's own, however long", () => {
    const page = 'http://127.0.0.1:4430/';
    expect(
      disturbingCommitTask(withTasks([{ url: page, startTime: 640, duration: 400 }])),
    ).toBeNull();
  });

  it('is not one whose unattributed task came after the first paint', () => {
    expect(
      disturbingCommitTask(withTasks([{ url: 'Unattributable', startTime: 900, duration: 300 }])),
    ).toBeNull();
  });

  it('is not one without long tasks', () => {
    expect(disturbingCommitTask(withTasks([]))).toBeNull();
  });
});
