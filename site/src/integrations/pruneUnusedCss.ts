/**
 * The whole-site pass (src/integrations/wholeSitePasses.ts) that removes, after the build, every CSS rule, custom property and
 * keyframe the site's code can never put on a page. The design system ships far more than the
 * few components the pages use; what reaches readers is only what they need. The pruned file
 * gets a name hashed from its new content, so long-lived caches never keep a stylesheet missing
 * a new page's rules.
 *
 * The stylesheet is pruned against the templates — the components, layouts, pages, client
 * scripts and the contract's rich-text renderer, which write every class, id, tag and attribute
 * a page can carry — not against the rendered pages: so it depends on the code only, never on
 * the content, and an incremental publication (docs/publishing.md) makes the same stylesheet
 * under the same name as the live deploy's whatever it rendered, leaving every kept page as it
 * was. Reading a few hundred source files also costs the same at 10 or 10,000 fiches.
 * site/test/build/incremental.test.ts checks that it keeps every rule the fixture pages use.
 */
import { createHash } from 'node:crypto';
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import postcss from 'postcss';
import { PurgeCSS } from 'purgecss';

import { filesIn } from '@passerelle/content-schemas/fileListing';

import { keepNewest, lockfileBytes, writeWhole } from './keptFiles';

async function filesUnder(directory: string): Promise<string[]> {
  return (await filesIn(directory)).map((file) => path.join(directory, file));
}

const siteSourceDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The code that writes the pages' HTML, rich text included (src/lib/render/), and the contract's
 * list of the tags rich text is written with (`lexicalTextFormats`: `<sup>`, `<mark>`… appear in
 * no template). src/integrations/ is left out: it writes files, not markup (the 404 pages are
 * rendered from src/pages/), and its comments talk about CSS.
 */
export async function templateFiles(): Promise<string[]> {
  const site = await filesUnder(siteSourceDir);
  const integrationsDir = path.join(siteSourceDir, 'integrations') + path.sep;
  const isTemplate = (file: string) => /\.(astro|ts)$/.test(file) && !file.startsWith(integrationsDir) && !file.endsWith('.d.ts');
  const contractIndex = createRequire(import.meta.url).resolve('@passerelle/content-schemas');
  const richTextTags = path.join(path.dirname(contractIndex), 'schemas', 'RichTextSchema.ts');
  return [...site.filter(isTemplate), richTextTags].sort();
}

/**
 * Puts the page's stylesheet link first in its `<head>`, right after the charset and viewport:
 * Astro writes it at the end of the head, after the hreflang links, Open Graph tags and JSON-LD
 * (about 1.5 KB gzipped on a fiche). On a 2G link the browser asks for the stylesheet, which
 * the first paint waits for, as soon as it reads the link, so earlier means painted sooner
 * (`scripts/src/lighthouseSite.ts --2g`). The order of the head has no other effect.
 */
export function stylesheetFirst(html: string): string {
  const links = [...html.matchAll(/<link rel="stylesheet" href="[^"]+"\s*\/?>/g)];
  const anchor = /<meta name="viewport"[^>]*>/.exec(html);
  const head = html.indexOf('</head>');
  if (links.length !== 1 || !anchor || head === -1) return html;
  const link = links[0] as RegExpMatchArray;
  const linkAt = link.index ?? 0;
  // Only a link of the head moves; one already placed is left alone.
  if (linkAt > head || linkAt < anchor.index) return html;
  const insertAt = anchor.index + anchor[0].length;
  const without = html.slice(0, linkAt) + html.slice(linkAt + link[0].length);
  return without.slice(0, insertAt) + link[0] + without.slice(insertAt);
}

/**
 * What the code says without its comments, which are prose: a word there (« range », « h4 »…)
 * would keep rules no page can use. Only whole-line `//` comments go, so a `//` inside a string
 * or an address is never mistaken for one; a comment left in only keeps more CSS, never less.
 */
export function withoutComments(code: string): string {
  return code
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/^[ \t]*\/\/.*$/gm, '');
}

