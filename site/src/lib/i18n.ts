import { directionOf, type Locale, type TextDirection } from '@passerelle/content-schemas';

import ar from '../i18n/ar.json';
import en from '../i18n/en.json';
import fa from '../i18n/fa.json';
import fr from '../i18n/fr.json';
import ps from '../i18n/ps.json';
import ru from '../i18n/ru.json';
import ti from '../i18n/ti.json';
import uk from '../i18n/uk.json';

/** French is the reference: every other file must have exactly its keys (checked by a test). */
export type MessageKey = keyof typeof fr;
export type Messages = Record<MessageKey, string>;

export const messages: Record<Locale, Messages> = { fr, en, ar, ps, fa, ti, ru, uk };

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** `t('fiche.updatedOn', { date })`: the message in `locale` with `{name}` placeholders filled. */
export function translator(locale: Locale): Translate {
  const dictionary = messages[locale];
  return (key, params = {}) => {
    const message = dictionary[key];
    // Most messages have no placeholder: no regular expression run for them (tens of calls per page).
    if (!message.includes('{')) return message;
    return message.replace(/\{(\w+)\}/g, (_placeholder, name: string) => {
      const value = params[name];
      if (value === undefined) throw new Error(`Message "${key}" in ${locale} needs a value for {${name}}`);
      return String(value);
    });
  };
}

export { languageName } from '@passerelle/content-schemas';

export type PageLanguage = { locale: Locale; dir: TextDirection };

export function pageLanguage(locale: Locale): PageLanguage {
  return { locale, dir: directionOf(locale) };
}

/** Open Graph wants a territory; each language is given the one most of its readers share. */
export const openGraphLocales: Record<Locale, string> = {
  fr: 'fr_FR',
  en: 'en_GB',
  ar: 'ar_AR',
  ps: 'ps_AF',
  fa: 'fa_IR',
  ti: 'ti_ER',
  ru: 'ru_RU',
  uk: 'uk_UA',
};
