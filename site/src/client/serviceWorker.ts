/**
 * The service worker's code: what runs in the browser's worker scope. It is never bundled: the
 * integration src/integrations/serviceWorker.ts writes this function's text into /sw.js with its
 * configuration (see there for what the worker does and why).
 */
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
    else if (
      url.pathname.startsWith('/_astro/') ||
      url.pathname.endsWith('/qr.svg') ||
      url.pathname.endsWith('/rendez-vous.json') ||
      config.precache.includes(url.pathname)
    )
      event.respondWith(asset(event, url));
  });
}
