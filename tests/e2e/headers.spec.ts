// The security headers of each way a response leaves the site (a static page and a file from the
// asset layer, a page and an endpoint rendered by the Worker, the 404), and pages that work under
// the Content Security Policy in a real browser.
import {
  expect,
  test,
  type APIRequestContext,
  type APIResponse,
  type Page,
} from '@playwright/test';
import { inlineHashes, metaPolicy, parsePolicy } from './csp';
import { NOT_FOUND_PROBE } from './site-pages';

const SAME_ON_EVERY_RESPONSE = {
  'strict-transport-security': 'max-age=63072000; includeSubDomains; preload',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'x-frame-options': 'DENY',
};

async function firstStylesheet(request: APIRequestContext) {
  const html = await (await request.get('/')).text();
  return /<link rel="stylesheet" href="(\/_astro\/[^"]+\.css)"/.exec(html)![1]!;
}

const responses: {
  what: string;
  status: number;
  isPage: boolean;
  fetch: (request: APIRequestContext, origin: string) => Promise<APIResponse>;
}[] = [
  { what: 'a static page', status: 200, isPage: true, fetch: (r) => r.get('/') },
  {
    what: 'a page rendered on demand (a form sent with errors)',
    status: 422,
    isPage: true,
    fetch: (r, origin) =>
      r.post('/contact/send/', {
        headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
        data: 'name=Ravi',
      }),
  },
  {
    what: 'a file from the asset layer',
    status: 200,
    isPage: false,
    fetch: async (r) => r.get(await firstStylesheet(r)),
  },
  { what: 'the 404 page', status: 404, isPage: true, fetch: (r) => r.get(NOT_FOUND_PROBE) },
  { what: 'an endpoint', status: 200, isPage: false, fetch: (r) => r.get('/api/health/') },
];

for (const { what, status, isPage, fetch } of responses) {
  test.describe(`${what} carries the security headers`, () => {
    test('that every response shares', async ({ request, baseURL }) => {
      const response = await fetch(request, baseURL!);
      expect(response.status()).toBe(status);
      const headers = response.headers();
      for (const [name, value] of Object.entries(SAME_ON_EVERY_RESPONSE)) {
        expect(headers[name], name).toBe(value);
      }
      const permissions = headers['permissions-policy'] ?? '';
      for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb']) {
        expect(permissions).toContain(`${feature}=()`);
      }
    });

    test('and a strict Content Security Policy', async ({ request, baseURL }) => {
      const response = await fetch(request, baseURL!);
      const policy = parsePolicy(response.headers()['content-security-policy']!);
      expect(policy.get('default-src')).toEqual(["'none'"]);
      expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
      expect(policy.get('base-uri')).toEqual(["'none'"]);
      for (const sources of policy.values()) expect(sources).not.toContain("'unsafe-inline'");
      for (const sources of policy.values()) expect(sources).not.toContain("'unsafe-eval'");
      expect(policy.get('script-src') ?? []).not.toContain('https://challenges.cloudflare.com');
    });

    if (isPage) {
      test('whose policy allows the inline code the page has', async ({ request, baseURL }) => {
        const response = await fetch(request, baseURL!);
        const html = await response.text();
        const policy = parsePolicy(response.headers()['content-security-policy']!);
        const { styles, scripts } = inlineHashes(html);
        expect(styles.length).toBeGreaterThan(0);
        for (const hash of styles) expect(policy.get('style-src')).toContain(hash);
        for (const hash of scripts) expect(policy.get('script-src')).toContain(hash);
        // A static page repeats its policy in a <meta> tag; the header must not loosen or differ.
        const meta = metaPolicy(html);
        if (meta) {
          const { ['frame-ancestors']: _, ...header } = Object.fromEntries(policy);
          expect(header).toEqual(Object.fromEntries(parsePolicy(meta)));
        }
      });
    }
  });
}

test('link-preview images may be shown by other sites', async ({ request }) => {
  const response = await request.get('/og/blog/why-ai-pilots-stall.png');
  expect(response.headers()['cross-origin-resource-policy']).toBe('cross-origin');
});

/** Everything the browser refused or failed at on the page, as readable lines. */
async function watchForViolations(page: Page) {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.exposeFunction('reportViolation', (line: string) => problems.push(line));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { reportViolation: (line: string) => void })
        .reportViolation;
      report(`CSP: ${event.effectiveDirective} refused ${event.blockedURI || 'inline code'}`);
    });
  });
  return problems;
}

test.describe('pages work under the policy, with nothing refused', () => {
  test('the home page', async ({ page }) => {
    const problems = await watchForViolations(page);
    await page.goto('/');
    // The inline script that picks the font ran, fetched the font and noted it; the next view
    // of a page is in it. A policy too strict for the script, the font or the stylesheet fails this.
    await page.waitForFunction(() => document.cookie.includes('nyarro_font='));
    await page.reload();
    await page.waitForLoadState('networkidle');
    await expect(page.locator('body')).toHaveCSS('font-family', /^Inter/);
    await expect(page.locator('h1')).toHaveCSS('font-weight', '700');
    // The tab's icon rides in the page as a data: image, which the policy must let it draw.
    const icon = await page.locator('link[rel="icon"]').getAttribute('href');
    expect(icon).toMatch(/^data:image\/png;base64,/);
    const iconWidth = await page.evaluate(
      (src) =>
        new Promise<number>((resolve) => {
          const image = new Image();
          image.onload = () => resolve(image.naturalWidth);
          image.onerror = () => resolve(0);
          image.src = src;
        }),
      icon!,
    );
    expect(iconWidth).toBe(48);
    expect(problems).toEqual([]);
  });

  test('an article', async ({ page }) => {
    const problems = await watchForViolations(page);
    await page.goto('/blog/why-ai-pilots-stall/');
    await page.waitForLoadState('networkidle');
    await expect(page.getByRole('navigation', { name: 'In this article' })).toBeVisible();
    expect(problems).toEqual([]);
  });

  test('the search page finds an article', async ({ page }) => {
    const problems = await watchForViolations(page);
    await page.goto('/search/');
    await page.getByRole('searchbox').fill('runbooks');
    await expect(page.getByRole('link', { name: /operations by design/i }).first()).toBeVisible();
    await page.waitForLoadState('networkidle');
    expect(problems).toEqual([]);
  });

  test('the assessment form checks what is sent', async ({ page }) => {
    const problems = await watchForViolations(page);
    await page.goto('/assessment/');
    await page.getByRole('button', { name: 'Request my free assessment' }).click();
    await expect(page.getByText('There is a problem with the form')).toBeVisible();
    await expect(page.locator('[data-summary]')).toBeFocused();
    expect(problems).toEqual([]);
  });
});
