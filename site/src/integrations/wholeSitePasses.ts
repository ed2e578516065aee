/**
 * The whole-site passes, one code path for every kind of build: the CSS pruned against the
 * templates, the QR codes, the search index made from every fiche page, the web app files and
 * social images, the service worker from the final stylesheet — in that order (the search index
 * is made from the final pages, the service worker precaches the stylesheet under its pruned name).
 *
 * - A plain `astro build` (a developer's) runs them at the end of the build, in Astro's process
 *   (`wholeSitePasses`).
 * - The publisher runs them in a process of its own once Astro's has exited (this file's command):
 *   for a full build (`--full`), so that the content and the garbage of rendering that Astro's
 *   process still holds are not added to the search services' memory (docs/publishing.md « The
 *   full build's memory and time »); for an incremental publication, on the merged deploy (the
 *   pages just rendered plus the files kept from the live deploy, scripts/src/incremental.ts), over
 *   the same set of pages, so they give the same result whichever pages were rendered — the same
 *   stylesheet as the live deploy's, so kept pages are left as they are, and the search index with
 *   each language whose search input did not change taken from the live deploy, as its record
 *   says. There, QR codes are written by the partial build for the pages it rendered (the
 *   publisher then links those with the live bytes back to the live files), and the web app files
 *   and social images, which depend only on the code, are kept.
 *
 * The CSS pass reads every page it points at the pruned stylesheet once, and hands each to the
 * others: the QR codes' addresses and the search index's first pass are taken from that read.
 * A full build with a live deploy takes each QR code whose address the live deploy drew with the
 * same code from it (a hard link; src/integrations/printQrCodes.ts).
 *
 *   tsx src/integrations/wholeSitePasses.ts <deploy folder> [former stylesheet name…] [--full]
 *     [--live=<live deploy folder> --live-search-record=<its record>] [--search-record=<where to write this one's>]
 *     [--live-qr-record=<the live deploy's QR record>] [--qr-record=<where to write this one's>]
 *     [--inline-code=<where to write the inline code of the pages read, for the publisher's checks>]
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

import type { AstroIntegration } from 'astro';

import { localeCodes, type Locale } from '@passerelle/content-schemas';
import { filesIn } from '@passerelle/content-schemas/fileListing';
import {
  hasInlineCode,
  inlineCodeOf,
  type InlineCodeCount,
  type InlineCodePage,
} from '@passerelle/content-schemas/transforms/inlineCode';

import { isPartialBuild } from '../lib/renderOnly';
import { liveQrCodes, pageFolderOf, qrAddressOf, writeQrCodes, writeQrRecord } from './printQrCodes';
import { pruneCssIn } from './pruneUnusedCss';
import { buildSearchIndex, searchPageRecord, type RecordedPage, type SearchIndexOptions } from './searchIndex';
import { workerMainOf, writeServiceWorker } from './serviceWorker';
import { hasFontFor, writeSocialImages } from './socialImages';
import { writeWebApp } from './webAppManifest';

/**
 * Set to `publisher` by the publisher for a full build (scripts/src/siteBuild.ts): the passes
 * then run in its finish step, once Astro's process has exited. (Not in src/lib/: the CSS is
 * pruned against the words of that code.)
 */
export const wholeSitePassesVariable = 'PASSERELLE_WHOLE_SITE_PASSES';

/** Whether this build leaves the whole-site passes to the publisher's finish step: a partial build, or a full one told so. */
export function passesLeftToPublisher(env: Record<string, string | undefined> = process.env): boolean {
  return isPartialBuild(env) || env[wholeSitePassesVariable] === 'publisher';
}

export type SearchReuse = Pick<SearchIndexOptions, 'reuse' | 'recordTo'>;

export type FinishOptions = {
  /**
   * A full build: the CSS pass reads every page, and the files made from the addresses or the
   * code only — QR codes, web app files, social images — are made here. Otherwise a merged
   * incremental deploy, which has them.
   */
  full?: boolean;
  /**
   * The live deploy and its QR record (a full build takes from it each QR code whose address it
   * drew with the same code; an incremental deploy carries its records of the kept pages over),
   * and where to write this deploy's record.
   */
  qrCodes?: { live?: { deployDir: string; record: string }; recordTo?: string };
  /** Whether the machine has a font for each language's social image text (asked once, by the caller, when it knows better). */
  fonts?: (locale: Locale) => boolean;
  /**
   * Where to write the inline code (which the Content-Security-Policy blocks) of each page the
   * CSS pass read, and the list of those pages: the publisher's checks take it instead of
   * reading every page again (scripts/src/verifyDeploy.ts `collectInlineCode`).
   */
  inlineCodeTo?: string;
};

