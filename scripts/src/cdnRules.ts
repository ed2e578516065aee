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
 */
import { ficheSegments, localeCodes, sitePaths, type Fiche, type Locale } from '@passerelle/content-schemas';

// ───────────────────────────── headers ─────────────────────────────

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
export const unframableHeaders = (csp: string): Record<string, string> => ({ 'Content-Security-Policy': csp, 'X-Frame-Options': 'DENY' });

/**
 * The same policy for the embed lists, which partners frame on their own sites: any ancestor is
 * allowed, everything else stays as strict. No X-Frame-Options, which has no "allow all" value.
 */
export function framablePolicy(csp: string): string {
  const denied = "frame-ancestors 'none'";
  if (!csp.includes(denied)) throw new Error(`The Content-Security-Policy has no "${denied}" to open for the embed pages: ${csp}`);
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
    rules.push({ pattern: `${folder}*`, headers: listFolders.has(folder) ? { 'Content-Security-Policy': framablePolicy(csp) } : deny });
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

// ───────────────────────────── redirects ─────────────────────────────

export type RedirectRule = {
  from: string;
  to: string;
  status: number;
  force: boolean;
  conditions: Record<string, string[]>;
};

/** A slug or type a published fiche was once served under (recorded by the CMS on each publication). */
export type FormerAddress = { fiche: string; slug: string; type: Fiche['type'] };

export type RedirectInput = {
  fiches: readonly Fiche[];
  formerAddresses: readonly FormerAddress[];
  /** Paths of the built pages (`/fr/demarches/x/`): a former address now used by a page is not redirected. */
  pages: ReadonlySet<string>;
};

export function redirectRules({ fiches, formerAddresses, pages }: RedirectInput): RedirectRule[] {
  const rules: RedirectRule[] = [];
  const byId = new Map(fiches.map((fiche) => [fiche.id, fiche]));
  const seen = new Set<string>();
  const add = (rule: Omit<RedirectRule, 'force' | 'conditions'> & Partial<RedirectRule>) => {
    const key = `${rule.from} ${JSON.stringify(rule.conditions ?? {})}`;
    if (seen.has(key)) return;
    seen.add(key);
    rules.push({ force: false, conditions: {}, ...rule });
  };

  // Former addresses first: exact and static, the cheapest rules for a CDN.
  for (const former of formerAddresses) {
    const fiche = byId.get(former.fiche);
    if (!fiche) continue; // unpublished or deleted: its old URL is a 404 like the current one
    for (const locale of localeCodes) {
      const from = sitePaths.fiche(locale, former);
      const to = sitePaths.fiche(locale, fiche);
      if (from === to || pages.has(from)) continue;
      add({ from, to, status: 301 });
      add({ from: from.slice(0, -1), to, status: 301 });
    }
  }

  // Short links typed from paper, in capitals.
  for (const fiche of fiches) {
    const upper = fiche.shortId.toUpperCase();
    if (upper !== fiche.shortId) add({ from: `/f/${upper}`, to: sitePaths.shortLink(fiche.shortId), status: 301 });
  }

  // Netlify only: straight to the fiche in the reader's language when it is translated into it.
  for (const fiche of fiches) {
    for (const locale of fiche.translatedLocales) {
      for (const from of [`/f/${fiche.shortId}`, sitePaths.shortLink(fiche.shortId)]) {
        add({ from, to: sitePaths.fiche(locale, fiche), status: 302, force: true, conditions: { Language: [locale] } });
      }
    }
  }
  for (const locale of localeCodes) {
    add({
      from: sitePaths.languageChooser(),
      to: sitePaths.home(locale),
      status: 302,
      force: true,
      conditions: { Language: [locale] },
    });
  }

  // Each language's own "not found" page (Cloudflare finds the nearest 404.html by itself).
  for (const locale of localeCodes) add({ from: `/${locale}/*`, to: sitePaths.notFound(locale), status: 404 });
  return rules;
}

export function formatRedirects(rules: readonly RedirectRule[]): string {
  const lines = rules.map((rule) => {
    const conditions = Object.entries(rule.conditions).map(([key, values]) => `${key}=${values.join(',')}`);
    return [rule.from, rule.to, `${rule.status}${rule.force ? '!' : ''}`, ...conditions].join('  ');
  });
  return `# Generated by the publish pipeline (scripts/src/cdnRules.ts): Netlify / Cloudflare Pages format.\n${lines.join('\n')}\n`;
}

export function parseRedirects(text: string): RedirectRule[] {
  const rules: RedirectRule[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const [from, to, code = '301', ...rest] = line.split(/\s+/);
    if (!from || !to) continue;
    const conditions: Record<string, string[]> = {};
    for (const field of rest) {
      const [key, value] = field.split('=');
      if (key && value) conditions[key] = value.split(',');
    }
    rules.push({ from, to, status: Number.parseInt(code, 10) || 301, force: code.endsWith('!'), conditions });
  }
  return rules;
}

export type RedirectRequest = {
  pathname: string;
  /** The `Accept-Language` header. */
  acceptLanguage?: string;
  /** True when a file answers this path (a rule that is not forced then does not apply, as on Netlify). */
  fileExists: boolean;
};

/** The first rule that applies, with its destination's splat and placeholders filled in. */
export function matchRedirect(
  rules: readonly RedirectRule[],
  request: RedirectRequest,
): { rule: RedirectRule; location: string } | undefined {
  const language = preferredLanguage(request.acceptLanguage);
  for (const rule of rules) {
    const match = patternToRegExp(rule.from).exec(request.pathname);
    if (!match) continue;
    if (request.fileExists && !rule.force) continue;
    const languages = rule.conditions.Language;
    if (languages && (!language || !languages.includes(language))) continue;
    let location = rule.to;
    for (const [name, value] of Object.entries(match.groups ?? {})) location = location.replaceAll(`:${name}`, value ?? '');
    return { rule, location };
  }
  return undefined;
}

/**
 * The reader's first choice in `Accept-Language` (highest q, then order), reduced to its primary
 * subtag. Only the first choice counts: a reader who prefers a language the site lacks gets the
 * language chooser rather than a guess.
 */
export function preferredLanguage(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((param) => /^\s*q=([0-9.]+)\s*$/.exec(param)?.[1]).find(Boolean);
      return { tag: tag.trim().toLowerCase(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.tag && entry.tag !== '*' && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked[0]?.tag.split('-')[0];
}

const patternCache = new Map<string, RegExp>();

/** `*` is a splat (any characters, `:splat` in the destination); `:name` one path segment. */
export function patternToRegExp(pattern: string): RegExp {
  let regexp = patternCache.get(pattern);
  if (!regexp) {
    const source = pattern
      .split(/(\*|:[A-Za-z]\w*)/)
      .map((part) => {
        if (part === '*') return '(?<splat>.*)';
        if (/^:[A-Za-z]\w*$/.test(part)) return `(?<${part.slice(1)}>[^/]+)`;
        return part.replace(/[-/\\^$+?.()|[\]{}]/g, '\\$&');
      })
      .join('');
    regexp = new RegExp(`^${source}$`);
    patternCache.set(pattern, regexp);
  }
  return regexp;
}

// ───────────────────────────── inline code ─────────────────────────────

export type InlineCode = { scripts: number; styles: number; styleAttributes: number; eventHandlers: number };

const attributePattern = /\s([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?/g;

/**
 * Inline code of one HTML page, which the Content-Security-Policy blocks: `<script>` elements
 * with a body (other than JSON data blocks), `<style>` elements, `style="…"` attributes, event
 * handler attributes (`onclick`…) and `javascript:` addresses. Comments and data blocks are set
 * aside first, and attributes are read as attributes, so text that merely quotes markup is not
 * counted.
 */
export function inlineCodeOf(html: string): InlineCode {
  const found: InlineCode = { scripts: 0, styles: 0, styleAttributes: 0, eventHandlers: 0 };
  const markup = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi, (_, attributes: string, body: string) => {
      const type = /\btype\s*=\s*["']?([^"'\s>]+)/i.exec(attributes)?.[1]?.toLowerCase();
      const data = type !== undefined && type !== 'module' && !type.includes('javascript');
      if (!data && !/\bsrc\s*=/i.test(attributes) && body.trim()) found.scripts += 1;
      return `<script${attributes}></script>`;
    })
    .replace(/<style\b[^>]*>[\s\S]*?<\/style\s*>/gi, () => {
      found.styles += 1;
      return '';
    });
  for (const tag of markup.matchAll(/<[a-z][^\s/>]*((?:[^>"']|"[^"]*"|'[^']*')*)>/gi)) {
    for (const [, rawName = '', rawValue = ''] of (tag[1] ?? '').matchAll(attributePattern)) {
      const name = rawName.toLowerCase();
      const value = rawValue.replace(/^["']|["']$/g, '');
      if (name === 'style') found.styleAttributes += 1;
      else if (/^on[a-z]+$/.test(name) || /^\s*javascript:/i.test(decodeEntities(value))) found.eventHandlers += 1;
    }
  }
  return found;
}

/** Enough entity decoding to see `&#106;avascript:` for what it is. */
function decodeEntities(value: string): string {
  const character = (code: number) => (code <= 0x10ffff ? String.fromCodePoint(code) : '');
  return value
    .replace(/&#x([0-9a-f]{1,8});?/gi, (_, hex: string) => character(Number.parseInt(hex, 16)))
    .replace(/&#(\d{1,8});?/g, (_, decimal: string) => character(Number(decimal)))
    .replace(/[\t\n\r]/g, '');
}

export function pagePathOf(file: string): string | undefined {
  if (file === 'index.html') return '/';
  if (file.endsWith('/index.html')) return `/${file.slice(0, -'index.html'.length)}`;
  return undefined;
}

export function fichePagePattern(locale: Locale): RegExp {
  return new RegExp(`^${locale}/(${Object.values(ficheSegments).join('|')})/[^/]+/index\\.html$`);
}
