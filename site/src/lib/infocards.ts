import { departements, type Infocards, type Locale } from '@passerelle/content-schemas';

import type { MessageKey, Translate } from './i18n';

export type InfocardItem = { key: string; label: string; values: string[] };

/** Intl's locale for formatting: British English writes dates day first, like the rest of Europe. */
export function intlLocale(locale: Locale): string {
  return locale === 'en' ? 'en-GB' : locale;
}

const departementNames = new Map<string, string>(departements.map((entry) => [entry.code, entry.name]));

/** The official name of a département from its code (a fiche page names each of its départements, twice). */
export function departementName(code: string): string | undefined {
  return departementNames.get(code);
}

const durationUnits = { hours: 'hour', days: 'day', weeks: 'week', months: 'month', years: 'year' } as const;

/**
 * Intl formatters, made once per language and options: making one loads ICU data and costs far
 * more than formatting (8,000 fiche pages asked for about 40,000 of them).
 */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function numberFormat(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `number ${locale} ${JSON.stringify(options)}`;
  let format = formatters.get(key) as Intl.NumberFormat | undefined;
  if (!format) formatters.set(key, (format = new Intl.NumberFormat(intlLocale(locale), options)));
  return format;
}

function dateFormat(locale: Locale): Intl.DateTimeFormat {
  const key = `date ${locale}`;
  let format = formatters.get(key) as Intl.DateTimeFormat | undefined;
  if (!format) {
    format = new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'long', timeZone: 'UTC', calendar: 'gregory' });
    formatters.set(key, format);
  }
  return format;
}

function hours(locale: Locale, value: number): string {
  return numberFormat(locale, { style: 'unit', unit: 'hour', unitDisplay: 'long' }).format(value);
}

function euros(locale: Locale, amount: number): string {
  return numberFormat(locale, {
    style: 'currency',
    currency: 'EUR',
    maximumFractionDigits: Number.isInteger(amount) ? 0 : 2,
  }).format(amount);
}

/**
 * The practical information of a fiche, worded in the page's language. The values are
 * language-neutral in the CMS, so even a page showing French text gets them in the reader's
 * language. Empty groups are left out rather than shown as "—".
 */
export function infocardItems(infocards: Infocards, locale: Locale, t: Translate): InfocardItem[] {
  const items: InfocardItem[] = [];
  const add = (key: string, labelKey: MessageKey, values: (string | undefined)[]) => {
    const present = values.filter((value): value is string => Boolean(value));
    if (present.length > 0) items.push({ key, label: t(labelKey), values: present });
  };
  const { location } = infocards;
  add(
    'location',
    'infocard.location',
    location.scope === 'departements'
      ? (location.departements ?? []).map((code) => `${departementName(code) ?? code} (${code})`)
      : [t(location.scope === 'online' ? 'location.online' : 'location.france')],
  );
  add(
    'publicStatus',
    'infocard.publicStatus',
    (infocards.publicStatus ?? []).map((status) => t(`publicStatus.${status}`)),
  );
  add(
    'public',
    'infocard.public',
    (infocards.public ?? []).filter((audience) => audience !== 'all').map((audience) => t(`public.${audience}`)),
  );
  add('age', 'infocard.age', [ageRange(infocards.age, t)]);
  add('frenchLevel', 'infocard.frenchLevel', [
    infocards.frenchLevel
      ? infocards.frenchLevel === 'none'
        ? t('frenchLevel.none')
        : t('frenchLevel.level', { level: infocards.frenchLevel })
      : undefined,
  ]);
  add('price', 'infocard.price', [price(infocards.price, locale, t)]);
  const duration = infocards.duration;
  add('duration', 'infocard.duration', [
    duration?.value != null && duration.unit
      ? numberFormat(locale, { style: 'unit', unit: durationUnits[duration.unit], unitDisplay: 'long' }).format(duration.value)
      : undefined,
  ]);
  add(
    'conditions',
    'infocard.conditions',
    (infocards.conditions ?? []).map((condition) => t(`condition.${condition}`)),
  );
  const commitment = infocards.commitment;
  add('commitment', 'infocard.commitment', [
    commitment?.hours != null && commitment.per
      ? t(`commitment.${commitment.per}`, { hours: hours(locale, commitment.hours) })
      : undefined,
  ]);
  return items;
}

function ageRange(age: Infocards['age'], t: Translate): string | undefined {
  const min = age?.min ?? undefined;
  const max = age?.max ?? undefined;
  if (min !== undefined && max !== undefined) return t('age.between', { min, max });
  if (min !== undefined) return t('age.from', { min });
  if (max !== undefined) return t('age.upTo', { max });
  return undefined;
}

function price(value: Infocards['price'], locale: Locale, t: Translate): string | undefined {
  if (!value) return undefined;
  if (value.free !== false) return t('price.free');
  if (value.amount == null) return undefined;
  return t(`price.${value.period ?? 'once'}`, { amount: euros(locale, value.amount) });
}

/** A date as readers of `locale` write it, always in the Gregorian calendar French offices use. */
export function formatDate(locale: Locale, isoTimestamp: string): string {
  return dateFormat(locale).format(new Date(isoTimestamp));
}
