import { expect, test } from '@playwright/test';

test('a reader goes from the home page to an article to the assessment page', async ({ page }) => {
  await page.goto('/');
  await page
    .getByRole('region', { name: 'Latest articles' })
    .getByRole('link', { name: /why most enterprise AI pilots never reach production/i })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    /why most enterprise AI pilots never reach production/i,
  );
  await expect(page.getByText(/min read/)).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'In this article' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Related articles' })).toBeVisible();

  await page.getByRole('link', { name: 'Request a free AI assessment' }).click();
  await expect(page).toHaveURL(/\/assessment\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/assessment/i);
});

test('the blog lists newest first and hides drafts everywhere', async ({ page, request }) => {
  await page.goto('/blog/');
  const titles = await page.locator('main article h2').allTextContents();
  expect(titles[0]).toMatch(/operations by design/i);
  expect(titles.join('\n')).not.toMatch(/draft/i);

  expect((await request.get('/blog/a-draft-note/')).status()).toBe(404);
  expect(await (await request.get('/rss.xml')).text()).not.toContain('a-draft-note');
  expect(await (await request.get('/sitemap-0.xml')).text()).not.toContain('a-draft-note');
});

test('a tag page lists the articles with that tag', async ({ page }) => {
  await page.goto('/blog/why-ai-pilots-stall/');
  await page
    .getByRole('list', { name: 'Tags' })
    .getByRole('link', { name: 'Architecture' })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Articles on Architecture');
  await expect(page.locator('main article')).toHaveCount(2);
});

test('feeds and crawler files are published', async ({ request }) => {
  const rss = await request.get('/rss.xml');
  expect(rss.headers()['content-type']).toContain('xml');
  expect(await rss.text()).toContain('<item>');
  expect(await (await request.get('/robots.txt')).text()).toMatch(
    /Sitemap: https?:\/\/.+\/sitemap-index\.xml/,
  );
  const og = await request.get('/og/blog/why-ai-pilots-stall.png');
  expect(og.headers()['content-type']).toBe('image/png');
});

test('site search finds an article by a word in its body', async ({ page }) => {
  await page.goto('/search/');
  await page.getByRole('searchbox').fill('runbooks');
  await expect(page.getByRole('link', { name: /operations by design/i }).first()).toBeVisible();
});
