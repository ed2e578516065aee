import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { defineConfig } from 'vitest/config';

const dirname = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  // Next wants `jsx: preserve` in tsconfig; tests that render an admin component need it compiled.
  oxc: { jsx: { runtime: 'automatic' } },
  resolve: { alias: { '@payload-config': path.resolve(dirname, 'src/payload.config.ts') } },
  test: {
    environment: 'node',
    include: ['test/**/*.test.ts'],
    // Each integration file boots a real Payload on its own throw-away database.
    testTimeout: 60_000,
    hookTimeout: 240_000,
    maxWorkers: 2,
    pool: 'forks',
  },
});
