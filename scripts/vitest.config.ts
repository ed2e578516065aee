import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 15 * 60_000,
    // The end-to-end test owns fixed ports: never run files side by side.
    fileParallelism: false,
  },
});
