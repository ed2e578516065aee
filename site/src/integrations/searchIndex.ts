/**
 * The whole-site pass (src/integrations/wholeSitePasses.ts) that builds the site search once the pages are written: one Pagefind
 * index per language (Pagefind splits by `<html lang>`), made of every fiche page of that
 * language, each with its `data-pagefind-body`. A French fallback shown under another language
 * is in that language's index too, with less of its text (FichePage.astro), so that a reader
 * finds French-only fiches from their own language; it carries the filter `text:fr`, a
 * translated page `text:own`, and the search lists them in that order.
 *
 * Any problem fails the build with the page at fault: a page whose `<html lang>` is not its URL
 * language, a fiche page without a search body, a fallback (noindex) page not marked `text:fr`
 * or a translated one not marked `text:own`, a page
 * Pagefind rejects, a result missing its title, summary, type or date, or an index whose page
 * count differs from the pages given to it (naming the pages Pagefind left out).
 *
 * Pagefind indexes each language apart from the others, so each language gets a Pagefind service
 * of its own, in a worker thread (pagefindWorker.mjs) fed its pages in file order, a few ahead,
 * and stopped once its files are back; several run side by side (one per core), and their bundles
 * are merged: the index chunks and fragments are those one service makes, byte for byte, and no
 * service holds more than one language's pages (docs/publishing.md).
 *
 * For the same reason, an incremental publication indexes again only the languages whose search
 * input (what is handed to Pagefind for their pages, ranks included) differs from the one recorded
 * with the live deploy, and takes every other language's files from it as hard links
 * (`SearchRecord`; anything unknown about the live index means every language is indexed).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { link, lstat, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { gunzipSync } from 'node:zlib';

import { ficheSegments, localeCodes, type Locale } from '@passerelle/content-schemas';
import { filesIn } from '@passerelle/content-schemas/fileListing';

import { pageTitle, rankTitles, titleSortPlaceholder, type RankedTitle } from '../lib/searchOrder';
import { writeWhole } from './keptFiles';

export class SearchIndexError extends Error {
  override name = 'SearchIndexError';
}

/** Metadata every result shows; the fiche page template sets them (FichePage.astro). */
export const requiredResultMeta = ['title', 'summary', 'type', 'updated', 'updatedLabel'] as const;

/** Pagefind's own search interfaces: the site has its own (src/client/searchApp.ts), so they are not shipped. */
const unusedPagefindFiles = [
  'pagefind-ui.js',
  'pagefind-ui.css',
  'pagefind-modular-ui.js',
  'pagefind-modular-ui.css',
  'pagefind-component-ui.js',
  'pagefind-component-ui.css',
  'pagefind-highlight.js',
];

const fichePage = new RegExp(`^(${localeCodes.join('|')})/(?:${Object.values(ficheSegments).join('|')})/[^/]+/index\\.html$`);

const siteOrder = (language: string) => (localeCodes as readonly string[]).indexOf(language);

export type SearchIndexReport = { language: string; pages: number; reused: boolean; bytes?: number }[];

function failOn(errors: string[], where: string): void {
  if (errors.length > 0) throw new SearchIndexError(`Pagefind failed on ${where}: ${errors.join('; ')}`);
}

/** The fiche pages of a build, as paths relative to it with `/` separators, sorted. */
async function fichePages(outDir: string, listed?: readonly string[]): Promise<string[]> {
  return (listed ?? (await filesIn(outDir))).filter((file) => fichePage.test(file));
}

/** Files of one language in the bundle (metadata, index chunks, filters, fragments) and their size. */
async function languageBytes(bundleDir: string, hash: string, language: string): Promise<number> {
  let bytes = (await stat(path.join(bundleDir, `pagefind.${hash}.pf_meta`))).size;
  for (const folder of ['index', 'filter', 'fragment']) {
    const entries = await readdir(path.join(bundleDir, folder)).catch(() => []);
    for (const entry of entries.filter((name) => name.startsWith(`${language}_`)))
      bytes += (await stat(path.join(bundleDir, folder, entry))).size;
  }
  return bytes;
}

/**
 * Word occurrences per index chunk. A search downloads the chunk of each of its words; with
 * Pagefind's default (20,000) one chunk weighs about 35 KB compressed, twice the budget of a
 * later query; at 2,000 it weighs 2–5 KB, for a slightly longer list of chunks in the language's
 * metadata file. Pagefind reads it from its
 * environment as an "unstable" setting: the browser tests hold the byte budgets if that changes.
 */
export const indexChunkSize = 2000;

/**
 * Reads the pages one by one, in the order given, and hands each to `use`: at most the pages
 * `use` keeps waiting are held at once (memory stays flat). Read synchronously: a fiche page is a
 * few tens of KB from the page cache, and an asynchronous read costs more than the read itself
 * (a trip through libuv's thread pool, its open, stat and close each; twice the CPU here).
 */
async function forEachPage(
  outDir: string,
  files: readonly string[],
  use: (file: string, html: string) => void | Promise<void>,
): Promise<void> {
  for (const file of files) await use(file, readFileSync(path.join(outDir, file), 'utf8'));
}

