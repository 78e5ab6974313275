import { defineConfig, devices } from '@playwright/test';

// The built site served by workerd, as in production. `npm run test:e2e` builds it first.
const PORT = Number(process.env['E2E_PORT'] ?? 4400);
const baseURL = `http://127.0.0.1:${PORT}`;
// Local stand-ins for Resend and Turnstile; the Worker sends its emails there.
const STAND_IN_PORT = Number(process.env['STAND_IN_PORT'] ?? 4455);
export const STAND_IN_URL = `http://127.0.0.1:${STAND_IN_PORT}`;

// Settings for the Worker under test: real sends to the stand-in, and no per-IP limit or
// fill-time check, which would treat a fast test browser on one address as a bot.
const workerVars = {
  // Explicitly: a Worker without ENVIRONMENT is production, which refuses placeholder settings.
  ENVIRONMENT: 'development',
  // Links in the emails lead back to this server, so a test can follow them.
  SITE_URL: baseURL,
  RESEND_API_KEY: 're_e2e_stand_in',
  RESEND_BASE_URL: STAND_IN_URL,
  RATE_LIMIT: 'off',
  MIN_FILL_SECONDS: '0',
  // The secret the Cal.com stand-in signs bookings with (tests/stand-ins/calcom.ts).
  CALCOM_WEBHOOK_SECRET: 'calcom-stand-in-secret-0123456789abcdef',
};

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
  webServer: [
    {
      command: `node tests/stand-ins/main.ts ${STAND_IN_PORT}`,
      url: `${STAND_IN_URL}/_sent`,
      reuseExistingServer: false,
    },
    {
      // wrangler serves the built Worker in workerd, like `astro preview`, but allows more than one
      // server per project, so tests can run beside a developer's own preview. The tests keep
      // their own D1 database in .wrangler/e2e (made afresh by `npm run test:e2e`: health answers
      // 503 for an email left failing or pending by an earlier run, and the server would never be ready).
      command: [
        `npx wrangler dev --config dist/server/wrangler.json --port ${PORT} --ip 127.0.0.1`,
        '--persist-to .wrangler/e2e',
        ...Object.entries(workerVars).map(([name, value]) => `--var ${name}:${value}`),
      ].join(' '),
      url: `${baseURL}/api/health/`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
    },
  ],
});
