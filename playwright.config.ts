import { defineConfig, devices } from '@playwright/test';

// The built site served by workerd, as in production. `npm run test:e2e` builds it first.
const PORT = Number(process.env['E2E_PORT'] ?? 4400);
const baseURL = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: 2,
  forbidOnly: Boolean(process.env['CI']),
  retries: 0,
  reporter: process.env['CI'] ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    baseURL,
    trace: 'retain-on-failure',
    launchOptions: {
      // Debian's Chromium: this machine cannot download Playwright's own browser build.
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  webServer: {
    // wrangler serves the built Worker in workerd, like `astro preview`, but allows more than one
    // server per project, so tests can run beside a developer's own preview.
    command: `npx wrangler dev --config dist/server/wrangler.json --port ${PORT} --ip 127.0.0.1`,
    url: `${baseURL}/api/health/`,
    reuseExistingServer: !process.env['CI'],
    timeout: 60_000,
    stdout: 'ignore',
  },
});