/**
 * The page without the inside of its `<head>` (more than half of a fiche page's bytes: JSON-LD,
 * alternate links, the inline start script), which the service would encode, decode and parse
 * for nothing. Of a head Pagefind reads only `data-pagefind-*` attributes, an element's `id`
 * (it numbers the page's anchors from the top) and the `<title>` (a result's title when the page
 * has none marked; every fiche page has one, checked by `checkedPage`): a head holding an attribute of
 * either kind is kept whole. The index is the same byte for byte (test/build/searchIndex.test.ts).
 */
export function withoutHead(html: string): string {
  const start = html.indexOf('<head>') + '<head>'.length;
  const end = html.indexOf('</head>', start);
  if (start < '<head>'.length || end < 0) return html;
  const head = html.slice(start, end);
  return /data-pagefind|\sid=/i.test(head) ? html : html.slice(0, start) + html.slice(end);
}

/**
 * A fiche page once every check on it has passed: its URL, title and whether it is translated
 * (for its rank), and what Pagefind gets of it but the rank (the placeholder still in place).
 */
function checkedPage(
  file: string,
  html: string,
): { url: string; language: Locale; title: string; translated: boolean; content: string } {
  const title = pageTitle(html);
  if (title === undefined) throw new SearchIndexError(`${file}: a fiche page without its title (data-pagefind-meta="title")`);
  const urlLanguage = file.slice(0, file.indexOf('/'));
  const htmlLanguage = /<html[^>]*?\slang="?([\w-]+)/.exec(html)?.[1];
  if (htmlLanguage !== urlLanguage)
    throw new SearchIndexError(`${file}: <html lang="${htmlLanguage}"> on a page of the ${urlLanguage} site`);
  if (!/<[^>]+\sdata-pagefind-body[\s>=]/.test(html))
    throw new SearchIndexError(`${file}: a fiche page without data-pagefind-body`);
  const indexable = !/<meta name="?robots"? content="?noindex/.test(html);
  const marked = /data-pagefind-filter="?text:(own|fr)"?/.exec(html)?.[1];
  if (marked !== (indexable ? 'own' : 'fr'))
    throw new SearchIndexError(
      `${file}: ${indexable ? 'a translated page' : 'a noindex (fallback) page'} marked ${marked ? `text:${marked}` : 'with no text filter'}, not text:${indexable ? 'own' : 'fr'}`,
    );
  if (!html.includes(sortPlaceholder)) throw new SearchIndexError(`${file}: a fiche page without ${sortPlaceholder}`);
  const url = `/${file.slice(0, -'index.html'.length)}`;
  return { url, language: urlLanguage as Locale, title, translated: indexable, content: withoutHead(html) };
}

const sortPlaceholder = `data-pagefind-sort="${titleSortPlaceholder}"`;

/**
 * A copy of a short string cut out of a page. V8 keeps a string sliced from another pointing at the
 * whole of it: each title kept for the ranks held its page, 8,000 pages (0.6 GB) at 1,000 fiches.
 */
