/**
 * The whole-site passes of an incremental publication, run by the publisher on the merged deploy
 * (the pages just rendered plus the files kept from the live deploy, scripts/src/incremental.ts):
 * the same functions a full build's integrations run, over the same set of pages, so they give the
 * same result whichever pages were rendered — the CSS pruned against the templates (the same
 * stylesheet as the live deploy's, so kept pages are left as they are), the search index made
 * from every fiche page, the service worker from the final stylesheet. QR codes are written by
 * the partial build for the pages it rendered (a QR code depends only on its page's address;
 * the publisher then links those with the live bytes back to the live files); social images and
 * the web app manifests depend only on the code and are kept.
 *
 *   tsx src/integrations/finishMergedDeploy.ts <deploy folder> [former stylesheet name…]
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { pruneCssIn } from './pruneUnusedCss';
import { buildSearchIndex } from './searchIndex';
import { workerMainOf, writeServiceWorker } from './serviceWorker';

export async function finishMergedDeploy(
  outDir: string,
  formerStylesheets: readonly string[],
  log: (line: string) => void = console.log,
) {
  let started = Date.now();
  for (const { file, before, after } of await pruneCssIn(outDir, { formerNames: formerStylesheets }))
    log(`css: ${file}: ${before} → ${after} bytes (${Date.now() - started} ms)`);
  started = Date.now();
  const index = await buildSearchIndex(outDir);
  log(`search index: ${index.map(({ language, pages }) => `${language} ${pages}`).join(', ')} (${Date.now() - started} ms)`);
  started = Date.now();
  // The partial build's sw.js carries the worker's code as Vite compiled it, as a full build's does.
  const worker = await writeServiceWorker(outDir, workerMainOf(await readFile(path.join(outDir, 'sw.js'), 'utf8')));
  log(`sw.js: build ${worker.version} (${Date.now() - started} ms)`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [outDir, ...former] = process.argv.slice(2);
  if (!outDir) {
    console.error('usage: tsx src/integrations/finishMergedDeploy.ts <deploy folder> [former stylesheet name…]');
    process.exit(2);
  }
  finishMergedDeploy(outDir, former).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(`finish failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exit(1);
    },
  );
}
