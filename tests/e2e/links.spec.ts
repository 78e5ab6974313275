// No internal link on any page leads nowhere.
import { expect, test } from '@playwright/test';
import { builtPagePaths } from './site-pages';

test('every internal link on every page resolves', async ({ page, request, baseURL }) => {
  test.setTimeout(120_000);
  const origin = new URL(baseURL!).origin;
  const targets = new Map<string, string>();
  for (const path of builtPagePaths()) {
    await page.goto(path);
    const hrefs = await page
      .locator('a[href], link[rel="alternate"][href]')
      .evaluateAll((nodes) => nodes.map((node) => (node as HTMLAnchorElement).href));
    for (const href of hrefs) {
      const url = new URL(href);
      if (url.origin === origin) targets.set(url.pathname, path);
    }
  }
  const broken: string[] = [];
  for (const [target, foundOn] of targets) {
    const response = await request.get(target);
    if (!response.ok()) broken.push(`${target} (${response.status()}) linked from ${foundOn}`);
  }
  expect(broken).toEqual([]);
  expect(targets.size).toBeGreaterThan(15);
});
