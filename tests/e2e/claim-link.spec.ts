// An owner follows "I'm on it" from the notification email the Worker sent.
import { expect, test } from '@playwright/test';
import { emailsTo } from './stand-in';

test('the claim link in a sales notification records who took the lead, once', async ({ page }) => {
  const visitor = `claim-${Date.now()}@example.org`;
  await page.goto('/contact/');
  await page.getByLabel('Full name').fill('Meera Iyer');
  await page.getByLabel('Email').fill(visitor);
  await page.getByLabel('Topic').selectOption({ label: 'Press' });
  await page
    .getByRole('textbox', { name: /^Message/ })
    .fill('A question from a journalist about AI governance.');
  await page.getByLabel(/I agree that Nyarro Technologies may store/).check();
  await page.getByRole('button', { name: 'Send message' }).click();
  await expect(page.getByRole('heading', { name: /we have your message/i })).toBeVisible();

  await expect.poll(async () => (await emailsTo(visitor)).length, { timeout: 15_000 }).toBe(2);
  const notification = (await emailsTo(visitor)).find((email) => email.replyTo === visitor)!;
  const claimLink = /href="([^"]+)"[^>]*>\s*I&#39;m on it/.exec(notification.html)?.[1];
  expect(claimLink).toBeTruthy();

  // Opening the link records nothing: mail scanners open links too. The button does.
  await page.goto(claimLink!.replace(/&amp;/g, '&'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("I'm on it");
  await expect(page.getByText('Meera Iyer')).toBeVisible();
  await page.getByRole('button', { name: "Confirm: I'm on it" }).click();
  await expect(page.getByRole('status')).toHaveText(/is recorded for press-\d@example\.com/);

  await page.goto(claimLink!.replace(/&amp;/g, '&'));
  await page.getByRole('button', { name: "Confirm: I'm on it" }).click();
  await expect(page.getByRole('status')).toHaveText('This was already recorded; nothing changed.');
});

test('a link with a changed signature is refused', async ({ page }) => {
  const response = await page.goto(
    '/leads/action/?lead=x&action=claim&by=a%40example.com&exp=9999999999&sig=AAAA',
  );
  expect(response?.status()).toBe(403);
  await expect(page.getByText(/This link is not valid/)).toBeVisible();
});
