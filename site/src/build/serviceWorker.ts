/**
 * An Astro integration that writes `/sw.js` at the end of the build, when the final asset names
 * are known (the stylesheet is renamed by src/build/pruneUnusedCss.ts, which must run before).
 *
 * What the worker does, for readers on slow, paid or missing connections:
 * - install: precaches the shell — the stylesheet, the icon, and the offline page of every
 *   language with its scripts — in a cache named after the build version (a hash of those files),
 *   so a new shell comes with a new worker and nothing is downloaded when nothing changed;
 * - pages: network first, so an update shows on the next visit; each page read is kept
 *   (cache `passerelle-pages-{version}`), and a saved fiche (cache `passerelle-saved`, filled by
 *   src/client/savedFiches.ts) gets its fresh copy too; offline, the kept copy is served, else the
 *   offline page in the language of the URL (src/pages/[lang]/hors-ligne.astro);
 * - hashed assets (`/_astro/`) and QR codes: cache first, kept as they are fetched; offline, a
 *   page saved under an older build gets this build's stylesheet rather than none;
 * - never: Pagefind (its index is large and per language), other sites, non-GET requests.
 *   Nothing of another language is fetched ahead.
 * - activate: caches of older versions are deleted (saved fiches are kept), the pages open
 *   before the worker existed are kept as read with their scripts and images, then claimed.
 *
 * The worker's code is `serviceWorkerMain` below, type-checked with the site and serialized with
 * its configuration: no second bundler, and no inline script anywhere (CSP `worker-src 'self'`).
 */
import { createHash } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import type { AstroIntegration } from 'astro';

import { localeCodes, sitePaths } from '@passerelle/content-schemas';

export type ServiceWorkerConfig = {
  version: string;
  /** Paths fetched at install. */
  precache: string[];
  /** The offline page of each language, by language code; `fallback` for URLs of no language. */
  offlinePages: Record<string, string>;
  fallbackOfflinePage: string;
  stylesheet: string;
};

interface ExtendableEventLike extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEventLike extends ExtendableEventLike {
  request: Request;
  respondWith(response: Promise<Response>): void;
}
interface WorkerScopeLike {
  location: Location;
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEventLike) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEventLike) => void): void;
  skipWaiting(): Promise<void>;
  clients: {
    claim(): Promise<void>;
    matchAll(options: { type: 'window'; includeUncontrolled: boolean }): Promise<readonly { url: string }[]>;
  };
}

