/**
 * One `astro build` at a time in a site folder: an exclusive lock, `.astro/build.lock`, taken
 * before the content is synced and released once the build is done (a build whose process died
 * leaves a stale lock, taken over: its pid is gone).
 *
 * Astro writes the imports of the content's images to `.astro/content-assets.mjs` under the
 * project root, whatever `cacheDir` says, and its Vite build reads them back. A second build of
 * other content at the same time (a draft previewed while a publication builds, two test suites)
 * rewrote that file under the first, which then failed on an image of the other's snapshot
 * (MissingImageDimension, a path of the other build's snapshot). A build whose outDir lies
 * outside the project also writes its server chunks into `.astro/`, renders its pages from them
 * and deletes them by name at the end (the same names for the same code): the lock is held until
 * the build is done, not only while Vite bundles. A build asked for meanwhile waits.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import type { AstroIntegration } from 'astro';

import { acquireLock, type ExclusiveLock } from '@passerelle/content-schemas/exclusiveLock';

/** Longer than any build (the CMS stops one after 15 minutes): past it, the build fails saying who holds the folder. */
const longestWaitMs = 20 * 60_000;

export function buildLockFile(root: URL): string {
  return path.join(fileURLToPath(root), '.astro', 'build.lock');
}

export function oneBuildAtATime({ waitMs = longestWaitMs, pollMs = 250 } = {}): AstroIntegration {
  let lock: ExclusiveLock | undefined;
  return {
    name: 'passerelle:one-build-at-a-time',
    hooks: {
      'astro:config:setup': async ({ command, config, logger }) => {
        if (command !== 'build') return;
        const file = buildLockFile(config.root);
        await mkdir(path.dirname(file), { recursive: true });
        lock = await acquireLock(file, {
          id: `astro build (pid ${process.pid})`,
          waitMs,
          pollMs,
          onWait: (owner) =>
            logger.info(
              `waiting for another build of this site folder to end${owner ? ` (${owner.id}, since ${owner.startedAt})` : ''}`,
            ),
        });
      },
      'astro:build:done': async () => {
        await lock?.release();
        lock = undefined;
      },
    },
  };
}
