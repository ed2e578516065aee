import { defaultLocale, localeCodes, type Locale } from '../locales';
import type { Fiche } from '../schemas/FicheSchema';
import { isFilled } from './localizedText';

/**
 * A fiche counts as translated into `locale` when its title and its summary exist in that
 * language: its page is then indexed, listed in hreflang and sitemaps and searched in that
 * language. Each other unit (a section item, the brand name…) is shown in that language where
 * an expert validated it and in French, labelled, where not (see `unitIn`, `sectionItemsIn`).
 * Without a title or a summary the whole page is the French source under a notice.
 */
export function hasTranslation(fiche: Pick<Fiche, 'title' | 'summary'>, locale: Locale): boolean {
  if (locale === defaultLocale) return true;
  return isFilled(fiche.title[locale]) && isFilled(fiche.summary[locale]);
}

/** The languages a fiche can be read in without falling back to French, in the site's language order. */
export function translatedLocales(fiche: Parameters<typeof hasTranslation>[0]): Locale[] {
  return localeCodes.filter((locale) => hasTranslation(fiche, locale));
}

export type ContentLocaleChoice = {
  /** The language the page asked for: its URL, its interface, its `<html lang>`. */
  requested: Locale;
  /** The language the fiche's text is shown in. */
  content: Locale;
  /** True when the text is the French source standing in for a missing translation. */
  isFallback: boolean;
};

/** Which language to show a fiche's text in on the `{requested}` page. */
export function chooseContentLocale(available: readonly Locale[], requested: Locale): ContentLocaleChoice {
  if (available.includes(requested)) return { requested, content: requested, isFallback: false };
  return { requested, content: defaultLocale, isFallback: true };
}
