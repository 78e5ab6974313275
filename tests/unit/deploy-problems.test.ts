// What the Worker cannot check at run time is checked before deploying: the D1 database id and
// the build's grievance contact, with the vars and the routing file, each named.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deployProblems, parseJsonc } from '../../scripts/lib/deploy-problems.mjs';

const wrangler = parseJsonc(readFileSync('wrangler.jsonc', 'utf8'));
const routing = JSON.parse(readFileSync('content/routing.json', 'utf8'));
const realRouting = JSON.parse(JSON.stringify(routing).replaceAll('@example.com', '@nyarro.in'));
const ready = {
  ...wrangler,
  d1_databases: [
    { ...wrangler.d1_databases[0], database_id: '4b1c2d3e-0000-4000-8000-000000000001' },
  ],
  vars: { ...wrangler.vars, SITE_URL: 'https://www.nyarro.in', EMAIL_FROM: 'hello@nyarro.in' },
};

describe('the deploy check', () => {
  it("names every placeholder in this checkout's settings", () => {
    const problems = deployProblems({
      siteUrl: 'https://www.nyarro.in',
      grievanceContact: undefined,
      wrangler,
      routing,
    });
    expect(problems).toEqual([
      expect.stringMatching(/^GRIEVANCE_CONTACT \(build\): not set/),
      expect.stringMatching(/^wrangler\.jsonc: d1_databases DB has the all-zero database_id/),
      expect.stringMatching(/^wrangler\.jsonc: vars\.SITE_URL https:\/\/www\.example\.com/),
      expect.stringMatching(/^wrangler\.jsonc: vars\.EMAIL_FROM /),
      expect.stringMatching(/^content\/routing\.json: placeholder addresses /),
    ]);
  });

  it('reads wrangler.jsonc, comments, URLs in strings and trailing commas alike', () => {
    expect(wrangler.vars.SITE_URL).toBe('https://www.example.com');
    expect(parseJsonc('{ "a": "x//y", /* c */ "b": [1,], // d\n }')).toEqual({ a: 'x//y', b: [1] });
  });

  it('passes a deployment with real settings', () => {
    expect(
      deployProblems({
        siteUrl: 'https://www.nyarro.in',
        grievanceContact: 'grievance@nyarro.in',
        wrangler: ready,
        routing: realRouting,
      }),
    ).toEqual([]);
  });

  it('refuses a placeholder grievance contact', () => {
    expect(
      deployProblems({
        siteUrl: 'https://www.nyarro.in',
        grievanceContact: 'privacy@example.com',
        wrangler: ready,
        routing: realRouting,
      }),
    ).toEqual([expect.stringMatching(/^GRIEVANCE_CONTACT \(build\): privacy@example\.com/)]);
  });
});
