import type { Locale } from '../locales';
import type { FicheType } from '../vocabulary';

/** The URL segment of each kind of fiche: `/fr/demarches/…` and `/fr/dispositifs/…`. */
export const ficheSegments = { demarche: 'demarches', dispositif: 'dispositifs' } as const satisfies Record<FicheType, string>;

/**
 * Every path of the site, in one place so pages, links, sitemaps and tests agree. Paths end
 * with a slash: each page is a directory with an `index.html`, which any static host serves.
 */
export const sitePaths = {
  languageChooser: () => '/',
  home: (locale: Locale) => `/${locale}/`,
  fiche: (locale: Locale, fiche: { type: FicheType; slug: string }) => `/${locale}/${ficheSegments[fiche.type]}/${fiche.slug}/`,
  theme: (locale: Locale, themeSlug: string) => `/${locale}/themes/${themeSlug}/`,
  departements: (locale: Locale) => `/${locale}/departements/`,
  departement: (locale: Locale, code: string) => `/${locale}/departements/${departementSegment(code)}/`,
  structure: (locale: Locale, structureSlug: string) => `/${locale}/structures/${structureSlug}/`,
  search: (locale: Locale) => `/${locale}/recherche/`,
  /** Where static hosts look for a language folder's "not found" page. */
  notFound: (locale: Locale) => `/${locale}/404.html`,
  shortLink: (shortId: string) => `/f/${shortId}/`,
  sitemapIndex: () => '/sitemap-index.xml',
  sitemap: (locale: Locale) => `/sitemap-${locale}.xml`,
};

/** Corsica's codes (2A, 2B) are lower-cased in URLs, which are case-sensitive on most hosts. */
export function departementSegment(code: string): string {
  return code.toLowerCase();
}

/** An absolute URL on the site: `siteUrl` may carry a base path (`https://example.org/passerelle/`). */
export function absoluteUrl(siteUrl: string, path: string): string {
  const base = siteUrl.endsWith('/') ? siteUrl : `${siteUrl}/`;
  return new URL(path.replace(/^\//, ''), base).href;
}
