import { defineConfig } from 'vitest/config';

// Unit tests (src/**/*.test.ts) and repository, API and CLI tests (test/**/*.test.ts). Database tests run on PGlite,
// and also on a PostgreSQL server when SSOS_TEST_DATABASE_URL names one (CI starts a throwaway cluster).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**', 'dist/**'],
    globalSetup: ['test/support/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    reporters: process.env.CI ? ['default', ['json', { outputFile: 'test-results/unit.json' }]] : ['default'],
  },
});
