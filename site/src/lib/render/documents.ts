import {
  defaultLocale,
  isFilled,
  type DocumentNeed,
  type Fiche,
  type FicheDocument,
  type Locale,
  type SharedDocument,
} from '@passerelle/content-schemas';

import type { LocalizedText } from './fallback';

/** A text with the language it is really in: the one asked for, or French standing in. */
export type TextIn = LocalizedText;

/** One document a démarche asks for, ready to show to a reader and to a French-speaking clerk. */
export type DocumentLine = {
  /**
   * Stable across languages and fiches: `d:<slug>` for a document of the shared list (the same
   * RIB on two fiches is one line of an appointment sheet), `f:<shortId>:<n>` for a fiche's own.
   */
  key: string;
  name: TextIn;
  /** The French name, always: what the clerk reads. */
  french: string;
  note: TextIn | undefined;
  frenchNote: string | undefined;
  need: DocumentNeed;
};

/**
 * The documents of a fiche in `locale`, in the French order. A shared document is named from the
 * shared list (translated once); a fiche's own name and every note come from the fiche's row in
 * that language, matched by position like section items, else French. Rows whose shared document
 * is not published are dropped rather than shown nameless.
 */
export function documentLinesIn(
  fiche: Pick<Fiche, 'documents' | 'shortId'>,
  sharedById: ReadonlyMap<string, Pick<SharedDocument, 'slug' | 'name'>>,
  locale: Locale,
): DocumentLine[] {
  const french: FicheDocument[] = fiche.documents?.[defaultLocale] ?? [];
  const translated: FicheDocument[] = (locale === defaultLocale ? undefined : fiche.documents?.[locale]) ?? [];
  return french.flatMap((row, index): DocumentLine[] => {
    const own = translated[index];
    const shared = row.document ? sharedById.get(row.document) : undefined;
    if (row.document && !shared) return [];
    const frenchName = shared ? shared.name.fr : row.name;
    if (!isFilled(frenchName)) return [];
    const sharedName = shared?.name[locale];
    const name: TextIn = shared
      ? isFilled(sharedName)
        ? { value: sharedName, locale }
        : { value: frenchName, locale: defaultLocale }
      : isFilled(own?.name)
        ? { value: own.name, locale }
        : { value: frenchName, locale: defaultLocale };
    const note: TextIn | undefined = isFilled(row.note)
      ? isFilled(own?.note)
        ? { value: own.note, locale }
        : { value: row.note, locale: defaultLocale }
      : undefined;
    return [
      {
        key: shared ? `d:${shared.slug}` : `f:${fiche.shortId}:${index}`,
        name,
        french: frenchName,
        note,
        frenchNote: isFilled(row.note) ? row.note : undefined,
        need: row.need ?? 'required',
      },
    ];
  });
}
