/**
 * The order of filter-only search results: by title in the page's language. Pagefind sorts on a
 * value stored with each page at build time and compares strings byte by byte, which puts « Été »
 * after « Zone » and mixes scripts. So the build sorts the titles itself with the language's
 * collation and stores each fiche's rank, a number, which Pagefind sorts as numbers. A French-only
 * fiche is ranked by its French title with French collation, after the translated fiches (the
 * search lists it in a group of its own anyway).
 */
import { valueIn, type Locale } from '@passerelle/content-schemas';

import type { Catalog } from './catalog';

const ranks = new WeakMap<Catalog, Map<Locale, Map<string, number>>>();

export function titleRank(catalog: Catalog, locale: Locale, ficheId: string): number {
  let perLocale = ranks.get(catalog);
  if (!perLocale) ranks.set(catalog, (perLocale = new Map()));
  let rank = perLocale.get(locale);
  if (!rank) {
    const own = new Intl.Collator(locale).compare;
    const french = new Intl.Collator('fr').compare;
    const entries = catalog.fiches.map((fiche) => {
      const translated = fiche.translations.includes(locale);
      return { id: fiche.id, translated, title: (translated ? valueIn(fiche.title, locale) : undefined) ?? valueIn(fiche.title, 'fr') ?? '' };
    });
    entries.sort((a, b) => Number(b.translated) - Number(a.translated) || (a.translated ? own : french)(a.title, b.title));
    rank = new Map(entries.map((entry, index) => [entry.id, index]));
    perLocale.set(locale, rank);
  }
  const found = rank.get(ficheId);
  if (found === undefined) throw new Error(`fiches ${ficheId} is not in the catalog`);
  return found;
}
