/** The eight languages of Passerelle. French is the source every translation is made from. */
export const locales = [
  { code: 'fr', label: 'Français', dir: 'ltr' },
  { code: 'en', label: 'English', dir: 'ltr' },
  { code: 'ar', label: 'العربية', dir: 'rtl' },
  { code: 'ps', label: 'پښتو', dir: 'rtl' },
  { code: 'fa', label: 'فارسی', dir: 'rtl' },
  { code: 'ti', label: 'ትግርኛ', dir: 'ltr' },
  { code: 'ru', label: 'Русский', dir: 'ltr' },
  { code: 'uk', label: 'Українська', dir: 'ltr' },
] as const satisfies readonly { code: string; label: string; dir: 'ltr' | 'rtl' }[];

export type Locale = (typeof locales)[number]['code'];
export type TextDirection = 'ltr' | 'rtl';

export const defaultLocale = 'fr' satisfies Locale;
export const localeCodes = locales.map((locale) => locale.code) as [Locale, ...Locale[]];

/** The languages translated from French, in the site's order. */
export type TranslationLocale = Exclude<Locale, 'fr'>;
export const translationLocales = localeCodes.filter((code): code is TranslationLocale => code !== defaultLocale);

/** The languages written right to left. */
export const rtlLocales: readonly Locale[] = locales.filter((locale) => locale.dir === 'rtl').map((locale) => locale.code);

/** A language's own name ("العربية"), as readers look for it in a list; an unknown code as it is. */
export function languageName(code: string): string {
  return locales.find((entry) => entry.code === code)?.label ?? code;
}

export function isLocale(value: string): value is Locale {
  return (localeCodes as readonly string[]).includes(value);
}

export function directionOf(locale: Locale): TextDirection {
  return locales.find((entry) => entry.code === locale)?.dir ?? 'ltr';
}