/** The templates as PurgeCSS content: every class, id, tag and attribute the site's code can write. */
export async function templateContent(): Promise<{ raw: string; extension: string }[]> {
  return Promise.all(
    (await templateFiles()).map(async (file) => ({
      raw: withoutComments(await readFile(file, 'utf8')),
      extension: path.extname(file).slice(1),
    })),
  );
}

/**
 * Selectors the templates seem to use but never write. src/lib/icons.ts takes DSFR icon names
 * (`fr-icon-translate-2`) and puts their SVG in the page, so no page carries an `fr-icon-` class;
 * and `date` is a common word in the code, though no page has a date field. PurgeCSS cannot tell
 * those words from markup: the icon masks and the date picker's rules (790 bytes gzipped, about
 * 0.1 s of a 2G first paint) went to every reader. site/test/build/incremental.test.ts checks,
 * against every built page, that none needs them.
 */
export const neverWrittenSelectors: readonly RegExp[] = [/\[class[\^*$|~]?=["']?\s?fr-icon-/, /\[type=["']?date["']?\]/];

/** The stylesheet without the selectors of `neverWrittenSelectors`, and without the rules and blocks left empty. */
export function withoutNeverWritten(css: string): string {
  const root = postcss.parse(css);
  root.walkRules((rule) => {
    // What a selector asks of the element itself: inside `:not()` it asks for the absence, which every page meets.
    const required = (selector: string) => selector.replace(/:not\((?:[^()]|\([^()]*\))*\)/g, '');
    const kept = rule.selectors.filter((selector) => !neverWrittenSelectors.some((pattern) => pattern.test(required(selector))));
    if (kept.length === 0) rule.remove();
    else if (kept.length !== rule.selectors.length) rule.selectors = kept;
  });
  // Innermost first: a block left empty empties the one around it.
  let emptied = true;
  while (emptied) {
    emptied = false;
    root.walkAtRules((atRule) => {
      if (atRule.nodes?.length !== 0) return;
      atRule.remove();
      emptied = true;
    });
  }
  return root.toString();
}

/**
 * The stylesheet(s) with only the rules the given content can use: by default the templates, less
 * `neverWrittenSelectors`; given the built pages, everything they use (what tests compare with).
 */
export async function pruneCss(css: { raw: string }[] | string[], content?: string[]) {
  if (content) return purge(css, content);
  const results = await purge(css, await templateContent());
  return results.map((result) => ({ ...result, css: withoutNeverWritten(result.css) }));
}

async function purge(css: { raw: string }[] | string[], content: string[] | { raw: string; extension: string }[]) {
  return new PurgeCSS().purge({
    content,
    css,
    variables: true,
    keyframes: true,
    fontFace: true,
    // Toggled by the browser or by the print script rather than present in the HTML; the
    // appointment sheet's table is made in the browser (src/client/appointmentSheet.ts).
    safelist: { standard: ['open'], greedy: [/^:root$/, /appointment-table/] },
  });
}

/** Bumped whenever what the cache key covers changes, so that an older entry is never taken. */
const pruneCacheFormat = 1;

/**
 * Where pruned stylesheets are kept between builds, under the hash of everything the pruning
 * depends on (`pruneCacheKey`): a publication made by the same code prunes the same stylesheet
 * against the same templates, so it takes the result instead of running PurgeCSS again.
 */
export const defaultPruneCacheDir = path.join(siteSourceDir, '..', 'node_modules', '.cache', 'passerelle-pruned-css');

/** Entries kept in the cache (one per code version, about 60 KB each): the most recently written. */
const pruneCacheEntries = 20;

function packageVersion(name: string): string {
  const require = createRequire(import.meta.url);
  return (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version?: string }).version ?? '?';
}

