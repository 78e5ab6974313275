// The pages that convert as a prospect first sees them, on a laptop and on a phone: the form in
// view on load, and a phone header that keeps to one row with the other links behind a menu.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };
const FORM_PAGES = ['/assessment/', '/contact/'];
const HEADER_PAGES = ['/', '/assessment/', '/contact/', '/blog/', '/services/'];
const MAX_PHONE_HEADER = 64;
const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Where the bottom of the form's first field lies on load, in viewport heights. */
async function firstFieldBottom(page: Page, path: string) {
  await page.goto(path);
  const field = page.getByLabel('Full name');
  await expect(field).toBeVisible();
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  const box = (await field.boundingBox())!;
  return (box.y + box.height) / page.viewportSize()!.height;
}

const header = (page: Page) => page.getByRole('banner');
const menu = (page: Page) => header(page).locator('details');
const menuButton = (page: Page) => menu(page).locator('summary');
const menuLinks = (page: Page) => menu(page).getByRole('link');

/** The menu button as Chromium exposes it to screen readers: its role and whether it is expanded. */
async function accessibleMenuButton(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  const { root } = await cdp.send('DOM.getDocument');
  const { nodes } = await cdp.send('Accessibility.queryAXTree', {
    nodeId: root.nodeId,
    accessibleName: 'Menu',
  });
  await cdp.detach();
  const node = nodes.find((candidate) => !candidate.ignored);
  const expanded = node?.properties?.find((property) => property.name === 'expanded');
  return { role: node?.role?.value, expanded: expanded?.value.value };
}

test.describe('on a 1366×768 laptop', () => {
  test.use({ viewport: LAPTOP });

  for (const path of FORM_PAGES) {
    test(`${path} shows the first field of the form without scrolling`, async ({ page }) => {
      expect(await firstFieldBottom(page, path)).toBeLessThanOrEqual(1);
    });
  }

  test('the header shows every link, with no menu', async ({ page }) => {
    await page.goto('/');
    const nav = header(page).getByRole('navigation', { name: 'Main' });
    for (const name of ['Services', 'Blog', 'About', 'Contact', 'Search']) {
      await expect(nav.getByRole('link', { name, exact: true })).toBeVisible();
    }
    await expect(header(page).getByRole('link', { name: 'Free AI assessment' })).toBeVisible();
    await expect(menuButton(page)).toBeHidden();
  });
});

test.describe('on a 390×844 phone', () => {
  test.use({ viewport: PHONE, isMobile: true, hasTouch: true });

  for (const path of FORM_PAGES) {
    test(`${path} shows the first field within a screen and a half`, async ({ page }) => {
      expect(await firstFieldBottom(page, path)).toBeLessThanOrEqual(1.5);
    });
  }

  for (const path of HEADER_PAGES) {
    test(`${path} has a one-row header no taller than ${MAX_PHONE_HEADER}px`, async ({ page }) => {
      await page.goto(path);
      const items = [
        header(page).getByRole('link', { name: /Nyarro/ }),
        header(page).getByRole('link', { name: 'Free AI assessment' }),
        menuButton(page),
      ];
      const boxes = [];
      for (const item of items) {
        await expect(item).toBeVisible();
        boxes.push((await item.boundingBox())!);
      }
      // One row: every item overlaps the others vertically, and all fit across the screen.
      const lowestTop = Math.max(...boxes.map((box) => box.y));
      const highestBottom = Math.min(...boxes.map((box) => box.y + box.height));
      expect(lowestTop).toBeLessThan(highestBottom);
      expect(Math.max(...boxes.map((box) => box.x + box.width))).toBeLessThanOrEqual(PHONE.width);
      const height = (await header(page).boundingBox())!.height;
      expect(height).toBeLessThanOrEqual(MAX_PHONE_HEADER);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(PHONE.width);
    });
  }

  for (const javaScriptEnabled of [true, false]) {
    test.describe(javaScriptEnabled ? 'with JavaScript' : 'without JavaScript', () => {
      test.use({ javaScriptEnabled });

      test('the menu opens and closes with the keyboard', async ({ page }) => {
        await page.goto('/blog/');
        await expect(menuLinks(page).first()).toBeHidden();
        await header(page).getByRole('link', { name: 'Free AI assessment' }).focus();
        await page.keyboard.press('Tab');
        await expect(menuButton(page)).toBeFocused();
        expect(await accessibleMenuButton(page)).toEqual({
          role: 'DisclosureTriangle',
          expanded: false,
        });

        await page.keyboard.press('Enter');
        await expect(menuLinks(page)).toHaveText([
          'Services',
          'Blog',
          'About',
          'Contact',
          'Search',
        ]);
        for (const link of await menuLinks(page).all()) await expect(link).toBeVisible();
        expect(await accessibleMenuButton(page)).toEqual({
          role: 'DisclosureTriangle',
          expanded: true,
        });
        await expect(menuLinks(page).filter({ hasText: 'Blog' })).toHaveAttribute(
          'aria-current',
          'page',
        );
        await page.keyboard.press('Tab');
        await expect(menuLinks(page).first()).toBeFocused();

        await page.keyboard.press('Shift+Tab');
        await page.keyboard.press('Space');
        await expect(menuLinks(page).first()).toBeHidden();
        expect((await accessibleMenuButton(page)).expanded).toBe(false);
      });

      test('every link in the menu leads to its page', async ({ page }) => {
        await page.goto('/');
        await menuButton(page).click();
        const targets = await menuLinks(page).evaluateAll((links) =>
          links.map((link) => ({
            name: link.textContent!.trim(),
            href: link.getAttribute('href')!,
          })),
        );
        expect(targets.length).toBe(5);
        for (const { name, href } of targets) {
          await page.goto('/');
          await menuButton(page).click();
          const arrival = page.waitForResponse(
            (response) =>
              response.request().isNavigationRequest() && new URL(response.url()).pathname === href,
          );
          await menuLinks(page).getByText(name, { exact: true }).click();
          expect((await arrival).status(), name).toBe(200);
          expect(new URL(page.url()).pathname).toBe(href);
        }
      });
    });
  }

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`the open menu has no WCAG 2.2 AA violations in the ${colorScheme} theme`, async ({
      page,
    }) => {
      await page.emulateMedia({ colorScheme });
      await page.goto('/assessment/');
      await menuButton(page).click();
      await expect(menuLinks(page).first()).toBeVisible();
      const results = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
    });
  }
});
