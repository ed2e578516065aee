/**
 * `npm run test:unit`: every test that needs no server, no build, no database and no browser, from
 * all four workspaces in one vitest run — the loop to keep open while working (about a minute
 * on 2 cores). `npm test` runs these and the slow suites: CMS integration on a real Payload, the
 * fixture site build and Chromium, the end-to-end suites.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { defineConfig } from 'vitest/config';

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'content-schemas', root: path.join(root, 'content-schemas'), include: ['test/**/*.test.ts'] } },
      {
        resolve: { alias: { '@payload-config': path.join(root, 'cms/src/payload.config.ts') } },
        test: { name: 'cms', root: path.join(root, 'cms'), include: ['test/unit/**/*.test.ts'], testTimeout: 60_000 },
      },
      { test: { name: 'site', root: path.join(root, 'site'), include: ['test/unit/**/*.test.ts'], testTimeout: 60_000 } },
      {
        test: {
          name: 'scripts',
          root: path.join(root, 'scripts'),
          include: ['test/**/*.test.ts'],
          // As in scripts/vitest.config.ts: some tests wait on child processes and lock files.
          testTimeout: 120_000,
          // A server, a build or a browser: kept for `npm test`.
          exclude: ['test/**/*.e2e.test.ts', 'test/supplyChain.test.ts'],
        },
      },
    ],
  },
});
