import { describe, expect, it } from 'vitest';
import { headersFile, metaPolicy, servedPath } from '../../src/integrations/headers-file';

const SITE_WIDE = "default-src 'none'; script-src 'self'; style-src 'self' 'sha256-font='";
const WITH_WIDGET = `${SITE_WIDE}; frame-src https://widget.example`;

/** The rules of a _headers file by pattern, each as its header lines. */
function rules(file: string): Map<string, string[]> {
  return new Map(
    file
      .trim()
      .split(/\n\n+/)
      .map((block) => block.split('\n'))
      .map(([pattern, ...lines]) => [pattern!, lines.map((line) => line.trim())]),
  );
}

describe('servedPath', () => {
  it.each([
    ['index.html', '/'],
    ['blog/why-ai-pilots-stall/index.html', '/blog/why-ai-pilots-stall/'],
    ['404.html', '/404'],
    ['blog\\tags\\index.html', '/blog/tags/'],
  ])('%s is served at %s', (file, path) => {
    expect(servedPath(file)).toBe(path);
  });
});

describe('metaPolicy', () => {
  it('reads the policy Astro wrote into the page, entities decoded', () => {
    const html = `<head><meta charset="utf-8"><meta http-equiv="content-security-policy" content="default-src &#39;none&#39;; img-src &#39;self&#39;"></head>`;
    expect(metaPolicy(html)).toBe("default-src 'none'; img-src 'self'");
  });

  it('finds nothing in a page without one', () => {
    expect(metaPolicy('<head><meta name="description" content="x"></head>')).toBeUndefined();
  });
});

describe('headersFile', () => {
  const policies = new Map([
    ['/', SITE_WIDE],
    ['/blog/', SITE_WIDE],
    ['/contact/', WITH_WIDGET],
  ]);

  it('gives every path the security headers and the policy most pages share', () => {
    const all = rules(headersFile(policies)).get('/*')!;
    expect(all).toContain(
      'Strict-Transport-Security: max-age=63072000; includeSubDomains; preload',
    );
    expect(all).toContain('X-Content-Type-Options: nosniff');
    expect(all).toContain(`Content-Security-Policy: ${SITE_WIDE}; frame-ancestors 'none'`);
  });

  it('replaces the shared policy on a page whose policy differs, and only there', () => {
    const file = rules(headersFile(policies));
    expect(file.get('/contact/')).toEqual([
      '! Content-Security-Policy',
      `Content-Security-Policy: ${WITH_WIDGET}; frame-ancestors 'none'`,
    ]);
    expect(file.has('/')).toBe(false);
    expect(file.has('/blog/')).toBe(false);
  });

  it('lets other sites show the link-preview images', () => {
    expect(rules(headersFile(policies)).get('/og/*')).toContain(
      'Cross-Origin-Resource-Policy: cross-origin',
    );
  });

  it('keeps the rules already in the file, after its own', () => {
    const existing = '/_astro/*\n  Cache-Control: public, max-age=31536000, immutable\n';
    const file = headersFile(policies, existing);
    expect([...rules(file).keys()].at(-1)).toBe('/_astro/*');
    expect(file.indexOf('/*')).toBeLessThan(file.indexOf('/_astro/*'));
  });

  it('refuses to write more rules than Cloudflare reads', () => {
    const many = new Map(
      Array.from({ length: 120 }, (_, i) => [`/p${i}/`, `${SITE_WIDE} 'sha256-${i}='`]),
    );
    expect(() => headersFile(many)).toThrow(/Cloudflare reads 100/);
  });

  it('refuses a header line longer than Cloudflare reads', () => {
    const long = new Map([['/', `${SITE_WIDE} ${"'sha256-x' ".repeat(300)}`]]);
    expect(() => headersFile(long)).toThrow(/over 2000 characters/);
  });
});
