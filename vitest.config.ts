import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The pipeline logs JSON lines; show them only for a test that fails.
    silent: 'passed-only',
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'build',
          include: ['tests/build/**/*.test.ts'],
          environment: 'node',
          // Each case runs `astro sync` on its own copy of content/; one at a time keeps them apart.
          fileParallelism: false,
        },
      },
      {
        // Inside workerd with the real D1 migrations; outside services are local stand-ins.
        plugins: [
          cloudflareTest(async () => ({
            main: './tests/worker/test-worker.ts',
            wrangler: { configPath: './wrangler.jsonc' },
            miniflare: {
              bindings: {
                TEST_MIGRATIONS: await readD1Migrations('./migrations'),
                ENVIRONMENT: 'development',
              },
            },
          })),
        ],
        test: {
          name: 'worker',
          include: ['tests/worker/**/*.test.ts'],
          setupFiles: ['./tests/worker/apply-migrations.ts'],
          globalSetup: ['./tests/stand-ins/global-setup.ts'],
        },
      },
    ],
  },
});
