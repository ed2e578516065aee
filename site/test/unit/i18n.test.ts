import { describe, expect, it } from 'vitest';

import { localeCodes } from '@passerelle/content-schemas';

import { messages, translator } from '../../src/lib/i18n';

const placeholders = (message: string) => [...message.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
const referenceKeys = Object.keys(messages.fr).sort();

describe('interface messages', () => {
  it.each(localeCodes)('%s has exactly the French keys', (locale) => {
    expect(Object.keys(messages[locale]).sort()).toEqual(referenceKeys);
  });

  it.each(localeCodes)('%s has no empty message', (locale) => {
    const empty = Object.entries(messages[locale]).filter(([, message]) => message.trim() === '');
    expect(empty).toEqual([]);
  });

  it.each(localeCodes)('%s uses the same placeholders as French in every message', (locale) => {
    for (const key of referenceKeys) {
      const reference = messages.fr[key as keyof typeof messages.fr];
      expect([key, placeholders(messages[locale][key as keyof typeof messages.fr])]).toEqual([key, placeholders(reference)]);
    }
  });

  /** Words English borrows from French on purpose: administrative terms readers will meet as such. */
  const sameInEnglish = new Set([
    'nav.departements',
    'departements.title',
    'structure.contact',
    'structure.kind.association',
    'theme.fiches',
    'search.filter.departement',
  ]);

  it.each(localeCodes.filter((locale) => locale !== 'fr'))('%s is translated, not a copy of French', (locale) => {
    const copied = referenceKeys.filter((key) => {
      const message = messages[locale][key as keyof typeof messages.fr];
      const isWords = /\p{L}{4,}/u.test(message.replace(/\{\w+\}|Passerelle/g, ''));
      return isWords && message === messages.fr[key as keyof typeof messages.fr] && !(locale === 'en' && sameInEnglish.has(key));
    });
    expect(copied).toEqual([]);
  });

  it('fills placeholders and refuses a missing value', () => {
    const t = translator('ar');
    expect(t('fiche.updatedOn', { date: '١ يناير' })).toBe('تم التحديث في ١ يناير');
    expect(() => t('fiche.updatedOn')).toThrow(/needs a value for \{date\}/);
  });
});
