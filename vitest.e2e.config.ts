import { defineConfig } from 'vitest/config';

// Browser journeys (`npm run test:e2e`): each file starts the platform and a headless Chromium, so files run one at
// a time and hooks get room for a first start of the embedded database. CI reads the counts from the JSON report.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 330_000,
    fileParallelism: false,
    reporters: process.env.CI ? ['default', ['json', { outputFile: 'test-results/e2e.json' }]] : ['default'],
  },
});
