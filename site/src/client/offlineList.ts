/**
 * The offline page (src/pages/[lang]/hors-ligne.astro), which the service worker serves for any
 * page it cannot fetch nor find in its caches: lists the fiches this device can open offline,
 * saved or visited, read from the Cache Storage. Titles come from the saved list, else from the
 * cached page itself, each in its own language. This page's own language comes first.
 */
import { readSaved } from './savedFiches';

type Available = { path: string; title: string; lang: string; dir: string };

const fichePath = /^\/[a-z]{2}\/(demarches|dispositifs)\/[^/]+\/$/;

/** `rtl`: the right-to-left languages, which the page renders from the contract (`data-rtl-locales`). */
async function cachedFiches(rtl: ReadonlySet<string>): Promise<Available[]> {
  const saved = new Map(readSaved().map((fiche) => [fiche.path, fiche]));
  const found = new Map<string, Available>();
  for (const name of await caches.keys()) {
    if (!name.startsWith('passerelle-')) continue;
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      const { pathname } = new URL(request.url);
      if (!fichePath.test(pathname) || found.has(pathname)) continue;
      const known = saved.get(pathname);
      if (known) {
        found.set(pathname, {
          path: pathname,
          title: known.title,
          lang: known.lang,
          dir: rtl.has(known.lang) ? 'rtl' : 'ltr',
        });
        continue;
      }
      const response = await cache.match(request);
      if (!response) continue;
      const page = new DOMParser().parseFromString(await response.text(), 'text/html');
      const title = page.querySelector('h1');
      const titled = title?.closest('[lang]');
      if (!title?.textContent) continue;
      found.set(pathname, {
        path: pathname,
        title: title.textContent.trim(),
        lang: titled?.getAttribute('lang') ?? 'fr',
        dir: titled?.getAttribute('dir') ?? page.documentElement.dir ?? 'ltr',
      });
    }
  }
  const own = `/${document.documentElement.lang}/`;
  return [...found.values()].sort(
    (a, b) => Number(b.path.startsWith(own)) - Number(a.path.startsWith(own)) || a.title.localeCompare(b.title),
  );
}

const root = document.querySelector<HTMLElement>('[data-offline-list]');
if (root) {
  const list = root.querySelector('ul');
  const empty = root.querySelector<HTMLElement>('[data-offline-empty]');
  if (!list || !empty) throw new Error('The offline page lacks its list or its empty note');
  const show = (fiches: Available[]) => {
    list.replaceChildren(
      ...fiches.map((fiche) => {
        const entry = document.createElement('li');
        const link = document.createElement('a');
        link.href = fiche.path;
        link.lang = fiche.lang;
        link.dir = fiche.dir;
        link.textContent = fiche.title;
        entry.append(link);
        return entry;
      }),
    );
    list.hidden = fiches.length === 0;
    empty.hidden = fiches.length > 0;
    root.hidden = false;
  };
  if ('caches' in window) {
    cachedFiches(new Set(root.dataset.rtlLocales?.split(' '))).then(show, (error: unknown) => {
      console.error(error);
      show([]);
    });
  } else show([]);
}