export async function runWholeSitePasses(
  outDir: string,
  formerStylesheets: readonly string[],
  log: (line: string) => void = console.log,
  search: SearchReuse = {},
  { full = false, qrCodes = {}, fonts = hasFontFor, inlineCodeTo }: FinishOptions = {},
) {
  let started = Date.now();
  const addresses = new Map<string, string>();
  const pagesRead: Record<string, RecordedPage> = {};
  const inlineCode = { read: [] as string[], pages: [] as InlineCodePage[] };
  const onPage = (file: string, html: string) => {
    if (inlineCodeTo) {
      inlineCode.read.push(file);
      const found = inlineCodeOf(html);
      if (hasInlineCode(found)) inlineCode.pages.push({ file, ...found });
    }
    const record = searchPageRecord(outDir, file, html);
    if (record) pagesRead[file] = record;
    const folder = pageFolderOf(file);
    if (folder === undefined) return;
    const url = qrAddressOf(folder, html);
    if (url !== undefined) addresses.set(folder, url);
  };
  // Listed once for the CSS and search passes (36,000 files at 1,000 fiches); their pages keep
  // their names, only the stylesheet is renamed.
  const files = await filesIn(outDir);
  const pruned = await pruneCssIn(outDir, { formerNames: formerStylesheets, onPage, readAll: full, files });
  for (const { file, before, after, cached } of pruned)
    log(
      `css: ${file}: ${before} → ${after} bytes${cached ? ', pruned stylesheet taken from the cache' : ''}, ${Object.keys(pagesRead).length} fiche pages handed to the search index (${Date.now() - started} ms)`,
    );
  if (inlineCodeTo) {
    await mkdir(path.dirname(inlineCodeTo), { recursive: true });
    await writeFile(inlineCodeTo, JSON.stringify(inlineCode satisfies InlineCodeCount));
  }
  started = Date.now();
  if (full) {
    // No stylesheet, no page read by the CSS pass: the QR pass reads the pages itself.
    const codes = await writeQrCodes(outDir, {
      ...(pruned.length > 0 ? { addresses } : {}),
      ...(qrCodes.live ? { live: qrCodes.live } : {}),
      ...(qrCodes.recordTo ? { recordTo: qrCodes.recordTo } : {}),
      log,
    });
    log(`qr codes: ${codes.drawn} drawn, ${codes.linked} taken from the live deploy (${Date.now() - started} ms)`);
  } else if (qrCodes.recordTo) {
    // The partial build drew the QR codes of the pages it rendered (read by the CSS pass); the
    // kept pages' are the live files, as its record says. A page it does not know is left out:
    // the next full build draws it again.
    const codes = new Map(addresses);
    const pageFolders = new Set(files.map(pageFolderOf));
    for (const [folder, url] of Object.entries(qrCodes.live ? await liveQrCodes(qrCodes.live.record) : {}))
      if (!codes.has(folder) && pageFolders.has(folder)) codes.set(folder, url);
    await writeQrRecord(qrCodes.recordTo, codes);
  }
  started = Date.now();
  const index = await buildSearchIndex(outDir, { ...search, log, pagesRead, files });
  const reused = index.filter((language) => language.reused).map(({ language }) => language);
  log(
    `search index: ${index.map(({ language, pages }) => `${language} ${pages}`).join(', ')}; ` +
      `indexed ${
        index
          .filter((language) => !language.reused)
          .map(({ language }) => language)
          .join(' ') || 'none'
      }, ` +
      `taken from the live deploy ${reused.join(' ') || 'none'} (${Date.now() - started} ms)`,
  );
  if (full) {
    started = Date.now();
    const written = await writeWebApp(outDir);
    const withText = await writeSocialImages(outDir, fonts);
    const textFree = localeCodes.filter((locale) => !withText[locale]);
    log(
      `web app: ${written.length} files; social images: without text in ${textFree.join(', ') || 'none'} (${Date.now() - started} ms)`,
    );
  }
  started = Date.now();
  // The build's sw.js carries the worker's code as Vite compiled it (tsx would format it differently).
  const worker = await writeServiceWorker(outDir, workerMainOf(await readFile(path.join(outDir, 'sw.js'), 'utf8')));
  log(`sw.js: build ${worker.version}, ${worker.precache.length} files precached (${Date.now() - started} ms)`);
}

