// The placeholder values a checkout starts with: names under the domains reserved for examples
// (RFC 2606 and RFC 6761), and local addresses. Production refuses them; the build and the deploy
// check (scripts/check-deploy.mjs) use the same test. Free of imports so scripts can run it.

const RESERVED = /(^|\.)(example\.(com|net|org)|example|test|invalid|localhost)$/i;
const LOCAL = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\]|0\.0\.0\.0)$/i;

export function placeholderHost(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  return RESERVED.test(name) || LOCAL.test(name);
}

export function placeholderUrl(url: string): boolean {
  try {
    return placeholderHost(new URL(url).hostname);
  } catch {
    return true;
  }
}

/** An address alone or in a sender line ("Name <hello@example.com>"). */
export function placeholderAddress(value: string): boolean {
  const address = /<([^>]+)>/.exec(value)?.[1] ?? value;
  const domain = address.trim().split('@').at(-1) ?? '';
  return placeholderHost(domain);
}

/** The all-zero D1 database id that wrangler.jsonc holds until the database is created. */
export const PLACEHOLDER_DATABASE_ID = '00000000-0000-0000-0000-000000000000';
