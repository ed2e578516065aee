/**
 * Installs the service worker (/sw.js, src/integrations/serviceWorker.ts) that keeps the visited and
 * saved fiches readable offline. A failure only costs offline reading: it is logged, not shown.
 *
 * Called by pageStart.ts once the page has loaded and the main thread is idle (and, on a fiche,
 * its tools have loaded): installing precaches the offline pages, which must not compete with the
 * page itself for a slow link or a slow phone's CPU.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  // A draft previewed from the CMS (scripts/src/renderPreview.ts) is served by the admin's own
  // address: a worker there would answer for the admin.
  if (document.querySelector('meta[name="passerelle-preview"]')) return;
  navigator.serviceWorker
    .register('/sw.js', { scope: '/' })
    .catch((error: unknown) => console.error('Service worker registration failed', error));
}
