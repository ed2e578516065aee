import { describe, expect, it } from 'vitest';

import type { Locale, TranslationStatus } from '@passerelle/content-schemas';
import { chooseContentLocale, sectionItemsIn, textIn, unitIn } from '../../../src/lib/render/fallback';

const body = { root: { type: 'root' as const, children: [] } };
const status: TranslationStatus = {
  ar: {
    title: { state: 'validated', validatedAt: '2026-10-01T08:00:00.000Z' },
    'how.0': { state: 'outdated', validatedAt: '2026-10-01T08:00:00.000Z', frenchChangedAt: '2026-11-20T09:30:00.000Z' },
  },
};

describe('unitIn', () => {
  const title = { fr: 'Obtenir sa carte Vitale', ar: 'الحصول على بطاقة فيتال', ps: '' };

  it.each([
    ['fr', 'Obtenir sa carte Vitale', 'fr', false],
    ['ar', 'الحصول على بطاقة فيتال', 'ar', false],
    ['ps', 'Obtenir sa carte Vitale', 'fr', true],
    ['ti', 'Obtenir sa carte Vitale', 'fr', true],
  ] as const)('on a %s page shows %j in %s (fallback: %s)', (requested, value, locale, isFallback) => {
    expect(unitIn(title, 'title', requested, status)).toMatchObject({ value, locale, isFallback, outdatedSince: null });
  });

  it('says since when a shown translation is outdated', () => {
    const how = { fr: 'Nouveau texte', ar: 'نص قديم' };
    expect(unitIn(how, 'how.0', 'ar', status)).toMatchObject({ value: 'نص قديم', outdatedSince: '2026-11-20T09:30:00.000Z' });
  });

  it('returns nothing when even French is missing', () => {
    expect(unitIn({ ar: 'x' }, 'brandName', 'en', status)).toBeUndefined();
  });
});

describe('sectionItemsIn', () => {
  it('follows the French items and mixes languages item by item', () => {
    const fiche = {
      what: { fr: [{ title: 'Quoi', body }] },
      why: {},
      how: {
        fr: [
          { title: 'Étape 1', body },
          { title: 'Étape 2', body },
        ],
        ar: [{ title: 'الخطوة 1', body }],
      },
      next: null,
      translationStatus: status,
    };
    const items = sectionItemsIn(fiche, 'how', 'ar');
    expect(items.map((item) => [item.value.title, item.locale, item.isFallback, item.outdatedSince])).toEqual([
      ['الخطوة 1', 'ar', false, '2026-11-20T09:30:00.000Z'],
      ['Étape 2', 'fr', true, null],
    ]);
    expect(sectionItemsIn(fiche, 'why', 'ar')).toEqual([]);
  });
});

describe('chooseContentLocale', () => {
  it.each<[Locale[], Locale, { content: Locale; isFallback: boolean }]>([
    [['fr', 'en', 'ar'], 'ar', { content: 'ar', isFallback: false }],
    [['fr', 'en', 'ar'], 'fa', { content: 'fr', isFallback: true }],
    [['fr'], 'fr', { content: 'fr', isFallback: false }],
    [['fr', 'ti'], 'ti', { content: 'ti', isFallback: false }],
  ])('%j asked in %s', (available, requested, expected) => {
    expect(chooseContentLocale(available, requested)).toEqual({ requested, ...expected });
  });
});

describe('textIn', () => {
  it.each<[Record<string, string | null> | null, Locale, ReturnType<typeof textIn>]>([
    [{ fr: 'Bonjour', ar: 'مرحبا' }, 'ar', { value: 'مرحبا', locale: 'ar' }],
    [{ fr: 'Bonjour', ar: null }, 'ar', { value: 'Bonjour', locale: 'fr' }],
    [{ fr: 'Bonjour', ar: ' ' }, 'ar', { value: 'Bonjour', locale: 'fr' }],
    [{ en: 'Hello' }, 'ar', undefined],
    [null, 'fr', undefined],
  ])('%j in %s', (field, locale, expected) => {
    expect(textIn(field, locale)).toEqual(expected);
  });
});
