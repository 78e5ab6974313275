// The per-network limit: an IPv6 visitor counts by its /64, which it can take a new address from
// for every request; a request without an address is not put in one bucket with all the others.
import { env } from 'cloudflare:workers';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { submitLead } from '../../functions/leads/submit';
import { contactEntries, NOW, testSettings } from './helpers';

const send = (ip: string | undefined) =>
  submitLead(
    { form: 'contact', entries: contactEntries(), ip, now: NOW },
    { db: env.DB, limiter: env.LEAD_RATE_LIMITER, settings: testSettings() },
  );

const warnings: string[] = [];
beforeEach(() => {
  warnings.length = 0;
  vi.spyOn(console, 'warn').mockImplementation((...args) => void warnings.push(args.join(' ')));
});
afterEach(() => vi.restoreAllMocks());

it('six forms from six addresses of one IPv6 /64 within a minute: the sixth waits', async () => {
  const kinds: string[] = [];
  for (let host = 1; host <= 6; host++) {
    kinds.push((await send(`2001:db8:aaaa:bbbb::${host.toString(16)}`)).kind);
  }
  expect(kinds).toEqual([
    'accepted',
    'accepted',
    'accepted',
    'accepted',
    'accepted',
    'rate-limited',
  ]);
  // Another /64 is another network.
  expect((await send('2001:db8:aaaa:bbbc::1')).kind).toBe('accepted');
});

it('forms without an address are not limited as one shared bucket, and each is logged', async () => {
  const kinds: string[] = [];
  for (let attempt = 0; attempt < 6; attempt++) kinds.push((await send(undefined)).kind);
  expect(kinds).toEqual(Array(6).fill('accepted'));
  expect(warnings.filter((line) => line.includes('lead_rate_limit_skipped'))).toHaveLength(6);
});
