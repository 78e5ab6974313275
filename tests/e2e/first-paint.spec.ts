// The first paint is final (src/lib/brand-font.ts): a first page view is drawn in the system's
// sans and asks for the font only once it has loaded, so its text is never redrawn; the pages
// after it are in Inter from their first paint.
import { expect, test, type CDPSession } from '@playwright/test';

/** The faces Chromium draws the headline with; "(web font)" marks a downloaded one. */
async function headlineFaces(cdp: CDPSession): Promise<string> {
  const { root } = await cdp.send('DOM.getDocument');
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: 'h1' });
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  return fonts.map((font) => font.familyName + (font.isCustomFont ? ' (web font)' : '')).join();
}

test('a first visit paints once, then fetches the font for later pages', async ({
  page,
  context,
}) => {
  const cdp = await context.newCDPSession(page);
  // 400 ms round trips and 400 kbps: the 26 KB font needs half a second more than the stylesheet.
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 400,
    downloadThroughput: 50_000,
    uploadThroughput: 50_000,
  });
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const font = page.waitForResponse((response) => response.url().endsWith('.woff2'));

  await page.goto('/', { waitUntil: 'commit' });
  await page.waitForFunction(
    () => performance.getEntriesByName('first-contentful-paint').length > 0,
    null,
    { polling: 10 },
  );
  const atFirstPaint = await headlineFaces(cdp);
  expect(atFirstPaint).not.toContain('(web font)');

  // The font downloaded and a few frames drawn since: time enough for a swap to show.
  await (await font).finished();
  const [loaded, painted, fontAsked] = await page.evaluate(() => [
    performance.getEntriesByType('navigation')[0]!.toJSON().loadEventStart as number,
    performance.getEntriesByName('first-contentful-paint')[0]!.startTime,
    performance.getEntriesByType('resource').find((entry) => entry.name.endsWith('.woff2'))!
      .startTime,
  ]);
  // Never competing with what the first paint needs: asked for once the page loaded and painted.
  expect(fontAsked).toBeGreaterThanOrEqual(loaded!);
  expect(fontAsked).toBeGreaterThanOrEqual(painted!);
  await page.evaluate(
    () => new Promise((resolve) => setTimeout(() => requestAnimationFrame(resolve), 300)),
  );
  expect(await headlineFaces(cdp)).toBe(atFirstPaint);
  const shift = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let sum = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries())
            sum += (entry as unknown as { value: number }).value;
        }).observe({ type: 'layout-shift', buffered: true });
        setTimeout(() => resolve(sum), 200);
      }),
  );
  expect(shift).toBe(0);
});

test('the next page is in the brand font from its first paint', async ({ page, context }) => {
  const cdp = await context.newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  await page.goto('/');
  // Once loaded, the first page fetches the font and notes that the browser has it.
  await page.waitForFunction(() => document.cookie.includes('nyarro_font='));
  await page.goto('/blog/', { waitUntil: 'commit' });
  await page.waitForFunction(
    () => performance.getEntriesByName('first-contentful-paint').length > 0,
    null,
    { polling: 10 },
  );
  expect(await headlineFaces(cdp)).toMatch(/^Inter.*\(web font\)$/);
});
