/**
 * The Astro content-layer loader: every collection comes from the CMS REST API (`CMS_URL`) or
 * from a snapshot written by `npm run export` (`SNAPSHOT_DIR`), and every document is checked
 * against the content-schemas contract. Any problem fails the build with the collection, the
 * document id and the field path: a site built from partial content would be worse than none.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import type { Loader, LoaderContext } from 'astro/loaders';

import {
  checkNotEmpty,
  CmsReadError,
  parseDocument,
  parseDocuments,
  parseFicheListing,
  type ContentCollection,
  type ContentDocument,
  type Fiche,
  type FicheListing,
  type Media,
} from '@passerelle/content-schemas';
import { downloadMedia, fetchCollection } from '@passerelle/content-schemas/cmsReader';
import { repositoryRoot } from '@passerelle/content-schemas/repository';

import { renderSelection, rendersFiche, storedFiche } from '../lib/renderOnly';

export type ContentSource = { kind: 'snapshot'; directory: string } | { kind: 'cms'; url: string };

export const defaultCmsUrl = 'http://localhost:3000';

/**
 * `SNAPSHOT_DIR` wins over `CMS_URL`: a snapshot is what CI and tests build from. A relative
 * directory is looked for where the command was typed (`INIT_CWD`: npm runs workspace scripts
 * in site/), then in site/ (site's own package scripts), then at the repository root (where
 * `npm run export` writes by default, and where turbo, which drops INIT_CWD, was started).
 */
export function contentSourceFromEnv(
  env: Record<string, string | undefined>,
  baseDirectories: readonly string[],
  exists: (directory: string) => boolean = existsSync,
): ContentSource {
  if (env.SNAPSHOT_DIR) {
    const candidates = baseDirectories.map((base) => path.resolve(base, env.SNAPSHOT_DIR ?? ''));
    return {
      kind: 'snapshot',
      directory: candidates.find((candidate) => exists(candidate)) ?? candidates[0] ?? path.resolve(env.SNAPSHOT_DIR),
    };
  }
  return { kind: 'cms', url: env.CMS_URL || defaultCmsUrl };
}

export function describeSource(source: ContentSource): string {
  return source.kind === 'snapshot' ? `the snapshot ${source.directory}` : `the CMS at ${source.url}`;
}

export async function readSnapshotCollection<C extends ContentCollection>(
  directory: string,
  collection: C,
): Promise<ContentDocument<C>[]> {
  const file = path.join(directory, `${collection}.json`);
  const text = await readSnapshotFile(file, collection);
  const documents = parseDocuments(collection, JSON.parse(text));
  checkNotEmpty(collection, documents, file);
  return documents;
}

async function readSnapshotFile(file: string, collection: ContentCollection): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new CmsReadError(`${collection}: cannot read ${file}; run \`npm run export\` first or set CMS_URL`, { cause: error });
  }
}

async function readCollection<C extends ContentCollection>(source: ContentSource, collection: C): Promise<ContentDocument<C>[]> {
  return source.kind === 'snapshot'
    ? readSnapshotCollection(source.directory, collection)
    : fetchCollection(source.url, collection);
}

/**
 * The fiches to store. In an incremental publication's build (src/lib/renderOnly.ts), only those
 * it renders are read and checked whole; the others are checked and stored without their
 * sections, which nothing it renders shows: at 1,000 fiches that is 6 MB instead of 150 MB to
 * check, store, bundle into the server build and parse back, the part of a partial build that
 * grew with the corpus.
 */
async function readFiches(source: ContentSource): Promise<(Fiche | FicheListing)[]> {
  const selection = renderSelection();
  if (!selection || source.kind !== 'snapshot')
    return (await readCollection(source, 'fiches')).map((fiche) => storedFiche(fiche, selection));
  const file = path.join(source.directory, 'fiches.json');
  const raw: unknown = JSON.parse(await readSnapshotFile(file, 'fiches'));
  if (!Array.isArray(raw)) throw new CmsReadError(`fiches: expected an array of documents in ${file}`);
  const fiches = raw.map((document: unknown) => {
    const listing = parseFicheListing(document);
    return rendersFiche(listing, selection) ? parseDocument('fiches', document) : listing;
  });
  checkNotEmpty('fiches', fiches, file);
  return fiches;
}

