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
  /** Fiches saved on this device (no account): listed from the browser's storage. */
  saved: (locale: Locale) => `/${locale}/mes-fiches/`,
  /** What the service worker serves when a page is neither online nor cached. */
  offline: (locale: Locale) => `/${locale}/hors-ligne/`,
  /** The accessibility statement (« déclaration d'accessibilité »), from the RGAA audit. */
  accessibility: (locale: Locale) => `/${locale}/accessibilite/`,
  /** docs/accessibility/audit-rgaa-4.1.md as the site serves it (plain text, in French). */
  accessibilityAudit: () => '/accessibilite/audit-rgaa-4.1.txt',
  /** Open data: every published fiche of a language, language-neutral fields and URLs. */
  openData: (locale: Locale) => `/${locale}/fiches.json`,
  /** Atom feed of fiches updated, per language and per theme. */
  feed: (locale: Locale) => `/${locale}/flux.xml`,
  themeFeed: (locale: Locale, themeSlug: string) => `/${locale}/themes/${themeSlug}/flux.xml`,
  /** Where a partner picks language, theme and département and copies an iframe snippet. */
  embedBuilder: () => '/embed/',
  /** The page shown inside a partner's iframe; the département is a query parameter. */
  embedList: (locale: Locale, themeSlug?: string) => `/embed/${locale}/${themeSlug ?? 'tous'}/`,
  /** docs/partners.md as the site serves it (plain text): embed, open data and feeds explained. */
  embedDocumentation: () => '/embed/partenaires.txt',
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
