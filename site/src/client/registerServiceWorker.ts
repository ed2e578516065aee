/**
 * Installs the service worker (/sw.js, src/build/serviceWorker.ts) that keeps the visited and
 * saved fiches readable offline. A failure only costs offline reading: it is logged, not shown.
 *
 * Only once the page has loaded, and the main thread is idle: installing precaches the offline
 * pages, which must not compete with the page itself for a slow link or a slow phone's CPU.
 */
if ('serviceWorker' in navigator) {
  const register = () =>
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch((error: unknown) => console.error('Service worker registration failed', error));
  const whenIdle = () => ('requestIdleCallback' in window ? requestIdleCallback(() => void register(), { timeout: 5000 }) : setTimeout(register, 1000));
  if (document.readyState === 'complete') whenIdle();
  else addEventListener('load', whenIdle, { once: true });
}
