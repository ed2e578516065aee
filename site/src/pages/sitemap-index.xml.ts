import type { APIRoute } from 'astro';

import { absoluteUrl, localeCodes, sitePaths } from '@passerelle/content-schemas';

import { getCatalog } from '../lib/catalog';
import { siteUrl } from '../lib/site';
import { sitemapEntries, sitemapIndexXml } from '../lib/sitemap';

export const GET: APIRoute = async () => {
  const catalog = await getCatalog();
  const sitemaps = localeCodes.map((locale) => {
    const lastmods = sitemapEntries(catalog, siteUrl, locale).flatMap((page) => (page.lastmod ? [page.lastmod] : []));
    return { url: absoluteUrl(siteUrl, sitePaths.sitemap(locale)), lastmod: lastmods.sort().at(-1) };
  });
  return new Response(sitemapIndexXml(sitemaps), { headers: { 'content-type': 'application/xml; charset=utf-8' } });
};