export function detached(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

/** What Pagefind gets of a checked page: its rank in place of the placeholder. */
function rankedContent(content: string, rank: number): string {
  return content.replace(sortPlaceholder, `data-pagefind-sort="title:${rank}"`);
}

/** A fiche page as read by the first pass: what its rank and its language's digest need. */
type ReadPage = { file: string; url: string; language: Locale; title: string; translated: boolean; contentHash: string };

/**
 * The file a page was read from: its device and inode, size and modification time in
 * nanoseconds. The publisher never writes into a deploy's file (a page replaced is unlinked
 * first, so it gets another inode, and any write changes its mtime): a page of the next deploy
 * with the same identity is the very file read then, with the same bytes.
 */
const fileIdentity = (file: string) => {
  const info = statSync(file, { bigint: true });
  return `${info.dev}:${info.ino}:${info.size}:${info.mtimeNs}`;
};

/** What the first pass found on a page, recorded with its file's identity: [identity, title, translated, contentHash]. */
type RecordedPage = [identity: string, title: string, translated: boolean, contentHash: string];

/**
 * The code that checks a page and makes what the first pass records of it (this file and the
 * title's reading): a record made by other code is never taken for a page.
 */
const pageCode = (() => {
  const hash = createHash('sha256');
  for (const file of ['searchIndex.ts', '../lib/searchOrder.ts']) {
    const source = fileURLToPath(new URL(file, import.meta.url));
    hash.update(existsSync(source) ? readFileSync(source) : `missing ${file} ${Math.random()}`);
  }
  return hash.digest('hex');
})();

/**
 * Reads and checks every fiche page once, in file order: each page's title for the ranks, and a
 * hash of what Pagefind gets of it but the rank. A language's search input is then known
 * without holding the pages, and only the languages whose input changed are read again.
 *
 * `known`: the pages of the live deploy's record. A page that is still the very file read for it
 * (a hard link the publication kept: same identity) is not read again, its record is taken; at
 * 1,000 fiches most of 8,000 pages. It passed these checks when it was read, by the same code.
 */
async function readPages(
  outDir: string,
  files: readonly string[],
  known: Readonly<Record<string, RecordedPage>> = {},
  alreadyRead: Readonly<Record<string, RecordedPage>> = {},
): Promise<{ pages: ReadPage[]; recorded: Record<string, RecordedPage>; taken: number; shared: number }> {
  const pages: ReadPage[] = [];
  const recorded: Record<string, RecordedPage> = {};
  let taken = 0;
  let shared = 0;
  for (const file of files) {
    const identity = fileIdentity(path.join(outDir, file));
    const read = Object.hasOwn(alreadyRead, file) ? alreadyRead[file] : undefined;
    const before = read?.[0] === identity ? read : Object.hasOwn(known, file) ? known[file] : undefined;
    if (before?.[0] === identity) {
      const [, title, translated, contentHash] = before;
      const language = file.slice(0, file.indexOf('/')) as Locale;
      pages.push({ file, url: `/${file.slice(0, -'index.html'.length)}`, language, title, translated, contentHash });
      recorded[file] = before;
      if (before === read) shared += 1;
      else taken += 1;
      continue;
    }
    const { content, title: cut, ...page } = checkedPage(file, readFileSync(path.join(outDir, file), 'utf8'));
    const title = detached(cut);
    const contentHash = createHash('sha256').update(content).digest('hex');
    pages.push({ file, ...page, title, contentHash });
    recorded[file] = [identity, title, page.translated, contentHash];
  }
  return { pages, recorded, taken, shared };
}

/**
 * What the first pass records of a page another pass has just read and left as it is (the CSS
 * pass of the publisher's finish step, src/integrations/wholeSitePasses.ts), so that the
 * search index does not read it again: undefined for a page that is not a fiche page, or that
 * fails a check (read again then, and the build fails on it in file order, as it would have).
 */
export function searchPageRecord(outDir: string, file: string, html: string): RecordedPage | undefined {
  if (!fichePage.test(file)) return undefined;
  try {
    const { content, title, translated } = checkedPage(file, html);
    return [
      fileIdentity(path.join(outDir, file)),
      detached(title),
      translated,
      createHash('sha256').update(content).digest('hex'),
    ];
  } catch {
    return undefined;
  }
}

export type { RecordedPage };

/** Each fiche page's rank by title in its language (src/lib/searchOrder.ts), by URL. */
function titleRanks(pages: readonly ReadPage[]): Map<string, number> {
  const byLanguage = new Map<Locale, RankedTitle[]>();
  for (const { url, title, translated, language } of pages) {
    const ranked = byLanguage.get(language) ?? [];
    ranked.push({ url, title, translated });
    byLanguage.set(language, ranked);
  }
  const ranks = new Map<string, number>();
  for (const [language, ranked] of byLanguage) for (const [url, rank] of rankTitles(language, ranked)) ranks.set(url, rank);
  return ranks;
}

/** Bumped whenever what a digest covers or the record holds changes, so that an older record is never trusted. */
const searchInputFormat = 2;

/**
 * Each language's search input, as a digest: the pages handed to Pagefind for it, in the order
 * they are handed, each as its URL, its rank and what Pagefind gets of it but the rank (the rank
 * replaces the one placeholder, so this is the very text handed). A title rank that moves (a
 * fiche added, renamed or removed) changes the digest of its language.
 */
function languageDigests(pages: readonly ReadPage[], ranks: ReadonlyMap<string, number>): Map<string, string> {
  const hashes = new Map<string, ReturnType<typeof createHash>>();
  for (const { language, url, contentHash } of pages) {
    let hash = hashes.get(language);
    if (!hash) hashes.set(language, (hash = createHash('sha256').update(`search input ${searchInputFormat} ${language}\n`)));
    hash.update(`${url}\n${ranks.get(url) ?? 0}\n${contentHash}\n`);
  }
  return new Map([...hashes].map(([language, hash]) => [language, hash.digest('hex')]));
}

type BundleFile = { path: string; content: Uint8Array };
type ServiceAnswer = { errors: string[]; meta?: Record<string, string>; files?: BundleFile[] };

/** Pages sent to a service and not yet answered: its pipe is never empty, and never holds many pages. */
const pagesInFlight = 8;

/**
 * A Pagefind service of its own, in a worker thread (src/integrations/pagefindWorker.mjs).
 * Requests are answered in the order they are sent.
 */
class PagefindService {
  readonly #worker: Worker;
  readonly #waiting = new Map<number, { resolve: (answer: ServiceAnswer) => void; reject: (error: Error) => void }>();
  #nextId = 0;
  #failure: Error | undefined;

  constructor() {
    this.#worker = new Worker(new URL('./pagefindWorker.mjs', import.meta.url), {
      // Pagefind reads this "unstable" setting from its environment, which it inherits from the thread's.
      env: { ...process.env, PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE: String(indexChunkSize) },
    });
    this.#worker.on('message', ({ id, ...answer }: ServiceAnswer & { id: number }) => {
      this.#waiting.get(id)?.resolve(answer);
      this.#waiting.delete(id);
    });
    const fail = (error: Error) => {
      this.#failure ??= error;
      for (const { reject } of this.#waiting.values()) reject(error);
      this.#waiting.clear();
    };
    this.#worker.on('error', fail);
    this.#worker.on('exit', (code) => fail(new SearchIndexError(`the Pagefind worker stopped (exit code ${code})`)));
  }

  #ask(request: { type: 'add'; url: string; content: string } | { type: 'files' } | { type: 'close' }): Promise<ServiceAnswer> {
    if (this.#failure) return Promise.reject(this.#failure);
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject });
      this.#worker.postMessage({ id, ...request });
    });
  }

  add(url: string, content: string): Promise<ServiceAnswer> {
    return this.#ask({ type: 'add', url, content });
  }

  async files(): Promise<BundleFile[]> {
    const answer = await this.#ask({ type: 'files' });
    failOn(answer.errors, 'getFiles');
    return answer.files ?? [];
  }

  /** Stops the service and its thread; never throws (it runs after a failure too). */
  async close(): Promise<void> {
    if (!this.#failure) await this.#ask({ type: 'close' }).catch(() => undefined);
    await this.#worker.terminate();
  }
}

