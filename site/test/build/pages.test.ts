/** Every page of the fixture build: language and direction, canonical, hreflang, fallbacks. */
import { describe, expect, it } from 'vitest';

import { directionOf, localeCodes, sitePaths, type Locale } from '@passerelle/content-schemas';

import { translator } from '../../src/lib/i18n';
import { formatDate } from '../../src/lib/infocards';
import { searchFilterNames } from '../../src/lib/render/searchFilters';
import { allPages, fixtureFiche, fixtureFiches, page, urlLocale } from '../helpers/dist';
import { testSiteUrl } from '../helpers/paths';

const hreflangs = (urlPath: string) =>
  page(urlPath)
    .document.querySelectorAll('link[rel=alternate][hreflang]')
    .map((link) => [link.getAttribute('hreflang'), link.getAttribute('href')]);
const canonical = (urlPath: string) => page(urlPath).document.querySelector('link[rel=canonical]')?.getAttribute('href');
const robots = (urlPath: string) => page(urlPath).document.querySelector('meta[name=robots]')?.getAttribute('content');

describe('the fixture build', () => {
  it('builds every page of every language', () => {
    const paths = new Set(allPages().map((built) => built.urlPath));
    for (const locale of localeCodes) {
      expect(paths).toContain(sitePaths.home(locale));
      expect(paths).toContain(sitePaths.search(locale));
      expect(paths).toContain(sitePaths.departements(locale));
      expect(paths).toContain(sitePaths.departement(locale, '2A'));
      expect(paths).toContain(sitePaths.theme(locale, 'health'));
      expect(paths).toContain(sitePaths.structure(locale, 'caf'));
      expect(paths).toContain(sitePaths.notFound(locale));
      for (const fiche of fixtureFiches()) expect(paths).toContain(sitePaths.fiche(locale, fiche));
    }
    for (const fiche of fixtureFiches()) expect(paths).toContain(sitePaths.shortLink(fiche.shortId));
    expect(paths).toContain('/');
    expect(paths).toContain('/404.html');
  });

  it('sets lang and dir from the URL language on every page', () => {
    for (const built of allPages()) {
      const html = built.document.querySelector('html');
      const locale = urlLocale(built.urlPath) ?? 'fr';
      expect([built.urlPath, html?.getAttribute('lang'), html?.getAttribute('dir')]).toEqual([
        built.urlPath,
        locale,
        directionOf(locale),
      ]);
    }
  });

  it('gives every page an absolute canonical URL on SITE_URL, a title and a description', () => {
    for (const built of allPages()) {
      expect(canonical(built.urlPath), built.urlPath).toMatch(new RegExp(`^${testSiteUrl}/`));
      expect(built.document.querySelector('title')?.text.trim(), built.urlPath).toBeTruthy();
      expect(built.document.querySelector('meta[name=description]')?.getAttribute('content'), built.urlPath).toBeTruthy();
    }
  });

  it('gives every element marked with another language the direction of that language', () => {
    for (const built of allPages()) {
      for (const element of built.document.querySelectorAll('[lang][dir]')) {
        const lang = element.getAttribute('lang') as Locale;
        expect([built.urlPath, lang, element.getAttribute('dir')]).toEqual([built.urlPath, lang, directionOf(lang)]);
      }
    }
  });
});

describe('a translated fiche page', () => {
  const fiche = fixtureFiche('carte-vitale');

  it.each(['fr', 'ar'] as const)('in %s is indexable, canonical to itself', (locale) => {
    const urlPath = sitePaths.fiche(locale, fiche);
    expect(canonical(urlPath)).toBe(`${testSiteUrl}${urlPath}`);
    expect(robots(urlPath)).toBeUndefined();
    expect(page(urlPath).document.querySelector('.fallback-notice')).toBeNull();
  });

  it('lists hreflang alternates for its real translations and x-default → French', () => {
    const expected = [
      ...fiche.translatedLocales.map((locale) => [locale, `${testSiteUrl}${sitePaths.fiche(locale, fiche)}`]),
      ['x-default', `${testSiteUrl}${sitePaths.fiche('fr', fiche)}`],
    ];
    expect(hreflangs(sitePaths.fiche('ar', fiche))).toEqual(expected);
  });

  it('shows its Arabic text right to left, with the Arabic title', () => {
    const { document } = page(sitePaths.fiche('ar', fiche));
    expect(document.querySelector('h1')?.text).toBe(fiche.title.ar);
    expect(document.querySelector('.fiche-body')?.getAttribute('lang')).toBeUndefined();
  });

  it('opens only its first section', () => {
    const sections = page(sitePaths.fiche('fr', fiche)).document.querySelectorAll('details.fiche-section');
    expect(sections.map((details) => details.hasAttribute('open'))).toEqual([true, ...sections.slice(1).map(() => false)]);
  });
});

