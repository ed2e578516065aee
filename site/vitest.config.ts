import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Builds the site once from content-schemas/fixtures into test-dist/ for the build and browser tests.
    globalSetup: ['test/helpers/buildFixtureSite.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
