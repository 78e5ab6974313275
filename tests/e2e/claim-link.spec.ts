// "I'm on it" links in sales emails sent before the desk: they no longer act, they open the lead
// in the desk (which asks who is signed in); a link we did not sign is refused.
import { createHmac } from 'node:crypto';
import { expect, test } from '@playwright/test';

test('a link from an old sales email opens its lead in the desk and records nothing', async ({
  request,
}) => {
  // No email carries these any more, so make one as they were made: the development secret.
  const lead = '11111111-2222-4333-8444-555555555555';
  const claims = { lead, action: 'claim', by: 'sales-1@example.com', exp: '9999999999' };
  const payload = [claims.lead, claims.action, claims.by, claims.exp].join('\n');
  const sig = createHmac('sha256', 'local-development-only-link-secret-not-for-production')
    .update(payload)
    .digest('base64url');
  const query = new URLSearchParams({ ...claims, sig }).toString();
  for (const method of ['GET', 'POST'] as const) {
    const response = await request.fetch(`/leads/action/?${query}`, {
      method,
      maxRedirects: 0,
      headers: { origin: new URL(test.info().project.use.baseURL!).origin },
    });
    expect(response.status()).toBe(303);
    expect(response.headers()['location']).toBe(`/desk/leads/${lead}/`);
  }
});

test('a link with a changed signature is refused', async ({ page }) => {
  const response = await page.goto(
    '/leads/action/?lead=x&action=claim&by=a%40example.com&exp=9999999999&sig=AAAA',
  );
  expect(response?.status()).toBe(403);
  await expect(page.getByText(/This link is not valid/)).toBeVisible();
});
