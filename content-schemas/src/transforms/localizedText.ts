import { defaultLocale, type Locale } from '../locales';

/**
 * A localized text field as read from a document: any language may be absent, null or empty.
 * Wider than the schemas' `Localized` so values parsed by zod (`undefined` included) fit as is.
 */
export type LocalizedField = { readonly [L in Locale]?: string | null | undefined };

/** A localized value with the language it is actually written in (the requested one, or French). */
export type LocalizedText<T = string> = { value: T; locale: Locale };

/** True for a string with visible characters: the CMS stores untranslated fields as missing, null or "". */
export function isFilled(value: string | null | undefined): value is string {
  return typeof value === 'string' && value.trim().length > 0;
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
