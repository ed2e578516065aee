/**
 * An Astro integration that removes, after the build, every CSS rule, custom property and
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
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import type { AstroIntegration } from 'astro';
import postcss from 'postcss';
import { PurgeCSS } from 'purgecss';
import { isPartialBuild } from '../lib/renderOnly';

async function filesUnder(directory: string, extension: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(extension))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

const siteSourceDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The code that writes the pages' HTML, rich text included (src/lib/render/), and the contract's
 * list of the tags rich text is written with (`lexicalTextFormats`: `<sup>`, `<mark>`… appear in
 * no template). src/integrations/ is left out: it writes files, not markup (the 404 pages are
 * rendered from src/pages/), and its comments talk about CSS.
 */
export async function templateFiles(): Promise<string[]> {
  const site = await filesUnder(siteSourceDir, '');
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
  { formerNames = [] }: { formerNames?: readonly string[] } = {},
): Promise<{ file: string; before: number; after: number }[]> {
  const [htmlFiles, cssFiles] = await Promise.all([filesUnder(outDir, '.html'), filesUnder(outDir, '.css')]);
  if (cssFiles.length === 0) return [];
  const results = await pruneCss(cssFiles);
  const report = [];
  const renames = new Map<string, string>();
  for (const result of results) {
    if (!result.file) continue;
    const before = (await readFile(result.file)).byteLength;
    const hash = createHash('sha256').update(result.css).digest('base64url').slice(0, 10);
    const renamed = path.join(path.dirname(result.file), path.basename(result.file).replace(/\.[\w-]+\.css$/, `.${hash}.css`));
    // Never written in place: in an incremental deploy, files are hard links shared with the live one.
    await rm(renamed, { force: true });
    await writeFile(renamed, result.css);
    if (renamed !== result.file) {
      await rm(result.file, { force: true });
      renames.set(path.basename(result.file), path.basename(renamed));
    }
    report.push({ file: path.relative(outDir, renamed), before, after: Buffer.byteLength(result.css) });
  }
  const pruned = report.length === 1 && report[0] ? path.basename(report[0].file) : undefined;
  for (const former of formerNames) if (pruned && former !== pruned) renames.set(former, pruned);
  const kept = formerNames.every((former) => former === pruned);
  for (const file of htmlFiles) {
    // Kept from the live deploy, which points at this same stylesheet and was put in order then.
    if (kept && (await stat(file)).nlink > 1) continue;
    const html = await readFile(file, 'utf8');
    let updated = html;
    for (const [from, to] of renames) updated = updated.replaceAll(`/${from}`, `/${to}`);
    updated = stylesheetFirst(updated);
    if (updated === html) continue;
    // A page kept from the live deploy is a hard link to it: write a new file, never into the link.
    await rm(file);
    await writeFile(file, updated);
  }
  return report;
}

export function pruneUnusedCss(): AstroIntegration {
  return {
    name: 'passerelle-prune-unused-css',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        // A partial build (incremental publication): the publisher runs this pass on the merged deploy.
        if (isPartialBuild()) return logger.info('partial build: left to the publisher');
        for (const { file, before, after } of await pruneCssIn(fileURLToPath(dir))) {
          logger.info(`${file}: ${before} → ${after} bytes`);
        }
      },
    },
  };
}
