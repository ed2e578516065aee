/**
 * The search code, loaded on demand by searchLoader.ts: runs the reader's search against the
 * Pagefind index of the page's language (Pagefind picks it from `<html lang>`) and shows the
 * results, which are pages of that same language: first the fiches translated into it, then the
 * French-only ones (their page in this language shows the French text under a notice), found by
 * the names of their themes and needs in this language and by their French words, and marked as
 * French. Filter-only results come by title, in the language's alphabetical order (the build
 * ranks the titles: src/lib/searchOrder.ts). The words and filters live in the URL
 * (`?q=…&theme=…`, replaced in place) so a result list can be shared and comes back with the
 * Back button. A search runs on submit and on a filter change, not on each key press: every
 * search downloads index and result files, and many readers pay for their data.
 */
import {
  isActiveSearch,
  pagefindFilters,
  parseSearchParams,
  searchParamsOf,
  type PagefindFilter,
  type SearchQuery,
} from '../lib/render/searchFilters';

type ResultData = { url: string; meta: Partial<Record<'title' | 'summary' | 'type' | 'updated' | 'updatedLabel', string>> };
type Result = { id: string; data: () => Promise<ResultData> };
type Pagefind = {
  init: () => Promise<void>;
  search: (
    term: string | null,
    options: { filters: Record<string, PagefindFilter>; sort?: Record<string, 'asc' | 'desc'> },
  ) => Promise<{ results: Result[] } | null>;
};
/** A result, and whether its fiche is French-only in the page's language. */
type Found = { result: Result; inFrench: boolean };
type PagefindModule = { createInstance: (options: Record<string, unknown>) => Pagefind };

type MessageName = 'count' | 'countFor' | 'none' | 'loading' | 'error' | 'noIndex';
type Config = { hasIndex: boolean; hasFrenchOnly: boolean; messages: Record<MessageName, string> };

/**
 * Results shown at a time: each one downloads the text of its page (1–3 KB compressed). Three
 * fill a phone's screen and keep a later search within 15 KB at 1,000 fiches (index chunk of a
 * common word ≈ 6 KB + three texts); four went over (issue 21).
 */
export const resultsPerBatch = 3;
/** Written by the build next to the pages (src/integrations/searchIndex.ts), so not bundled here. */
const pagefindUrl = '/pagefind/pagefind.js';
/** Filter changes made with the arrow keys come one after the other: search once they settle. */
const filterDelayMs = 300;
/** Say "searching…" only when the answer is slow to come (the first search on a slow network). */
const loadingDelayMs = 500;

function required<T extends Element>(selector: string): T {
  const element = document.querySelector<T>(selector);
  if (!element) throw new Error(`Search page without ${selector}`);
  return element;
}

function readConfig(element: HTMLElement): Config {
  const parsed: unknown = JSON.parse(element.textContent ?? '');
  if (typeof parsed !== 'object' || parsed === null || !('messages' in parsed) || !('hasIndex' in parsed))
    throw new Error('Invalid search configuration');
  return parsed as Config;
}

