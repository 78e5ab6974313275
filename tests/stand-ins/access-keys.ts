// A stand-in for Cloudflare Access's key server: serves a JSON Web Key Set at any path ending in
// `certs` (Access: /cdn-cgi/access/certs; the local sign-in: /desk/dev-keys/certs/), counts the
// fetches, and holds the private key so tests can sign tokens as Access would.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK } from 'jose';

export interface AccessKeys {
  /** The origin to use as ACCESS_TEAM_DOMAIN. */
  url: string;
  /** The key Access signs with; its public half is what the server serves. */
  privateJwk: JWK;
  /** The local sign-in's key pair, as DESK_DEV_PRIVATE_JWK and DESK_DEV_PUBLIC_JWK hold it. */
  local: { privateJwk: JWK; publicJwk: JWK };
}

export async function accessKeyPair(kid: string): Promise<{ privateJwk: JWK; publicJwk: JWK }> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const extra = { kid, alg: 'RS256', use: 'sig' };
  return {
    privateJwk: { ...(await exportJWK(privateKey)), ...extra },
    publicJwk: { ...(await exportJWK(publicKey)), ...extra },
  };
}

export function createAccessKeysServer(keySet: (path: string) => { keys: JWK[] }) {
  let fetches = 0;
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://stand-in').pathname;
    if (request.method === 'GET' && /\/certs\/?$/.test(path)) {
      fetches += 1;
      response.writeHead(200, { 'content-type': 'application/json' });
      return void response.end(JSON.stringify(keySet(path)));
    }
    response.writeHead(404).end();
  });
  return {
    fetches: () => fetches,
    listen: () =>
      new Promise<string>((resolve) =>
        server.listen(0, '127.0.0.1', () =>
          resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
        ),
      ),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The stand-in for one test run: Access's key pair, published at /cdn-cgi/access/certs, and a
 * local sign-in key pair (what setup puts in .dev.vars), published at /desk/dev-keys/certs/ as
 * the desk's own keys endpoint would.
 */
export async function startAccessKeys(): Promise<AccessKeys & { close(): Promise<void> }> {
  const access = await accessKeyPair('stand-in-access-key');
  const local = await accessKeyPair('stand-in-local-key');
  const server = createAccessKeysServer((path) => ({
    keys: [path.startsWith('/desk/') ? local.publicJwk : access.publicJwk],
  }));
  return { url: await server.listen(), privateJwk: access.privateJwk, local, close: server.close };
}
