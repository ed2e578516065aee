import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { absoluteUrl, hasTranslation, sitePaths, translatedLocales, type Locale } from '../src';
import { TimestampSchema } from '../src/schemas/common';

const item = (title: string) => ({ title, body: { root: { type: 'root' as const, children: [] } } });

function fiche(
  overrides: Partial<Record<'title' | 'summary', Record<string, string | null>>> & { how?: Record<string, unknown[]> } = {},
) {
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
    [
      'a section with fewer items than French (shown in French, labelled)',
      fiche({ how: { fr: [item('1'), item('2')], en: [item('1')], ar: [item('1'), item('2')] } }),
      'en',
      true,
    ],
    [
      'a section with no item in that language',
      fiche({ how: { fr: [item('1'), item('2')], en: [item('1'), item('2')] } }),
      'ar',
      true,
    ],
    ['an empty section sent as {}', fiche(), 'ar', true],
  ])('%s', (_name, input, locale, expected) => {
    expect(hasTranslation(input, locale)).toBe(expected);
  });

  it('lists translated languages in the site order', () => {
    expect(translatedLocales(fiche())).toEqual(['fr', 'en', 'ar']);
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

describe('TimestampSchema', () => {
  it('takes what `z.string().datetime({ offset: true })` takes, and fails with the same issue', () => {
    const reference = z.string().datetime({ offset: true });
    for (const value of [
      '2026-12-03T10:00:00.000Z',
      '2026-12-03T10:00:00+01:00',
      '2026-12-03T10:00Z',
      '2026-12-03T10:00:00',
      '2026-02-30T10:00:00Z',
      'hier',
    ]) {
      const ours = TimestampSchema.safeParse(value);
      const theirs = reference.safeParse(value);
      expect(ours.success, value).toBe(theirs.success);
      if (!ours.success && !theirs.success)
        expect(ours.error.issues.map((issue) => ({ ...issue, path: [] }))).toEqual(
          theirs.error.issues.map((issue) => ({ ...issue, path: [] })),
        );
    }
  });
});
