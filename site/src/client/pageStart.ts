/**
 * The one script every page of the site loads (from BaseLayout.astro). It does nothing before
 * the page has loaded, and it is the only request a script makes before the first paint: on a
 * 2G link every request before the paint takes bandwidth from the HTML and the stylesheet
 * (scripts/src/bench/slowNetwork.ts). Once loaded:
 * - on a fiche, when the main thread is idle, the tools' code (save, share, read aloud) and the
 *   documents' checklist (src/components/DocumentChecklist.astro); the print behaviour is set at once;
 * - when the main thread is idle, the service worker (registerServiceWorker.ts).
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
 * Once the main thread is idle, not in the `load` task itself: the three modules arrive and run
 * each in a short task of its own, rather than adding to the long task of the page's first
 * layout on a slow phone (Lighthouse's total blocking time).
 */
function startFicheTools(): void {
  whenIdle(() => {
    void import('./saveFiche');
    void import('./shareLink');
    void import('./readAloud');
  });
}

// The print listeners are set at once (printing may come before `load`); they cost nothing.
if (document.querySelector('[data-fiche-tools]')) preparePrint();

const afterLoad = () => {
  // Nothing moves when the tools or the checkboxes appear: they keep their room (src/styles/site.css).
  if (document.querySelector('[data-fiche-tools]')) startFicheTools();
  if (document.querySelector('[data-document-checklist]')) whenIdle(() => void import('./documentChecklist'));
  registerServiceWorker();
};
if (document.readyState === 'complete') afterLoad();
else addEventListener('load', afterLoad, { once: true });
