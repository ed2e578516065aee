import { describe, expect, it } from 'vitest';

import {
  absoluteUrl,
  alternateLinks,
  chooseContentLocale,
  excerpt,
  hasTranslation,
  sitePaths,
  textIn,
  translatedLocales,
  type Locale,
} from '../src';

const item = (title: string) => ({ title, body: { root: { type: 'root' as const, children: [] } } });

function fiche(overrides: Partial<Record<'title' | 'summary', Record<string, string | null>>> & { how?: Record<string, unknown[]> } = {}) {
  return {
    title: { fr: 'Titre', en: 'Title', ar: 'عنوان', ps: '', ...overrides.title },
    summary: { fr: 'Résumé', en: 'Summary', ar: 'ملخص', ps: 'لنډیز', ...overrides.summary },
    what: { fr: [item('a')], en: [item('a')], ar: [item('a')] },
    why: {},
    how: (overrides.how ?? { fr: [item('1'), item('2')], en: [item('1'), item('2')], ar: [item('1'), item('2')] }) as never,
    next: null,
  };
}

describe('hasTranslation', () => {
  it.each<[string, ReturnType<typeof fiche>, Locale, boolean]>([
    ['French always counts as translated', fiche({ title: { fr: 'Titre' } }), 'fr', true],
    ['a complete translation', fiche(), 'en', true],
    ['a missing title', fiche(), 'ru', false],
    ['an empty title (cleared by a translator)', fiche(), 'ps', false],
    ['a blank summary', fiche({ summary: { en: '   ' } }), 'en', false],
    ['a missing summary', fiche({ summary: { ar: null } }), 'ar', false],
    ['a section with fewer items than French (shown in French, labelled)', fiche({ how: { fr: [item('1'), item('2')], en: [item('1')], ar: [item('1'), item('2')] } }), 'en', true],
    ['a section with no item in that language', fiche({ how: { fr: [item('1'), item('2')], en: [item('1'), item('2')] } }), 'ar', true],
    ['an empty section sent as {}', fiche(), 'ar', true],
  ])('%s', (_name, input, locale, expected) => {
    expect(hasTranslation(input, locale)).toBe(expected);
  });

  it('lists translated languages in the site order', () => {
    expect(translatedLocales(fiche())).toEqual(['fr', 'en', 'ar']);
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

describe('sitePaths', () => {
  it.each([
    [sitePaths.languageChooser(), '/'],
    [sitePaths.home('ar'), '/ar/'],
    [sitePaths.fiche('fr', { type: 'demarche', slug: 'carte-vitale' }), '/fr/demarches/carte-vitale/'],
    [sitePaths.fiche('uk', { type: 'dispositif', slug: 'cafes-de-la-langue' }), '/uk/dispositifs/cafes-de-la-langue/'],
    [sitePaths.theme('ps', 'health'), '/ps/themes/health/'],
    [sitePaths.departements('fa'), '/fa/departements/'],
    [sitePaths.departement('fr', '2A'), '/fr/departements/2a/'],
    [sitePaths.departement('fr', '974'), '/fr/departements/974/'],
    [sitePaths.structure('ti', 'caf'), '/ti/structures/caf/'],
    [sitePaths.search('ru'), '/ru/recherche/'],
    [sitePaths.shortLink('k7m2qx'), '/f/k7m2qx/'],
    [sitePaths.notFound('ar'), '/ar/404.html'],
    [sitePaths.saved('fa'), '/fa/mes-fiches/'],
    [sitePaths.offline('ti'), '/ti/hors-ligne/'],
    [sitePaths.openData('uk'), '/uk/fiches.json'],
    [sitePaths.feed('ar'), '/ar/flux.xml'],
    [sitePaths.themeFeed('en', 'health'), '/en/themes/health/flux.xml'],
    [sitePaths.embedBuilder(), '/embed/'],
    [sitePaths.embedList('ps'), '/embed/ps/tous/'],
    [sitePaths.embedList('fr', 'housing'), '/embed/fr/housing/'],
    [sitePaths.embedDocumentation(), '/embed/partenaires.txt'],
    [sitePaths.sitemap('en'), '/sitemap-en.xml'],
  ])('%s is %s', (actual, expected) => {
    expect(actual).toBe(expected);
  });

  it.each([
    ['https://passerelle.example', '/fr/', 'https://passerelle.example/fr/'],
    ['https://passerelle.example/', '/fr/', 'https://passerelle.example/fr/'],
    ['https://example.org/passerelle', '/ar/demarches/x/', 'https://example.org/passerelle/ar/demarches/x/'],
    ['http://localhost:4321', '/', 'http://localhost:4321/'],
  ])('absoluteUrl(%s, %s) is %s', (site, path, expected) => {
    expect(absoluteUrl(site, path)).toBe(expected);
  });
});

describe('alternateLinks', () => {
  const pathFor = (locale: Locale) => `/${locale}/demarches/carte-vitale/`;

  it.each<[Locale[], string[]]>([
    [['fr'], ['fr', 'x-default']],
    [['ar', 'fr', 'en'], ['fr', 'en', 'ar', 'x-default']],
    [['fr', 'en', 'ar', 'ps', 'fa', 'ti', 'ru', 'uk'], ['fr', 'en', 'ar', 'ps', 'fa', 'ti', 'ru', 'uk', 'x-default']],
  ])('for %j lists %j', (available, expected) => {
    expect(alternateLinks('https://passerelle.example', available, pathFor).map((link) => link.hreflang)).toEqual(expected);
  });

  it('points x-default to the French page with absolute URLs', () => {
    const links = alternateLinks('https://passerelle.example', ['fr', 'ar'], pathFor);
    expect(links.at(-1)).toEqual({ hreflang: 'x-default', href: 'https://passerelle.example/fr/demarches/carte-vitale/' });
    expect(links[1]).toEqual({ hreflang: 'ar', href: 'https://passerelle.example/ar/demarches/carte-vitale/' });
  });

  it('refuses a set without French', () => {
    expect(() => alternateLinks('https://passerelle.example', ['en'], pathFor)).toThrow(/French/);
  });
});

describe('excerpt', () => {
  it.each([
    ['short text stays whole', 'La carte Vitale est gratuite.', 160, 'La carte Vitale est gratuite.'],
    ['whitespace is collapsed', '  La carte\n\nVitale  ', 160, 'La carte Vitale'],
    ['cut on a word boundary', 'La carte Vitale est la carte verte de l’Assurance Maladie', 30, 'La carte Vitale est la carte…'],
    ['trailing punctuation dropped before the ellipsis', 'Elle est gratuite, simple et rapide à obtenir', 20, 'Elle est gratuite…'],
    ['Arabic is cut on a word boundary too', 'بطاقة فيتال هي البطاقة الخضراء للتأمين الصحي', 25, 'بطاقة فيتال هي البطاقة…'],
    ['a single long word is cut hard', 'Anticonstitutionnellement', 10, 'Anticonst…'],
  ])('%s', (_name, text, max, expected) => {
    const result = excerpt(text, max);
    expect(result).toBe(expected);
    expect(result.length).toBeLessThanOrEqual(max);
  });
});
