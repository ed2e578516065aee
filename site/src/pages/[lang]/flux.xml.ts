/** Atom feed of the fiches updated, in one language (see src/lib/feeds.ts). */
import type { APIRoute, GetStaticPaths } from 'astro';

import { isLocale } from '@passerelle/content-schemas';

import { getCatalog } from '../../lib/catalog';
import { languageFeed } from '../../lib/feeds';
import { languagePaths } from '../../lib/pageLanguages';
import { siteUrl } from '../../lib/site';

export const getStaticPaths = (() => languagePaths()) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => {
  const locale = params.lang;
  if (!locale || !isLocale(locale)) throw new Error(`No feed for language "${locale}"`);
  return new Response(languageFeed(await getCatalog(), locale, siteUrl), {
    headers: { 'content-type': 'application/atom+xml; charset=utf-8' },
  });
};