export async function startSearch(form: HTMLFormElement, { submitted }: { submitted: boolean }): Promise<void> {
  const status = required<HTMLElement>('[data-search-status]');
  const section = required<HTMLElement>('[data-search-results]');
  const list = required<HTMLOListElement>('[data-search-list]');
  const more = required<HTMLButtonElement>('[data-search-more]');
  const template = required<HTMLTemplateElement>('template[data-search-result]');
  const filtersBox = required<HTMLDetailsElement>('[data-search-filters]');
  const config = readConfig(required<HTMLElement>('[data-search-config]'));
  const numbers = new Intl.NumberFormat(document.documentElement.lang);

  let pagefind: Promise<Pagefind> | undefined;
  const loadPagefind = () =>
    (pagefind ??= (import(/* @vite-ignore */ pagefindUrl) as Promise<PagefindModule>).then(async (module) => {
      // On the main thread: the web worker would be one more 12 KB download before the first
      // results, for searches that take a few milliseconds on indexes this size.
      const instance = module.createInstance({ noWorker: true });
      await instance.init();
      return instance;
    }));

  /** Each search gets a number; an answer arriving after a newer search started is dropped. */
  let latest = 0;
  let results: Found[] = [];
  let shown = 0;

  function message(name: MessageName, params: Record<string, string> = {}): string {
    return config.messages[name].replace(/\{(\w+)\}/g, (placeholder, key: string) => params[key] ?? placeholder);
  }

  function announce(text: string): void {
    // The same text set again is not announced again: clear it first, then set it.
    if (status.textContent === text && text !== '') {
      status.textContent = '';
      setTimeout(() => (status.textContent = text), 150);
    } else {
      status.textContent = text;
    }
  }

  function readForm(): SearchQuery {
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(form)) if (typeof value === 'string') params.append(name, value);
    return parseSearchParams(params);
  }

  function fillForm(query: SearchQuery): void {
    for (const element of form.elements) {
      if (!(element instanceof HTMLInputElement || element instanceof HTMLSelectElement) || !element.name) continue;
      const value = element.name === 'q' ? query.q : (query.filters[element.name as keyof SearchQuery['filters']] ?? '');
      element.value = value;
      // A value the page does not offer (an old link) leaves the select on "any".
      if (element instanceof HTMLSelectElement && element.value !== value) element.value = '';
    }
    if (Object.keys(query.filters).length > 0) filtersBox.open = true;
  }

  function render(data: ResultData, inFrench: boolean): HTMLLIElement {
    const item = (template.content.firstElementChild as HTMLLIElement).cloneNode(true) as HTMLLIElement;
    const field = (name: string) => item.querySelector<HTMLElement>(`[data-field="${name}"]`);
    const link = field('title') as HTMLAnchorElement;
    link.href = data.url;
    link.textContent = data.meta.title ?? data.url;
    if (inFrench) {
      // The title and summary are the French text; the type, date and tag are in the page's language.
      for (const element of [link, field('summary')]) element?.setAttribute('lang', 'fr');
      for (const element of [link, field('summary')]) element?.setAttribute('dir', 'ltr');
    } else field('inFrench')?.remove();
    const fill = (name: 'type' | 'summary', text: string | undefined) => {
      const element = field(name);
      if (text) element?.replaceChildren(text);
      else (name === 'type' ? element?.parentElement : element)?.remove();
    };
    fill('type', data.meta.type);
    fill('summary', data.meta.summary);
    const updated = field('updated');
    if (data.meta.updated && data.meta.updatedLabel) {
      const time = document.createElement('time');
      time.dateTime = data.meta.updated;
      time.textContent = data.meta.updatedLabel;
      updated?.replaceChildren(time);
    } else updated?.remove();
    for (const element of item.querySelectorAll('[data-field]')) element.removeAttribute('data-field');
    return item;
  }

  /** Shows the next results; returns the link of the first one added. */
  async function showMore(search: number): Promise<HTMLAnchorElement | undefined> {
    const batch = results.slice(shown, shown + resultsPerBatch);
    const data = await Promise.all(batch.map((found) => found.result.data()));
    if (search !== latest) return undefined;
    const items = data.map((found, index) => render(found, batch[index]?.inFrench ?? false));
    list.append(...items);
    shown += batch.length;
    more.hidden = shown >= results.length;
    return items[0]?.querySelector('a') ?? undefined;
  }

  function clear(): void {
    results = [];
    shown = 0;
    list.replaceChildren();
    section.hidden = true;
    more.hidden = true;
  }

  async function run(query: SearchQuery): Promise<void> {
    const search = ++latest;
    const params = searchParamsOf(query).toString();
    history.replaceState(history.state, '', params ? `?${params}` : location.pathname);
    if (!isActiveSearch(query)) {
      clear();
      announce('');
      return;
    }
    if (!config.hasIndex) {
      clear();
      announce(message('noIndex'));
      return;
    }
    const slow = setTimeout(() => search === latest && announce(message('loading')), loadingDelayMs);
    section.setAttribute('aria-busy', 'true');
    try {
      const instance = await loadPagefind();
      // Words rank results by relevance; filters alone list them by title (ranked at build time).
      const find = async (text: 'own' | 'fr') =>
        (
          (await instance.search(query.q || null, {
            filters: { ...pagefindFilters(query.filters), text },
            ...(query.q ? {} : { sort: { title: 'asc' } }),
          })) ?? { results: [] }
        ).results.map((result): Found => ({ result, inFrench: text === 'fr' }));
      // One after the other: the second search reuses the index chunks the first one loaded.
      const translated = await find('own');
      const frenchOnly = config.hasFrenchOnly ? await find('fr') : [];
      if (search !== latest) return;
      clear();
      results = [...translated, ...frenchOnly];
      await showMore(search);
      if (search !== latest) return;
      section.hidden = results.length === 0;
      const count = numbers.format(results.length);
      announce(
        results.length === 0
          ? message('none')
          : query.q
            ? message('countFor', { query: query.q, count })
            : message('count', { count }),
      );
    } catch (error) {
      console.error('Search failed', error);
      if (search === latest) {
        clear();
        announce(message('error'));
      }
    } finally {
      clearTimeout(slow);
      if (search === latest) section.removeAttribute('aria-busy');
    }
  }

  let filterTimer: ReturnType<typeof setTimeout> | undefined;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(filterTimer);
    void run(readForm());
  });
  form.addEventListener('change', (event) => {
    if (!(event.target instanceof HTMLSelectElement)) return;
    clearTimeout(filterTimer);
    filterTimer = setTimeout(() => void run(readForm()), filterDelayMs);
  });
  // "Clear all" is a reset button: the fields are empty once the event has been handled.
  form.addEventListener('reset', () => {
    clearTimeout(filterTimer);
    setTimeout(() => void run(readForm()));
  });
  more.addEventListener('click', async () => {
    const first = await showMore(latest);
    first?.focus();
  });

  // A search in the URL (a shared link) is shown; otherwise the reader may be typing already.
  const fromUrl = parseSearchParams(new URLSearchParams(location.search));
  if (!submitted && isActiveSearch(fromUrl)) fillForm(fromUrl);
  if (submitted || isActiveSearch(fromUrl)) await run(readForm());
  else if (config.hasIndex) await loadPagefind().catch((error: unknown) => console.error('Search could not load', error));
}
