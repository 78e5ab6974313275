// The Lighthouse gate's verdicts, on made-up runs: a page over a budget fails CI, a noisy run is
// outvoted by the median, and the 404 page's misses are excused only in their by-design form.
import { describe, expect, it } from 'vitest';
import { LIGHTHOUSE, PAGE_TYPES } from '../../scripts/budgets.mjs';
import { judge, medianOf } from '../../scripts/lib/lighthouse-judge.mjs';

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
    expect(verdict([run(), run(), run()])).toEqual({ misses: [], byDesign: [] });
  });

  it('fails a page whose median blocking time is over 0 ms, naming the metric', () => {
    const slow = run({ metrics: { 'total-blocking-time': 40 } });
    expect(verdict([slow, slow, run()]).misses).toEqual(['total-blocking-time 40 > 0']);
  });

  it('lets the median outvote one slow run', () => {
    const slow = run({ metrics: { 'total-blocking-time': 129 } });
    expect(verdict([run(), slow, run(), run(), slow]).misses).toEqual([]);
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