/**
 * Services to run at once: one per core, at most 4 (each holds its language's pages until the
 * index is built, so more would only add memory), and never more than the languages.
 */
const searchServices = Math.min(4, availableParallelism());

type Entry = { version: string; languages: Record<string, unknown>; include_characters: unknown };

/**
 * One bundle from the services' bundles. Each language's files (metadata, chunks, filters,
 * fragments, stemming) are named after it and come from one service only; Pagefind's scripts are
 * the same from every service (checked); the entry file lists every language, in site order.
 */
export function mergeBundles(bundles: readonly (readonly BundleFile[])[]): BundleFile[] {
  if (bundles.length === 1) return [...(bundles[0] ?? [])];
  const merged = new Map<string, Uint8Array>();
  const entries: Entry[] = [];
  for (const files of bundles)
    for (const file of files) {
      if (file.path === 'pagefind-entry.json') {
        entries.push(JSON.parse(Buffer.from(file.content).toString('utf8')) as Entry);
        continue;
      }
      const same = merged.get(file.path);
      if (same && !Buffer.from(same).equals(file.content))
        throw new SearchIndexError(`Two Pagefind services wrote different ${file.path}`);
      merged.set(file.path, file.content);
    }
  const [first] = entries;
  if (!first || entries.length !== bundles.length) throw new SearchIndexError('A Pagefind service wrote no pagefind-entry.json');
  const languages: Record<string, unknown> = {};
  for (const entry of entries) {
    if (entry.version !== first.version || JSON.stringify(entry.include_characters) !== JSON.stringify(first.include_characters))
      throw new SearchIndexError('Two Pagefind services wrote different versions or settings in pagefind-entry.json');
    for (const [language, value] of Object.entries(entry.languages)) {
      if (language in languages) throw new SearchIndexError(`Two Pagefind services indexed the language ${language}`);
      languages[language] = value;
    }
  }
  const ordered = Object.fromEntries(Object.entries(languages).sort(([a], [b]) => siteOrder(a) - siteOrder(b)));
  // The shape Pagefind writes (serde's field order, no spaces).
  const entry = JSON.stringify({ version: first.version, languages: ordered, include_characters: first.include_characters });
  return [
    ...[...merged].map(([file, content]) => ({ path: file, content })),
    { path: 'pagefind-entry.json', content: Buffer.from(entry) },
  ];
}

const filesInFlight = 64;

/** Writes the bundle's files, a batch at a time so that thousands of fragments do not hold thousands of descriptors. */
async function writeBundle(
  bundleDir: string,
  files: readonly { path: string; content: Uint8Array }[],
  liveBundleDir?: string,
): Promise<number> {
  const folders = new Set(files.map((file) => path.dirname(path.join(bundleDir, file.path))));
  for (const folder of folders) await mkdir(folder, { recursive: true });
  let linked = 0;
  // A file with the very bytes of the live index's file of that name (a fragment of a page that
  // did not change, in a language indexed again) is a hard link to it, as the publisher's
  // relinking would make it afterwards: compared here from memory, it is read once, not twice.
  const write = async (file: { path: string; content: Uint8Array }) => {
    const target = path.join(bundleDir, file.path);
    if (liveBundleDir) {
      const live = path.join(liveBundleDir, file.path);
      const info = await lstat(live).catch(() => undefined);
      if (info?.isFile() && info.size === file.content.byteLength && (await readFile(live)).equals(file.content)) {
        await link(live, target);
        linked += 1;
        return;
      }
    }
    await writeFile(target, file.content);
  };
  for (let start = 0; start < files.length; start += filesInFlight)
    await Promise.all(files.slice(start, start + filesInFlight).map(write));
  return linked;
}

/**
 * The pages given that have no fragment in the bundle, which Pagefind leaves out without an error
 * (a page with no words to index): read only when the page counts differ, to name them.
 */