describe('a partially translated fiche page', () => {
  const fiche = fixtureFiche('complementaire-sante-solidaire');
  const urlPath = sitePaths.fiche('fa', fiche);
  const missingItem = fiche.how?.fr?.[2];

  it('is a real case in the fixtures: Persian title and summary, a French item without Persian', () => {
    expect(fiche.translatedLocales).toContain('fa');
    expect(fiche.how?.fa).toHaveLength(2);
    expect(missingItem).toBeDefined();
  });

  it('is indexable, canonical to itself, with no fallback notice, and listed in hreflang and the language switcher', () => {
    expect(robots(urlPath)).toBeUndefined();
    expect(canonical(urlPath)).toBe(`${testSiteUrl}${urlPath}`);
    expect(page(urlPath).document.querySelector('.fallback-notice')).toBeNull();
    expect(hreflangs(sitePaths.fiche('fr', fiche))).toContainEqual(['fa', `${testSiteUrl}${urlPath}`]);
    expect(
      page(sitePaths.fiche('en', fiche))
        .document.querySelectorAll('.language-switcher a')
        .map((link) => link.getAttribute('hreflang')),
    ).toContain('fa');
  });

  it('shows its Persian title and translated items in Persian', () => {
    const { document } = page(urlPath);
    expect(document.querySelector('h1')?.text).toBe(fiche.title.fa);
    expect(document.querySelector('.fiche-body')?.getAttribute('lang')).toBeUndefined();
    const headings = document.querySelectorAll('.fiche-body h3').map((heading) => heading.text);
    for (const item of fiche.how?.fa ?? []) expect(headings).toContain(item.title);
  });

  it('shows the missing item in French, in lang="fr" dir="ltr", under a label in Persian', () => {
    const { document } = page(urlPath);
    const fallbacks = document.querySelectorAll('.fiche-unit--fallback');
    expect(fallbacks).toHaveLength(1);
    const [fallback] = fallbacks;
    const french = fallback?.querySelector('[lang]');
    expect([french?.getAttribute('lang'), french?.getAttribute('dir')]).toEqual(['fr', 'ltr']);
    expect(french?.querySelector('h3')?.text).toBe(missingItem?.title);
    const label = fallback?.querySelector('.unit-note');
    expect(label?.text).toBe(translator('fa')('fiche.unitUntranslated'));
    expect(label?.closest('[lang]')?.getAttribute('lang')).toBe('fa');
    expect(fallback?.hasAttribute('data-pagefind-ignore')).toBe(true);
  });
});

describe('an outdated translation', () => {
  const fiche = fixtureFiche('carte-vitale');
  const frenchChangedAt = fiche.translationStatus?.ar?.['how.1']?.frenchChangedAt;

  it('is a real case in the fixtures', () => {
    expect(fiche.translationStatus?.ar?.['how.1']?.state).toBe('outdated');
    expect(frenchChangedAt).toBeTruthy();
  });

  it('shows the Arabic text with a notice giving the date the French changed, in Arabic', () => {
    const { document } = page(sitePaths.fiche('ar', fiche));
    const notes = document.querySelectorAll('.unit-note');
    expect(notes.map((note) => note.text)).toEqual([
      translator('ar')('fiche.unitOutdated', { date: formatDate('ar', frenchChangedAt ?? '') }),
    ]);
    const [note] = notes;
    expect(note?.previousElementSibling?.text).toBe(fiche.how?.ar?.[1]?.title);
    expect(note?.closest('[lang]')?.getAttribute('lang')).toBe('ar');
    expect(document.querySelectorAll('.fiche-unit--fallback')).toHaveLength(0);
  });

  it('concerns only the Arabic page', () => {
    for (const locale of ['fr', 'en'] as const)
      expect(page(sitePaths.fiche(locale, fiche)).document.querySelectorAll('.unit-note'), locale).toHaveLength(0);
  });
});

