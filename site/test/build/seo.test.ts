/**
 * Sitemaps, robots.txt, JSON-LD and social tags of the fixture build. (The browser tests also
 * check that the sitemaps are well-formed XML with Chromium's strict parser.)
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';

import { localeCodes, sitePaths, type Locale } from '@passerelle/content-schemas';

import { allPages, fixtureFiche, fixtureFiches, page, urlLocale } from '../helpers/dist';
import { testDistDir, testSiteUrl } from '../helpers/paths';

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name) => ['url', 'sitemap', 'xhtml:link'].includes(name),
});
const readDist = (file: string) => readFileSync(path.join(testDistDir, file), 'utf8');

type SitemapUrl = { loc: string; lastmod?: string; 'xhtml:link'?: { hreflang: string; href: string }[] };

function sitemap(locale: Locale): SitemapUrl[] {
  const text = readDist(`sitemap-${locale}.xml`);
  return xml.parse(text).urlset.url;
}

describe('the sitemaps', () => {
  it('are indexed, one per language, with lastmod', () => {
    const text = readDist('sitemap-index.xml');
    const entries: { loc: string; lastmod: string }[] = xml.parse(text).sitemapindex.sitemap;
    expect(entries.map((entry) => entry.loc)).toEqual(localeCodes.map((locale) => `${testSiteUrl}${sitePaths.sitemap(locale)}`));
    for (const entry of entries) expect(Date.parse(entry.lastmod)).not.toBeNaN();
  });

  it.each(localeCodes)('%s lists only pages of its language that exist and are indexable', (locale) => {
    for (const url of sitemap(locale)) {
      const urlPath = url.loc.replace(testSiteUrl, '');
      expect(urlPath.startsWith(`/${locale}/`), url.loc).toBe(true);
      const { document } = page(urlPath);
      expect(document.querySelector('meta[name=robots]'), url.loc).toBeNull();
      expect(document.querySelector('link[rel=canonical]')?.getAttribute('href')).toBe(url.loc);
    }
  });

  it.each(localeCodes)(
    '%s lists every indexable page of its language, and no département page without a local fiche',
    (locale) => {
      const listed = new Set(sitemap(locale).map((url) => url.loc.replace(testSiteUrl, '')));
      const indexable = allPages().filter(
        (built) =>
          urlLocale(built.urlPath) === locale &&
          !built.urlPath.endsWith('404.html') &&
          !built.document.querySelector('meta[name=robots]'),
      );
      expect(indexable.map((built) => built.urlPath).filter((urlPath) => !listed.has(urlPath))).toEqual([]);
      const departementPages = allPages().filter(
        (built) => built.urlPath.startsWith(`/${locale}/departements/`) && built.urlPath !== sitePaths.departements(locale),
      );
      const unlisted = departementPages.filter((built) => !listed.has(built.urlPath));
      expect(unlisted.length).toBeGreaterThan(0);
      for (const built of unlisted) {
        expect(built.document.querySelector('meta[name=robots]')?.getAttribute('content'), built.urlPath).toMatch(/noindex/);
        expect(built.document.querySelectorAll('main .fr-card').length, built.urlPath).toBeGreaterThan(0);
      }
    },
  );

  it.each(localeCodes)(
    '%s lists every fiche translated into it, with alternates matching the translations and the real updatedAt',
    (locale) => {
      const urls = sitemap(locale);
      for (const fiche of fixtureFiches()) {
        const loc = `${testSiteUrl}${sitePaths.fiche(locale, fiche)}`;
        const url = urls.find((candidate) => candidate.loc === loc);
        if (!fiche.translatedLocales.includes(locale)) {
          expect(url, `${loc} is a fallback`).toBeUndefined();
          continue;
        }
        expect(url?.lastmod).toBe(fiche.updatedAt);
        expect(url?.['xhtml:link']?.map((link) => [link.hreflang, link.href])).toEqual([
          ...fiche.translatedLocales.map((code) => [code, `${testSiteUrl}${sitePaths.fiche(code, fiche)}`]),
          ['x-default', `${testSiteUrl}${sitePaths.fiche('fr', fiche)}`],
        ]);
      }
    },
  );

  it('match the hreflang tags of the pages themselves', () => {
    for (const url of sitemap('ar')) {
      const fromPage = page(url.loc.replace(testSiteUrl, ''))
        .document.querySelectorAll('link[rel=alternate][hreflang]')
        .map((link) => [link.getAttribute('hreflang'), link.getAttribute('href')]);
      expect(url['xhtml:link']?.map((link) => [link.hreflang, link.href])).toEqual(fromPage);
    }
  });
});

describe('robots.txt', () => {
  it('allows crawling and points to the sitemap index', () => {
    expect(readDist('robots.txt')).toBe(`User-agent: *\nAllow: /\n\nSitemap: ${testSiteUrl}/sitemap-index.xml\n`);
  });
});

describe('JSON-LD', () => {
  const jsonLdOf = (urlPath: string) =>
    page(urlPath)
      .document.querySelectorAll('script[type="application/ld+json"]')
      .map((script) => JSON.parse(script.text));

  it('parses on every page that has some', () => {
    let count = 0;
    for (const built of allPages()) {
      for (const script of built.document.querySelectorAll('script[type="application/ld+json"]')) {
        expect(() => JSON.parse(script.text), built.urlPath).not.toThrow();
        count += 1;
      }
    }
    expect(count).toBeGreaterThan(0);
  });

  it.each([
    ['carte-vitale', 'GovernmentService', 'GovernmentOrganization'],
    ['permanence-sante-exil', 'Service', 'Organization'],
  ])('describes %s as a %s by a %s, with its breadcrumb', (slug, serviceType, providerType) => {
    const fiche = fixtureFiche(slug);
    const [data] = jsonLdOf(sitePaths.fiche('ar', fiche));
    const types = data['@graph'].map((node: { '@type': string }) => node['@type']);
    // A démarche's documents to provide are the supplies of a HowTo about the service.
    expect(types).toEqual(
      serviceType === 'GovernmentService'
        ? ['WebPage', serviceType, 'BreadcrumbList', 'HowTo']
        : ['WebPage', serviceType, 'BreadcrumbList'],
    );
    expect(data['@graph'][1].provider['@type']).toBe(providerType);
    expect(data['@graph'][0].inLanguage).toBe('ar');
    expect(data['@graph'][2].itemListElement.at(-1).item).toBe(`${testSiteUrl}${sitePaths.fiche('ar', fiche)}`);
  });

  it('lists a démarche’s documents as HowTo supplies in the page language, and its published steps as related services', () => {
    const fiche = fixtureFiche('carte-vitale');
    const [data] = jsonLdOf(sitePaths.fiche('uk', fiche));
    const howTo = data['@graph'].find((node: { '@type': string }) => node['@type'] === 'HowTo');
    expect(howTo.about['@id']).toBe(data['@graph'][1]['@id']);
    expect(howTo.supply.map((supply: { name: string }) => supply.name)).toEqual([
      'Паспорт або посвідчення особи',
      'Фотографія на документи',
    ]);
    expect(howTo.supply[0]).toMatchObject({ '@type': 'HowToSupply', description: 'оригінал і копія', requiredQuantity: 1 });
    // Before: PUMa; after: the CSS — the link to an unpublished fiche is left out.
    const related = data['@graph'][1].isRelatedTo.map((service: { url: string }) => service.url);
    expect(related).toEqual([
      `${testSiteUrl}${sitePaths.fiche('uk', fixtureFiche('protection-universelle-maladie'))}`,
      `${testSiteUrl}${sitePaths.fiche('uk', fixtureFiche('complementaire-sante-solidaire'))}`,
    ]);
  });

  it('says a fallback page is in French', () => {
    const fiche = fixtureFiche('protection-universelle-maladie');
    const [data] = jsonLdOf(sitePaths.fiche('fa', fiche));
    expect(data['@graph'][0].inLanguage).toBe('fr');
  });
});

describe('social tags', () => {
  it('give fiche pages Open Graph and Twitter tags in the page language', () => {
    const fiche = fixtureFiche('carte-vitale');
    const { document } = page(sitePaths.fiche('ar', fiche));
    const meta = (selector: string) => document.querySelector(selector)?.getAttribute('content');
    expect(meta('meta[property="og:title"]')).toBe(fiche.title.ar);
    expect(meta('meta[property="og:type"]')).toBe('article');
    expect(meta('meta[property="og:locale"]')).toBe('ar_AR');
    expect(meta('meta[property="og:url"]')).toBe(`${testSiteUrl}${sitePaths.fiche('ar', fiche)}`);
    expect(meta('meta[name="twitter:card"]')).toBe('summary_large_image');
    expect(meta('meta[property="og:image"]')).toBe(`${testSiteUrl}/og/ar/${fiche.type}.png`);
  });
});
