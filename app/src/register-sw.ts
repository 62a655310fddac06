/**
 * Registers the service worker (app/src/sw.ts, built to /sw.js) in production builds. Skipped in `vite dev`
 * (no /sw.js there, and a cached shell would fight hot reload) and in embeds, which live in other sites'
 * iframes where a worker would be partitioned per site and buys nothing. Registration waits for the page to
 * load and go idle, so precaching never competes with the first playback's requests.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  if (location.pathname.startsWith('/embed/')) return;
  const register = () => {
    navigator.serviceWorker.register('/sw.js').catch((err: unknown) => {
      console.warn('service worker registration failed', err);
    });
  };
  const whenIdle = () =>
    'requestIdleCallback' in window ? requestIdleCallback(register) : setTimeout(register, 1);
  if (document.readyState === 'complete') whenIdle();
  else window.addEventListener('load', whenIdle, { once: true });
}
