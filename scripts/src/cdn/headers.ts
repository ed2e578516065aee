/**
 * `_headers` (docs in ../cdnRules.ts): cache lifetimes, the Content-Security-Policy and the
 * framing rules, one rule per path so that no header is ever set twice.
 */
import { localeCodes, sitePaths, type Locale } from '@passerelle/content-schemas';

import { patternToRegExp } from './patterns';

/** HTML changes with every publication: browsers and CDNs may keep it a minute, then must ask again. */
export const htmlCacheControl = 'public, max-age=60, must-revalidate';
/** Content-hashed file names never change content: cached for a year, never revalidated. */
export const immutableCacheControl = 'public, max-age=31536000, immutable';

/**
 * No inline script or style, no third party. Pagefind needs WebAssembly (`wasm-unsafe-eval`)
 * and a worker; JSON-LD blocks are data, which CSP does not block. There is no way to let inline
 * code in: a build that has some fails its checks (verifyDeploy.ts), since a hash added for
 * whatever the build contains would also let in a script injected through the content.
 */
export function contentSecurityPolicy(): string {
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "worker-src 'self' blob:",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    // Nobody has a reason to frame an information site for vulnerable readers (clickjacking).
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The headers every path gets from `/*`: none of them depends on whether the page may be framed. */
export const sharedSecurityHeaders: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Strict-Transport-Security': 'max-age=31536000',
};

/** What a page that must not be framed gets: the site's policy and the older header for old browsers. */
export const unframableHeaders = (csp: string): Record<string, string> => ({
  'Content-Security-Policy': csp,
  'X-Frame-Options': 'DENY',
});

/**
 * The same policy for the embed lists, which partners frame on their own sites: any ancestor is
 * allowed, everything else stays as strict. No X-Frame-Options, which has no "allow all" value.
 */
export function framablePolicy(csp: string): string {
  const denied = "frame-ancestors 'none'";
  if (!csp.includes(denied))
    throw new Error(`The Content-Security-Policy has no "${denied}" to open for the embed pages: ${csp}`);
  return csp.replace(denied, 'frame-ancestors *');
}

/** The folder of the embed lists of a language, `/embed/ar/`, from the path of its "all themes" list. */
export function embedListFolder(locale: Locale): string {
  return sitePaths.embedList(locale).split('/').slice(0, 3).join('/') + '/';
}

export type HeaderRule = { pattern: string; headers: Record<string, string> };

/** Pagefind names its index chunks, fragments and metadata after their content hash. */
function isHashedPagefindFile(name: string): boolean {
  return /\.pf_(meta|index|fragment)$/.test(name) || /_[0-9a-f]{7,}\./.test(name);
}

/**
 * The header rules of a deploy, from the list of its files (paths relative to its root, with
 * `/` separators). Cloudflare Pages reads at most 100 rules: exact paths are used only for the
 * handful of top-level files; folders get one rule each.
 */
export function headerRules(files: readonly string[], csp: string): HeaderRule[] {
  const rules: HeaderRule[] = [{ pattern: '/*', headers: sharedSecurityHeaders }];
  const html = { 'Cache-Control': htmlCacheControl };
  rules.push({ pattern: '/', headers: html }, { pattern: '/index.html', headers: html }, { pattern: '/404.html', headers: html });
  for (const locale of localeCodes) rules.push({ pattern: `/${locale}/*`, headers: html });
  rules.push({ pattern: '/f/*', headers: html });
  rules.push({ pattern: `${sitePaths.embedBuilder()}*`, headers: html });
  rules.push({ pattern: '/_astro/*', headers: { 'Cache-Control': immutableCacheControl } });

  const topLevel = files.filter((file) => !file.includes('/'));
  for (const file of topLevel.filter((name) => /^(sitemap-.*\.xml|robots\.txt|deploy\.json)$/.test(name)).sort())
    rules.push({ pattern: `/${file}`, headers: html });
  for (const file of topLevel.filter((name) => /^favicon\./.test(name)).sort()) {
    rules.push({ pattern: `/${file}`, headers: { 'Cache-Control': 'public, max-age=86400' } });
  }
  // The service worker (site/src/integrations/serviceWorker.ts) is checked on every visit, so a new build reaches readers at once.
  if (topLevel.includes('sw.js')) rules.push({ pattern: '/sw.js', headers: { 'Cache-Control': 'no-cache' } });

  const pagefind = files.filter((file) => file.startsWith('pagefind/'));
  if (pagefind.length > 0) {
    const folders = new Set(
      pagefind
        .map((file) => file.split('/'))
        .filter((parts) => parts.length > 2)
        .map((parts) => parts[1] as string),
    );
    for (const folder of [...folders].sort())
      rules.push({ pattern: `/pagefind/${folder}/*`, headers: { 'Cache-Control': immutableCacheControl } });
    for (const file of pagefind.filter((name) => name.split('/').length === 2).sort()) {
      const name = file.slice('pagefind/'.length);
      rules.push({
        pattern: `/${file}`,
        headers: { 'Cache-Control': isHashedPagefindFile(name) ? immutableCacheControl : htmlCacheControl },
      });
    }
  }
  return mergeSamePatterns([...rules, ...framingRules(files, csp)]);
}

