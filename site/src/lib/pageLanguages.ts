import { localeCodes, type Locale } from '@passerelle/content-schemas';

export type PageLanguageLink = { locale: Locale; path: string };

/** A page that exists in every language: interface pages, whose text is all in i18n files. */
export function everyLanguage(pathFor: (locale: Locale) => string): PageLanguageLink[] {
  return localeCodes.map((locale) => ({ locale, path: pathFor(locale) }));
}

/** A page that exists only in some languages (a fiche's real translations). */
export function someLanguages(available: readonly Locale[], pathFor: (locale: Locale) => string): PageLanguageLink[] {
  return localeCodes.filter((locale) => available.includes(locale)).map((locale) => ({ locale, path: pathFor(locale) }));
}

/** `getStaticPaths` for pages under `/{lang}/`. */
export function languagePaths() {
  return localeCodes.map((locale) => ({ params: { lang: locale }, props: { locale } }));
}
