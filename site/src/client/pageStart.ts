/**
 * The one script every page of the site loads (from BaseLayout.astro). It does nothing before
 * the page has loaded, and it is the only request a script makes before the first paint: on a
 * 2G link every request before the paint takes bandwidth from the HTML and the stylesheet
 * (scripts/src/bench/slowNetwork.ts). Once loaded, in one idle callback (each task after the first
 * paint may count as blocking time on a busy phone, ficheStart.ts):
 * - on a fiche, the tools' code (save, share, read aloud) and the documents' checklist, one module
 *   (ficheStart.ts); the print behaviour is set at once;
 * - then the service worker (registerServiceWorker.ts), after the fiche's module so that its
 *   precache does not share a slow link with it.
 * On the search page it imports the form's watcher (searchLoader.ts) at once, rather than the page
 * having a script of its own: one request less before the first paint on 2G (README « Reader
 * performance »).
 */
import { registerServiceWorker } from './registerServiceWorker';

/**
 * Printing a fiche prints every section, even those the reader had closed, and the QR code of its
 * address, which is loaded lazily (no one who never prints downloads it).
 */
function preparePrint(): void {
  const closed: HTMLDetailsElement[] = [];
  addEventListener('beforeprint', () => {
    for (const image of document.querySelectorAll<HTMLImageElement>('img[data-qr-code]')) image.loading = 'eager';
    for (const details of document.querySelectorAll<HTMLDetailsElement>('details.fiche-section:not([open])')) {
      details.open = true;
      closed.push(details);
    }
  });
  addEventListener('afterprint', () => {
    for (const details of closed.splice(0)) details.open = false;
  });
}

/** Runs `task` when the main thread is idle, or after `timeout` ms at the latest. */
function whenIdle(task: () => void, timeout = 2000): void {
  if ('requestIdleCallback' in window) requestIdleCallback(task, { timeout });
  else setTimeout(task, 200);
}

/**
 * The search form's watcher, imported as soon as this script runs (once the page is parsed and its
 * stylesheet loaded, about when it first paints). A search submitted in the moment before it
 * arrives goes as a plain form submission, which the search page answers from its address; one
 * typed then is run when submitted (searchLoader.ts). Holding such a submission here would cost
 * every page's first paint on 2G about 30 ms (190 bytes) for a moment no reader can type in.
 */
const searchForm = document.querySelector<HTMLFormElement>('form[data-search-form]');
if (searchForm)
  import('./searchLoader')
    .then((loader) => loader.watchSearchForm(searchForm))
    .catch((error: unknown) => console.error('The search form failed to load', error));

// The print listeners are set at once (printing may come before `load`); they cost nothing.
if (document.querySelector('[data-fiche-tools]')) preparePrint();

/**
 * Once the main thread is idle, not in the `load` task itself: the module arrives and runs in a
 * short task of its own, rather than adding to the long task of the page's first layout on a slow
 * phone (Lighthouse's total blocking time).
 */
const afterLoad = () =>
  whenIdle(() => {
    // Nothing moves when the tools or the checkboxes appear: they keep their room (src/styles/site.css).
    if (document.querySelector('[data-fiche-tools], [data-document-checklist]'))
      import('./ficheStart')
        .catch((error: unknown) => console.error('The fiche tools failed to load', error))
        .finally(registerServiceWorker);
    else registerServiceWorker();
  });
if (document.readyState === 'complete') afterLoad();
else addEventListener('load', afterLoad, { once: true });
