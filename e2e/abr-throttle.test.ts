/**
 * Reel's ABR in Chromium against the real platform (issue 6, "Proof"): a 720p title transcoded for real
 * (720/480/360/240, 4 s segments) plays on a good link; the link is throttled mid-playback with CDP
 * `Network.emulateNetworkConditions`; the player must step down without a stall, step back up when the
 * link recovers, and its QoE beacons (and the rollup the cron makes of them) must say so.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { QoeReport } from '@reel/contracts';
import type { Beacon } from '@reel/metrics';
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, launchBrowser, startPlatform } from './browser.ts';
import {
  type Client,
  makeClip,
  type Platform,
  settled,
  signUp,
  startTranscoder,
  uploadVideo,
  waitForVideo,
} from './media-kit.ts';

const SHOTS = 'e2e/screenshots';
const CLIP_S = 60;
const GOOD_KBPS = 20_000;
const THROTTLED_KBPS = 600;
/**
 * Buffer ahead when the link drops. hls.js's abandonment rule judges an in-flight fragment by its average
 * rate since the request, so a 720p fragment (1.4 MB, 19 s at 600 kbit/s) that began on the fast link may
 * be left to finish; with 20 s buffered it finishes before the buffer runs out, whatever it decides.
 */
const AHEAD_AT_THROTTLE_S = 20;
/** Video segments of a lower rung fetched while throttled before the link comes back. */
const LOW_SEGMENTS = 2;

/** What the page records: media events of the <video>, with wall-clock times (Date.now()). */
type MediaEvent = { type: string; at: number; time: number; height: number; ahead: number };
declare global {
  interface Window {
    __media: MediaEvent[];
  }
}

/** A video segment request: its rung (`h264-360` → 360), when it finished, and hls.js's CMCD query. */
type Segment = { at: number; doneAt: number | null; shortSide: number; cmcd: string | null };

/** CDP throttling of the page's requests; `kbps` is kilobits per second. */
async function throttle(cdp: CDPSession, kbps: number) {
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 20,
    downloadThroughput: (kbps * 1000) / 8,
    uploadThroughput: (kbps * 1000) / 8,
  });
}

/** Seconds buffered ahead of the playhead, the playhead and the height on screen. */
const playback = (page: Page) =>
  page.evaluate(() => {
    const v = document.querySelector('video');
    if (!v) return { ahead: 0, time: 0, height: 0 };
    let end = v.currentTime;
    for (let i = 0; i < v.buffered.length; i++) {
      if (v.buffered.start(i) <= v.currentTime + 0.5 && v.currentTime <= v.buffered.end(i))
        end = v.buffered.end(i);
    }
    return { ahead: end - v.currentTime, time: v.currentTime, height: v.videoHeight };
  });

async function until<T>(what: string, probe: () => Promise<T> | T, ok: (v: T) => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** `wrangler dev` sometimes drops a kept-alive connection under load ("other side closed"): try again. */
async function withRetry<T>(run: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await run();
    } catch (err) {
      if (i >= attempts || !(err instanceof TypeError)) throw err;
      console.warn(`retrying after ${String(err)}`);
    }
  }
}

/** Records video segment requests and QoE beacons as the page sends them. */
function watchRequests(page: Page) {
  const segments: Segment[] = [];
  const beacons: Beacon[] = [];
  const byRequest = new Map<object, Segment>();
  page.on('request', (req) => {
    const url = new URL(req.url());
    const rung = /\/h264-(\d+)\/[^/]+\.m4s$/.exec(url.pathname);
    if (rung) {
      const s = {
        at: Date.now(),
        doneAt: null,
        shortSide: Number(rung[1]),
        cmcd: url.searchParams.get('CMCD'),
      };
      segments.push(s);
      byRequest.set(req, s);
    }
    if (url.pathname === '/api/qoe/beacons' && req.method() === 'POST') {
      beacons.push(...(JSON.parse(req.postData() ?? '{}') as { beacons: Beacon[] }).beacons);
    }
  });
  page.on('requestfinished', (req) => {
    const s = byRequest.get(req);
    if (s) s.doneAt = Date.now();
  });
  return { segments, beacons };
}

