// The two lead forms as visitors use them, with and without JavaScript, down to the emails sent.
import { expect, test, type Page } from '@playwright/test';
import { emailsTo } from './stand-in';

const unique = () => `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;

async function fillAssessment(page: Page, email: string) {
  await page.getByLabel('Full name').fill('Asha Rao');
  await page.getByLabel('Work email').fill(email);
  await page.getByLabel('Company', { exact: false }).first().fill('Acme Ltd');
  await page.getByLabel('Company size').selectOption({ label: '5,000 people or more' });
  await page.getByLabel('Industry').selectOption({ label: 'Manufacturing and industrial' });
  await page.getByLabel('Country or region').selectOption({ label: 'India' });
  await page
    .getByLabel('Where does your AI work stand today?')
    .selectOption({ label: 'A pilot that works but has not reached production' });
  await page
    .getByLabel('What do you want to achieve?')
    .fill('Take our forecasting pilot live.\nSafely.');
  await page
    .getByLabel('When would you like to start?')
    .selectOption({ label: 'Within three months' });
}

async function waitForEmails(address: string, count: number) {
  await expect.poll(async () => (await emailsTo(address)).length, { timeout: 15_000 }).toBe(count);
  return emailsTo(address);
}

test.describe('with JavaScript', () => {
  test('the assessment form shows errors beside fields, then confirms without a reload', async ({
    page,
  }) => {
    const email = `asha-${unique()}@acme.example`;
    await page.goto('/assessment/?utm_source=newsletter&utm_campaign=e2e');
    await page.evaluate(() => ((window as unknown as { marker: string }).marker = 'same page'));

    await page.getByRole('button', { name: 'Request my free assessment' }).click();
    const summary = page.getByText('There is a problem with the form');
    await expect(summary).toBeVisible();
    await expect(page.locator('[data-summary]')).toBeFocused();
    await expect(page.locator('#assessment-email-error')).toHaveText(/Enter your work email/);
    await expect(page.getByLabel('Full name')).toHaveAttribute('aria-invalid', 'true');

    await fillAssessment(page, 'asha@acme');
    await page.getByLabel(/I agree that Nyarro Technologies may store/).check();
    await page.getByRole('button', { name: 'Request my free assessment' }).click();
    await expect(page.locator('#assessment-email-error')).toHaveText(/valid work email/);
    await expect(page.getByLabel('Full name')).toHaveValue('Asha Rao');

    await page.getByLabel('Work email').fill(email);
    await page.getByRole('button', { name: 'Request my free assessment' }).click();
    const confirmation = page.getByRole('heading', { name: /we have your request/i });
    await expect(confirmation).toBeFocused();
    await expect(page.getByText(/will reply by .+ \d{4}, \d{2}:\d{2}/)).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe(
      'same page',
    );

    const [sales, visitor] = sortByRecipient(await waitForEmails(email, 2), email);
    // The owner whose turn it is, and the team's shared inbox.
    expect(sales!.to).toEqual([
      expect.stringMatching(/^enterprise-\d@example\.com$/),
      'enterprise-sales@example.com',
    ]);
    expect(sales!.replyTo).toBe(email);
    expect(sales!.subject).toMatch(/Asha Rao, Acme Ltd.*Reply by .*IST/);
    expect(sales!.text).toContain('newsletter');
    expect(sales!.html).toContain('Take our forecasting pilot live.<br>Safely.');
    expect(visitor!.to).toEqual([email]);
    expect(visitor!.text).toMatch(/reply by/i);
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the contact form is checked by the server, keeps what was typed, and confirms', async ({
    page,
  }) => {
    const email = `ravi-${unique()}@example.org`;
    await page.goto('/contact/');
    await page.getByLabel('Full name').fill('Ravi Mehta');
    // The browser accepts this address; the server's stricter check must catch it.
    await page.getByLabel('Email').fill('ravi@example');
    await page.getByLabel('Topic').selectOption({ label: 'Partnership' });
    await page
      .getByRole('textbox', { name: /^Message/ })
      .fill('We would like to talk about a partnership.');
    await page.getByLabel(/I agree that Nyarro Technologies may store/).check();
    await page.getByRole('button', { name: 'Send message' }).click();

    await expect(page).toHaveURL(/\/contact\/send\/$/);
    await expect(page.getByText('There is a problem with the form')).toBeVisible();
    await expect(page.locator('#contact-email-error')).toHaveText(/valid email address/);
    await expect(page.getByLabel('Full name')).toHaveValue('Ravi Mehta');
    await expect(page.getByRole('textbox', { name: /^Message/ })).toHaveValue(
      'We would like to talk about a partnership.',
    );
    await expect(page.getByLabel('Topic')).toHaveValue('partnership');

    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Send message' }).click();
    await expect(page).toHaveURL(/\/thanks\/\?lead=[0-9a-f-]{36}$/);
    await expect(page.getByRole('heading', { name: /we have your message/i })).toBeVisible();
    await expect(page.getByText(/will reply by .+ \d{4}, \d{2}:\d{2} IST/)).toBeVisible();

    const [sales, visitor] = sortByRecipient(await waitForEmails(email, 2), email);
    expect(sales!.to).toContain('partners@example.com');
    expect(sales!.subject).toMatch(/Ravi Mehta.*Reply by/);
    expect(visitor!.to).toEqual([email]);
  });

  test('a made-up confirmation link thanks nobody', async ({ page }) => {
    const response = await page.goto('/thanks/?lead=00000000-0000-0000-0000-000000000000');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'We could not find that request',
    );
  });
});

test('a post from another site is refused', async ({ request }) => {
  const response = await request.post('/contact/send/', {
    headers: {
      origin: 'https://evil.example',
      'content-type': 'application/x-www-form-urlencoded',
    },
    data: 'name=x',
  });
  expect(response.status()).toBe(403);
});

function sortByRecipient<T extends { to: string[] }>(emails: T[], visitor: string) {
  return [
    emails.find((email) => !email.to.includes(visitor)),
    emails.find((email) => email.to.includes(visitor)),
  ] as const;
}
