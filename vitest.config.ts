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
                // Runs per property in tests/worker/hostile-input.test.ts, and a seed to replay one.
                FUZZ_RUNS: process.env['FUZZ_RUNS'] ?? '',
                FUZZ_SEED: process.env['FUZZ_SEED'] ?? '',
              },
            },
          })),
        ],
        test: {
          name: 'worker',
          include: ['tests/worker/**/*.test.ts'],
          // A guard against hangs, not a timing check: workerd and D1 on a busy CI machine can be
          // many times slower than on a laptop, and the sweeps over a simulated day do real work.
          testTimeout: 30_000,
          setupFiles: ['./tests/worker/apply-migrations.ts'],
          globalSetup: ['./tests/stand-ins/global-setup.ts'],
        },
      },
    ],
  },
});
