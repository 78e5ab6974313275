// The facts the follow-up emails share about one lead; here, how long a span reads.
import { describe, expect, it } from 'vitest';
import { duration } from '../../../functions/email/templates/lead-facts';

describe('durations read as people say them', () => {
  it.each([
    [20_000, 'less than a minute'],
    [60_000, '1 minute'],
    [45 * 60_000, '45 minutes'],
    [60 * 60_000, '1 hour'],
    [80 * 60_000, '1 hour 20 minutes'],
    [4 * 3_600_000, '4 hours'],
    [(3 * 60 + 50) * 60_000, 'about 4 hours'],
    [(26 * 60 + 10) * 60_000, 'about 26 hours'],
    [50 * 3_600_000, '2 days 2 hours'],
    [72 * 3_600_000, '3 days'],
    [-20 * 60_000, '20 minutes'],
  ])('%i ms is %j', (ms, words) => {
    expect(duration(ms)).toBe(words);
  });
});
