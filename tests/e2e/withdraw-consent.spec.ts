// A visitor withdraws consent from the link in the acknowledgement the Worker sent them: a page
// that says what will happen, one button, and what they sent us is gone.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { emailsTo } from './stand-in';

const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

test('the withdrawal link in the acknowledgement erases what the visitor sent, in one step', async ({
  page,
}) => {
  const visitor = `withdraw-${Date.now()}@example.org`;
  await page.goto('/contact/');
  await page.getByLabel('Full name').fill('Kavya Nair');
  await page.getByLabel('Email').fill(visitor);
  await page.getByLabel('Topic').selectOption({ label: 'Press' });
  await page.getByRole('textbox', { name: /^Message/ }).fill('Please call me back about a story.');
  await page.getByLabel(/I agree that Nyarro Technologies may store/).check();
  await page.getByRole('button', { name: 'Send message' }).click();
  await expect(page.getByRole('heading', { name: /we have your message/i })).toBeVisible();

  await expect.poll(async () => (await emailsTo(visitor)).length, { timeout: 15_000 }).toBe(2);
  const ack = (await emailsTo(visitor)).find((email) => email.replyTo !== visitor)!;
  expect(ack.subject).not.toContain('Kavya');
  expect(ack.html).not.toContain('Please call me back');
  const link = /href="([^"]+)"[^>]*>\s*Withdraw your consent/.exec(ack.html)?.[1];
  expect(link).toBeTruthy();
  const url = link!.replace(/&amp;/g, '&');

  // Opening the link changes nothing (mail scanners open links too); it says what will happen.
  await page.goto(url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Withdraw your consent');
  await expect(page.getByText(/We erase everything you sent us/)).toBeVisible();
  await expect(page.getByText('Kavya Nair')).toHaveCount(0);
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const results = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  }

  await page.getByRole('button', { name: 'Withdraw consent and erase my details' }).click();
  await expect(page.getByRole('status')).toHaveText(/we have erased what you sent us/);

  const again = await page.goto(url);
  expect(again?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nothing left to erase');
});

test('a withdrawal link that was changed is refused', async ({ page }) => {
  const response = await page.goto('/privacy/withdraw/?t=bGVhZF8xLjk5OTk5OTk5OTk.AAAA');
  expect(response?.status()).toBe(403);
  await expect(page.getByText(/This link is not valid/)).toBeVisible();
});