/**
 * The hash of everything the pruned stylesheets depend on: the stylesheets as Vite wrote them,
 * the templates as PurgeCSS reads them, this file (the options, the safelist,
 * `neverWrittenSelectors`), and the PurgeCSS and PostCSS that run (the lockfile for their own
 * dependencies). Any change to one is another
 * key: the cache can only give what pruning these inputs again would give.
 */
export function pruneCacheKey(stylesheets: readonly string[], templates: readonly { raw: string; extension: string }[]): string {
  const hash = createHash('sha256').update(`pruned css ${pruneCacheFormat}\n`);
  hash.update(`purgecss ${packageVersion('purgecss')} postcss ${packageVersion('postcss')}\n`);
  // Their own dependencies (selector parsers…) too: any change of the locked versions is another key.
  hash.update(lockfileBytes());
  hash.update(readFileSync(fileURLToPath(import.meta.url)));
  // Each part with its length first: no two different lists of parts hash the same.
  const part = (text: string) => hash.update(`\n${Buffer.byteLength(text)}\n`).update(text);
  part(`${stylesheets.length} stylesheets`);
  for (const css of stylesheets) part(css);
  part(`${templates.length} templates`);
  for (const { raw, extension } of templates) {
    part(extension);
    part(raw);
  }
  return hash.digest('hex');
}

