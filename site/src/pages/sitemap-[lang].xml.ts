import type { APIRoute, GetStaticPaths } from 'astro';

import { isLocale } from '@passerelle/content-schemas';

import { getCatalog } from '../lib/catalog';
import { languagePaths } from '../lib/pageLanguages';
import { siteUrl } from '../lib/site';
import { sitemapEntries, sitemapXml } from '../lib/sitemap';

export const getStaticPaths = (() => languagePaths()) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => {
  const locale = params.lang;
  if (!locale || !isLocale(locale)) throw new Error(`No sitemap for language "${locale}"`);
  const catalog = await getCatalog();
  return new Response(sitemapXml(sitemapEntries(catalog, siteUrl, locale)), {
    headers: { 'content-type': 'application/xml; charset=utf-8' },
  });
};
