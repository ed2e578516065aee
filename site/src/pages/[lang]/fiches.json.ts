/** Open data: every published fiche of a language (format: content-schemas OpenDataSchema, docs/partners.md). */
import type { APIRoute, GetStaticPaths } from 'astro';

import { isLocale } from '@passerelle/content-schemas';

import { getCatalog } from '../../lib/catalog';
import { openDataOf } from '../../lib/openData';
import { languagePaths } from '../../lib/pageLanguages';
import { siteUrl } from '../../lib/site';

export const getStaticPaths = (() => languagePaths()) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => {
  const locale = params.lang;
  if (!locale || !isLocale(locale)) throw new Error(`No open data for language "${locale}"`);
  const data = openDataOf(await getCatalog(), locale, siteUrl);
  return new Response(`${JSON.stringify(data, null, 1)}\n`, { headers: { 'content-type': 'application/json; charset=utf-8' } });
};