/** Runs in the browser's service worker scope: it may use only its argument and the worker's globals. */
export function serviceWorkerMain(config: ServiceWorkerConfig): void {
  const scope = self as unknown as WorkerScopeLike;
  const shellCache = `passerelle-shell-${config.version}`;
  const pagesCache = `passerelle-pages-${config.version}`;
  const savedCache = 'passerelle-saved';
  const current = new Set([shellCache, pagesCache, savedCache]);

  const isPage = (request: Request) => request.mode === 'navigate' || (request.headers.get('accept') ?? '').includes('text/html');
  const offlinePageFor = (pathname: string) => config.offlinePages[pathname.split('/')[1] ?? ''] ?? config.fallbackOfflinePage;

  async function keep(cacheName: string, key: string, response: Response): Promise<void> {
    await (await caches.open(cacheName)).put(key, response);
  }

  async function page(event: FetchEventLike, url: URL): Promise<Response> {
    try {
      const response = await fetch(event.request);
      if (response.ok && response.type === 'basic') {
        event.waitUntil(keep(pagesCache, url.pathname, response.clone()));
        const saved = await caches.open(savedCache);
        if (await saved.match(url.pathname)) event.waitUntil(saved.put(url.pathname, response.clone()));
      }
      return response;
    } catch (error) {
      const kept = (await caches.match(url.pathname)) ?? (await caches.match(offlinePageFor(url.pathname)));
      if (kept) return kept;
      throw error;
    }
  }

  async function asset(event: FetchEventLike, url: URL): Promise<Response> {
    const cached = await caches.match(event.request);
    if (cached) return cached;
    try {
      const response = await fetch(event.request);
      if (response.ok && response.type === 'basic')
        event.waitUntil(keep(url.pathname.startsWith('/_astro/') ? shellCache : pagesCache, url.pathname, response.clone()));
      return response;
    } catch (error) {
      const stylesheet = url.pathname.endsWith('.css') ? await caches.match(config.stylesheet) : undefined;
      if (stylesheet) return stylesheet;
      throw error;
    }
  }

  scope.addEventListener('install', (event) => {
    event.waitUntil(
      caches
        .open(shellCache)
        .then((cache) => cache.addAll(config.precache))
        .then(() => scope.skipWaiting()),
    );
  });

  /** A page read before the worker controlled it: its copy, and the scripts (with their imports) and images it loaded. */
  async function keepPageAndAssets(pathname: string): Promise<void> {
    const response = await fetch(pathname);
    if (!response.ok) return;
    await keep(pagesCache, pathname, response.clone());
    const queue = [...(await response.text()).matchAll(/(?:src|href)="(\/_astro\/[^"]+)"/g)].map((found) => found[1] ?? '');
    const seen = new Set<string>();
    const shell = await caches.open(shellCache);
    for (let asset = queue.shift(); asset !== undefined; asset = queue.shift()) {
      if (seen.has(asset)) continue;
      seen.add(asset);
      let file = await caches.match(asset);
      if (!file) {
        file = await fetch(asset);
        if (!file.ok) throw new Error(`${asset}: HTTP ${file.status}`);
        await shell.put(asset, file.clone());
      }
      if (!asset.endsWith('.js')) continue;
      // Static imports and dynamic ones (`import("./x.js")`: the fiche tools, loaded after the page).
      for (const found of (await file.text()).matchAll(/(?:\bfrom|\bimport)\s*\(?\s*["'](\.\/[^"']+\.js)["']/g)) {
        queue.push(new URL(found[1] ?? '', `${scope.location.origin}${asset}`).pathname);
      }
    }
  }

  scope.addEventListener('activate', (event) => {
    event.waitUntil(
      (async () => {
        for (const name of await caches.keys()) {
          if (name.startsWith('passerelle-') && !current.has(name)) await caches.delete(name);
        }
        // The pages open now were loaded before the worker: keep them as read, with what they need.
        for (const client of await scope.clients.matchAll({ type: 'window', includeUncontrolled: true })) {
          const url = new URL(client.url);
          if (url.origin !== scope.location.origin || (await caches.match(url.pathname))) continue;
          await keepPageAndAssets(url.pathname).catch((error: unknown) => console.warn(`Could not keep ${url.pathname}`, error));
        }
        await scope.clients.claim();
      })(),
    );
  });

  scope.addEventListener('fetch', (event) => {
    const { request } = event;
    if (request.method !== 'GET') return;
    const url = new URL(request.url);
    if (url.origin !== scope.location.origin || url.pathname.startsWith('/pagefind/') || url.pathname === '/sw.js') return;
    if (isPage(request)) event.respondWith(page(event, url));
    else if (url.pathname.startsWith('/_astro/') || url.pathname.endsWith('/qr.svg') || url.pathname.endsWith('/rendez-vous.json') || config.precache.includes(url.pathname))
      event.respondWith(asset(event, url));
  });
}

/**
 * `main`: the worker function's text as the build's compiler wrote it (Vite's in the Astro
 * build). The publisher's whole-site passes run under another compiler (tsx), so they take it
 * from the sw.js of the partial build (`workerMainOf`), never from their own `toString()`:
 * whitespace would differ, hence the bytes and the version.
 */
export function serviceWorkerSource(config: ServiceWorkerConfig, main = serviceWorkerMain.toString()): string {
  return `// Generated by src/build/serviceWorker.ts — build ${config.version}\n(${main})(${JSON.stringify(config)});\n`;
}

/** The worker function's text in a sw.js written by serviceWorkerSource. */
export function workerMainOf(source: string): string {
  const start = source.indexOf('\n(') + 2;
  const end = source.lastIndexOf(')({"version":');
  if (start < 2 || end < start) throw new Error('sw.js was not written by serviceWorkerSource');
  return source.slice(start, end);
}

const attributeValues = (html: string, pattern: RegExp) => [...html.matchAll(pattern)].map((match) => match[1] ?? '');

/** A built module and, recursively, the chunks it imports (`import{…}from"./chunk.js"`). */
async function withImports(outDir: string, script: string, seen = new Set<string>()): Promise<Set<string>> {
  if (seen.has(script)) return seen;
  seen.add(script);
  const code = await readFile(path.join(outDir, script), 'utf8');
  for (const specifier of attributeValues(code, /(?:\bfrom|\bimport)\s*\(?\s*["']([^"']+\.js)["']/g)) {
    await withImports(outDir, path.posix.resolve(path.posix.dirname(script), specifier), seen);
  }
  return seen;
}

/** The shell to precache, read from the built offline pages: they and what they load. */
export async function serviceWorkerConfig(outDir: string, main = serviceWorkerMain.toString()): Promise<ServiceWorkerConfig> {
  const offlinePages = Object.fromEntries(localeCodes.map((locale) => [locale, sitePaths.offline(locale)]));
  const precache = new Set<string>();
  let stylesheet = '';
  for (const pagePath of Object.values(offlinePages)) {
    const html = await readFile(path.join(outDir, pagePath, 'index.html'), 'utf8');
    precache.add(pagePath);
    const stylesheets = attributeValues(html, /<link\b[^>]*\brel="stylesheet"[^>]*\bhref="([^"]+)"/g);
    const icons = attributeValues(html, /<link\b[^>]*\brel="icon"[^>]*\bhref="([^"]+)"/g);
    const scripts = attributeValues(html, /<script\b[^>]*\bsrc="([^"]+)"/g);
    for (const file of [...stylesheets, ...icons]) precache.add(file);
    for (const script of scripts) for (const file of await withImports(outDir, script)) precache.add(file);
    if (stylesheets.length !== 1 || !stylesheets[0])
      throw new Error(`${pagePath} should load exactly one stylesheet, found ${stylesheets.length}`);
    stylesheet = stylesheets[0];
  }
  const hash = createHash('sha256').update(main);
  for (const file of [...precache].sort()) {
    const onDisk = file.endsWith('/') ? path.join(outDir, file, 'index.html') : path.join(outDir, file);
    hash.update(file).update(await readFile(onDisk));
  }
  return {
    version: hash.digest('hex').slice(0, 12),
    precache: [...precache].sort(),
    offlinePages,
    fallbackOfflinePage: sitePaths.offline('fr'),
    stylesheet,
  };
}

/** Writes `/sw.js` (never in place: in an incremental deploy, files are hard links shared with the live one). */
export async function writeServiceWorker(outDir: string, main = serviceWorkerMain.toString()): Promise<ServiceWorkerConfig> {
  const config = await serviceWorkerConfig(outDir, main);
  const file = path.join(outDir, 'sw.js');
  await rm(file, { force: true });
  await writeFile(file, serviceWorkerSource(config, main));
  return config;
}

export function serviceWorker(): AstroIntegration {
  return {
    name: 'passerelle-service-worker',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        // A partial build (incremental publication) writes it too: the publisher writes it again
        // on the merged deploy with the worker's text taken from this one (serviceWorkerSource).
        const outDir = fileURLToPath(dir);
        const config = await writeServiceWorker(outDir);
        logger.info(`sw.js: build ${config.version}, ${config.precache.length} files precached`);
      },
    },
  };
}
