import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Three kinds of test, each runnable on its own (`vitest run --project <name>`):
 * - unit:        `*.test.ts(x)` beside the code, no database, no browser;
 * - integration: `*.int.test.ts` against real databases (PGlite and a throwaway PostgreSQL);
 * - e2e:         `e2e/**\/*.spec.ts` in Chromium against the built web app, one file at a time.
 * Sized for 2 cores.
 */
const postgres = './test/postgres-server.ts';

export default defineConfig({
  test: {
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['server/**/*.test.ts', 'web/src/**/*.test.{ts,tsx}', 'test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, '**/*.int.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          environment: 'node',
          include: ['server/**/*.int.test.ts', 'test/**/*.int.test.ts'],
          globalSetup: [postgres],
          // fails a file whose logs hold personal data in clear (issue 12 item 7)
          setupFiles: ['./test/personal-data-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['e2e/**/*.spec.ts'],
          globalSetup: [postgres],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