async function pagesLeftOut(bundleDir: string, files: readonly string[]): Promise<string[]> {
  const indexed = new Set<string>();
  const fragments = await readdir(path.join(bundleDir, 'fragment')).catch(() => []);
  for (const fragment of fragments) {
    // A fragment is gzipped "pagefind_dcd" followed by the page's JSON record.
    const record = gunzipSync(await readFile(path.join(bundleDir, 'fragment', fragment))).toString('utf8');
    indexed.add((JSON.parse(record.slice('pagefind_dcd'.length)) as { url: string }).url);
  }
  return files.filter((file) => !indexed.has(`/${file.slice(0, -'index.html'.length)}`));
}

/** A language's value in pagefind-entry.json: its metadata file's hash, its stemmer, its page count. */
type EntryLanguage = { hash: string; wasm: string | null; page_count: number };

/**
 * What an index was made of, kept outside the deploy (the publisher keeps it in the deploy's
 * content snapshot folder, scripts/src/publishSite.ts): each language's search input digest, its
 * value in the entry file and its files (index chunks, fragments, filters, metadata, stemmer), and
 * the files no language owns (Pagefind's scripts, the stemmer of languages without one). The next
 * publication takes a language whose digest is the same from the live deploy, files and all.
 */
export type SearchRecord = {
  format: number;
  /** The Pagefind that made the files, and its settings: another one makes other bytes. */
  pagefind: string;
  chunkSize: number;
  version: string;
  include_characters: unknown;
  shared: string[];
  languages: Record<string, { digest: string; entry: EntryLanguage; files: string[] }>;
  /** What the first pass found on each fiche page, by path, and the code that found it (`pageCode`). */
  pages: { code: string; entries: Record<string, RecordedPage> };
};

let pagefindVersion: { version: string | undefined } | undefined;

/** The version of the Pagefind this code runs (its package is resolved as Node would from here), found once per process. */
function installedPagefind(): string | undefined {
  pagefindVersion ??= { version: findPagefindVersion() };
  return pagefindVersion.version;
}

function findPagefindVersion(): string | undefined {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'node_modules', 'pagefind', 'package.json');
    if (existsSync(manifest)) return (JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string }).version;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** The language a bundle file belongs to, or undefined for the files every language uses. */