/**
 * The whole-site passes at the end of an Astro build. A build the publisher runs leaves them to
 * its finish step, which runs this file in a process of its own once Astro's has exited; there
 * they need the service worker's code as Vite compiled it, so every build writes `sw.js`, and a
 * partial build the QR codes of the pages it rendered.
 */
export function wholeSitePasses(): AstroIntegration {
  let fonts: ReadonlyMap<Locale, boolean> | undefined;
  return {
    name: 'passerelle-whole-site-passes',
    hooks: {
      // fontconfig is asked before the build, while Astro's process is small: each question is a
      // child process, forked from it, and at the end of a 1,000-fiche build it holds 1.5 GB or more.
      'astro:config:setup': ({ command }) => {
        if (command === 'build' && !passesLeftToPublisher())
          fonts = new Map(localeCodes.map((locale) => [locale, hasFontFor(locale)]));
      },
      'astro:build:done': async ({ dir, logger }) => {
        const outDir = fileURLToPath(dir);
        const worker = await writeServiceWorker(outDir);
        if (isPartialBuild()) {
          const { drawn } = await writeQrCodes(outDir);
          return logger.info(`partial build: ${drawn} QR codes; the other passes left to the publisher`);
        }
        if (passesLeftToPublisher()) return logger.info(`sw.js: build ${worker.version}; the passes left to the publisher`);
        const known = fonts;
        await runWholeSitePasses(
          outDir,
          [],
          (line) => logger.info(line),
          {},
          {
            full: true,
            ...(known ? { fonts: (locale) => known.get(locale) ?? false } : {}),
          },
        );
      },
    },
  };
}

/** The finish step's command line; undefined when it does not parse. */
export function finishArguments(
  args: string[],
): { outDir: string; former: string[]; search: SearchReuse; options: FinishOptions } | undefined {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        full: { type: 'boolean' },
        live: { type: 'string' },
        'live-search-record': { type: 'string' },
        'search-record': { type: 'string' },
        'live-qr-record': { type: 'string' },
        'qr-record': { type: 'string' },
        'inline-code': { type: 'string' },
      },
    });
  } catch {
    return undefined;
  }
  const { full = false, live, 'live-search-record': record, 'search-record': recordTo } = parsed.values;
  const { 'live-qr-record': liveQrRecord, 'qr-record': qrRecordTo, 'inline-code': inlineCodeTo } = parsed.values;
  const [outDir, ...former] = parsed.positionals;
  // A live deploy comes with a record to take from it: its search record (only an incremental
  // publication takes languages from it), its QR record, or both.
  if (!outDir || (live && !record && !liveQrRecord) || (!live && (record || liveQrRecord)) || (full && record)) return undefined;
  return {
    outDir,
    former,
    search: {
      ...(live && record ? { reuse: { deployDir: live, record } } : {}),
      ...(recordTo ? { recordTo } : {}),
    },
    options: {
      full,
      qrCodes: {
        ...(live && liveQrRecord ? { live: { deployDir: live, record: liveQrRecord } } : {}),
        ...(qrRecordTo ? { recordTo: qrRecordTo } : {}),
      },
      ...(inlineCodeTo ? { inlineCodeTo } : {}),
    },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const options = finishArguments(process.argv.slice(2));
  if (!options) {
    console.error(
      'usage: tsx src/integrations/wholeSitePasses.ts <deploy folder> [former stylesheet name…] [--full] [--live=<live deploy folder> --live-search-record=<file> --live-qr-record=<file>] [--search-record=<file>] [--qr-record=<file>] [--inline-code=<file>]',
    );
    process.exit(2);
  }
  const { outDir, former, search, options: finish } = options;
  runWholeSitePasses(outDir, former, console.log, search, finish).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(`finish failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exit(1);
    },
  );
}