/** The local file of an image, for sharp: in the snapshot, or downloaded once into Astro's cache. */
async function localMediaFile(source: ContentSource, media: Media, cacheDir: string): Promise<string> {
  if (media.filename !== path.basename(media.filename))
    throw new CmsReadError(`media ${media.id}: unsafe file name "${media.filename}"`);
  if (source.kind === 'snapshot') {
    const file = path.join(source.directory, 'media', media.filename);
    await stat(file).catch((error: unknown) => {
      throw new CmsReadError(`media ${media.id}: ${file} is missing from the snapshot`, { cause: error });
    });
    return file;
  }
  const file = path.join(cacheDir, 'passerelle-media', `${media.id}-${media.filename}`);
  const cached = await stat(file).catch(() => undefined);
  if (cached && cached.mtimeMs >= Date.parse(media.updatedAt)) return file;
  // A CMS that hangs must fail the build, not stall it: the same deadline as the export's.
  const bytes = await downloadMedia(source.url, media);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, bytes);
  return file;
}

async function storeDocuments(context: LoaderContext, collection: ContentCollection, source: ContentSource): Promise<void> {
  if (collection === 'media') return storeMedia(context, source);
  const documents = collection === 'fiches' ? await readFiches(source) : await readCollection(source, collection);
  await everyLoaderReady();
  context.store.clear();
  for (const document of documents) context.store.set({ id: document.id, data: document });
  context.logger.info(`${documents.length} ${collection} from ${describeSource(source)}`);
}

/** Media also get `src`, a local file that the collection's image() schema hands to astro:assets. */
async function storeMedia(context: LoaderContext, source: ContentSource): Promise<void> {
  const documents = await readCollection(source, 'media');
  const cacheDir = fileURLToPath(context.config.cacheDir);
  const entries = [];
  for (const document of documents) {
    const src = await localMediaFile(source, document, cacheDir);
    entries.push({ id: document.id, data: await context.parseData({ id: document.id, data: { ...document, src } }) });
  }
  await everyLoaderReady();
  context.store.clear();
  for (const entry of entries) context.store.set(entry);
  context.logger.info(`${documents.length} media from ${describeSource(source)}`);
}

/**
 * Every collection's documents go into the store at the same moment, once all of them are read.
 *
 * Astro 5.18 saves the store to `data-store.json` 500 ms after the last change, and the build
 * reads that file. If one collection is stored while another is still being read (a large
 * fiches.json on a loaded machine), that save starts with the other collection as the previous
 * build left it; Astro's final save, arriving while it is still being written, is then dropped for
 * a rewrite of the first save's data (`#writeFileAtomic` reruns the pending write with the data
 * it started with). The build then renders the previous build's content: the publish bench saw
 * an unpublished fiche rendered again. Stored all at once, no save can start in between.
 */
let loaders = 0;
let round: { ready: Promise<void>; arrived: number; release: () => void } | undefined;

function everyLoaderReady(): Promise<void> {
  if (!round) {
    let release = () => {};
    const ready = new Promise<void>((resolve) => {
      release = resolve;
    });
    const started = { ready, arrived: 0, release };
    round = started;
    // A collection loaded alone (the dev server refreshing one) does not wait for the others for ever.
    setTimeout(() => {
      started.release();
      if (round === started) round = undefined;
    }, 10_000).unref();
  }
  const current = round;
  current.arrived += 1;
  if (current.arrived >= loaders) {
    current.release();
    round = undefined;
  }
  return current.ready;
}

export function cmsLoader(collection: ContentCollection): Loader {
  loaders += 1;
  return {
    name: `passerelle-cms-${collection}`,
    load: (context) =>
      storeDocuments(
        context,
        collection,
        contentSourceFromEnv(process.env, [process.env.INIT_CWD ?? process.cwd(), process.cwd(), repositoryRoot]),
      ),
  };
}
