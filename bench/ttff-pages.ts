/**
 * The two pages `bench/ttff.ts` loads, and what it reads from them: the app's /watch/{id}, and a plain page
 * that plays the same media-worker URLs with nothing but hls.js. Timings come from the page itself
 * (Navigation and Resource Timing, relative to navigation start) plus one capturing `timeupdate` listener
 * installed before any page script runs.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';

/** Milliseconds since navigation start at which each step ended (null: the page never did it). */
export type LoadTimings = {
  firstFrame: number;
  /** DOMContentLoaded: module and deferred scripts have executed (HTML §8.1.4.4), i.e. the page booted. */
  boot: number;
  grantStart: number | null;
  grantEnd: number | null;
  masterEnd: number | null;
  firstSegmentEnd: number | null;
  /** Same-origin scripts the page fetched before its first frame (paths), to size them from dist. */
  scripts: string[];
};

declare global {
  interface Window {
    __reelFirstFrame?: Promise<number>;
  }
}

/** Runs in every document before its own scripts: resolves at the first `timeupdate` with currentTime > 0. */
function installProbe(): void {
  window.__reelFirstFrame = new Promise((resolve) => {
    // Media events do not bubble, so listen in the capture phase on the document.
    document.addEventListener(
      'timeupdate',
      (event) => {
        if (event.target instanceof HTMLMediaElement && event.target.currentTime > 0)
          resolve(performance.now());
      },
      true,
    );
  });
}

/** Reads the page's timings once it has shown a frame; `grantPath` tells the grant request apart. */
function readTimings(args: { grantPath: string; firstFrame: number }): LoadTimings {
  const [nav] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
  const resources = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter(
    (r) => r.responseEnd <= args.firstFrame,
  );
  const first = (test: (url: URL) => boolean) =>
    resources.filter((r) => test(new URL(r.name))).sort((a, b) => a.responseEnd - b.responseEnd)[0];
  const grant = first((u) => u.pathname === args.grantPath);
  const master = first((u) => u.pathname.endsWith('/master.m3u8'));
  const segment = first((u) => u.pathname.endsWith('.m4s'));
  const scripts = resources
    .map((r) => new URL(r.name))
    .filter((u) => u.origin === location.origin && u.pathname.endsWith('.js'))
    .map((u) => u.pathname);
  return {
    firstFrame: args.firstFrame,
    boot: nav?.domContentLoadedEventStart ?? Number.NaN,
    grantStart: grant?.startTime ?? null,
    grantEnd: grant?.responseEnd ?? null,
    masterEnd: master?.responseEnd ?? null,
    firstSegmentEnd: segment?.responseEnd ?? null,
    scripts,
  };
}

/** What a page that never played shows: its video element's state and the start of its text. */
function describeStall(): string {
  const v = document.querySelector('video');
  const video = v
    ? `readyState ${v.readyState}, paused ${v.paused}, currentTime ${v.currentTime}, error ${v.error?.code ?? 'none'}`
    : 'no <video>';
  return `${video}; page says: ${document.body.innerText.replace(/\s+/g, ' ').slice(0, 160)}`;
}

/** A load that showed no frame within the limit: counted as a start failure, with what the page showed. */
export type FailedLoad = { failed: string };

const FRAME_LIMIT_MS = 30_000;

/**
 * One cold load: a fresh browser context (empty HTTP cache, no service worker, no cookies: a first-time,
 * signed-out visitor), navigation to `url`, then the timings once the first frame has played.
 */
export async function coldLoad(
  browser: Browser,
  url: string,
  grantPath: string,
): Promise<LoadTimings | FailedLoad> {
  const context = await browser.newContext();
  try {
    await context.addInitScript(installProbe);
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'commit' });
    const firstFrame = await page.evaluate(
      (limit) =>
        Promise.race([
          window.__reelFirstFrame ?? Promise.resolve(null),
          new Promise<null>((resolve) => setTimeout(() => resolve(null), limit)),
        ]),
      FRAME_LIMIT_MS,
    );
    if (firstFrame === null) return { failed: await page.evaluate(describeStall) };
    return await page.evaluate(readTimings, { grantPath, firstFrame });
  } finally {
    await context.close();
  }
}

/** The plain page: a muted autoplaying <video>, hls.js from node_modules, one grant, nothing else. */
const PLAIN_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>plain hls.js</title></head>
<body style="margin:0;background:#000">
<video id="v" muted autoplay playsinline style="width:100%"></video>
<script src="/hls.min.js"></script>
<script>
  fetch('/grant', { method: 'POST' }).then((r) => r.json()).then((grant) => {
    const video = document.getElementById('v');
    const hls = new Hls();
    hls.loadSource(grant.manifestUrl);
    hls.attachMedia(video);
    video.play().catch(() => {});
  });
</script>
</body></html>`;

/**
 * Serves the plain page on its own origin. `/grant` asks the platform for a signed-out playback grant
 * server-side (the API sends no CORS headers; media URLs carry `Access-Control-Allow-Origin: *`), so the
 * page makes the same single grant request the app makes, one local hop longer.
 */
export async function startPlainServer(platformUrl: string, videoId: string, port: number) {
  const hls = readFileSync('node_modules/hls.js/dist/hls.min.js');
  const server = http.createServer(async (req, res) => {
    if (req.url === '/hls.min.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(hls);
    } else if (req.url === '/grant' && req.method === 'POST') {
      const grant = await fetch(`${platformUrl}/api/videos/${videoId}/playback`, { method: 'POST' });
      res.writeHead(grant.status, { 'content-type': 'application/json' }).end(await grant.text());
    } else {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PLAIN_HTML);
    }
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
