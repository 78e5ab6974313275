import { afterEach, describe, expect, it, vi } from 'vitest';
import { allowSiteSearch, allowTurnstile } from '../../src/lib/page-policy';

/** Records what a page adds to its policy, as Astro.csp would receive it. */
function recordingCsp() {
  const added: string[] = [];
  const csp = {
    insertDirective: (directive: string) => added.push(directive),
    insertScriptResource: (source: string) => added.push(`script-src ${source}`),
    insertStyleResource: (source: string) => added.push(`style-src ${source}`),
    insertScriptHash: (hash: string) => added.push(`script-src ${hash}`),
    insertStyleHash: (hash: string) => added.push(`style-src ${hash}`),
  };
  return { csp: csp as unknown as Parameters<typeof allowTurnstile>[0], added };
}

afterEach(() => vi.unstubAllEnvs());

describe('allowTurnstile', () => {
  it("allows Turnstile's script and challenge frame when the site is built with its key", () => {
    vi.stubEnv('PUBLIC_TURNSTILE_SITE_KEY', '1x00000000000000000000AA');
    const { csp, added } = recordingCsp();
    allowTurnstile(csp);
    expect(added).toEqual([
      'script-src https://challenges.cloudflare.com',
      'frame-src https://challenges.cloudflare.com',
    ]);
  });

  it('allows nothing when the site is built without it', () => {
    vi.stubEnv('PUBLIC_TURNSTILE_SITE_KEY', '');
    const { csp, added } = recordingCsp();
    allowTurnstile(csp);
    expect(added).toEqual([]);
  });
});

describe('allowSiteSearch', () => {
  it('allows WebAssembly, a same-origin worker and data: icons, and no eval of script', () => {
    const { csp, added } = recordingCsp();
    allowSiteSearch(csp);
    expect(added).toContain("script-src 'wasm-unsafe-eval'");
    expect(added).toContain("worker-src 'self'");
    expect(added.join(' ')).not.toContain("'unsafe-eval'");
  });
});
