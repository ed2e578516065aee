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

function entry(
  siteUrl: string,
  locale: Locale,
  available: readonly Locale[],
  pathFor: (locale: Locale) => string,
  lastmod: string | undefined,
): SitemapEntry {
  return { url: absoluteUrl(siteUrl, pathFor(locale)), lastmod, alternates: alternateLinks(siteUrl, available, pathFor) };
}

export function sitemapEntries(catalog: Catalog, siteUrl: string, locale: Locale): SitemapEntry[] {
  const everywhere = localeCodes;
  const contentUpdate = latestUpdate([...catalog.fiches, ...catalog.themes, ...catalog.needs]);
  const entries: SitemapEntry[] = [
    entry(siteUrl, locale, everywhere, sitePaths.home, contentUpdate),
    entry(siteUrl, locale, everywhere, sitePaths.search, latestUpdate(catalog.themes)),
    entry(siteUrl, locale, everywhere, sitePaths.departements, latestUpdate(catalog.fiches)),
    entry(siteUrl, locale, everywhere, sitePaths.accessibility, siteAudit.date),
  ];
  for (const theme of catalog.themes) {
    entries.push(
      entry(
        siteUrl,
        locale,
        everywhere,
        (code) => sitePaths.theme(code, theme.slug),
        latestUpdate([theme, ...fichesOfTheme(catalog, theme)]),
      ),
    );
  }
  for (const departement of departements) {
    const { local, national, online } = fichesForDepartement(catalog, departement.code);
    // Without a local fiche, a département page lists the national and online fiches every other
    // one lists: a near-duplicate, kept for readers browsing by place but not offered to search
    // engines (the page is noindex too), so they index the fiches themselves.
    if (local.length === 0) continue;
    const lastmod = latestUpdate([...local, ...national, ...online]);
    entries.push(entry(siteUrl, locale, everywhere, (code) => sitePaths.departement(code, departement.code), lastmod));
  }
  for (const structure of catalog.structures) {
    const lastmod = latestUpdate([structure, ...fichesOfStructure(catalog, structure)]);
    entries.push(entry(siteUrl, locale, everywhere, (code) => sitePaths.structure(code, structure.slug), lastmod));
  }
  for (const fiche of catalog.fiches) {
    if (!fiche.translatedLocales.includes(locale)) continue;
    entries.push(entry(siteUrl, locale, fiche.translatedLocales, (code) => sitePaths.fiche(code, fiche), fiche.updatedAt));
  }
  return entries;
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