function ownerOf(file: string, languages: Readonly<Record<string, EntryLanguage>>): string | undefined {
  for (const [language, { hash, wasm }] of Object.entries(languages)) {
    if (/^(?:index|fragment|filter)\//.test(file) && file.slice(file.indexOf('/') + 1).startsWith(`${language}_`))
      return language;
    if (file === `pagefind.${hash}.pf_meta`) return language;
    // A stemmer one language only uses is that language's; Pagefind writes it only when indexing it.
    if (wasm && file === `wasm.${wasm}.pagefind` && Object.values(languages).filter((other) => other.wasm === wasm).length === 1)
      return language;
  }
  return undefined;
}

const bundlePath = /^(?:(?:index|fragment|filter)\/)?[\w][\w.-]*$/;

/** The record, if it is one this code can trust: the same format, Pagefind and settings, and sane paths. */
function parseRecord(text: string): SearchRecord | string {
  let record: SearchRecord;
  try {
    record = JSON.parse(text) as SearchRecord;
  } catch {
    return 'an unreadable search record';
  }
  const pagefind = installedPagefind();
  if (record?.format !== searchInputFormat || !pagefind || record.pagefind !== pagefind || record.chunkSize !== indexChunkSize)
    return 'a search record of another format, Pagefind or chunk size';
  const paths = (files: unknown) =>
    Array.isArray(files) && files.every((file) => typeof file === 'string' && bundlePath.test(file));
  if (typeof record.version !== 'string' || !paths(record.shared) || !record.languages || typeof record.languages !== 'object')
    return 'a malformed search record';
  for (const language of Object.values(record.languages))
    if (
      typeof language?.digest !== 'string' ||
      !paths(language.files) ||
      typeof language.entry?.hash !== 'string' ||
      typeof language.entry.page_count !== 'number'
    )
      return 'a malformed search record';
  if (!record.pages || typeof record.pages.code !== 'string' || !record.pages.entries || typeof record.pages.entries !== 'object')
    return 'a malformed search record';
  return record;
}

/** The live deploy's record, read and checked once per build; a string says why it cannot be used. */
async function readRecord(recordFile: string): Promise<SearchRecord | string> {
  const text = await readFile(recordFile, 'utf8').catch(() => undefined);
  return text === undefined ? `no search record at ${recordFile}` : parseRecord(text);
}

/**
 * The pages of the live deploy's record that may be taken without reading them (`readPages`):
 * none when the record is missing, unusable or made by other code. Each entry is checked before use.
 */
function recordedPages(record: SearchRecord | string): Record<string, RecordedPage> {
  if (typeof record === 'string' || record.pages.code !== pageCode) return {};
  const entries: Record<string, RecordedPage> = {};
  for (const [file, entry] of Object.entries(record.pages.entries))
    if (
      fichePage.test(file) &&
      Array.isArray(entry) &&
      entry.length === 4 &&
      typeof entry[0] === 'string' &&
      typeof entry[1] === 'string' &&
      typeof entry[2] === 'boolean' &&
      typeof entry[3] === 'string' &&
      /^[0-9a-f]{64}$/.test(entry[3])
    )
      entries[file] = entry;
  return entries;
}

/**
 * The languages an earlier index can give as they are: those whose search input digest is the
 * one recorded, when the record matches that index's entry file and each of their files (and the
 * shared ones) is there. Anything unexpected (no record, another Pagefind, a missing file) means
 * nothing is taken: every language is indexed again.
 */
async function reusableLanguages(
  deployDir: string,
  record: SearchRecord | string,
  digests: ReadonlyMap<string, string>,
): Promise<{ record: SearchRecord; languages: string[] } | { why: string }> {
  if (typeof record === 'string') return { why: record };
  const liveDir = path.join(deployDir, 'pagefind');
  const live = await readFile(path.join(liveDir, 'pagefind-entry.json'), 'utf8')
    .then((entry) => JSON.parse(entry) as Entry & { languages: Record<string, EntryLanguage> })
    .catch(() => undefined);
  if (
    !live ||
    live.version !== record.version ||
    JSON.stringify(live.include_characters) !== JSON.stringify(record.include_characters)
  )
    return { why: 'the search record does not match the live index' };
  const languages = [...digests]
    .filter(([language, digest]) => record.languages[language]?.digest === digest)
    .map(([language]) => language);
  const files = [...record.shared];
  for (const language of languages) {
    const recorded = record.languages[language];
    if (!recorded || JSON.stringify(live.languages[language]) !== JSON.stringify(recorded.entry))
      return { why: `the search record does not match the live index (${language})` };
    files.push(...recorded.files);
  }
  const missing = [];
  for (const file of files) if (!(await lstat(path.join(liveDir, file)).catch(() => undefined))?.isFile()) missing.push(file);
  if (missing.length > 0)
    return { why: `the live index lacks ${missing.slice(0, 3).join(', ')}${missing.length > 3 ? '…' : ''}` };
  return { record, languages };
}

/** Hard links to `files` of `fromDir` in `toDir`, a batch at a time: no byte copied, the live files never written. */
async function linkFiles(fromDir: string, toDir: string, files: readonly string[]): Promise<void> {
  for (const folder of new Set(files.map((file) => path.dirname(path.join(toDir, file)))))
    await mkdir(folder, { recursive: true });
  for (let start = 0; start < files.length; start += filesInFlight)
    await Promise.all(
      files.slice(start, start + filesInFlight).map((file) => link(path.join(fromDir, file), path.join(toDir, file))),
    );
}

/** The entry file with the languages taken from an earlier index added, every language in site order. */
function entryWith(entry: Entry | undefined, record: SearchRecord, reused: readonly string[]): Uint8Array {
  const languages: Record<string, unknown> = { ...entry?.languages };
  for (const language of reused) languages[language] = record.languages[language]?.entry;
  const ordered = Object.fromEntries(Object.entries(languages).sort(([a], [b]) => siteOrder(a) - siteOrder(b)));
  // The shape Pagefind writes (serde's field order, no spaces).
  return Buffer.from(
    JSON.stringify({
      version: entry?.version ?? record.version,
      languages: ordered,
      include_characters: entry ? entry.include_characters : record.include_characters,
    }),
  );
}

export type SearchIndexOptions = {
  /** Pagefind services side by side (default: one per core, at most 4); the index is the same whatever the number. */
  services?: number;
  /** Each language's bytes in the report: a stat of each of its files, for this file's command, not every publication. */
  sizes?: boolean;
  /**
   * An earlier index of the same site (the live deploy) and its record: every language whose
   * search input is the recorded one is taken from it (hard links) instead of indexed again.
   */
  reuse?: { deployDir: string; record: string };
  /** Where to write this index's record (outside the deploy). */
  recordTo?: string;
  /** Told why the earlier index could not be used, when it could not. */
  log?: (line: string) => void;
  /**
   * Fiche pages another pass has just read (`searchPageRecord`), by path: each that is still the
   * very file read (same identity) is not read again by the first pass.
   */
  pagesRead?: Readonly<Record<string, RecordedPage>>;
  /** The build's files (`filesIn`), when the caller has just listed them: the pass does not list the deploy again. */
  files?: readonly string[];
};

export async function buildSearchIndex(
  outDir: string,
  {
    services: serviceCount = searchServices,
    reuse,
    recordTo,
    log,
    pagesRead,
    files: listed,
    sizes = false,
  }: SearchIndexOptions = {},
): Promise<SearchIndexReport> {
  const started = Date.now();
  const bundleDir = path.join(outDir, 'pagefind');
  await rm(bundleDir, { recursive: true, force: true });
  const files = await fichePages(outDir, listed);
  const liveRecord = reuse ? await readRecord(reuse.record) : undefined;
  const { pages, recorded, taken, shared } = await readPages(
    outDir,
    files,
    liveRecord ? recordedPages(liveRecord) : {},
    pagesRead,
  );
  const ranks = titleRanks(pages);
  const digests = languageDigests(pages, ranks);
  log?.(
    `search index: ${pages.length - taken - shared} pages read and checked, ${taken} kept from the live deploy taken from its record, ${shared} checked as the CSS pass read them (${Date.now() - started} ms)`,
  );
  const expected = new Map<string, number>();
  for (const { language } of pages) expected.set(language, (expected.get(language) ?? 0) + 1);
  const reusable = reuse && liveRecord ? await reusableLanguages(reuse.deployDir, liveRecord, digests) : undefined;
  const reused = reusable && 'languages' in reusable ? reusable.languages : [];
  if (reusable && 'why' in reusable) log?.(`search index: every language indexed: ${reusable.why}`);
  // Pagefind builds each language's index apart from the others (its pages in the order given,
  // here the file order): the files of a language depend on its pages only, so a language whose
  // input did not change is the live one, and services indexing the others side by side give the
  // bytes one service would. Each language gets a Pagefind service of its own, stopped once its
  // files are back: a service holds every page it was given until it builds the index (about
  // 0.5 GB for 4,000 fiche pages, 0.14 GB for one language's 1,000), so one language at a time
  // per service keeps that to `serviceCount` languages' pages, whatever the number of languages.
  // A service indexes its pages one after the other; the main thread reads the next pages
  // meanwhile, a few pages ahead in its pipe.
  const toIndex = new Map([...expected].filter(([language]) => !reused.includes(language)));
  const queue = [...toIndex]
    .sort(([a, pagesA], [b, pagesB]) => pagesB - pagesA || siteOrder(a) - siteOrder(b))
    .map(([language]) => language);
  const running = new Set<PagefindService>();
  const bundles: BundleFile[][] = [];
  // The first failure in file order among those seen (answers arrive after the next pages are sent).
  let failure: { at: number; error: unknown } | undefined;
  const fail = (file: string, error: unknown) => {
    const at = files.indexOf(file);
    if (!failure || at < failure.at) failure = { at, error };
  };
  const indexLanguage = async (language: string) => {
    const share = pages.filter((page) => page.language === language).map((page) => page.file);
    const service = new PagefindService();
    running.add(service);
    try {
      const answers: Promise<void>[] = [];
      await forEachPage(outDir, share, async (file, html) => {
        if (failure) return;
        const { url, content } = checkedPage(file, html);
        answers.push(
          service
            .add(url, rankedContent(content, ranks.get(url) ?? 0))
            .then((added) => {
              failOn(added.errors, file);
              const missing = requiredResultMeta.filter((key) => !added.meta?.[key]?.trim());
              if (missing.length > 0) throw new SearchIndexError(`${file}: no ${missing.join(', ')} for search results`);
            })
            .catch((error: unknown) => fail(file, error)),
        );
        // A few pages wait in the pipe, no more.
        if (answers.length > pagesInFlight) await answers[answers.length - 1 - pagesInFlight];
      }).catch((error: unknown) => fail(share[answers.length] ?? '', error));
      await Promise.all(answers);
      if (!failure) bundles.push(await service.files());
    } finally {
      running.delete(service);
      await service.close();
    }
  };
  try {
    await Promise.all(
      Array.from({ length: Math.min(Math.max(1, serviceCount), queue.length) }, async () => {
        for (let language = queue.shift(); language !== undefined && !failure; language = queue.shift())
          await indexLanguage(language);
      }),
    );
    if (failure) throw failure.error;
    // The bundle comes back through each service and is written here, not by Pagefind's writeFiles:
    // that call answered before its last files reached the disk, and closing the service right after
    // left pagefind-entry.json empty now and then ("Unexpected end of JSON input" in the end-to-end suite).
    let bundle = bundles.length > 0 ? mergeBundles(bundles) : [];
    if (reusable && 'record' in reusable && reused.length > 0) {
      const { record } = reusable;
      const made = bundle.find((file) => file.path === 'pagefind-entry.json');
      const entry = made ? (JSON.parse(Buffer.from(made.content).toString('utf8')) as Entry) : undefined;
      bundle = [
        ...bundle.filter((file) => file.path !== 'pagefind-entry.json'),
        { path: 'pagefind-entry.json', content: entryWith(entry, record, reused) },
      ];
      const written = new Set(bundle.map((file) => file.path));
      // The reused languages' files, and Pagefind's scripts when no service ran, from the live index.
      const taken = [...reused.flatMap((language) => record.languages[language]?.files ?? []), ...record.shared].filter(
        (file) => !written.has(file),
      );
      await linkFiles(path.join(reuse?.deployDir ?? '', 'pagefind'), bundleDir, taken);
    }
    const written = bundle.filter((file) => !unusedPagefindFiles.includes(file.path));
    const linked = await writeBundle(bundleDir, written, reuse ? path.join(reuse.deployDir, 'pagefind') : undefined);
    if (reuse)
      log?.(`search index: ${written.length} files made, ${linked} of them with the live bytes linked to the live files`);
  } finally {
    await Promise.all([...running].map((service) => service.close()));
  }

  const entry = JSON.parse(await readFile(path.join(bundleDir, 'pagefind-entry.json'), 'utf8')) as Entry & {
    languages: Record<string, EntryLanguage>;
  };
  const indexed = Object.entries(entry.languages)
    .map(([language, { page_count }]) => `${language}:${page_count}`)
    .sort();
  const given = [...expected].map(([language, count]) => `${language}:${count}`).sort();
  if (indexed.join() !== given.join()) {
    const missing = await pagesLeftOut(bundleDir, files);
    throw new SearchIndexError(
      `The search index holds ${indexed.join(', ') || 'nothing'}, not the pages given: ${given.join(', ') || 'none'}` +
        (missing.length > 0
          ? `; left out: ${missing.slice(0, 20).join(', ')}${missing.length > 20 ? ` and ${missing.length - 20} more` : ''}`
          : ''),
    );
  }
  if (recordTo) await writeRecord(recordTo, bundleDir, entry, digests, recorded);
  const languages = await Promise.all(
    Object.entries(entry.languages).map(async ([language, { hash, page_count }]) => ({
      language,
      pages: page_count,
      reused: reused.includes(language),
      ...(sizes ? { bytes: await languageBytes(bundleDir, hash, language) } : {}),
    })),
  );
  return languages.sort((a, b) => siteOrder(a.language) - siteOrder(b.language));
}

/** Writes the record of the index in `bundleDir` (written whole, then renamed: never half a record). */
async function writeRecord(
  recordTo: string,
  bundleDir: string,
  entry: Entry & { languages: Record<string, EntryLanguage> },
  digests: ReadonlyMap<string, string>,
  pages: Record<string, RecordedPage>,
): Promise<void> {
  const pagefind = installedPagefind();
  if (!pagefind) return;
  const record: SearchRecord = {
    format: searchInputFormat,
    pagefind,
    chunkSize: indexChunkSize,
    version: entry.version,
    include_characters: entry.include_characters,
    shared: [],
    languages: {},
    pages: { code: pageCode, entries: pages },
  };
  for (const [language, value] of Object.entries(entry.languages))
    record.languages[language] = { digest: digests.get(language) ?? '', entry: value, files: [] };
  for (const file of await filesIn(bundleDir)) {
    if (file === 'pagefind-entry.json') continue;
    const owner = ownerOf(file, entry.languages);
    (owner ? (record.languages[owner]?.files ?? []) : record.shared).push(file);
  }
  await writeWhole(recordTo, `${JSON.stringify(record)}\n`);
}

/**
 * This file's command-line options: `--live=<deploy folder> --live-search-record=<file>` (both or
 * neither) and `--search-record=<file>` (wholeSitePasses.ts's command takes the same, with its QR
 * and inline-code options, in `finishArguments`). Undefined when they do not parse.
 */
export function searchRecordArguments(
  args: string[],
): { positionals: string[]; reuse?: { deployDir: string; record: string }; recordTo?: string } | undefined {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { live: { type: 'string' }, 'live-search-record': { type: 'string' }, 'search-record': { type: 'string' } },
    });
  } catch {
    return undefined;
  }
  const { live, 'live-search-record': record, 'search-record': recordTo } = parsed.values;
  if (!live !== !record) return undefined;
  return {
    positionals: parsed.positionals,
    ...(live && record ? { reuse: { deployDir: live, record } } : {}),
    ...(recordTo ? { recordTo } : {}),
  };
}

