// Who may enter the sales desk, checked in Node against a local stand-in for Access's key server.
// The same table runs inside workerd in tests/worker/access.test.ts.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi, type MockInstance } from 'vitest';
import { deskPerson } from '../../functions/access/desk-person';
import { localSignIn, signOut } from '../../functions/access/local-sign-in';
import { deskPeople } from '../../functions/access/people';
import { ROUTING } from '../../functions/teams';
import { routingSchema } from '../../src/lib/leads/routing-schema';
import { ensureDeskDevKey } from '../../scripts/lib/desk-dev-key.mjs';
import { GET as robots } from '../../src/pages/robots.txt';
import { AUDIENCE, deskRequest, NOW, TOKEN_CASES, type Issuer } from '../fixtures/access-tokens';
import { accessKeyPair, createAccessKeysServer, startAccessKeys } from '../stand-ins/access-keys';

let access: Awaited<ReturnType<typeof startAccessKeys>>;
beforeAll(async () => {
  access = await startAccessKeys();
});
afterAll(() => access.close());

/** The reason the desk logged for refusing a token, or null when it logged none. */
function refusalLogged(warn: MockInstance<typeof console.warn>): string | null {
  const lines = warn.mock.calls.map(([line]) => JSON.parse(String(line)) as Record<string, string>);
  return lines.find((line) => line['event'] === 'desk_token_refused')?.['reason'] ?? null;
}

const accessEnv = (overrides: Record<string, string> = {}) => ({
  ENVIRONMENT: 'development',
  ACCESS_TEAM_DOMAIN: access.url,
  ACCESS_AUD: AUDIENCE,
  ...overrides,
});

describe.each(TOKEN_CASES)('%s', (_name, token, via, expected) => {
  it(`answers ${expected.status}`, async () => {
    const issuer: Issuer = { url: access.url, privateJwk: access.privateJwk };
    const warn = vi.spyOn(console, 'warn');
    const entry = await deskPerson(deskRequest(await token(issuer), via), accessEnv(), NOW);
    if (expected.status === 200) {
      const { status: _status, ...person } = expected;
      expect(entry).toEqual({ ok: true, person: { ...person, name: expect.any(String) } });
    } else {
      expect(entry).toMatchObject({ ok: false, status: expected.status });
      // A refusal says why in words and carries nothing else.
      expect(Object.keys(entry).sort()).toEqual(
        expected.status === 401
          ? ['message', 'ok', 'signIn', 'status']
          : ['message', 'ok', 'status'],
      );
    }
    if (expected.status === 401) expect(refusalLogged(warn)).toBe(expected.reason);
    warn.mockRestore();
  });
});

describe('the people who may enter', () => {
  it('are listed once each: a lead wherever they lead, with every team they belong to', () => {
    const routing = structuredClone(ROUTING);
    routing.teams['press']!.members.push({
      name: 'Sales lead',
      email: 'SALES-LEAD@example.com',
      away: false,
    });
    routing.deskStaff = [{ name: 'Sales owner 1', email: 'sales-1@example.com' }];
    const people = deskPeople(routing);
    expect(people.filter((person) => person.email === 'sales-lead@example.com')).toEqual([
      {
        email: 'sales-lead@example.com',
        name: 'Sales lead',
        role: 'lead',
        teams: ['sales', 'press'],
      },
    ]);
    expect(people.find((person) => person.email === 'sales-1@example.com')).toMatchObject({
      role: 'member',
      teams: ['sales'],
    });
  });
});

it('the routing file refuses desk staff without a real address, naming the field', () => {
  const result = routingSchema.safeParse({
    ...ROUTING,
    deskStaff: [{ name: 'Ops', email: 'ops' }],
  });
  expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['deskStaff.0.email']);
});

