import { defaultLocale, type Locale } from '../locales';
import type { Fiche, SectionItem } from '../schemas/FicheSchema';
import { sectionUnitKey, type TranslationStatus, type UnitKey } from '../translationUnits';
import type { SectionKey } from '../vocabulary';

/** One unit of a fiche as a page shows it: in the page's language when validated, else in French. */
export type UnitText<T> = {
  value: T;
  /** The language of `value`: the page's, or French standing in for a missing translation. */
  locale: Locale;
  isFallback: boolean;
  /** Set when the translation shown was validated against an older French text: since when. */
  outdatedSince: string | null;
};

type LocalizedValue<T> = Partial<Record<Locale, T | null | undefined>> | null | undefined;

/**
 * Picks the text of one unit for the `requested` page. The CMS only ever stores validated
 * translations in a fiche, so a value present in the requested language is a validated one.
 */
export function unitIn<T>(
  field: LocalizedValue<T>,
  key: UnitKey,
  requested: Locale,
  status: TranslationStatus | null | undefined,
): UnitText<T> | undefined {
  const translated = field?.[requested];
  if (requested !== defaultLocale && isPresent(translated)) {
    const unit = status?.[requested as Exclude<Locale, 'fr'>]?.[key];
    return {
      value: translated,
      locale: requested,
      isFallback: false,
      outdatedSince: unit?.state === 'outdated' ? (unit.frenchChangedAt ?? unit.validatedAt) : null,
    };
  }
  const french = field?.[defaultLocale];
  if (!isPresent(french)) return undefined;
  return { value: french, locale: defaultLocale, isFallback: requested !== defaultLocale, outdatedSince: null };
}

/** Every item of a section, each in the page's language or in French, following the French items. */
export function sectionItemsIn(
  fiche: Pick<Fiche, SectionKey | 'translationStatus'>,
  section: SectionKey,
  requested: Locale,
): UnitText<SectionItem>[] {
  const localized = fiche[section] as LocalizedValue<SectionItem[]>;
  const frenchItems = localized?.[defaultLocale] ?? [];
  return frenchItems.flatMap((_item, index) => {
    const byLocale = Object.fromEntries(
      Object.entries(localized ?? {}).map(([locale, items]) => [locale, (items as SectionItem[] | null | undefined)?.[index]]),
    ) as LocalizedValue<SectionItem>;
    const unit = unitIn(byLocale, sectionUnitKey(section, index), requested, fiche.translationStatus);
    return unit ? [unit] : [];
  });
}

function isPresent<T>(value: T | null | undefined): value is T {
  return value !== null && value !== undefined && !(typeof value === 'string' && value.trim() === '');
}