describe.skipIf(!HAS_CHROMIUM)('Reel ABR under a throttled link', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'reel-abr-'));
  let platform: Platform;
  let creator: Client;
  let videoId = '';

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const clip = makeClip(scratch, 'abr.mp4', { seconds: CLIP_S, size: '1280x720' });
    platform = await startPlatform(8860);
    creator = await signUp(platform, 'abr-creator');
    const transcoder = startTranscoder(platform, scratch);
    try {
      videoId = await withRetry(() => uploadVideo(creator, clip, { title: 'Throttled' }));
      expect((await waitForVideo(creator, videoId, settled, 420_000)).status).toBe('ready');
    } finally {
      transcoder.kill('SIGKILL');
    }
  }, 480_000);

  afterAll(() => {
    platform?.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('steps down without a stall when the link drops, steps back up, and the beacons report it', async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      // Large enough that capLevelToPlayerSize allows the 720p rung.
      await page.setViewportSize({ width: 1920, height: 1080 });
      const { segments, beacons } = watchRequests(page);
      await page.addInitScript(() => {
        window.__media = [];
        for (const type of ['waiting', 'seeking', 'resize']) {
          document.addEventListener(
            type,
            (e) => {
              const v = e.target;
              if (!(v instanceof HTMLVideoElement)) return;
              let ahead = 0;
              for (let i = 0; i < v.buffered.length; i++) {
                const [start, end] = [v.buffered.start(i), v.buffered.end(i)];
                if (start <= v.currentTime && v.currentTime < end) ahead = end - v.currentTime;
              }
              window.__media.push({
                type,
                at: Date.now(),
                time: v.currentTime,
                height: v.videoHeight,
                ahead,
              });
            },
            true,
          );
        }
      });
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Network.enable');
      await throttle(cdp, GOOD_KBPS);

      // A good link: Reel plays 720p and builds a buffer.
      const t0 = Date.now();
      await page.goto(`${platform.baseUrl}/watch/${videoId}`);
      const before = await until(
        `720p with ${AHEAD_AT_THROTTLE_S} s buffered`,
        () => playback(page),
        (p) => p.height === 720 && p.ahead >= AHEAD_AT_THROTTLE_S,
        60_000,
      );

      // The link drops to 600 kbit/s: Reel fetches a lower rung.
      const throttledAt = Date.now();
      await throttle(cdp, THROTTLED_KBPS);
      const lowDone = () =>
        segments.filter((s) => s.at >= throttledAt && s.shortSide < 720 && s.doneAt !== null);
      await until('lower-rung segments', lowDone, (low) => low.length >= LOW_SEGMENTS, 60_000);
      const during = await playback(page);

      // The link recovers; the step down reaches the screen, then the step back up.
      const restoredAt = Date.now();
      await throttle(cdp, GOOD_KBPS);
      const heights = async () =>
        (await page.evaluate(() => window.__media))
          .filter((m) => m.type === 'resize' && m.at >= throttledAt)
          .map((m) => ({ at: m.at, height: m.height, time: m.time }));
      await until('a step down on screen', heights, (hs) => (hs[0]?.height ?? 720) < 720, 60_000);
      await page.screenshot({ path: `${SHOTS}/abr-throttle-down.png` });
      const shown = await until(
        'a step down then a step up on screen',
        heights,
        (hs) => hs.some((h, i) => i > 0 && h.height > (hs[i - 1]?.height ?? 0)),
        60_000,
      );
      const down = shown[0];
      const up = shown.find((h, i) => i > 0 && h.height > (shown[i - 1]?.height ?? 0));
      if (!down || !up) throw new Error('no switch on screen');
      await page.screenshot({ path: `${SHOTS}/abr-throttle-up.png` });
      const media = await page.evaluate(() => window.__media);

      const rungsBetween = (from: number, to: number) => [
        ...new Set(segments.filter((s) => s.at >= from && s.at < to).map((s) => s.shortSide)),
      ];
      const requested = {
        good: rungsBetween(0, throttledAt),
        throttled: rungsBetween(throttledAt, restoredAt),
        restored: rungsBetween(restoredAt, up.at),
      };
      const s = (ms: number) => Number((ms / 1000).toFixed(1));
      console.log(
        `ABR under throttling: ${JSON.stringify({
          toThrottleS: s(throttledAt - t0),
          atThrottle: { playheadS: s(before.time * 1000), aheadS: s(before.ahead * 1000) },
          throttledForS: s(restoredAt - throttledAt),
          atRestore: { playheadS: s(during.time * 1000), aheadS: s(during.ahead * 1000) },
          requested,
          onScreen: shown.map((h) => `${h.height}p at ${h.time.toFixed(1)} s (+${s(h.at - throttledAt)} s)`),
        })}`,
      );

      // No stall for data from the throttle on: every `waiting` (if any) had data buffered ahead.
      const waits = media.filter((m) => m.type === 'waiting' && m.at >= throttledAt && m.at <= up.at);
      if (waits.length > 0) console.log(`waiting events with data ahead: ${JSON.stringify(waits)}`);
      expect(waits.filter((w) => w.ahead < 0.5)).toEqual([]);
      expect(media.filter((m) => m.type === 'seeking' && m.at >= throttledAt)).toEqual([]);
      expect(down.height).toBeLessThan(720);
      expect(up.height).toBeGreaterThan(down.height);
      expect(Math.max(...requested.throttled)).toBeLessThanOrEqual(720);
      expect(Math.max(...requested.restored)).toBeGreaterThan(Math.min(...requested.throttled));
      // hls.js sends CMCD in the query of every media request.
      expect(segments.every((x) => x.cmcd?.includes('ot=v') && /(^|,)br=\d+/.test(x.cmcd))).toBe(true);

      // The beacons report the step down and back up (renditionchange) and no rebuffering. Ordinary beacons
      // leave in batches within 5 s; the rendition each one reports, consecutive repeats dropped, must go
      // from 720 to lower and back higher.
      const sidesOf = () =>
        beacons
          .filter((b) => b.videoId === videoId)
          .map((b) => b.measures.shortSide ?? 0)
          .filter((side, i, all) => side > 0 && side !== all[i - 1]);
      const steppedBack = (sides: number[]) => {
        const low = sides.findIndex((side, i) => i > sides.indexOf(720) && side < 720);
        return low > 0 && sides.slice(low + 1).some((side) => side > (sides[low] ?? 0));
      };
      const sides = await until('beacons with both switches', sidesOf, steppedBack, 15_000);
      const mine = beacons.filter((b) => b.videoId === videoId);
      const latest = mine.at(-1)?.measures;
      console.log(`beacons: ${mine.map((b) => b.event).join(' ')}; renditions ${sides.join(' → ')}`);
      console.log(`latest totals: ${JSON.stringify(latest)}`);
      expect(mine.filter((b) => b.event === 'renditionchange').length).toBeGreaterThanOrEqual(2);
      expect(mine.some((b) => b.event === 'rebufferstart')).toBe(false);
      expect(latest?.rebufferCount).toBe(0);
      expect(mine.find((b) => b.event === 'playing')?.measures.startupMs).toBeGreaterThan(0);

      // Leaving the page sends the view's last beacon with sendBeacon on pagehide. Playwright does not see
      // requests of a page being unloaded, so it is read back from the API: the cron's rollup must hold
      // more watch time than the last beacon seen here.
      await page.goto('about:blank');
      const rollup = async () => {
        // wrangler dev --test-scheduled runs the cron here (`/__scheduled` is only the SPA's fallback page).
        const cron = await fetch(`${platform.baseUrl}/cdn-cgi/handler/scheduled?cron=*/15+*+*+*+*`);
        expect(await cron.text()).toBe('ok');
        return (await creator.api<QoeReport>('GET', `/api/qoe?videoId=${videoId}`)).totals;
      };
      const totals = await until(
        'the rollup of the whole view',
        rollup,
        (t) => t.watchMs > (latest?.watchMs ?? 0),
        20_000,
      );
      console.log(`rollup: ${JSON.stringify(totals)}`);
      expect(totals).toMatchObject({
        views: 1,
        starts: 1,
        startFailures: 0,
        rebufferCount: 0,
        rebufferRatio: 0,
      });
      expect(totals.switchesPerView).toBeGreaterThanOrEqual(2);
      expect(totals.startupAvgMs).toBe(mine.find((b) => b.event === 'playing')?.measures.startupMs);
      // Time-weighted between the 240p and the 720p rung's BANDWIDTH.
      const rates = mine.map((b) => b.measures.bitrateKbps ?? 0).filter((k) => k > 0);
      expect(totals.avgBitrateKbps).toBeGreaterThan(Math.min(...rates));
      expect(totals.avgBitrateKbps).toBeLessThan(Math.max(...rates));
    } finally {
      await browser.close();
    }
  }, 240_000);
});
