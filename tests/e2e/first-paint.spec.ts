// A first visit on a slow link: the text keeps the face of its first paint. The font arrives
// long after the stylesheet here, so a font that swapped in late would redraw the text.
import { expect, test, type CDPSession } from '@playwright/test';

/** The faces Chromium draws the headline with; "(web font)" marks a downloaded one. */
async function headlineFaces(cdp: CDPSession): Promise<string> {
  const { root } = await cdp.send('DOM.getDocument');
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: 'h1' });
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  return fonts.map((font) => font.familyName + (font.isCustomFont ? ' (web font)' : '')).join();
}

test('a slow first visit is not redrawn when the font arrives', async ({ page, context }) => {
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

  // The font downloaded and a few frames drawn since: time enough for a swap to show.
  await (await font).finished();
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
  await page.waitForLoadState('load');
  // The font is cached now, even where the first page kept its fallback.
  await page.goto('/blog/', { waitUntil: 'commit' });
  await page.waitForFunction(
    () => performance.getEntriesByName('first-contentful-paint').length > 0,
    null,
    { polling: 10 },
  );
  expect(await headlineFaces(cdp)).toMatch(/^Inter.*\(web font\)$/);
});
