/**
 * Installs the service worker (/sw.js, src/build/serviceWorker.ts) that keeps the visited and
 * saved fiches readable offline. A failure only costs offline reading: it is logged, not shown.
 */
if ('serviceWorker' in navigator) {
  navigator.serviceWorker
    .register('/sw.js', { scope: '/' })
    .catch((error: unknown) => console.error('Service worker registration failed', error));
}
