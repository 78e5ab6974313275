// Checks every built page as a crawler and an assistive technology would meet it.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { BRAND_FONT_SCRIPT } from '../../src/lib/brand-font';
import { builtPagePaths, isArticle, NOT_FOUND_PROBE } from './site-pages';

const pages = [...builtPagePaths(), NOT_FOUND_PROBE];
const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

for (const path of pages) {
  test.describe(path, () => {
    test('has one h1, a title, a description and a canonical link', async ({ page }) => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(path === NOT_FOUND_PROBE ? 404 : 200);
      await expect(page.locator('h1')).toHaveCount(1);
      await expect(page).toHaveTitle(/\S.{5,}/);
      const description = await page.locator('meta[name="description"]').getAttribute('content');
      expect(description?.length ?? 0).toBeGreaterThanOrEqual(50);
      const canonical = await page.locator('link[rel="canonical"]').getAttribute('href');
      expect(canonical).toMatch(/^https?:\/\/[^/]+\//);
      if (path !== NOT_FOUND_PROBE) expect(new URL(canonical!).pathname).toBe(path);
    });

    for (const colorScheme of ['light', 'dark'] as const) {
      test(`has no WCAG 2.2 AA violations in the ${colorScheme} theme`, async ({ page }) => {
        await page.emulateMedia({ colorScheme });
        await page.goto(path);
        const results = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
        expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
      });
    }

    if (isArticle(path)) {
      test('loads no script file; its one inline script picks the font', async ({ page }) => {
        const scripts: string[] = [];
        page.on('request', (request) => {
          if (request.resourceType() === 'script') scripts.push(request.url());
        });
        await page.goto(path);
        await page.waitForLoadState('networkidle');
        expect(scripts).toEqual([]);
        const executable = page.locator('script:not([type="application/ld+json"])');
        await expect(executable).toHaveCount(1);
        expect(await executable.textContent()).toBe(BRAND_FONT_SCRIPT);
      });
    }
  });
}
