import type { APIRoute } from 'astro';

import { absoluteUrl, sitePaths } from '@passerelle/content-schemas';

import { siteUrl } from '../lib/site';

/** Everything may be crawled; pages that must stay out of results say `noindex` themselves. */
export const GET: APIRoute = () =>
  new Response(`User-agent: *\nAllow: /\n\nSitemap: ${absoluteUrl(siteUrl, sitePaths.sitemapIndex())}\n`, {
    headers: { 'content-type': 'text/plain; charset=utf-8' },
  });
