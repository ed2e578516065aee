import type { APIRoute } from 'astro';

import { absoluteUrl, localeCodes, sitePaths } from '@passerelle/content-schemas';

import { getCatalog } from '../lib/catalog';
import { siteUrl } from '../lib/site';
import { sitemapIndexXml, sitemapLastmod } from '../lib/sitemap';

export const GET: APIRoute = async () => {
  const catalog = await getCatalog();
  const sitemaps = localeCodes.map((locale) => {
    return { url: absoluteUrl(siteUrl, sitePaths.sitemap(locale)), lastmod: sitemapLastmod(catalog, locale) };
  });
  return new Response(sitemapIndexXml(sitemaps), { headers: { 'content-type': 'application/xml; charset=utf-8' } });
};
