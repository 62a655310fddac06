/**
 * `npm run bench` (the "Viewer app" section): time to first frame of the watch page, from navigation start
 * to the first `timeupdate` with currentTime > 0, over cold loads (a fresh browser context each: empty HTTP
 * cache, no service worker, signed out) of /watch/{id} of a title the real transcoder built, against a plain
 * page playing the same media-worker URLs with hls.js alone, alternating in the same run; plus where the
 * time went and the app's JavaScript gzipped. Needs FFmpeg and Chromium; never runs in CI.
 * `BENCH_TTFF_LOADS` sets the loads per page (default 12).
 */
import os from 'node:os';
import { type Browser, chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, HAS_CHROMIUM, startPlatform } from '../e2e/browser.ts';
import { makeClip, settled, signUp, startTranscoder, uploadVideo, waitForVideo } from '../e2e/media-kit.ts';
import { buildApp } from '../scripts/lib.ts';
import { cleanupAll, freePort, onCleanup, tempDir } from './playback-lib.ts';
import { writeBenchmarkSection } from './report.ts';
import { coldLoad, startPlainServer } from './ttff-pages.ts';
import { type Run, report } from './ttff-report.ts';

const SECTION = 'Viewer app';
const PORT = 8844;
const LOADS = Number(process.env.BENCH_TTFF_LOADS ?? 12);
const CLIP = { seconds: 20, size: '1280x720' };

type Platform = Awaited<ReturnType<typeof startPlatform>>;

/** A public title published by the real transcoder from an FFmpeg-made 720p clip. */
async function publishTitle(platform: Platform, scratch: string): Promise<string> {
  // FFmpeg first: it blocks the event loop long enough for the server to drop an idle keep-alive socket.
  const clip = makeClip(scratch, 'ttff.mp4', CLIP);
  const creator = await signUp(platform, 'ttff');
  const transcoder = startTranscoder(platform, scratch);
  onCleanup(() => void transcoder.kill('SIGKILL'));
  try {
    const id = await uploadVideo(creator, clip, { title: 'Time to first frame' });
    const video = await waitForVideo(creator, id, settled, 300_000);
    if (video.status !== 'ready') throw new Error(`transcode failed: ${JSON.stringify(video.failureReason)}`);
    return id;
  } finally {
    transcoder.kill('SIGKILL');
  }
}

/** The master a signed-out desktop viewer gets: its variant count and start rung, for the report. */
async function ladderOf(platform: Platform, id: string): Promise<string> {
  const grant = (await (
    await fetch(`${platform.baseUrl}/api/videos/${id}/playback`, { method: 'POST' })
  ).json()) as {
    manifestUrl: string;
  };
  const master = await (await fetch(grant.manifestUrl)).text();
  const sizes = [...master.matchAll(/RESOLUTION=(\d+x\d+)/g)].map((m) => m[1]);
  return `${sizes.length} H.264 variants, starting at ${sizes[0]} (${sizes.join(', ')})`;
}

async function measure(browser: Browser, pages: { app: string; plain: string }, grantPath: string) {
  const run: Run = { app: [], plain: [], failures: { app: [], plain: [] } };
  const once = (which: 'app' | 'plain') =>
    coldLoad(browser, pages[which], which === 'app' ? grantPath : '/grant');
  // Warm-up, not counted: the worker isolates, D1 and the media worker's cache (both pages hit it after).
  await once('app');
  await once('plain');
  for (let i = 0; i < LOADS; i++) {
    const order: ('app' | 'plain')[] = i % 2 === 0 ? ['app', 'plain'] : ['plain', 'app'];
    for (const which of order) {
      const t = await once(which);
      const label = `load ${i + 1}/${LOADS} ${which.padEnd(5)}`;
      if ('failed' in t) {
        run.failures[which].push(t.failed);
        console.log(`${label} NO FRAME within the limit: ${t.failed}`);
      } else {
        run[which].push(t);
        console.log(`${label} first frame ${Math.round(t.firstFrame)} ms`);
      }
    }
  }
  return run;
}

/** The app, a platform with the title, the plain page and a browser; all stopped by cleanupAll (and Ctrl-C). */
async function setUp() {
  buildApp();
  const scratch = tempDir('ttff');
  const platform = await startPlatform(PORT);
  onCleanup(platform.stop);
  const id = await publishTitle(platform, scratch);
  const plain = await startPlainServer(platform.baseUrl, id, await freePort());
  onCleanup(plain.close);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  onCleanup(() => browser.close());
  return { platform, id, pages: { app: `${platform.baseUrl}/watch/${id}`, plain: plain.url }, browser };
}

async function main(): Promise<void> {
  if (!HAS_CHROMIUM) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`);
  try {
    const { platform, id, pages, browser } = await setUp();
    const loadBefore = os.loadavg()[0] ?? 0;
    const run = await measure(browser, pages, `/api/videos/${id}/playback`);
    const load = `load average ${loadBefore.toFixed(1)} → ${(os.loadavg()[0] ?? 0).toFixed(1)} during the loads`;
    const cpu = os.cpus()[0]?.model ?? 'CPU';
    const how =
      `Machine: ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()}, ${load}; ` +
      `Chromium ${browser.version()} headless; \`wrangler dev\` on localhost (no network shaping), the API and media ` +
      `worker on one origin, the plain page on another. Title: a ${CLIP.seconds} s ${CLIP.size} FFmpeg test ` +
      `pattern built by the real transcoder: ${await ladderOf(platform, id)}. ${LOADS} cold loads per page ` +
      `(fresh browser context: empty HTTP cache, no service worker, signed out), alternating, after one ` +
      `uncounted warm-up each; ${new Date().toISOString().slice(0, 10)}.`;
    const body = report(run, how);
    console.log(`\n## ${SECTION}\n\n${body}\n`);
    writeBenchmarkSection(SECTION, body);
  } finally {
    await cleanupAll();
  }
}

await main();
