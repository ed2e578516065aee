/**
 * `npm run export`: reads every published document from the CMS REST API, checks each one
 * against the content-schemas contract and writes a snapshot the site can be built from
 * without the CMS: one JSON file per collection, the media files, and a manifest.
 *
 *   CMS_URL       the CMS to read (default http://localhost:3000)
 *   SNAPSHOT_DIR  where to write (default snapshot/ at the repository root)
 *   CMS_TIMEOUT_MS  how long one read of the CMS may take (default 30 s; a media file: 4 times that)
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { contentCollectionNames, type ContentCollection, type ContentSnapshot } from '@passerelle/content-schemas';
import { cmsTimeoutMs, downloadMedia, fetchCollection } from '@passerelle/content-schemas/cmsReader';
import { repositoryRoot } from '@passerelle/content-schemas/repository';

export type ExportOptions = {
  cmsUrl: string;
  snapshotDir: string;
  fetchImpl?: typeof fetch;
  log?: (message: string) => void;
  /** How long one read of the CMS may take; a media file may take four times as long. */
  timeoutMs?: number;
};

export type ExportReport = { snapshotDir: string; counts: Record<ContentCollection, number>; mediaFiles: number };

export const snapshotManifestFile = 'manifest.json';
export const snapshotMediaDir = 'media';

/**
 * Writes the snapshot into a sibling temporary folder and swaps it in only when everything
 * succeeded, so a failed export never leaves a half-written snapshot behind for the build.
 */
export async function exportSnapshot({
  cmsUrl,
  snapshotDir,
  fetchImpl = fetch,
  log = () => {},
  timeoutMs = cmsTimeoutMs,
}: ExportOptions): Promise<ExportReport> {
  const target = path.resolve(snapshotDir);
  const staging = `${target}.partial-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(path.join(staging, snapshotMediaDir), { recursive: true });
  try {
    const snapshot: Partial<ContentSnapshot> = {};
    const counts = {} as Record<ContentCollection, number>;
    for (const collection of contentCollectionNames) {
      const documents = await fetchCollection(cmsUrl, collection, fetchImpl, { timeoutMs });
      Object.assign(snapshot, { [collection]: documents });
      counts[collection] = documents.length;
      await writeFile(path.join(staging, `${collection}.json`), `${JSON.stringify(documents, null, 2)}\n`);
      log(`export: ${collection}: ${documents.length}`);
    }
    const media = snapshot.media ?? [];
    for (const file of media) {
      await writeFile(path.join(staging, snapshotMediaDir, file.filename), await downloadMedia(cmsUrl, file, fetchImpl, { timeoutMs: timeoutMs * 4 }));
    }
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

/** `CMS_TIMEOUT_MS`, or the default when unset or not a positive number. */
export function timeoutFromEnv(value: string | undefined): number {
  const parsed = Number(value);
  return value && Number.isFinite(parsed) && parsed > 0 ? parsed : cmsTimeoutMs;
}

/** A relative SNAPSHOT_DIR is read from where the command was typed (npm runs scripts elsewhere). */
export function resolveSnapshotDir(value: string | undefined, invokedFrom: string): string {
  return value ? path.resolve(invokedFrom, value) : path.join(repositoryRoot, 'snapshot');
}

async function main(): Promise<void> {
  const cmsUrl = process.env.CMS_URL || 'http://localhost:3000';
  const snapshotDir = resolveSnapshotDir(process.env.SNAPSHOT_DIR, process.env.INIT_CWD ?? process.cwd());
  const report = await exportSnapshot({
    cmsUrl,
    snapshotDir,
    log: (message) => console.log(message),
    timeoutMs: timeoutFromEnv(process.env.CMS_TIMEOUT_MS),
  });
  console.log(`export: snapshot written to ${report.snapshotDir}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(`export failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