/**
 * Content-Security-Policy and X-Frame-Options, set once for every path: `/` and each top-level
 * file and folder of the deploy refuse to be framed, except the embed lists' language folders.
 * The language and short-link folders are listed even when empty (their 404s). A 404 at a path
 * under no top-level entry of the deploy, or under `/embed/` outside a language folder, gets
 * only the shared headers: neither host can say "everything under /embed/ but these folders".
 */
export function framingRules(files: readonly string[], csp: string): HeaderRule[] {
  const deny = unframableHeaders(csp);
  const embedRoot = sitePaths.embedBuilder().slice(1, -1);
  const shortLinkRoot = sitePaths.shortLink('x').split('/')[1] ?? 'f';
  const folders = new Set<string>([...localeCodes, shortLinkRoot]);
  const topFiles: string[] = [];
  for (const file of files) {
    const [first = '', ...rest] = file.split('/');
    if (rest.length === 0) topFiles.push(file);
    else folders.add(first);
  }
  const rules: HeaderRule[] = [{ pattern: '/', headers: deny }];
  for (const folder of [...folders].sort()) {
    if (folder !== embedRoot) rules.push({ pattern: `/${folder}/*`, headers: deny });
  }
  for (const file of topFiles.sort()) rules.push({ pattern: `/${file}`, headers: deny });

  // The builder page and anything else in the embed folder but the lists refuse to be framed.
  const embedFiles = files.filter((file) => file.startsWith(`${embedRoot}/`));
  const listFolders = new Set(localeCodes.map((locale) => embedListFolder(locale)));
  rules.push({ pattern: `/${embedRoot}`, headers: deny }, { pattern: sitePaths.embedBuilder(), headers: deny });
  const embedSubfolders = new Set<string>();
  for (const file of embedFiles) {
    const parts = file.split('/');
    if (parts.length === 2) rules.push({ pattern: `/${file}`, headers: deny });
    else embedSubfolders.add(`/${embedRoot}/${parts[1]}/`);
  }
  for (const folder of [...embedSubfolders].sort()) {
    rules.push({
      pattern: `${folder}*`,
      headers: listFolders.has(folder) ? { 'Content-Security-Policy': framablePolicy(csp) } : deny,
    });
  }
  return rules;
}

/** One rule per pattern: the cache and framing headers of `/fr/*` go in one block. */
function mergeSamePatterns(rules: readonly HeaderRule[]): HeaderRule[] {
  const merged = new Map<string, HeaderRule>();
  for (const rule of rules) {
    const existing = merged.get(rule.pattern);
    if (!existing) {
      merged.set(rule.pattern, { pattern: rule.pattern, headers: { ...rule.headers } });
      continue;
    }
    for (const [name, value] of Object.entries(rule.headers)) {
      if (existing.headers[name] !== undefined && existing.headers[name] !== value) {
        throw new Error(`Two values of ${name} for ${rule.pattern}: "${existing.headers[name]}" and "${value}"`);
      }
      existing.headers[name] = value;
    }
  }
  return [...merged.values()];
}

export function formatHeaders(rules: readonly HeaderRule[]): string {
  const blocks = rules.map((rule) =>
    [rule.pattern, ...Object.entries(rule.headers).map(([name, value]) => `  ${name}: ${value}`)].join('\n'),
  );
  return `# Generated by the publish pipeline (scripts/src/cdnRules.ts): Netlify / Cloudflare Pages format.\n${blocks.join('\n')}\n`;
}

export function parseHeaders(text: string): HeaderRule[] {
  const rules: HeaderRule[] = [];
  for (const raw of text.split('\n')) {
    if (!raw.trim() || raw.trim().startsWith('#')) continue;
    if (!/^\s/.test(raw)) {
      rules.push({ pattern: raw.trim(), headers: {} });
      continue;
    }
    const line = raw.trim();
    const colon = line.indexOf(':');
    const rule = rules.at(-1);
    // `! Name` (Cloudflare's "detach") is not used in what we generate.
    if (!rule || colon <= 0 || line.startsWith('!')) continue;
    rule.headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return rules;
}

/** Every matching rule contributes; a header set twice gets both values, comma-joined, as on both hosts. */
export function headersFor(rules: readonly HeaderRule[], pathname: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const rule of rules) {
    if (!patternToRegExp(rule.pattern).test(pathname)) continue;
    for (const [name, value] of Object.entries(rule.headers)) {
      const key = Object.keys(result).find((existing) => existing.toLowerCase() === name.toLowerCase()) ?? name;
      result[key] = result[key] ? `${result[key]}, ${value}` : value;
    }
  }
  return result;
}