describe('a desk that is not configured answers 503 and stays closed', () => {
  it.each([
    ['production without Access settings', { ENVIRONMENT: 'production' }],
    [
      'production with only the team domain',
      { ENVIRONMENT: 'production', ACCESS_TEAM_DOMAIN: 'https://nyarro.cloudflareaccess.com' },
    ],
    ['development with only the audience', { ENVIRONMENT: 'development', ACCESS_AUD: AUDIENCE }],
    [
      'production with a team domain over plain http',
      { ENVIRONMENT: 'production', ACCESS_AUD: AUDIENCE, ACCESS_TEAM_DOMAIN: 'http://127.0.0.1:9' },
    ],
    [
      'a team domain with a path',
      {
        ENVIRONMENT: 'production',
        ACCESS_AUD: AUDIENCE,
        ACCESS_TEAM_DOMAIN: 'https://nyarro.cloudflareaccess.com/cdn-cgi',
      },
    ],
    [
      'a team domain elsewhere over plain http',
      {
        ENVIRONMENT: 'development',
        ACCESS_AUD: AUDIENCE,
        ACCESS_TEAM_DOMAIN: 'http://keys.example.com',
      },
    ],
  ])('%s', async (_name, env) => {
    const token = 'anything';
    expect(await deskPerson(deskRequest(token, 'header'), env, NOW)).toEqual({
      ok: false,
      status: 503,
      message: 'The sales desk is not configured.',
    });
  });

  it('with the key server down, it answers 503 rather than guessing', async () => {
    const issuer: Issuer = { url: access.url, privateJwk: access.privateJwk };
    const [, valid] = TOKEN_CASES[0]!;
    const env = accessEnv({ ACCESS_TEAM_DOMAIN: 'http://127.0.0.1:9' });
    expect(await deskPerson(deskRequest(await valid(issuer), 'header'), env, NOW)).toMatchObject({
      ok: false,
      status: 503,
    });
  });
});

describe('the keys', () => {
  it('are fetched once per isolate, and again when a token names a key not seen yet', async () => {
    const first = await accessKeyPair('first');
    const second = await accessKeyPair('second');
    let published = [first.publicJwk];
    const server = createAccessKeysServer(() => ({ keys: published }));
    const url = await server.listen();
    try {
      const [, valid] = TOKEN_CASES[0]!;
      const env = accessEnv({ ACCESS_TEAM_DOMAIN: url });
      const ask = async (privateJwk = first.privateJwk) =>
        (await deskPerson(deskRequest(await valid({ url, privateJwk }), 'header'), env, NOW)).ok;
      expect([await ask(), await ask(), await ask()]).toEqual([true, true, true]);
      expect(server.fetches()).toBe(1);
      // Access rotated its key: a token naming the new one makes the desk fetch again, at most
      // every 30 seconds, so a flood of tokens with made-up key ids is not a flood of fetches.
      // (Access publishes a new key well before signing with it, so the wait never shows.)
      published = [first.publicJwk, second.publicJwk];
      expect(await ask(second.privateJwk)).toBe(false);
      expect(server.fetches()).toBe(1);
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(Date.now() + 31_000);
      expect(await ask(second.privateJwk)).toBe(true);
      expect(server.fetches()).toBe(2);
    } finally {
      vi.useRealTimers();
      await server.close();
    }
  });
});

