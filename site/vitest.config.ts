import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Builds the site once from content-schemas/fixtures into test-dist/ for the build and browser tests.
    globalSetup: ['test/helpers/buildFixtureSite.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two files at a time (vitest's default on 2 cores is one): a browser test spends much of its
    // time waiting on Chromium, which the other file's work fills. Files share only the read-only
    // test-dist/ and listen on ports of their own.
    maxWorkers: 2,
  },
});