type PruneCacheEntry = { key: string; stylesheets: { css: string; sha256: string }[] };

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The cached result for `key`, if there is one whole (each stylesheet's hash checked), else undefined. */
async function readPruneCache(cacheDir: string, key: string, count: number): Promise<string[] | undefined> {
  const entry = await readFile(path.join(cacheDir, `${key}.json`), 'utf8')
    .then((text) => JSON.parse(text) as PruneCacheEntry)
    .catch(() => undefined);
  if (entry?.key !== key || !Array.isArray(entry.stylesheets) || entry.stylesheets.length !== count) return undefined;
  const stylesheets = entry.stylesheets.map((stylesheet) =>
    typeof stylesheet?.css === 'string' && sha256(stylesheet.css) === stylesheet.sha256 ? stylesheet.css : undefined,
  );
  return stylesheets.every((css) => css !== undefined) ? (stylesheets as string[]) : undefined;
}

/** Keeps a result (written whole, then renamed: never half an entry), and only the latest entries. */
async function writePruneCache(cacheDir: string, key: string, stylesheets: readonly string[]): Promise<void> {
  const entry: PruneCacheEntry = { key, stylesheets: stylesheets.map((css) => ({ css, sha256: sha256(css) })) };
  await writeWhole(path.join(cacheDir, `${key}.json`), JSON.stringify(entry));
  await keepNewest(cacheDir, pruneCacheEntries, '.json');
}

/**
 * The stylesheets pruned against the templates (`pruneCss`), in order, taken from the cache when
 * the very same inputs were pruned before. `cacheDir: null` prunes without the cache.
 */
export async function prunedStylesheets(
  stylesheets: readonly string[],
  {
    cacheDir = defaultPruneCacheDir,
    templates,
  }: { cacheDir?: string | null; templates?: readonly { raw: string; extension: string }[] } = {},
): Promise<{ css: string[]; cached: boolean }> {
  const content = templates ?? (await templateContent());
  const key = cacheDir ? pruneCacheKey(stylesheets, content) : undefined;
  const cached = cacheDir && key ? await readPruneCache(cacheDir, key, stylesheets.length) : undefined;
  if (cached) return { css: cached, cached: true };
  // PurgeCSS gives one result per stylesheet, in the order given.
  const results = await purge(
    stylesheets.map((raw) => ({ raw })),
    [...content],
  );
  const css = results.map((result) => withoutNeverWritten(result.css));
  if (css.length !== stylesheets.length) throw new Error(`PurgeCSS returned ${css.length} stylesheets for ${stylesheets.length}`);
  if (cacheDir && key) await writePruneCache(cacheDir, key, css);
  return { css, cached: false };
}

/**
 * Prunes the stylesheets of a built site and points its pages at the pruned names.
 *
 * `formerNames`: stylesheet names that pages kept from a previous deploy may still point to (an
 * incremental publication); they are pointed at the new pruned stylesheet like the others.
 * Since the pruning depends on the code only, and an incremental publication is made by the
 * live deploy's code, that happens only if the live deploy was pruned another way (made before
 * this design); a page kept from the live deploy (a hard link: more than one name) is otherwise
 * left unread.
 */
export async function pruneCssIn(
  outDir: string,
  {
    formerNames = [],
    cacheDir = defaultPruneCacheDir,
    onPage,
    readAll = false,
    files: listed,
  }: {
    formerNames?: readonly string[];
    cacheDir?: string | null;
    /**
     * Given each page this pass reads, as it is left (relative path with `/` separators, text),
     * once written: the other passes that read pages (QR codes, the search index) take what they
     * need from it instead of reading every page again.
     */
    onPage?: (file: string, html: string) => void;
    /** Read every page, a hard link too (a full build, whose other passes need every page). */
    readAll?: boolean;
    /** The build's files (`filesIn`), when the caller has just listed them. */
    files?: readonly string[];
  } = {},
): Promise<{ file: string; before: number; after: number; cached: boolean }[]> {
  // One listing of the deploy (36,000 files at 1,000 fiches) for both kinds of file.
  const files = (listed ?? (await filesIn(outDir))).map((file) => path.join(outDir, file));
  const htmlFiles = files.filter((file) => file.endsWith('.html'));
  const cssFiles = files.filter((file) => file.endsWith('.css')).sort();
  if (cssFiles.length === 0) return [];
  const unpruned = await Promise.all(cssFiles.map((file) => readFile(file, 'utf8')));
  const pruned = await prunedStylesheets(unpruned, { cacheDir });
  const results = cssFiles.map((file, index) => ({ file, css: pruned.css[index] ?? '' }));
  const report = [];
  const renames = new Map<string, string>();
  for (const [index, result] of results.entries()) {
    const before = Buffer.byteLength(unpruned[index] ?? '');
    const hash = createHash('sha256').update(result.css).digest('base64url').slice(0, 10);
    const renamed = path.join(path.dirname(result.file), path.basename(result.file).replace(/\.[\w-]+\.css$/, `.${hash}.css`));
    // Never written in place: in an incremental deploy, files are hard links shared with the live one.
    await rm(renamed, { force: true });
    await writeFile(renamed, result.css);
    if (renamed !== result.file) {
      await rm(result.file, { force: true });
      renames.set(path.basename(result.file), path.basename(renamed));
    }
    report.push({ file: path.relative(outDir, renamed), before, after: Buffer.byteLength(result.css), cached: pruned.cached });
  }
  const prunedName = report.length === 1 && report[0] ? path.basename(report[0].file) : undefined;
  for (const former of formerNames) if (prunedName && former !== prunedName) renames.set(former, prunedName);
  const kept = formerNames.every((former) => former === prunedName);
  // 10,000 pages at 1,000 fiches, nearly all kept: a batch at a time, not one stat after the other.
  for (let start = 0; start < htmlFiles.length; start += 64)
    await Promise.all(
      htmlFiles.slice(start, start + 64).map(async (file) => {
        // Kept from the live deploy, which points at this same stylesheet and was put in order then.
        if (kept && !readAll && (await stat(file)).nlink > 1) return;
        const html = await readFile(file, 'utf8');
        let updated = html;
        for (const [from, to] of renames) updated = updated.replaceAll(`/${from}`, `/${to}`);
        updated = stylesheetFirst(updated);
        if (updated !== html) {
          // A page kept from the live deploy is a hard link to it: write a new file, never into the link.
          await rm(file);
          await writeFile(file, updated);
        }
        onPage?.(path.relative(outDir, file).split(path.sep).join('/'), updated);
      }),
    );
  return report;
}
