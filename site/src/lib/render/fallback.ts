/**
 * Which language a reader gets each text of a page in: the page's language when the text exists
 * in it, else the French source, tagged so the page can mark it `lang="fr"`. Every fallback of the
 * site goes through here, and every "is there a text?" through the contract's `isFilled` (the CMS
 * stores untranslated fields as missing, null or "").
 */
import {
  defaultLocale,
  isFilled,
  type Fiche,
  type Locale,
  type SectionItem,
  type SectionKey,
  type TranslationStatus,
  type UnitKey,
  sectionUnitKey,
} from '@passerelle/content-schemas';

/**
 * A localized text field as read from a document: any language may be absent, null or empty.
 * Wider than the schemas' `Localized` so values parsed by zod (`undefined` included) fit as is.
 */
export type LocalizedField = { readonly [L in Locale]?: string | null | undefined };

/** A localized value with the language it is actually written in (the requested one, or French). */
export type LocalizedText<T = string> = { value: T; locale: Locale };

/** A value that is there: not missing, and not a blank string. */
function isPresent<T>(value: T | null | undefined): value is T {
  return value !== null && value !== undefined && (typeof value !== 'string' || isFilled(value));
}

/** The value in `locale` only, or undefined when that language has none. */
export function valueIn(field: LocalizedField | null | undefined, locale: Locale): string | undefined {
  const value = field?.[locale];
  return isFilled(value) ? value : undefined;
}

/**
 * The value in `locale`, else the French source, tagged with the language it is in so the
 * page can mark a French passage with `lang="fr"`. Undefined when even French is missing.
 */
export function textIn(field: LocalizedField | null | undefined, locale: Locale): LocalizedText | undefined {
  const translated = valueIn(field, locale);
  if (translated !== undefined) return { value: translated, locale };
  const source = valueIn(field, defaultLocale);
  return source === undefined ? undefined : { value: source, locale: defaultLocale };
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
