/**
 * `npm run rollback [-- <deploy id>]`: puts the previous deploy (or the one named) back online in
 * one atomic step. The next publication builds from the CMS again, so undo the content change
 * in the CMS too if it was the culprit.
 *
 *   DEPLOYS_DIR   where deploys live (default deploys/ at the repository root)
 */
import { pathToFileURL } from 'node:url';

import { listDeploys, resolveDeploysDir, rollback } from './deploys';

async function main(): Promise<void> {
  const deploysDir = resolveDeploysDir(process.env.DEPLOYS_DIR, process.env.INIT_CWD ?? process.cwd());
  const target = process.argv.slice(2).find((arg) => !arg.startsWith('-'));
  const { from, to } = await rollback(deploysDir, target);
  console.log(`rollback: the live site is now ${to} (was ${from ?? 'none'})`);
  const deploys = await listDeploys(deploysDir);
  for (const meta of deploys)
    console.log(`  ${meta.id === to ? '→' : ' '} ${meta.id}  ${meta.publishedFiches} fiches, ${meta.pages.total} pages`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(`rollback failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