describe('a fiche page without a translation (fallback)', () => {
  const fiche = fixtureFiche('protection-universelle-maladie');
  const missing = localeCodes.filter((locale) => !fiche.translatedLocales.includes(locale));

  it('is a real fallback case in the fixtures, in an RTL language too', () => {
    expect(missing).toContain('fa');
  });

  it.each(missing)('in %s shows the French text in lang="fr" dir="ltr" under a translated notice', (locale) => {
    const { document } = page(sitePaths.fiche(locale, fiche));
    const notice = document.querySelector('.fallback-notice');
    expect(notice?.closest('[lang]')?.getAttribute('lang')).toBe(locale);
    expect(notice?.text).toContain(translator(locale)('fallback.title'));
    for (const selector of ['.fiche-intro', '.fiche-body']) {
      const block = document.querySelector(selector);
      expect([block?.getAttribute('lang'), block?.getAttribute('dir')]).toEqual(['fr', 'ltr']);
    }
    expect(document.querySelector('h1')?.text).toBe(fiche.title.fr);
  });

  it.each(missing)('in %s is noindex, canonical to the French page, alternates only real translations', (locale) => {
    const urlPath = sitePaths.fiche(locale, fiche);
    expect(robots(urlPath)).toBe('noindex');
    expect(canonical(urlPath)).toBe(`${testSiteUrl}${sitePaths.fiche('fr', fiche)}`);
    expect(hreflangs(urlPath).map(([hreflang]) => hreflang)).toEqual([...fiche.translatedLocales, 'x-default']);
  });

  it('offers in its language switcher only the real translations', () => {
    const { document } = page(sitePaths.fiche('fa', fiche));
    const offered = document.querySelectorAll('.language-switcher a').map((link) => link.getAttribute('hreflang'));
    expect(offered).toEqual(fiche.translatedLocales);
  });
});

describe('interface pages', () => {
  it.each(localeCodes)('the %s home links to every language home through hreflang', (locale) => {
    expect(hreflangs(sitePaths.home(locale)).map(([hreflang]) => hreflang)).toEqual([...localeCodes, 'x-default']);
  });

  it('the language chooser links to every home, each name in its own language and direction', () => {
    const { document } = page('/');
    const entries = document.querySelectorAll('.language-choices > li');
    expect(
      entries.map((entry) => [
        entry.getAttribute('lang'),
        entry.getAttribute('dir'),
        entry.querySelector('a')?.getAttribute('href'),
      ]),
    ).toEqual(localeCodes.map((locale) => [locale, directionOf(locale), sitePaths.home(locale)]));
    expect(hreflangs('/').map(([hreflang]) => hreflang)).toEqual([...localeCodes, 'x-default']);
  });

  it('a short link offers the fiche in each of its languages and is not indexed', () => {
    const fiche = fixtureFiche('halte-garderie-insertion');
    const { document } = page(sitePaths.shortLink(fiche.shortId));
    expect(document.querySelectorAll('.language-choices a').map((link) => link.getAttribute('href'))).toEqual(
      fiche.translatedLocales.map((locale) => sitePaths.fiche(locale, fiche)),
    );
    expect(robots(sitePaths.shortLink(fiche.shortId))).toBe('noindex');
  });

  it('404 pages are not indexed and are no one’s translation', () => {
    for (const urlPath of ['/404.html', ...localeCodes.map((locale) => sitePaths.notFound(locale))]) {
      expect(robots(urlPath), urlPath).toBe('noindex');
      expect(hreflangs(urlPath), urlPath).toEqual([]);
    }
  });

  it('a département page lists local, national and online fiches', () => {
    const { document } = page(sitePaths.departement('fr', '31'));
    const links = document.querySelectorAll('.fr-card__title a').map((link) => link.getAttribute('href'));
    expect(links).toContain(sitePaths.fiche('fr', fixtureFiche('permanence-sante-exil')));
    expect(links).toContain(sitePaths.fiche('fr', fixtureFiche('carte-vitale')));
    expect(links).toContain(sitePaths.fiche('fr', fixtureFiche('complementaire-sante-solidaire')));
    expect(links).not.toContain(sitePaths.fiche('fr', fixtureFiche('halte-garderie-insertion')));
  });

  it('the search page offers words and every filter, and browsing by theme and département without JavaScript', () => {
    const { document } = page(sitePaths.search('ar'));
    const form = document.querySelector('form[role=search]');
    expect(form?.getAttribute('action')).toBe(sitePaths.search('ar'));
    expect(form?.querySelectorAll('input, select').map((field) => field.getAttribute('name'))).toEqual([
      'q',
      ...searchFilterNames,
    ]);
    expect(document.querySelector('noscript')?.text).toContain(translator('ar')('search.noScript'));
    expect(document.querySelectorAll(`a[href^="/ar/themes/"]`).length).toBeGreaterThanOrEqual(10);
    expect(document.querySelectorAll(`a[href^="/ar/departements/"]`).length).toBeGreaterThanOrEqual(101);
  });
});
