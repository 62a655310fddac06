/// <reference lib="webworker" />
/**
 * Reel's service worker (built to /sw.js by app/sw-build.ts; Service Workers, W3C: https://www.w3.org/TR/service-workers/).
 * - Precaches the app shell at install: index.html, the entry chunk with its static imports and CSS (read
 *   from Vite's manifest at build time), the offline page, the web app manifest and its icons.
 * - Navigations go to the network (with navigation preload, so the worker's start-up adds no latency); when
 *   the network fails, the offline page answers. The network copy always wins because /watch/* and /embed/*
 *   carry per-title heads and framing rules that a cached shell would lose.
 * - Hashed files under /assets/ are answered from the cache, and lazy chunks are added when first fetched.
 * - NEVER touches /api/*, /v/*, other origins, non-GET requests or requests with a Range header: the event
 *   is left alone (no respondWith), so the browser fetches them exactly as without a service worker.
 */

declare const self: ServiceWorkerGlobalScope;
/** Replaced at build time: the shell's paths and a hash of their contents. */
declare const __REEL_PRECACHE__: string[];
declare const __REEL_VERSION__: string;

const VERSION = __REEL_VERSION__;
const SHELL_CACHE = `reel-shell-${VERSION}`;
const ASSET_CACHE = `reel-assets-${VERSION}`;
const OFFLINE_PAGE = '/offline.html';
const PRECACHED = new Set(__REEL_PRECACHE__);

self.addEventListener('install', (event) => {
  event.waitUntil(precache());
});

/**
 * Stores every shell file under its own path. The assets layer answers `/index.html` and `/offline.html`
 * with a redirect to `/` and `/offline` (Workers Static Assets html_handling), and a redirected response
 * must never answer a navigation (Fetch, "HTTP fetch": a response with more than one URL is a network error
 * for a request whose redirect mode is not "follow", and navigations use "manual"): store those unredirected.
 */
async function precache(): Promise<void> {
  const cache = await caches.open(SHELL_CACHE);
  await Promise.all(
    __REEL_PRECACHE__.map(async (path) => {
      // `cache: 'reload'`: an HTTP-cache copy from an older deploy must never seed this version's shell.
      const response = await fetch(path, { cache: 'reload' });
      if (!response.ok) throw new Error(`precache ${path}: HTTP ${response.status}`);
      await cache.put(path, response.redirected ? await unredirected(response) : response);
    }),
  );
}

async function unredirected(response: Response): Promise<Response> {
  const { status, statusText, headers } = response;
  return new Response(await response.blob(), { status, statusText, headers });
}

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      await self.registration.navigationPreload?.enable();
      // Older versions' caches go once no page uses them (no skipWaiting: an open tab keeps its version).
      const keep = new Set([SHELL_CACHE, ASSET_CACHE]);
      const names = await caches.keys();
      await Promise.all(
        names.filter((n) => n.startsWith('reel-') && !keep.has(n)).map((n) => caches.delete(n)),
      );
    })(),
  );
});

/** Requests the worker must leave to the browser: media, the API, ranges, writes, other origins. */
function isBypassed(request: Request, scopeOrigin: string): boolean {
  if (request.method !== 'GET' || request.headers.has('range')) return true;
  const url = new URL(request.url);
  if (url.origin !== scopeOrigin) return true;
  return url.pathname.startsWith('/api/') || url.pathname.startsWith('/v/');
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (isBypassed(request, self.location.origin)) return;
  if (request.mode === 'navigate') {
    event.respondWith(navigate(event));
    return;
  }
  const { pathname } = new URL(request.url);
  if (PRECACHED.has(pathname) || pathname.startsWith('/assets/')) event.respondWith(cacheFirst(event));
});

async function navigate(event: FetchEvent): Promise<Response> {
  try {
    const preloaded: Response | undefined = await event.preloadResponse;
    return preloaded ?? (await fetch(event.request));
  } catch {
    // Offline (or the server is unreachable): a page that says so, instead of the browser's error page.
    const offline = await caches.match(OFFLINE_PAGE);
    return (
      offline ?? new Response('You are offline.', { status: 503, headers: { 'content-type': 'text/plain' } })
    );
  }
}

async function cacheFirst(event: FetchEvent): Promise<Response> {
  const { request } = event;
  const hit = await caches.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  // Content-hashed names never change meaning, so a lazy chunk fetched once is good for this version.
  if (response.ok && new URL(request.url).pathname.startsWith('/assets/')) {
    const copy = response.clone();
    event.waitUntil(caches.open(ASSET_CACHE).then((cache) => cache.put(request, copy)));
  }
  return response;
}

// A module for the type checker (so `self` can be declared); the build emits a classic script.
export {};