// Indexes a built site again, as a build or a publication does, and says how long it took:
//   tsx src/integrations/searchIndex.ts <site folder> [services]
//     [--live=<earlier site folder> --live-search-record=<its record>] [--search-record=<where to write this one's>]
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const options = searchRecordArguments(process.argv.slice(2));
  const [outDir, services] = options?.positionals ?? [];
  if (!options || !outDir) {
    console.error(
      'usage: tsx src/integrations/searchIndex.ts <site folder> [services] [--live=<folder> --live-search-record=<file>] [--search-record=<file>]',
    );
    process.exit(2);
  }
  const started = Date.now();
  buildSearchIndex(outDir, {
    ...(services ? { services: Number(services) } : {}),
    ...(options.reuse ? { reuse: options.reuse } : {}),
    ...(options.recordTo ? { recordTo: options.recordTo } : {}),
    log: console.log,
    sizes: true,
  }).then(
    (report) => {
      const cpu = process.cpuUsage();
      for (const { language, pages, bytes, reused } of report)
        console.log(
          `${language}: ${pages} pages, ${((bytes ?? 0) / 1024).toFixed(1)} KB of index${reused ? ', taken from the earlier index' : ''}`,
        );
      // The services' own CPU time is not in this process's: time the command (/usr/bin/time, perf stat).
      console.log(
        `search index: ${Date.now() - started} ms, this process ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms of CPU`,
      );
      process.exit(0);
    },
    (error: unknown) => {
      console.error(`search index failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exit(1);
    },
  );
}
