import { describe, expect, it } from 'vitest';
import { secureResponse } from '../../functions/secure-response';

const PAGE_POLICY = "default-src 'none'; style-src 'self' 'sha256-font='";

describe('secureResponse', () => {
  it.each([
    [
      'a page rendered on demand',
      new Response('<p>hi</p>', {
        status: 422,
        headers: { 'Content-Security-Policy': PAGE_POLICY },
      }),
    ],
    ['an endpoint', Response.json({ status: 'ok' })],
    [
      'a redirect, whose headers cannot change',
      Response.redirect('https://example.com/thanks/', 303),
    ],
  ])('gives %s the security headers and keeps its status', (_, response) => {
    const status = response.status;
    const secured = secureResponse(response);
    expect(secured.status).toBe(status);
    expect(secured.headers.get('Strict-Transport-Security')).toMatch(/max-age=63072000/);
    expect(secured.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(secured.headers.get('Content-Security-Policy')).toMatch(/frame-ancestors 'none'$/);
  });

  it("keeps a page's own policy, hashes and all", () => {
    const page = new Response('', { headers: { 'Content-Security-Policy': PAGE_POLICY } });
    expect(secureResponse(page).headers.get('Content-Security-Policy')).toBe(
      `${PAGE_POLICY}; frame-ancestors 'none'`,
    );
  });

  it('lets a response that is not a page load nothing', () => {
    const policy = secureResponse(Response.json({})).headers.get('Content-Security-Policy');
    expect(policy).toMatch(/^default-src 'none';/);
    expect(policy).not.toContain('self');
  });

  it('leaves a static file from the asset layer as _headers made it', () => {
    const file = new Response('', {
      headers: { 'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'" },
    });
    expect(secureResponse(file)).toBe(file);
  });
});
