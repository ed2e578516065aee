/**
 * `npm run export`: reads every published document from the CMS REST API, checks each one
 * against the content-schemas contract and writes a snapshot the site can be built from
 * without the CMS: one JSON file per collection, the media files, and a manifest.
 *
 * An incremental publication (docs/publishing.md) exports from the snapshot behind the live
 * deploy (`base`): it reads only the documents the CMS changed since that snapshot was read
 * (`updatedAt`), and the ids of every published document (deletions, unpublications, order),
 * takes every other document and media file from the base, and writes the same snapshot a
 * full export would.
 *
 *   CMS_URL       the CMS to read (default http://localhost:3000)
 *   SNAPSHOT_DIR  where to write (default snapshot/ at the repository root)
 *   CMS_TIMEOUT_MS  how long one read of the CMS may take (default 30 s; a media file: 4 times that)
 */
import { copyFile, link, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import {
  checkNotEmpty,
  CmsReadError,
  contentCollectionNames,
  parseDocuments,
  type ContentCollection,
  type ContentDocument,
  type ContentSnapshot,
  type Media,
} from '@passerelle/content-schemas';
import {
  CmsTimeoutError,
  cmsTimeoutMs,
  collectionPageUrl,
  downloadMedia,
  fetchCollection,
  getFromCms,
  networkErrorText,
} from '@passerelle/content-schemas/cmsReader';
import { repositoryRoot } from '@passerelle/content-schemas/repository';

export type ExportOptions = {
  cmsUrl: string;
  snapshotDir: string;
  fetchImpl?: typeof fetch;
  log?: (message: string) => void;
  /** How long one read of the CMS may take; a media file may take four times as long. */
  timeoutMs?: number;
  /**
   * A snapshot to export from (the one behind the live deploy): only what changed since it was
   * read is read again. Without it, or when it cannot serve (no `readStartedAt` in its manifest,
   * a collection file missing), every document is read.
   */
  base?: string;
};

export type ExportReport = {
  snapshotDir: string;
  counts: Record<ContentCollection, number>;
  mediaFiles: number;
  /** `incremental` when built from `base`; `full` when every document was read. */
  kind: 'full' | 'incremental';
  /** Documents read in full from the CMS, per collection (all of them in a full export). */
  read: Record<ContentCollection, number>;
  /** Media files downloaded (the others were taken from the base). */
  downloaded: number;
  /**
   * What was written, and the base as read (incremental exports): the publisher plans the build
   * from these instead of parsing both snapshots again (150 MB each at 1,000 fiches). A document
   * unchanged since the base is the very object read from it.
   */
  documents: ContentSnapshot;
  baseDocuments?: ContentSnapshot;
};

/**
 * How far before the base snapshot's start of reading the changes are asked for: the publisher's
 * clock and the CMS's may differ (a CI runner and a server), and a document saved while the base
 * was being read may have been read before the save. Re-reading a few documents costs nothing.
 */
export const changedSinceMarginMs = 10 * 60_000;

type Manifest = { cmsUrl: string; exportedAt: string; readStartedAt?: string; counts: Record<ContentCollection, number> };

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
  base,
}: ExportOptions): Promise<ExportReport> {
  const target = path.resolve(snapshotDir);
  const staging = `${target}.partial-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(path.join(staging, snapshotMediaDir), { recursive: true });
  // Taken before the first read: the next incremental export asks for what changed after it.
  const readStartedAt = new Date().toISOString();
  try {
    const baseDocuments = base ? await readBaseSnapshot(base) : undefined;
    const since = base && baseDocuments ? await changesSince(base, cmsUrl) : undefined;
    if (base && !since) log(`export: ${base} cannot serve as a base, every document is read`);
    const snapshot: Partial<ContentSnapshot> = {};
    const counts = {} as Record<ContentCollection, number>;
    const read = {} as Record<ContentCollection, number>;
    const changedMedia = new Set<string>();
    for (const collection of contentCollectionNames) {
      let documents: ContentDocument<typeof collection>[];
      if (base && since) {
        const changed = await fetchPages(cmsUrl, collection, fetchImpl, timeoutMs, {
          'where[updatedAt][greater_than_equal]': since,
        });
        const ids = await fetchIds(cmsUrl, collection, fetchImpl, timeoutMs);
        const merged = mergeChanges(baseDocuments?.[collection] ?? [], changed, ids);
        if (merged) {
          documents = merged;
          read[collection] = changed.length;
          if (collection === 'media') for (const document of changed) changedMedia.add(document.id);
        } else {
          // A document neither changed nor in the base (deleted and re-created meanwhile…): read them all.
          log(`export: ${collection}: the base does not account for every document, all are read`);
          documents = await fetchCollection(cmsUrl, collection, fetchImpl, { timeoutMs });
          read[collection] = documents.length;
          if (collection === 'media') for (const document of documents) changedMedia.add(document.id);
        }
        checkNotEmpty(collection, documents, cmsUrl);
      } else {
        documents = await fetchCollection(cmsUrl, collection, fetchImpl, { timeoutMs });
        read[collection] = documents.length;
      }
      Object.assign(snapshot, { [collection]: documents });
      counts[collection] = documents.length;
      // Without indentation: at 1,000 fiches fiches.json is 69 MB instead of 170 MB, which this
      // export writes and the build and the next publication read and parse (about 2 s less).
      await writeFile(path.join(staging, `${collection}.json`), `${JSON.stringify(documents)}\n`);
      log(
        `export: ${collection}: ${documents.length}${base && since ? ` (${read[collection]} read, changed since ${since})` : ''}`,
      );
    }
    const media = snapshot.media ?? [];
    let downloaded = 0;
    for (const file of media) {
      if (base && since && !changedMedia.has(file.id) && (await reuseMedia(base, file, path.join(staging, snapshotMediaDir))))
        continue;
      await writeFile(
        path.join(staging, snapshotMediaDir, file.filename),
        await downloadMedia(cmsUrl, file, fetchImpl, { timeoutMs: timeoutMs * 4 }),
      );
      downloaded += 1;
    }
    log(`export: media files: ${media.length} (${downloaded} downloaded)`);
    const manifest: Manifest = { cmsUrl, exportedAt: new Date().toISOString(), readStartedAt, counts };
    await writeFile(path.join(staging, snapshotManifestFile), `${JSON.stringify(manifest, null, 2)}\n`);
    await rm(target, { recursive: true, force: true });
    await rename(staging, target);
    return {
      snapshotDir: target,
      counts,
      mediaFiles: media.length,
      kind: base && since ? 'incremental' : 'full',
      read,
      downloaded,
      documents: snapshot as ContentSnapshot,
      ...(base && since && baseDocuments ? { baseDocuments } : {}),
    };
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

/**
 * From when to ask for changes, or undefined when `base` cannot serve: another CMS, or no
 * `readStartedAt` (a snapshot made before incremental exports).
 */
async function changesSince(base: string, cmsUrl: string): Promise<string | undefined> {
  const manifest = (await readFile(path.join(base, snapshotManifestFile), 'utf8')
    .then((text) => JSON.parse(text) as Partial<Manifest>)
    .catch(() => undefined)) as Partial<Manifest> | undefined;
  if (!manifest?.readStartedAt || manifest.cmsUrl !== cmsUrl) return undefined;
  const started = Date.parse(manifest.readStartedAt);
  if (!Number.isFinite(started)) return undefined;
  return new Date(started - changedSinceMarginMs).toISOString();
}

/** Every collection of the base, read once; undefined when one is missing or unreadable (then every document is read). */
async function readBaseSnapshot(base: string): Promise<ContentSnapshot | undefined> {
  const snapshot: Partial<ContentSnapshot> = {};
  for (const collection of contentCollectionNames) {
    const documents = await readFile(path.join(base, `${collection}.json`), 'utf8').then(
      (text) => JSON.parse(text) as unknown,
      () => undefined,
    );
    if (!Array.isArray(documents)) return undefined;
    Object.assign(snapshot, { [collection]: documents });
  }
  return snapshot as ContentSnapshot;
}

/**
 * The collection as a full export would write it: the published ids in the CMS's order, each
 * document as changed, else as in the base. Undefined when an id is in neither.
 */
export function mergeChanges<T extends { id: string }>(
  base: readonly T[],
  changed: readonly T[],
  ids: readonly string[],
): T[] | undefined {
  const byId = new Map(base.map((document) => [document.id, document]));
  for (const document of changed) byId.set(document.id, document);
  const merged: T[] = [];
  for (const id of ids) {
    const document = byId.get(id);
    if (!document) return undefined;
    merged.push(document);
  }
  return merged;
}

/** Pages of a collection's documents matching `filter` (with the export's own parameters), validated. */
async function fetchPages<C extends ContentCollection>(
  cmsUrl: string,
  collection: C,
  fetchImpl: typeof fetch,
  timeoutMs: number,
  filter: Record<string, string>,
): Promise<ContentDocument<C>[]> {
  const documents: ContentDocument<C>[] = [];
  for (let page = 1; ; page += 1) {
    const url = new URL(collectionPageUrl(cmsUrl, collection, page));
    for (const [key, value] of Object.entries(filter)) url.searchParams.set(key, value);
    const body = await readPage(url, collection, fetchImpl, timeoutMs);
    documents.push(...parseDocuments(collection, body.docs));
    if (!body.hasNextPage) return documents;
    if (page >= 10_000) throw new CmsReadError(`${collection}: the CMS keeps announcing a next page`);
  }
}

/** The ids of every document of a collection the export would read, in its order (`select`: no content). */
async function fetchIds(
  cmsUrl: string,
  collection: ContentCollection,
  fetchImpl: typeof fetch,
  timeoutMs: number,
): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 1; ; page += 1) {
    const url = new URL(collectionPageUrl(cmsUrl, collection, page));
    url.searchParams.set('limit', '1000');
    url.searchParams.set('select[createdAt]', 'true');
    const body = await readPage(url, collection, fetchImpl, timeoutMs);
    for (const document of body.docs) {
      const id = (document as { id?: unknown } | null)?.id;
      if (typeof id !== 'string' && typeof id !== 'number')
        throw new CmsReadError(`${collection}: ${url.href} returned a document without id`);
      ids.push(String(id));
    }
    if (!body.hasNextPage) return ids;
    if (page >= 10_000) throw new CmsReadError(`${collection}: the CMS keeps announcing a next page`);
  }
}

async function readPage(
  url: URL,
  collection: ContentCollection,
  fetchImpl: typeof fetch,
  timeoutMs: number,
): Promise<{ docs: unknown[]; hasNextPage: boolean }> {
  let response: Response;
  try {
    response = await getFromCms(url, fetchImpl, { timeoutMs });
  } catch (error) {
    if (error instanceof CmsTimeoutError) throw new CmsTimeoutError(`${collection}: ${error.message}`, { cause: error });
    throw new CmsReadError(`${collection}: cannot reach the CMS at ${url.href} (${networkErrorText(error)})`, { cause: error });
  }
  if (!response.ok) throw new CmsReadError(`${collection}: the CMS answered HTTP ${response.status} for ${url.href}`);
  const body = (await response.json().catch(() => undefined)) as { docs?: unknown; hasNextPage?: unknown } | undefined;
  if (!body || !Array.isArray(body.docs) || typeof body.hasNextPage !== 'boolean')
    throw new CmsReadError(`${collection}: ${url.href} did not return a page of documents`);
  return { docs: body.docs, hasNextPage: body.hasNextPage };
}

/** An unchanged media file, taken from the base (a hard link, or a copy across file systems). */
async function reuseMedia(base: string, media: Media, directory: string): Promise<boolean> {
  if (media.filename !== path.basename(media.filename)) return false;
  const source = path.join(base, snapshotMediaDir, media.filename);
  const target = path.join(directory, media.filename);
  try {
    await link(source, target);
    return true;
  } catch {
    return copyFile(source, target).then(
      () => true,
      () => false,
    );
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
