// A visitor whose computer clock runs six hours ahead: the form page measures time on the form by
// its own clock and never sends its wall clock, so nothing on the server compares the two.
import { expect, test } from '@playwright/test';
import { emailsTo } from './stand-in';

const SIX_HOURS = 6 * 3600 * 1000;

test('a visitor whose clock is six hours ahead sends the time spent on the form, and is answered', async ({
  page,
}) => {
  // The machine's wall clock is wrong; its page clock (performance.now) still counts from the page.
  await page.addInitScript((skew: number) => {
    const RealDate = Date;
    class SkewedDate extends RealDate {
      constructor(...args: []) {
        super(...((args.length ? args : [RealDate.now() + skew]) as []));
      }
      static override now() {
        return RealDate.now() + skew;
      }
    }
    window.Date = SkewedDate as DateConstructor;
  }, SIX_HOURS);

  const email = `clock-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.org`;
  await page.goto('/contact/');
  expect(await page.evaluate(() => Date.now() - performance.timeOrigin)).toBeGreaterThan(
    SIX_HOURS - 60_000,
  );
  await page.getByLabel('Full name').fill('Meera Iyer');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Topic').selectOption({ label: 'Partnership' });
  await page
    .getByRole('textbox', { name: /^Message/ })
    .fill('We would like to talk about a partnership.');
  await page.getByLabel(/I agree that Nyarro Technologies may store/).check();

  const sent = page.waitForRequest((request) => request.method() === 'POST');
  await page.getByRole('button', { name: 'Send message' }).click();
  const body = new URLSearchParams((await sent).postData() ?? '');
  await expect(page.getByRole('heading', { name: /we have your message/i })).toBeFocused();

  // The time on the form, from the page's own clock: seconds, not six hours either way.
  const fillMs = Number(body.get('fillMs'));
  expect(fillMs).toBeGreaterThan(0);
  expect(fillMs).toBeLessThan(10 * 60_000);
  // No wall-clock time leaves the page, and the submission carries its key.
  expect(body.get('startedAt') ?? '').toBe('');
  expect(body.get('submissionKey')).toMatch(/^[0-9a-f-]{32,36}$/);

  await expect.poll(async () => (await emailsTo(email)).length, { timeout: 15_000 }).toBe(2);
});
