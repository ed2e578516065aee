/**
 * The order of filter-only search results: by title in the page's language. Pagefind sorts on a
 * value stored with each page at build time and compares strings byte by byte, which puts « Été »
 * after « Zone » and mixes scripts. So each fiche's rank among the titles of its language, sorted
 * with that language's collation, is what Pagefind gets, a number it sorts as numbers. A
 * French-only fiche is ranked by its French title with French collation, after the translated
 * fiches (the search lists it in a group of its own anyway).
 *
 * The rank depends on every other fiche, so it is not written in the pages: a page carries the
 * placeholder `title:collated`, and the search index pass (src/integrations/searchIndex.ts), which reads
 * every fiche page anyway, hands Pagefind the page with its rank. A fiche page thus depends on
 * its own fiche only, which is what lets a publication re-render only the fiches it changed
 * (docs/publishing.md).
 */
import type { Locale } from '@passerelle/content-schemas';

/** What a fiche page's `data-pagefind-sort` says; the search index pass puts the rank in its place. */
export const titleSortPlaceholder = 'title:collated';

export type RankedTitle = { url: string; title: string; translated: boolean };

/** Each page's rank (by URL): translated titles first in the language's collation, then French-only ones in French collation; ties by URL. */
export function rankTitles(locale: Locale, pages: readonly RankedTitle[]): Map<string, number> {
  const own = new Intl.Collator(locale).compare;
  const french = new Intl.Collator('fr').compare;
  const sorted = [...pages].sort(
    (a, b) =>
      Number(b.translated) - Number(a.translated) ||
      (a.translated ? own : french)(a.title, b.title) ||
      (a.url < b.url ? -1 : a.url > b.url ? 1 : 0),
  );
  return new Map(sorted.map((page, index) => [page.url, index]));
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** The text of a fiche page's title (`<h1 data-pagefind-meta="title">`), as the reader sees it. */
export function pageTitle(html: string): string | undefined {
  const inner = /<h1\b[^>]*\bdata-pagefind-meta="?title"?[^>]*>([\s\S]*?)<\/h1>/.exec(html)?.[1];
  if (inner === undefined) return undefined;
  return inner
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) =>
      name.startsWith('#x') || name.startsWith('#X')
        ? String.fromCodePoint(parseInt(name.slice(2), 16))
        : name.startsWith('#')
          ? String.fromCodePoint(Number(name.slice(1)))
          : (entities[name.toLowerCase()] ?? whole),
    )
    .trim();
}
