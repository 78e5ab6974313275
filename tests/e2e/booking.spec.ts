// "Pick a time now": after an assessment request, the visitor is offered the owner's booking page,
// prefilled with their name and email, as a plain link (no script of the booking service loads
// on our pages); and the booking Cal.com reports back reaches the lead through the real route.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { CALCOM_TEST_SECRET, calcomBooking, calcomSignature } from '../stand-ins/calcom';
import { emailsTo } from './stand-in';

const unique = () => `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
// The sales team's members have booking pages (content/routing.json); enterprise's do not.
const BOOKING_LINK = /^https:\/\/cal\.com\/example-sales-[12]\?name=Asha%20Rao&email=/;
const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function requestAssessment(page: Page, email: string, size: string) {
  await page.goto('/assessment/');
  await page.getByLabel('Full name').fill('Asha Rao');
  await page.getByLabel('Work email').fill(email);
  await page.getByLabel('Company', { exact: false }).first().fill('Acme Ltd');
  await page.getByLabel('Company size').selectOption({ label: size });
  await page.getByLabel('Industry').selectOption({ label: 'Manufacturing and industrial' });
  await page.getByLabel('Country or region').selectOption({ label: 'India' });
  await page
    .getByLabel('Where does your AI work stand today?')
    .selectOption({ label: 'A pilot that works but has not reached production' });
  await page.getByLabel('What do you want to achieve?').fill('Take our forecasting pilot live.');
  await page
    .getByLabel('When would you like to start?')
    .selectOption({ label: 'Within three months' });
  await page.getByLabel(/I agree that Nyarro Technologies may store/).check();
  await page.getByRole('button', { name: 'Request my free assessment' }).click();
  await expect(page.getByRole('heading', { name: /we have your request/i })).toBeVisible();
}

/** Every request the page made to a host other than the site under test. */
function foreignRequests(page: Page): string[] {
  const foreign: string[] = [];
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith('http://127.0.0.1') && !url.startsWith('data:')) foreign.push(url);
  });
  return foreign;
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? 'with JavaScript' : 'without JavaScript', () => {
    test.use({ javaScriptEnabled });

    test("the confirmation and the email offer the owner's booking page, prefilled", async ({
      page,
      browser,
    }) => {
      // A form, two emails and four accessibility checks: more than one page's worth of work.
      test.slow();
      const email = `asha-${unique()}@acme.example`;
      const foreign = foreignRequests(page);
      await requestAssessment(page, email, '250–999 people');
      if (!javaScriptEnabled) await expect(page).toHaveURL(/\/thanks\/\?lead=/);

      const link = page.getByRole('link', { name: 'Pick a time now' });
      await expect(link).toBeVisible();
      const href = (await link.getAttribute('href'))!;
      expect(href).toMatch(BOOKING_LINK);
      expect(href).toContain(`email=${encodeURIComponent(email)}`);
      await expect(page.getByText(/for a call with Sales owner [12]\./)).toBeVisible();
      expect(foreign).toEqual([]);
      // axe runs as a script: the page sent without JavaScript is checked in a second browser.
      const context = javaScriptEnabled
        ? undefined
        : await browser.newContext({ javaScriptEnabled: true });
      const checked = context ? await context.newPage() : page;
      if (context) await checked.goto(page.url());
      for (const colorScheme of ['light', 'dark'] as const) {
        await checked.emulateMedia({ colorScheme });
        const results = await new AxeBuilder({ page: checked }).withTags(WCAG_22_AA).analyze();
        expect(results.violations.map((v) => `${colorScheme} ${v.id}: ${v.help}`)).toEqual([]);
      }
      await context?.close();

      await expect.poll(async () => (await emailsTo(email)).length, { timeout: 15_000 }).toBe(2);
      const acknowledgement = (await emailsTo(email)).find((sent) => sent.to.includes(email))!;
      expect(acknowledgement.text).toContain(`Pick a time now (${href})`);
    });

    test('a team without booking pages offers none', async ({ page }) => {
      await requestAssessment(page, `asha-${unique()}@acme.example`, '5,000 people or more');
      await expect(page.getByRole('link', { name: 'Pick a time now' })).toHaveCount(0);
    });
  });
}

test('a booking signed by the Cal.com stand-in reaches the lead through /api/bookings/', async ({
  page,
  request,
}) => {
  const email = `asha-${unique()}@acme.example`;
  await requestAssessment(page, email, '250–999 people');
  const body = JSON.stringify(calcomBooking({ attendeeEmail: email }));
  const signed = await request.post('/api/bookings/', {
    data: body,
    headers: {
      'content-type': 'application/json',
      'x-cal-signature-256': await calcomSignature(body, CALCOM_TEST_SECRET),
    },
  });
  expect(signed.status()).toBe(200);
  expect(await signed.json()).toEqual({ ok: true, matched: true });

  const forged = await request.post('/api/bookings/', {
    data: body,
    headers: { 'content-type': 'application/json', 'x-cal-signature-256': '0'.repeat(64) },
  });
  expect(forged.status()).toBe(401);
  expect(forged.headers()['content-type']).toMatch(/^application\/json/);
});
