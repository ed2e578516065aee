/**
 * `npm run export`: reads every published document from the CMS REST API, checks each one
 * against the content-schemas contract and writes a snapshot the site can be built from
 * without the CMS: one JSON file per collection, the media files, and a manifest.
 *
 *   CMS_URL       the CMS to read (default http://localhost:3000)
 *   SNAPSHOT_DIR  where to write (default snapshot/ at the repository root)
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import {
  CmsReadError,
  contentCollectionNames,
  fetchCollection,
  type ContentCollection,
  type ContentSnapshot,
  type Media,
} from '@passerelle/content-schemas';

export type ExportOptions = {
  cmsUrl: string;
  snapshotDir: string;
  fetchImpl?: typeof fetch;
  log?: (message: string) => void;
};

export type ExportReport = { snapshotDir: string; counts: Record<ContentCollection, number>; mediaFiles: number };

export const snapshotManifestFile = 'manifest.json';
export const snapshotMediaDir = 'media';

/**
 * Writes the snapshot into a sibling temporary folder and swaps it in only when everything
 * succeeded, so a failed export never leaves a half-written snapshot behind for the build.
 */
export async function exportSnapshot({ cmsUrl, snapshotDir, fetchImpl = fetch, log = () => {} }: ExportOptions): Promise<ExportReport> {
  const target = path.resolve(snapshotDir);
  const staging = `${target}.partial-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(path.join(staging, snapshotMediaDir), { recursive: true });
  try {
    const snapshot: Partial<ContentSnapshot> = {};
    const counts = {} as Record<ContentCollection, number>;
    for (const collection of contentCollectionNames) {
      const documents = await fetchCollection(cmsUrl, collection, fetchImpl);
      Object.assign(snapshot, { [collection]: documents });
      counts[collection] = documents.length;
      await writeFile(path.join(staging, `${collection}.json`), `${JSON.stringify(documents, null, 2)}\n`);
      log(`export: ${collection}: ${documents.length}`);
    }
    const media = snapshot.media ?? [];
    for (const file of media) await downloadMedia(cmsUrl, file, path.join(staging, snapshotMediaDir), fetchImpl);
    log(`export: media files: ${media.length}`);
    const manifest = { cmsUrl, exportedAt: new Date().toISOString(), counts };
    await writeFile(path.join(staging, snapshotManifestFile), `${JSON.stringify(manifest, null, 2)}\n`);
    await rm(target, { recursive: true, force: true });
    await rename(staging, target);
    return { snapshotDir: target, counts, mediaFiles: media.length };
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

async function downloadMedia(cmsUrl: string, media: Media, directory: string, fetchImpl: typeof fetch): Promise<void> {
  if (media.filename !== path.basename(media.filename)) throw new CmsReadError(`media ${media.id}: unsafe file name "${media.filename}"`);
  const url = new URL(media.url, cmsUrl).href;
  let response: Response;
  try {
    response = await fetchImpl(url);
  } catch (error) {
    throw new CmsReadError(`media ${media.id}: cannot download ${url}`, { cause: error });
  }
  if (!response.ok) throw new CmsReadError(`media ${media.id}: the CMS answered HTTP ${response.status} for ${url}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.length === 0) throw new CmsReadError(`media ${media.id}: ${url} is empty`);
  await writeFile(path.join(directory, media.filename), bytes);
}

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A relative SNAPSHOT_DIR is read from where the command was typed (npm runs scripts elsewhere). */
export function resolveSnapshotDir(value: string | undefined, invokedFrom: string): string {
  return value ? path.resolve(invokedFrom, value) : path.join(repositoryRoot, 'snapshot');
}

async function main(): Promise<void> {
  const cmsUrl = process.env.CMS_URL || 'http://localhost:3000';
  const snapshotDir = resolveSnapshotDir(process.env.SNAPSHOT_DIR, process.env.INIT_CWD ?? process.cwd());
  const report = await exportSnapshot({ cmsUrl, snapshotDir, log: (message) => console.log(message) });
  console.log(`export: snapshot written to ${report.snapshotDir}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(`export failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
