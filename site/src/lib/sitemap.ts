/**
 * Sitemaps: an index with one sitemap per language. Each lists the indexable pages of its
 * language (never French fallbacks, 404s, short links or départements without a local fiche),
 * with `xhtml:link` alternates for the translations that exist and `lastmod` from the content's
 * real `updatedAt`.
 */
import { absoluteUrl, departements, localeCodes, sitePaths, type Locale } from '@passerelle/content-schemas';
import { alternateLinks, type AlternateLink } from './render/hreflang';

import { fichesForDepartement, fichesOfStructure, fichesOfTheme, latestUpdate, type Catalog } from './catalog';
import { siteAudit } from './siteAudit';

export type SitemapEntry = { url: string; lastmod: string | undefined; alternates: AlternateLink[] };

/** A page of the sitemaps, whatever the language: where it is in each, where it exists, its `lastmod`. */
type SitemapPage = { pathFor: (locale: Locale) => string; available: readonly Locale[]; lastmod: string | undefined };

const pagesByCatalog = new WeakMap<Catalog, SitemapPage[]>();

/**
 * The indexable pages and their `lastmod`, worked out once per build: the nine sitemaps (eight
 * languages and the index) ask for the same dates of the same lists, 1,000 fiches long.
 */
function sitemapPages(catalog: Catalog): SitemapPage[] {
  const known = pagesByCatalog.get(catalog);
  if (known) return known;
  const everywhere = localeCodes;
  const pages: SitemapPage[] = [
    {
      pathFor: sitePaths.home,
      available: everywhere,
      lastmod: latestUpdate([...catalog.fiches, ...catalog.themes, ...catalog.needs]),
    },
    { pathFor: sitePaths.search, available: everywhere, lastmod: latestUpdate(catalog.themes) },
    { pathFor: sitePaths.departements, available: everywhere, lastmod: latestUpdate(catalog.fiches) },
    { pathFor: sitePaths.accessibility, available: everywhere, lastmod: siteAudit.date },
  ];
  for (const theme of catalog.themes) {
    pages.push({
      pathFor: (code) => sitePaths.theme(code, theme.slug),
      available: everywhere,
      lastmod: latestUpdate([theme, ...fichesOfTheme(catalog, theme)]),
    });
  }
  for (const departement of departements) {
    const { local, national, online } = fichesForDepartement(catalog, departement.code);
    // Without a local fiche, a département page lists the national and online fiches every other
    // one lists: a near-duplicate, kept for readers browsing by place but not offered to search
    // engines (the page is noindex too), so they index the fiches themselves.
    if (local.length === 0) continue;
    pages.push({
      pathFor: (code) => sitePaths.departement(code, departement.code),
      available: everywhere,
      lastmod: latestUpdate([...local, ...national, ...online]),
    });
  }
  for (const structure of catalog.structures) {
    pages.push({
      pathFor: (code) => sitePaths.structure(code, structure.slug),
      available: everywhere,
      lastmod: latestUpdate([structure, ...fichesOfStructure(catalog, structure)]),
    });
  }
  for (const fiche of catalog.fiches) {
    pages.push({ pathFor: (code) => sitePaths.fiche(code, fiche), available: fiche.translatedLocales, lastmod: fiche.updatedAt });
  }
  pagesByCatalog.set(catalog, pages);
  return pages;
}

export function sitemapEntries(catalog: Catalog, siteUrl: string, locale: Locale): SitemapEntry[] {
  return sitemapPages(catalog)
    .filter((page) => page.available.includes(locale))
    .map(({ pathFor, available, lastmod }) => ({
      url: absoluteUrl(siteUrl, pathFor(locale)),
      lastmod,
      alternates: alternateLinks(siteUrl, available, pathFor),
    }));
}

/** The latest `lastmod` of a language's sitemap, for the sitemap index. */
export function sitemapLastmod(catalog: Catalog, locale: Locale): string | undefined {
  return sitemapPages(catalog)
    .filter((page) => page.available.includes(locale) && page.lastmod)
    .map((page) => page.lastmod as string)
    .sort()
    .at(-1);
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function sitemapXml(entries: readonly SitemapEntry[]): string {
  const urls = entries.map((page) => {
    const lines = [`<url>`, `<loc>${escapeXml(page.url)}</loc>`];
    if (page.lastmod) lines.push(`<lastmod>${escapeXml(page.lastmod)}</lastmod>`);
    for (const link of page.alternates) {
      lines.push(`<xhtml:link rel="alternate" hreflang="${link.hreflang}" href="${escapeXml(link.href)}"/>`);
    }
    lines.push('</url>');
    return lines.join('');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ...urls,
    '</urlset>',
    '',
  ].join('\n');
}

export function sitemapIndexXml(sitemaps: readonly { url: string; lastmod: string | undefined }[]): string {
  const items = sitemaps.map(
    (sitemap) =>
      `<sitemap><loc>${escapeXml(sitemap.url)}</loc>${sitemap.lastmod ? `<lastmod>${escapeXml(sitemap.lastmod)}</lastmod>` : ''}</sitemap>`,
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...items,
    '</sitemapindex>',
    '',
  ].join('\n');
}
