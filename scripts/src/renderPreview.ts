/**
 * The preview of a draft (docs/publishing.md, « Prévisualisation »): the CMS writes a snapshot
 * holding the draft fiche as if it were published, and this renders that fiche's pages with the
 * site's own build (same Astro templates and CSS), limited to that fiche (site/src/lib/renderOnly.ts),
 * into a private folder the CMS serves to signed-in users. It never touches a deploy.
 *
 *   node --import tsx scripts/src/renderPreview.ts <snapshotDir> <outDir> <ficheId>
 *
 *   SITE_URL                     the public address (canonical URLs in the page, as published)
 *   DEPLOYS_DIR                  refused as (or above) the output folder: a preview never goes live
 *   PASSERELLE_ASTRO_CACHE_DIR   Astro's cache for previews (the CMS sets one apart from the publisher's)
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { filesIn } from '@passerelle/content-schemas/fileListing';

import { resolveDeploysDir } from './deploys';
import { buildSiteWithNpm, type SiteBuilder } from './siteBuild';

/** The line the CMS reads to tell the user what the render is doing. */
export const previewStagePrefix = 'PREVIEW_STAGE ';

export type RenderPreviewOptions = {
  snapshotDir: string;
  outDir: string;
  ficheId: string;
  siteUrl: string;
  deploysDir: string;
  log?: (line: string) => void;
  buildSite?: SiteBuilder;
  signal?: AbortSignal;
};

/** `passerelle-preview` keeps the site's scripts from installing the offline worker (registerServiceWorker.ts). */
const robotsMeta = '<meta name="robots" content="noindex, nofollow"><meta name="passerelle-preview" content="">';

/**
 * Marks a rendered page as not to be indexed: the site's own robots meta (a fallback page has
 * one) is replaced by ours, placed first in the head. A preview is not an app to install: the
 * manifest and home-screen icon, made by the publisher's whole-site pass, are not linked.
 */
export function markNoindex(html: string): string {
  const withoutOwn = html
    .replace(/<meta\s+name=["']?robots["']?[^>]*>/gi, '')
    .replace(/<link\s+rel=["']?(?:manifest|apple-touch-icon)["']?[^>]*>/gi, '');
  const head = /<head(\s[^>]*)?>/i.exec(withoutOwn);
  if (!head) return `${robotsMeta}${withoutOwn}`;
  const at = head.index + head[0].length;
  return `${withoutOwn.slice(0, at)}${robotsMeta}${withoutOwn.slice(at)}`;
}

/** Whether `inner` is `outer` or lies inside it. */
export function isInside(inner: string, outer: string): boolean {
  const relative = path.relative(path.resolve(outer), path.resolve(inner));
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

export async function renderPreview({
  snapshotDir,
  outDir,
  ficheId,
  siteUrl,
  deploysDir,
  log = () => {},
  buildSite = buildSiteWithNpm,
  signal,
}: RenderPreviewOptions): Promise<{ pages: number }> {
  // A preview is a draft: it must never be where deploys (what the public sees) are made.
  if (isInside(outDir, deploysDir) || isInside(deploysDir, outDir))
    throw new Error(`preview: refusing to render into ${outDir}, which overlaps the deploys folder ${deploysDir}`);
  const selectionFile = path.join(snapshotDir, 'render-only.json');
  await writeFile(selectionFile, JSON.stringify({ fiches: [ficheId], departements: [] }));
  await buildSite({ snapshotDir, siteUrl, outDir, log, signal, renderOnly: selectionFile });
  let pages = 0;
  for (const relative of await filesIn(outDir)) {
    if (!relative.endsWith('.html')) continue;
    const file = path.join(outDir, relative);
    await writeFile(file, markNoindex(await readFile(file, 'utf8')));
    pages += 1;
  }
  return { pages };
}

async function main(): Promise<number> {
  const [snapshotDir, outDir, ficheId] = process.argv.slice(2);
  if (!snapshotDir || !outDir || !ficheId) {
    console.error('usage: renderPreview.ts <snapshotDir> <outDir> <ficheId>');
    return 64;
  }
  const controller = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => controller.abort());
  console.log(`${previewStagePrefix}build`);
  const { pages } = await renderPreview({
    snapshotDir,
    outDir,
    ficheId,
    siteUrl: process.env.SITE_URL || 'http://localhost:4321',
    deploysDir: resolveDeploysDir(process.env.DEPLOYS_DIR, process.cwd()),
    log: (line) => console.log(line),
    signal: controller.signal,
  });
  console.log(`${previewStagePrefix}done ${pages}`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error(`preview failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
}
