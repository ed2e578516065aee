import { defaultLocale, localeCodes, type Locale } from '../locales';

/** True for a string with visible characters: the CMS stores untranslated fields as missing, null or "". */
export function isFilled(value: string | null | undefined): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

/** What decides whether a fiche is translated (typed here, not from `Fiche`, which carries the result). */
type TitleAndSummary = { [K in 'title' | 'summary']: { readonly [L in Locale]?: string | null | undefined } };

/**
 * A fiche counts as translated into `locale` when its title and its summary exist in that
 * language: its page is then indexed, listed in hreflang and sitemaps and searched in that
 * language. Each other unit (a section item, the brand name…) is shown in that language where
 * an expert validated it and in French, labelled, where not (see the site's `render/fallback.ts`).
 * Without a title or a summary the whole page is the French source under a notice.
 */
export function hasTranslation(fiche: TitleAndSummary, locale: Locale): boolean {
  if (locale === defaultLocale) return true;
  return isFilled(fiche.title[locale]) && isFilled(fiche.summary[locale]);
}

/** The languages a fiche can be read in without falling back to French, in the site's language order. */
export function translatedLocales(fiche: TitleAndSummary): Locale[] {
  return localeCodes.filter((locale) => hasTranslation(fiche, locale));
}
