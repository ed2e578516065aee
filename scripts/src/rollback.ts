/**
 * `npm run rollback [-- <deploy id>]`: puts the previous deploy (or the one named) back online in
 * one atomic step. The next publication builds from the CMS again (incrementally, from the
 * content snapshot of the deploy put back), so undo the content change in the CMS too if it was
 * the culprit. The admin's « Remettre cette version en ligne » runs this same command.
 *
 *   DEPLOYS_DIR   where deploys live (default deploys/ at the repository root)
 *
 * It waits (up to a minute) for a publication running in the same deploy folder, which would
 * otherwise switch the live site right after. The last line printed is `ROLLBACK_RESULT {json}`.
 */
import { pathToFileURL } from 'node:url';

import { createDeployId, listDeploys, resolveDeploysDir, rollback } from './deploys';
import { acquirePublishLock } from './publishLock';

export const rollbackResultPrefix = 'ROLLBACK_RESULT ';

async function main(): Promise<void> {
  const deploysDir = resolveDeploysDir(process.env.DEPLOYS_DIR, process.env.INIT_CWD ?? process.cwd());
  const target = process.argv.slice(2).find((arg) => !arg.startsWith('-'));
  const lock = await acquirePublishLock(deploysDir, {
    id: createDeployId(),
    waitMs: 60_000,
    onWait: () => console.log(`rollback: waiting for the publication running in ${deploysDir}…`),
  });
  try {
    const { from, to } = await rollback(deploysDir, target);
    console.log(`rollback: the live site is now ${to} (was ${from ?? 'none'})`);
    const deploys = await listDeploys(deploysDir);
    for (const meta of deploys)
      console.log(`  ${meta.id === to ? '→' : ' '} ${meta.id}  ${meta.publishedFiches} fiches, ${meta.pages.total} pages`);
    console.log(`${rollbackResultPrefix}${JSON.stringify({ status: 'succeeded', from: from ?? null, to })}`);
  } finally {
    await lock.release();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`rollback failed: ${message}`);
    console.log(`${rollbackResultPrefix}${JSON.stringify({ status: 'failed', message })}`);
    process.exitCode = 1;
  });
}
