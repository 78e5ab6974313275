// The key pair of the sales desk's local sign-in (functions/access/local-sign-in.ts): an RS256
// key made once per checkout and kept in .dev.vars as DESK_DEV_PRIVATE_JWK and DESK_DEV_PUBLIC_JWK,
// beside the other local settings. Production never has them: there Cloudflare Access signs.
// Safe to run again: a file that already has both keys is left alone.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';

const NAMES = ['DESK_DEV_PRIVATE_JWK', 'DESK_DEV_PUBLIC_JWK'];

/** @param {string} file the .dev.vars to complete */
export function ensureDeskDevKey(file) {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const has = (name) => new RegExp(`^${name}=`, 'm').test(text);
  if (NAMES.every(has)) return;
  if (NAMES.some(has)) {
    throw new Error(
      `${file} has only one of ${NAMES.join(' and ')}: delete that line and run again.`,
    );
  }
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = `desk-dev-${randomUUID()}`;
  const jwk = (key) =>
    JSON.stringify({ ...key.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' });
  // Single quotes: the value is JSON, and .dev.vars is read as a dotenv file.
  const lines = [
    '',
    "# The sales desk's local sign-in key (made by `npm run ops:setup`; local use only).",
    `DESK_DEV_PRIVATE_JWK='${jwk(privateKey)}'`,
    `DESK_DEV_PUBLIC_JWK='${jwk(publicKey)}'`,
    '',
  ];
  appendFileSync(file, `${text && !text.endsWith('\n') ? '\n' : ''}${lines.join('\n')}`);
  console.log(`Added a local sign-in key for the sales desk to ${file}.`);
}
