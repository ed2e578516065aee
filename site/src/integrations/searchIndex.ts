/**
 * An Astro integration that builds the site search once the pages are written: one Pagefind
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
 * count differs from the pages given to it.
 */
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import type { AstroIntegration } from 'astro';
import { close, createIndex } from 'pagefind';

import { ficheSegments, localeCodes, type Locale } from '@passerelle/content-schemas';
import { isPartialBuild } from '../lib/renderOnly';
import { pageTitle, rankTitles, titleSortPlaceholder, type RankedTitle } from '../lib/searchOrder';

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

export type SearchIndexReport = { language: string; pages: number; bytes: number }[];

function failOn(errors: string[], where: string): void {
  if (errors.length > 0) throw new SearchIndexError(`Pagefind failed on ${where}: ${errors.join('; ')}`);
}

/** The fiche pages of a build, as paths relative to it with `/` separators, sorted. */
async function fichePages(outDir: string): Promise<string[]> {
  const files = await readdir(outDir, { recursive: true, encoding: 'utf8' });
  return files
    .map((file) => file.split(path.sep).join('/'))
    .filter((file) => fichePage.test(file))
    .sort();
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

const pagesInFlight = 1;

/** Each fiche page's rank by title in its language (src/lib/searchOrder.ts), by URL. */
async function titleRanks(outDir: string, files: readonly string[]): Promise<Map<string, number>> {
  const byLanguage = new Map<Locale, RankedTitle[]>();
  for (const file of files) {
    const html = await readFile(path.join(outDir, file), 'utf8');
    const url = `/${file.slice(0, -'index.html'.length)}`;
    const title = pageTitle(html);
    if (title === undefined) throw new SearchIndexError(`${file}: a fiche page without its title (data-pagefind-meta="title")`);
    const language = file.slice(0, file.indexOf('/')) as Locale;
    const translated = !/<meta name="?robots"? content="?noindex/.test(html);
    const pages = byLanguage.get(language) ?? [];
    pages.push({ url, title, translated });
    byLanguage.set(language, pages);
  }
  const ranks = new Map<string, number>();
  for (const [language, pages] of byLanguage) for (const [url, rank] of rankTitles(language, pages)) ranks.set(url, rank);
  return ranks;
}

const filesInFlight = 64;

/** Writes the bundle's files, a batch at a time so that thousands of fragments do not hold thousands of descriptors. */
async function writeBundle(bundleDir: string, files: readonly { path: string; content: Uint8Array }[]): Promise<void> {
  const folders = new Set(files.map((file) => path.dirname(path.join(bundleDir, file.path))));
  for (const folder of folders) await mkdir(folder, { recursive: true });
  for (let start = 0; start < files.length; start += filesInFlight)
    await Promise.all(
      files.slice(start, start + filesInFlight).map((file) => writeFile(path.join(bundleDir, file.path), file.content)),
    );
}

export async function buildSearchIndex(outDir: string): Promise<SearchIndexReport> {
  const bundleDir = path.join(outDir, 'pagefind');
  await rm(bundleDir, { recursive: true, force: true });
  const expected = new Map<string, number>();
  // The Pagefind service starts with the first call and inherits this process's environment.
  process.env['PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE'] = String(indexChunkSize);
  const created = await createIndex({});
  failOn(created.errors, 'createIndex');
  const index = created.index;
  if (!index) throw new SearchIndexError('Pagefind created no index');
  try {
    const files = await fichePages(outDir);
    const ranks = await titleRanks(outDir, files);
    // One page in flight at a time: Pagefind's service indexes them one after the other anyway,
    // and the page texts then never pile up in its pipe. Memory stays flat.
    for (let start = 0; start < files.length; start += pagesInFlight) {
      await Promise.all(
        files.slice(start, start + pagesInFlight).map(async (file) => {
          const html = await readFile(path.join(outDir, file), 'utf8');
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
          const url = `/${file.slice(0, -'index.html'.length)}`;
          const sort = `data-pagefind-sort="${titleSortPlaceholder}"`;
          if (!html.includes(sort)) throw new SearchIndexError(`${file}: a fiche page without ${sort}`);
          const content = html.replace(sort, `data-pagefind-sort="title:${ranks.get(url) ?? 0}"`);
          const added = await index.addHTMLFile({ url, content });
          failOn(added.errors, file);
          const missing = requiredResultMeta.filter((key) => !added.file.meta[key]?.trim());
          if (missing.length > 0) throw new SearchIndexError(`${file}: no ${missing.join(', ')} for search results`);
          expected.set(urlLanguage, (expected.get(urlLanguage) ?? 0) + 1);
        }),
      );
    }
    // The bundle comes back through the service and is written here, not by Pagefind's writeFiles:
    // that call answered before its last files reached the disk, and closing the service right after
    // left pagefind-entry.json empty now and then ("Unexpected end of JSON input" in the end-to-end suite).
    const bundle = await index.getFiles();
    failOn(bundle.errors, 'getFiles');
    await writeBundle(
      bundleDir,
      bundle.files.filter((file) => !unusedPagefindFiles.includes(file.path)),
    );
  } finally {
    await close();
  }

  const entry = JSON.parse(await readFile(path.join(bundleDir, 'pagefind-entry.json'), 'utf8')) as {
    languages: Record<string, { hash: string; page_count: number }>;
  };
  const indexed = Object.entries(entry.languages)
    .map(([language, { page_count }]) => `${language}:${page_count}`)
    .sort();
  const given = [...expected].map(([language, count]) => `${language}:${count}`).sort();
  if (indexed.join() !== given.join())
    throw new SearchIndexError(
      `The search index holds ${indexed.join(', ') || 'nothing'}, not the pages given: ${given.join(', ') || 'none'}`,
    );
  return Promise.all(
    Object.entries(entry.languages).map(async ([language, { hash, page_count }]) => ({
      language,
      pages: page_count,
      bytes: await languageBytes(bundleDir, hash, language),
    })),
  ).then((report) => report.sort((a, b) => siteOrder(a.language) - siteOrder(b.language)));
}

export function searchIndex(): AstroIntegration {
  return {
    name: 'passerelle-search-index',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        // A partial build (incremental publication): the publisher runs this pass on the merged deploy.
        if (isPartialBuild()) return logger.info('partial build: left to the publisher');
        for (const { language, pages, bytes } of await buildSearchIndex(fileURLToPath(dir))) {
          logger.info(`${language}: ${pages} pages, ${(bytes / 1024).toFixed(1)} KB of index`);
        }
      },
    },
  };
}
