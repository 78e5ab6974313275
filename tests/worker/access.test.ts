// Who may enter the sales desk, checked inside workerd: the same table as tests/unit/access.test.ts,
// with the keys fetched over HTTP from the Access stand-in started in tests/stand-ins/global-setup.ts.
import { env } from 'cloudflare:workers';
import { describe, expect, inject, it, vi } from 'vitest';
import { deskPerson } from '../../functions/access/desk-person';
import { localSignIn } from '../../functions/access/local-sign-in';
import { AUDIENCE, deskRequest, NOW, TOKEN_CASES } from '../fixtures/access-tokens';

const accessEnv = () => ({
  ...env,
  ENVIRONMENT: 'development',
  ACCESS_TEAM_DOMAIN: inject('accessKeys').url,
  ACCESS_AUD: AUDIENCE,
});

function refusalLogged(lines: unknown[][]): string | null {
  const events = lines.map(([line]) => JSON.parse(String(line)) as Record<string, string>);
  return events.find((event) => event['event'] === 'desk_token_refused')?.['reason'] ?? null;
}

describe.each(TOKEN_CASES)('%s', (_name, token, via, expected) => {
  it(`answers ${expected.status}`, async () => {
    const warn = vi.spyOn(console, 'warn');
    const entry = await deskPerson(
      deskRequest(await token(inject('accessKeys')), via),
      accessEnv(),
      NOW,
    );
    if (expected.status === 200) {
      const { status: _status, ...person } = expected;
      expect(entry).toEqual({ ok: true, person: { ...person, name: expect.any(String) } });
    } else {
      expect(entry).toMatchObject({ ok: false, status: expected.status });
    }
    if (expected.status === 401) expect(refusalLogged(warn.mock.calls)).toBe(expected.reason);
    warn.mockRestore();
  });
});

describe('the local sign-in', () => {
  it('signs a person in with a token the desk checks through the published keys', async () => {
    const { url, local } = inject('accessKeys');
    const localEnv = {
      ...env,
      ENVIRONMENT: 'development',
      DESK_DEV_PRIVATE_JWK: JSON.stringify(local.privateJwk),
      DESK_DEV_PUBLIC_JWK: JSON.stringify(local.publicJwk),
    };
    const page = localSignIn(new Request(`${url}/desk/sign-in/`), localEnv)!;
    expect(page.keySet.keys.map((key) => key.kid)).toEqual([local.publicJwk.kid]);
    const cookie = (await page.signIn('careers-2@example.com', NOW))!;
    const token = /^CF_Authorization=([^;]+);/.exec(cookie)![1]!;
    const entry = await deskPerson(deskRequest(token, 'cookie', `${url}/desk/`), localEnv, NOW);
    expect(entry).toEqual({
      ok: true,
      person: {
        email: 'careers-2@example.com',
        name: 'Careers owner 2',
        role: 'member',
        teams: ['careers'],
      },
    });
    // Signed by the local key, it means nothing to a desk behind Access.
    expect(await deskPerson(deskRequest(token, 'cookie'), accessEnv(), NOW)).toMatchObject({
      status: 401,
    });
  });
});

describe('in production', () => {
  it('without the Access settings the desk answers 503 and logs an error', async () => {
    const error = vi.spyOn(console, 'error');
    const [, valid] = TOKEN_CASES[0]!;
    const request = deskRequest(await valid(inject('accessKeys')), 'header');
    expect(await deskPerson(request, { ...env, ENVIRONMENT: 'production' }, NOW)).toEqual({
      ok: false,
      status: 503,
      message: 'The sales desk is not configured.',
    });
    expect(error.mock.calls.map(([line]) => JSON.parse(String(line)).event)).toContain(
      'desk_not_configured',
    );
    error.mockRestore();
  });

  it('refuses a team domain on plain http, even the stand-in with valid tokens', async () => {
    const [, valid] = TOKEN_CASES[0]!;
    const request = deskRequest(await valid(inject('accessKeys')), 'header');
    const production = { ...accessEnv(), ENVIRONMENT: 'production' };
    expect(await deskPerson(request, production, NOW)).toMatchObject({ ok: false, status: 503 });
  });

  it('has no local sign-in, even with a local key set', () => {
    const local = {
      ...env,
      ENVIRONMENT: 'production',
      DESK_DEV_PUBLIC_JWK: JSON.stringify({ kty: 'RSA', kid: 'k', n: 'n', e: 'AQAB' }),
      DESK_DEV_PRIVATE_JWK: JSON.stringify({ kty: 'RSA', kid: 'k', n: 'n', e: 'AQAB', d: 'd' }),
    };
    expect(localSignIn(new Request('http://localhost:4321/desk/sign-in/'), local)).toBeNull();
  });
});
