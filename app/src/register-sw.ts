/**
 * Registers the service worker (app/src/sw.ts, built to /sw.js) in production builds. Skipped in `vite dev`
 * (no /sw.js there, and a cached shell would fight hot reload) and in embeds, which live in other sites'
 * iframes where a worker would be partitioned per site and buys nothing.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  if (location.pathname.startsWith('/embed/')) return;
  const register = () => {
    navigator.serviceWorker.register('/sw.js').catch((err: unknown) => {
      console.warn('service worker registration failed', err);
    });
  };
  // The worker only helps the next visit, and its install fetches the whole shell: start it well after
  // `load` (which fires before a watch page's first segment) and when the page is idle, so precaching never
  // competes with the first playback's requests.
  const later = () =>
    setTimeout(() => ('requestIdleCallback' in window ? requestIdleCallback(register) : register()), 5000);
  if (document.readyState === 'complete') later();
  else window.addEventListener('load', later, { once: true });
}