describe('the local sign-in', () => {
  const folder = mkdtempSync(join(tmpdir(), 'desk-dev-key-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  async function localEnv() {
    const file = join(folder, '.dev.vars');
    ensureDeskDevKey(file);
    return { ENVIRONMENT: 'development', ...parseEnv(readFileSync(file, 'utf8')) };
  }

  it('setup writes one key pair into .dev.vars, once', async () => {
    const file = join(folder, 'again.dev.vars');
    ensureDeskDevKey(file);
    const first = readFileSync(file, 'utf8');
    ensureDeskDevKey(file);
    expect(readFileSync(file, 'utf8')).toBe(first);
    const vars = parseEnv(first);
    expect(JSON.parse(vars['DESK_DEV_PUBLIC_JWK']!)).not.toHaveProperty('d');
    expect(JSON.parse(vars['DESK_DEV_PRIVATE_JWK']!)).toHaveProperty('d');
  });

  it('signs a person in with a token the desk checks like Access, through the published keys', async () => {
    const env = await localEnv();
    const local = localSignIn(new Request('http://127.0.0.1:1/desk/sign-in/'), env)!;
    // The desk fetches the keys from its own origin; here a stand-in serves what the page would.
    const server = createAccessKeysServer(() => local.keySet);
    const origin = await server.listen();
    try {
      const page = localSignIn(new Request(`${origin}/desk/sign-in/`), env)!;
      expect(page.groups.map((group) => group.label)).toEqual([
        ...Object.values(ROUTING.teams).map((team) => team.name),
        'Desk staff',
      ]);
      expect(page.groups.at(-1)!.people.map((person) => person.email)).toEqual([
        'sales-ops@example.com',
      ]);
      const cookie = (await page.signIn('Partnerships-Lead@example.com', NOW))!;
      expect(cookie).toMatch(
        /^CF_Authorization=[\w-]+\.[\w-]+\.[\w-]+; Path=\/desk\/; HttpOnly; SameSite=Lax; Max-Age=28800$/,
      );
      const token = cookie.split(';')[0]!.split('=')[1]!;
      const entry = await deskPerson(deskRequest(token, 'cookie', `${origin}/desk/`), env, NOW);
      expect(entry).toEqual({
        ok: true,
        person: {
          email: 'partnerships-lead@example.com',
          name: 'Partnerships lead',
          role: 'lead',
          teams: ['partnerships'],
        },
      });
      expect(await page.signIn('stranger@example.org', NOW)).toBeNull();
      expect(JSON.stringify(page.keySet)).not.toContain('"d"');
    } finally {
      await server.close();
    }
  });

  it('a local token is refused where Access is configured', async () => {
    const env = await localEnv();
    const cookie = (await localSignIn(new Request('http://127.0.0.1:1/desk/sign-in/'), env)!.signIn(
      'sales-1@example.com',
      NOW,
    ))!;
    const token = cookie.split(';')[0]!.split('=')[1]!;
    expect(
      await deskPerson(deskRequest(token, 'cookie'), { ...env, ...accessEnv() }, NOW),
    ).toMatchObject({ status: 401, signIn: null });
  });

  it.each([
    ['in production', { ENVIRONMENT: 'production' }, 'http://localhost:4321/'],
    [
      'with Access settings',
      { ACCESS_TEAM_DOMAIN: 'https://nyarro.cloudflareaccess.com', ACCESS_AUD: AUDIENCE },
      'http://localhost:4321/',
    ],
    ['on an address other than this machine', {}, 'http://desk.example.com/'],
  ])('does not exist %s', async (_name, overrides, url) => {
    const env = { ...(await localEnv()), ...overrides };
    expect(localSignIn(new Request(`${url}desk/sign-in/`), env)).toBeNull();
  });

  it('does not exist without the key from local setup', () => {
    expect(
      localSignIn(new Request('http://localhost:4321/desk/sign-in/'), {
        ENVIRONMENT: 'development',
      }),
    ).toBeNull();
  });

  it('points 401s at the sign-in page; sign-out clears the cookie and goes back there', async () => {
    const env = await localEnv();
    const request = deskRequest(null, 'header', 'http://localhost:4321/desk/');
    expect(await deskPerson(request, env, NOW)).toMatchObject({
      status: 401,
      signIn: '/desk/sign-in/',
    });
    expect(signOut(request, env)).toEqual({
      location: '/desk/sign-in/',
      cookie: 'CF_Authorization=; Path=/desk/; HttpOnly; SameSite=Lax; Max-Age=0',
    });
  });

  it("sign-out behind Access ends Access's session too", () => {
    expect(
      signOut(deskRequest(null, 'header'), {
        ...accessEnv(),
        ENVIRONMENT: 'production',
        ACCESS_TEAM_DOMAIN: 'https://nyarro.cloudflareaccess.com',
      }),
    ).toEqual({
      location: '/cdn-cgi/access/logout',
      cookie: 'CF_Authorization=; Path=/desk/; HttpOnly; SameSite=Lax; Max-Age=0; Secure',
    });
  });
});

it('robots.txt keeps crawlers out of the desk', async () => {
  const response = await robots({
    site: new URL('https://www.example.com'),
    url: new URL('https://www.example.com/robots.txt'),
  } as Parameters<typeof robots>[0]);
  expect(await response.text()).toMatch(/^Disallow: \/desk\/$/m);
});
