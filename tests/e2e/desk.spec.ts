// The sales desk walked as a salesperson would: sign in locally, find a new lead, take it, answer
// it, release a lead held as spam and see its notification leave, export the view; every desk
// page checked with axe in both themes.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { emailsTo } from './stand-in';

const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

// Each walk signs in, sends forms and runs axe on several pages in two themes: a guard against a
// hang, not a timing check, generous for a busy CI machine.
test.describe.configure({ timeout: 120_000 });

async function sendContact(page: Page, visitor: string, name: string, asBot = false) {
  await page.goto('/contact/');
  if (asBot) {
    // What a bot does: fill the field people never see.
    await page.locator('input[name="website"]').evaluate((input: HTMLInputElement) => {
      input.value = 'https://bot.example';
    });
  }
  await page.getByLabel('Full name').fill(name);
  await page.getByLabel('Email').fill(visitor);
  await page.getByLabel('Topic').selectOption({ label: 'Partnership' });
  await page
    .getByRole('textbox', { name: /^Message/ })
    .fill('We would like to talk about a partnership on AI operations.');
  await page.getByLabel(/I agree that Nyarro Technologies may store/).check();
  await page.getByRole('button', { name: 'Send message' }).click();
  await expect(page.getByRole('heading', { name: /we have your message/i })).toBeVisible();
}

async function signIn(page: Page, email: string, next = '/desk/') {
  await page.goto(next);
  await expect(page).toHaveURL(/\/desk\/sign-in\//);
  await page.getByLabel('Sign in as').selectOption(email);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function expectAccessible(page: Page) {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const results = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
  }
}

test('a new lead is found, claimed and answered on the desk', async ({ page }) => {
  const visitor = `desk-${Date.now()}@example.org`;
  const name = `Desk Visitor ${Date.now()}`;
  await sendContact(page, visitor, name);

  // The lead's owner is whoever the routing picked: find them in the notification.
  await expect.poll(async () => (await emailsTo(visitor)).length, { timeout: 15_000 }).toBe(2);
  await signIn(page, 'sales-lead@example.com');
  await page.getByLabel('State').selectOption({ label: 'Every state' });
  await page.getByRole('button', { name: 'Show' }).click();
  await expectAccessible(page);
  await page.getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  await expectAccessible(page);

  await page.getByRole('button', { name: "I'm on it" }).click();
  await expect(page.getByRole('status')).toHaveText(/You are on it/);
  await expect(page.getByText(/claimed by sales-lead@example\.com/)).toBeVisible();
  await page.getByRole('button', { name: 'I have replied' }).click();
  await expect(page.getByRole('status')).toHaveText(/Recorded as replied/);
  await expect(page.getByText('Marked as replied by sales-lead@example.com')).toBeVisible();
});

test('a lead held as spam is released and its notification leaves', async ({ page }) => {
  const visitor = `held-${Date.now()}@example.org`;
  const name = `Held Visitor ${Date.now()}`;
  await sendContact(page, visitor, name, true);
  await page.waitForTimeout(500);
  expect(await emailsTo(visitor)).toEqual([]);

  await signIn(page, 'sales-lead@example.com', '/desk/?state=spam');
  await page.getByRole('link', { name }).click();
  await page.getByRole('button', { name: /Release/ }).click();
  await expect(page.getByRole('status')).toHaveText(/Released/);
  await expect.poll(async () => (await emailsTo(visitor)).length, { timeout: 15_000 }).toBe(2);
});

test('the view downloads as CSV, and the figures read without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, 'sales-1@example.com');
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download this view as CSV' }).click();
  const file = await (await download).path();
  const { readFile } = await import('node:fs/promises');
  const text = await readFile(file, 'utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  expect(text).toMatch(/^\uFEFFLead id,Form,State,/);

  await page.getByRole('link', { name: 'How we are doing' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('How we are doing');
  await expect(page.getByRole('img', { name: /Leads received each week/ })).toBeVisible();
  await context.close();
});

test('the figures page passes axe in both themes', async ({ page }) => {
  // axe runs as a script in the page, so this one has JavaScript.
  await signIn(page, 'sales-1@example.com', '/desk/figures/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('How we are doing');
  await expectAccessible(page);
});

test('the desk is closed to anyone not signed in, and never indexed', async ({ request }) => {
  const response = await request.get('/desk/', { maxRedirects: 0 });
  expect(response.status()).toBe(303);
  expect(response.headers()['location']).toMatch(/^\/desk\/sign-in\//);
  expect(response.headers()['cache-control']).toBe('no-store');
  const robots = await (await request.get('/robots.txt')).text();
  expect(robots).toMatch(/Disallow: \/desk\//);
});
