import { defaultLocale, localeCodes, type Locale } from '../locales';
import type { Fiche } from '../schemas/FicheSchema';
import { sectionKeys } from '../vocabulary';
import { isFilled } from './localizedText';

/**
 * A fiche counts as translated into `locale` when its title, its summary and every section
 * item of the French source exist in that language. A half-translated fiche would show empty
 * sections, so it is treated as untranslated and served from French under a notice.
 */
export function hasTranslation(fiche: Pick<Fiche, 'title' | 'summary' | (typeof sectionKeys)[number]>, locale: Locale): boolean {
  if (locale === defaultLocale) return true;
  if (!isFilled(fiche.title[locale]) || !isFilled(fiche.summary[locale])) return false;
  return sectionKeys.every((key) => {
    const section = fiche[key];
    const sourceItems = section?.[defaultLocale] ?? [];
    const translatedItems = section?.[locale] ?? [];
    return translatedItems.length >= sourceItems.length;
  });
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
