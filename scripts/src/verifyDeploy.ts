/**
 * The checks a build must pass before it goes live: every language is there, every published
 * fiche has its page in every language and its short link, and the site has not collapsed
 * compared with the live one. A build that fails them is never switched in.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { localeCodes, type Locale } from '@passerelle/content-schemas';

import {
  fichePagePattern,
  hasInlineCode,
  inlineCodeOf,
  type InlineCode,
  type InlineCodeCount,
  type InlineCodePage,
} from './cdnRules';
import type { DeployMeta, PageCounts } from './deploys';

export function countPages(files: readonly string[]): PageCounts {
  const html = files.filter((file) => file.endsWith('.html'));
  const fiches = Object.fromEntries(
    localeCodes.map((locale) => [locale, html.filter((file) => fichePagePattern(locale).test(file)).length]),
  ) as Record<Locale, number>;
  const shortLinks = html.filter((file) => /^f\/[^/]+\/index\.html$/.test(file)).length;
  return { total: html.length, fiches, shortLinks };
}

/**
 * The pages of a build that hold inline code (see `inlineCodeOf`), in file order. `counted`:
 * what the whole-site passes found on the pages they read, which are not read again.
 */
export async function collectInlineCode(
  root: string,
  files: readonly string[],
  counted?: InlineCodeCount,
): Promise<InlineCodePage[]> {
  const pages: InlineCodePage[] = [];
  const read = new Set(counted?.read);
  const counts = new Map(counted?.pages.map(({ file, ...count }) => [file, count]));
  for (const file of files.filter((name) => name.endsWith('.html'))) {
    if (read.has(file)) {
      const count = counts.get(file);
      if (count) pages.push({ file, ...count });
      continue;
    }
    const found = inlineCodeOf(await readFile(path.join(root, file), 'utf8'));
    if (hasInlineCode(found)) pages.push({ file, ...found });
  }
  return pages;
}

export type VerificationInput = {
  files: readonly string[];
  /** Published fiches in the exported content. */
  publishedFiches: number;
  /** The live deploy, to detect a collapse. */
  live?: Pick<DeployMeta, 'id' | 'pages' | 'publishedFiches'>;
  /** A new build is refused below this share of the live one's pages or fiches (0.5 = half). */
  minRatio: number;
  /** Lets an intended mass unpublication through. */
  allowShrink?: boolean;
  /** Pages with inline code: the build fails, whatever else it has. */
  inlineCode?: readonly InlineCodePage[];
};

export type VerificationProblem = { kind: 'failed' | 'refused'; message: string; reason: string };

/** Problems found, in order; empty when the build may go live. `reason` is the French text editors read. */
export function verifyBuild({ files, publishedFiches, live, minRatio, allowShrink, inlineCode = [] }: VerificationInput): {
  pages: PageCounts;
  problems: VerificationProblem[];
} {
  const pages = countPages(files);
  const problems: VerificationProblem[] = [];
  const missingLanguages = localeCodes.filter((locale) => !files.includes(`${locale}/index.html`));
  if (missingLanguages.length > 0) {
    problems.push({
      kind: 'failed',
      message: `languages missing from the build: ${missingLanguages.join(', ')}`,
      reason: `Langues absentes du site construit : ${missingLanguages.join(', ')}.`,
    });
  }
  if (!files.includes('index.html')) {
    problems.push({
      kind: 'failed',
      message: 'the build has no index.html',
      reason: 'Le site construit n’a pas de page d’accueil.',
    });
  }
  const wrongLanguages = localeCodes.filter((locale) => pages.fiches[locale] !== publishedFiches);
  if (wrongLanguages.length > 0) {
    const detail = wrongLanguages.map((locale) => `${locale}: ${pages.fiches[locale]}`).join(', ');
    problems.push({
      kind: 'failed',
      message: `expected ${publishedFiches} fiche pages per language (the published fiches), found ${detail}`,
      reason: `Le site construit n’a pas une page par fiche publiée (${publishedFiches} attendues ; ${detail}).`,
    });
  }
  if (pages.shortLinks !== publishedFiches) {
    problems.push({
      kind: 'failed',
      message: `expected ${publishedFiches} short-link pages, found ${pages.shortLinks}`,
      reason: `Liens courts /f/… : ${pages.shortLinks} pages pour ${publishedFiches} fiches publiées.`,
    });
  }
  if (inlineCode.length > 0) {
    // Allowing it by hash would also allow a script that reached the pages through the content.
    const sum = (key: keyof InlineCode) => inlineCode.reduce((total, page) => total + page[key], 0);
    const shown = inlineCode.slice(0, 5).map((page) => page.file);
    const more = inlineCode.length > shown.length ? ` (+${inlineCode.length - shown.length})` : '';
    const counts = `${sum('scripts')} script(s), ${sum('styles')} <style>, ${sum('styleAttributes')} style="…", ${sum('eventHandlers')} on…=/javascript:`;
    problems.push({
      kind: 'failed',
      message: `inline code the Content-Security-Policy would block (${counts}) in ${inlineCode.length} page(s): ${shown.join(', ')}${more}`,
      reason:
        `Le site construit contient du code en ligne que la politique de sécurité du site bloquerait (${counts}), ` +
        `dans ${inlineCode.length} page(s) : ${shown.join(', ')}${more}. Il faut corriger le composant ou le contenu qui l’écrit.`,
    });
  }
  if (live && !allowShrink) {
    const fichesRatio = live.publishedFiches > 0 ? publishedFiches / live.publishedFiches : 1;
    const pagesRatio = live.pages.total > 0 ? pages.total / live.pages.total : 1;
    if (fichesRatio < minRatio || pagesRatio < minRatio) {
      problems.push({
        kind: 'refused',
        message: `the site would shrink from ${live.publishedFiches} to ${publishedFiches} fiches and from ${live.pages.total} to ${pages.total} pages (below ${Math.round(minRatio * 100)} % of the live deploy ${live.id})`,
        reason:
          `Publication refusée par sécurité : le site passerait de ${live.publishedFiches} à ${publishedFiches} fiches ` +
          `(${live.pages.total} → ${pages.total} pages). Si c’est voulu, un administrateur relance la publication avec « npm run publish:site -- --allow-shrink ».`,
      });
    }
  }
  return { pages, problems };
}
