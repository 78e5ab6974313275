// A long page draws what lies below the first screen only as the reader nears it
// (`render-when-near` and `render-blocks-when-near` in src/styles/global.css). To the reader it
// must behave as if it were all drawn: links land where they point, and focus rings are whole.
import { expect, test, type Page } from '@playwright/test';
import sharp from 'sharp';

test.use({ viewport: { width: 390, height: 844 } });

const ARTICLE = '/blog/why-ai-pilots-stall/';
/** `--brand` in the light theme, the colour of a focus ring (src/styles/global.css). */
const BRAND = [0x0b, 0x5d, 0x6b];

/** The pixels of a strip of the screen, as [r, g, b] triples. */
async function pixels(page: Page, clip: { x: number; y: number; width: number; height: number }) {
  const { data, info } = await sharp(await page.screenshot({ clip }))
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return Array.from({ length: info.width * info.height }, (_, i) => [
    data[3 * i]!,
    data[3 * i + 1]!,
    data[3 * i + 2]!,
  ]);
}

test("a link in the table of contents brings its section's heading to the top of the screen", async ({
  page,
}) => {
  await page.goto(ARTICLE);
  const section = 'The way forward for a stalled pilot';
  await page
    .getByRole('navigation', { name: 'In this article' })
    .getByRole('link', { name: section })
    .click();
  const heading = page.getByRole('heading', { name: section });
  await expect(heading).toBeInViewport();
  // It stays there while the blocks above it are drawn at their real heights.
  await page.waitForTimeout(500);
  const { y } = (await heading.boundingBox())!;
  expect(y).toBeGreaterThan(-2); // at the top edge, give or take a subpixel
  expect(y).toBeLessThan(100);
});

test('a link that starts a line of an article shows its whole focus ring', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(ARTICLE);
  // A paragraph that begins with a link, as any article may: the ring reaches 4 px left of it.
  await page.locator('.prose-site').evaluate((prose: HTMLElement) => {
    const paragraph = document.createElement('p');
    paragraph.innerHTML = '<a href="#edge" id="edge">A link at the start of a line</a> of text.';
    prose.insertBefore(paragraph, prose.firstChild);
  });
  const link = page.locator('#edge');
  await link.focus();
  // From the keyboard, so that the ring shows (:focus-visible).
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  await expect(link).toBeFocused();
  const box = (await link.boundingBox())!;
  const ring = await pixels(page, { x: box.x - 4, y: box.y + box.height / 2, width: 2, height: 1 });
  const near = ([r, g, b]: number[]) =>
    Math.abs(r! - BRAND[0]!) + Math.abs(g! - BRAND[1]!) + Math.abs(b! - BRAND[2]!) < 90;
  expect(ring.some(near)).toBe(true);
});
