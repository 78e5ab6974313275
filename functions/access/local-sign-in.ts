// The sign-in that stands in for Cloudflare Access on a developer's machine: pick a person from
// the routing file, get a token signed with the key `npm run ops:setup` put in .dev.vars, as
// the CF_Authorization cookie. The desk checks it with the same code as Access's tokens. It
// exists only while deskGate says "local": never in production, never with Access settings.
import { importJWK, SignJWT } from 'jose';
import { ROUTING } from '../teams';
import { ACCESS_COOKIE } from './desk-person';
import { deskGate, LOCAL_SIGN_IN_PATH } from './gate';
import { deskPeople, findDeskPerson, type DeskPerson } from './people';

const TOKEN_HOURS = 8;

export interface LocalSignIn {
  /** Everyone who may enter, to pick from: by team (each person under their first), then desk staff. */
  groups: { label: string; people: DeskPerson[] }[];
  /** The public key set, in the shape of `<team domain>/cdn-cgi/access/certs`. */
  keySet: { keys: Record<string, string>[] };
  /** A Set-Cookie value signing this person in, or null when the email is not in the routing file. */
  signIn(email: string, now?: Date): Promise<string | null>;
}

/** The local sign-in, or null where there is none: the page and the keys answer 404 then. */
export function localSignIn(request: Request, env: object): LocalSignIn | null {
  const gate = deskGate(env, request.url);
  if (gate.kind !== 'local') return null;
  const { issuer, privateJwk, publicJwk } = gate;
  const secure = new URL(request.url).protocol === 'https:';
  return {
    groups: peopleByTeam(),
    // Only the public members: a private key pasted by mistake is never served.
    keySet: {
      keys: [
        {
          kty: 'RSA',
          kid: publicJwk.kid,
          n: publicJwk.n,
          e: publicJwk.e,
          alg: 'RS256',
          use: 'sig',
        },
      ],
    },
    async signIn(email, now = new Date()) {
      const person = findDeskPerson(email);
      if (!person) return null;
      const key = await importJWK(privateJwk, 'RS256');
      const seconds = Math.floor(now.getTime() / 1000);
      const token = await new SignJWT({ email: person.email })
        .setProtectedHeader({ alg: 'RS256', kid: privateJwk.kid, typ: 'JWT' })
        .setIssuer(issuer.issuer)
        .setAudience(issuer.audience)
        .setSubject(person.email)
        .setIssuedAt(seconds)
        .setNotBefore(seconds)
        .setExpirationTime(seconds + TOKEN_HOURS * 3600)
        .sign(key);
      return cookie(token, TOKEN_HOURS * 3600, secure);
    },
  };
}

function peopleByTeam(): LocalSignIn['groups'] {
  const people = deskPeople();
  const teams = Object.entries(ROUTING.teams).map(([key, team]) => ({
    label: team.name,
    people: people.filter((person) => person.teams[0] === key),
  }));
  return [
    ...teams,
    { label: 'Desk staff', people: people.filter((person) => !person.teams.length) },
  ].filter((group) => group.people.length);
}

/** Where sign-out sends the browser, and the cookie that ends the local session. */
export function signOut(request: Request, env: object): { location: string; cookie: string } {
  const gate = deskGate(env, request.url);
  const secure = new URL(request.url).protocol === 'https:';
  // Access keeps its own session at the edge; its logout ends it for every application.
  const location =
    gate.kind === 'access'
      ? '/cdn-cgi/access/logout'
      : gate.kind === 'local'
        ? LOCAL_SIGN_IN_PATH
        : '/';
  return { location, cookie: cookie('', 0, secure) };
}

function cookie(value: string, maxAge: number, secure: boolean): string {
  const attributes = [
    `${ACCESS_COOKIE}=${value}`,
    'Path=/desk/',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${maxAge}`,
  ];
  if (secure) attributes.push('Secure');
  return attributes.join('; ');
}
