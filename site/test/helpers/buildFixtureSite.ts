/**
 * Vitest global setup: builds the site from the JSON fixtures (no CMS needed) into test-dist/,
 * exactly as `npm run build` would, with SITE_URL set to a test address.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

import { fixtureSnapshotDir, siteRoot, testDistDir, testSiteUrl } from './paths';

export default async function buildFixtureSite(): Promise<void> {
  if (process.env.PASSERELLE_REUSE_TEST_BUILD === 'true') return;
  await rm(testDistDir, { recursive: true, force: true });
  const astro = path.join(siteRoot, 'node_modules/.bin/astro');
  // npm workspaces hoist the binary to the repository root.
  const bin = existsSync(astro) ? astro : path.resolve(siteRoot, '../node_modules/.bin/astro');
  try {
    await promisify(execFile)(bin, ['build', '--outDir', testDistDir], {
      cwd: siteRoot,
      // The fixtures' clock is fixed, so freshness notices do not appear as the calendar moves on.
      env: {
        ...process.env,
        SNAPSHOT_DIR: fixtureSnapshotDir,
        SITE_URL: testSiteUrl,
        CMS_URL: '',
        ASTRO_TELEMETRY_DISABLED: '1',
        PASSERELLE_REVIEW_NOW: '2026-12-01T00:00:00.000Z',
      },
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`The fixture build failed:\n${stdout.slice(-4000)}\n${stderr.slice(-4000)}`);
  }
}
