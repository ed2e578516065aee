/**
 * `_headers` and `_redirects`, in the plain-text format Netlify and Cloudflare Pages read from
 * the root of a deploy, and the same rules applied by our local static server — so what the
 * tests see is what a CDN serves.
 *
 * Portability choices (the two hosts differ):
 * - every redirect states its status code (Netlify defaults to 301, Cloudflare to 302);
 * - a header is set by one rule only for a given path: both hosts join the values of a header
 *   set by several matching rules, which would turn two Cache-Control values into nonsense —
 *   and two Content-Security-Policy values into two policies that both apply. That is why the
 *   framing headers (CSP with `frame-ancestors`, X-Frame-Options) are not on `/*`: the embed
 *   lists (`/embed/{lang}/…`) must be framable by any site while everything else refuses to be
 *   framed, and neither host can exclude a path from `/*`. Each top-level folder and file of the
 *   deploy gets them from a rule of its own instead (see `framingRules`);
 * - rules that only Netlify understands (`Language=` conditions, forced `302!`) carry extra
 *   fields, which Cloudflare ignores line by line: there `/` and `/f/{shortId}/` stay the
 *   static language-chooser pages, which is the fallback anyway.
 *
 * Split by concern: cdn/headers.ts, cdn/redirects.ts, cdn/languageNegotiation.ts (and the
 * checks of inline code, cdn/inlineCode.ts); this module gathers them under their former name.
 */
export * from './cdn/headers';
export * from './cdn/inlineCode';
export * from './cdn/languageNegotiation';
export * from './cdn/patterns';
export * from './cdn/redirects';
