/**
 * Edge playback on the real platform: FFmpeg and Chromium (hls.js, dash.js) play through signed media URLs
 * of titles the real transcoder published; tampered tokens and the HD key of a protected title are refused.
 */
import { type ChildProcess, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { PlaybackGrant } from '@reel/contracts';
import type { Page } from 'playwright-core';
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
const scratch = mkdtempSync(path.join(tmpdir(), 'reel-playback-'));
let platform: Platform;
let client: Client;
let transcoder: ChildProcess;
const ids = { clear: '', protected: '' };

/** A signed-out grant: free public titles play without an account (and take no stream slot). */
async function grant(videoId: string): Promise<PlaybackGrant> {
  const res = await fetch(`${platform.baseUrl}/api/videos/${videoId}/playback`, { method: 'POST' });
  if (!res.ok) throw new Error(`playback: ${res.status} ${await res.text()}`);
  return (await res.json()) as PlaybackGrant;
}

const ffmpegReads = (url: string) =>
  spawnSync('ffmpeg', ['-v', 'error', '-i', url, '-c', 'copy', '-f', 'null', '-'], { encoding: 'utf8' });

beforeAll(async () => {
  platform = await startPlatform(8797);
  client = await signUp(platform, 'playback');
  transcoder = startTranscoder(platform, scratch);
  ids.clear = await uploadVideo(client, makeClip(scratch, 'clear.mp4', { seconds: 6 }), { title: 'Clear' });
  // 1080p so the ladder has an HD rung, encrypted with the HD key.
  const hd = makeClip(scratch, 'hd.mp4', { seconds: 4, size: '1920x1080' });
  ids.protected = await uploadVideo(client, hd, { title: 'Protected', protected: true });
  for (const id of Object.values(ids)) {
    expect((await waitForVideo(client, id, settled, 150_000)).status).toBe('ready');
  }
}, 240_000);

afterAll(() => {
  transcoder?.kill('SIGKILL');
  platform?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

describe('signed media URLs on the real platform', () => {
  it('FFmpeg reads the whole title through the signed path, and nothing with a tampered token', async () => {
    const { manifestUrl } = await grant(ids.clear);
    const ok = ffmpegReads(manifestUrl);
    expect(ok.status, ok.stderr).toBe(0);
    const [head, payload, mac] = manifestUrl.split('/').at(-2)?.split('.') ?? [];
    const flipped = `${mac?.slice(0, 10)}${mac?.[10] === 'A' ? 'B' : 'A'}${mac?.slice(11)}`;
    const tampered = ffmpegReads(
      manifestUrl.replace(`${head}.${payload}.${mac}`, `${head}.${payload}.${flipped}`),
    );
    expect(tampered.status).not.toBe(0);
    expect(tampered.stderr).toMatch(/403/);
  });

  it('refuses the HD rung and the HD key of a protected title to software playback', async () => {
    const g = await grant(ids.protected);
    expect(g.policy).toMatchObject({ maxShortSide: 720, encrypted: true });
    expect(g.dashUrl).toBeNull();
    const master = await (await fetch(g.manifestUrl)).text();
    expect(master).toContain('h264-720/index.m3u8');
    expect(master).not.toContain('h264-1080');
    const base = g.manifestUrl.replace('/master.m3u8', '');
    expect((await fetch(`${base}/h264-1080/seg_0.m4s`)).status).toBe(403);
    expect((await fetch(`${base}/keys/hd.key`)).status).toBe(403);
    expect((await fetch(`${base}/keys/sd.key`)).status).toBe(200);
  });
});

describe.skipIf(!HAS_CHROMIUM)('players in Chromium', () => {
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** A page on the platform's origin with a muted <video> and one player library loaded. */
  async function playerPage(script: string): Promise<Page> {
    const page = await browser.context.newPage();
    await page.goto(`${platform.baseUrl}/`);
    await page.evaluate(() => {
      document.body.innerHTML = '<video id="v" muted playsinline style="width:640px"></video>';
    });
    await page.addScriptTag({ path: script });
    return page;
  }

  const advanced = (page: Page) =>
    page.waitForFunction(() => (document.querySelector('video')?.currentTime ?? 0) > 1, null, {
      timeout: 30_000,
    });

  it('hls.js plays the protected title at 720p or below; the HD key is refused from the page', async () => {
    const g = await grant(ids.protected);
    const page = await playerPage('node_modules/hls.js/dist/hls.min.js');
    const levels = await page.evaluate(async (url) => {
      const video = document.querySelector('video') as HTMLVideoElement;
      const hls = new window.Hls();
      hls.loadSource(url);
      hls.attachMedia(video);
      await new Promise((resolve) => hls.on(window.Hls.Events.MANIFEST_PARSED, resolve));
      await video.play();
      return hls.levels.map((l: { height: number }) => l.height);
    }, g.manifestUrl);
    await advanced(page);
    expect(Math.max(...levels)).toBe(720);
    const statuses = await page.evaluate(async (url) => {
      const base = url.replace('/master.m3u8', '');
      const hd = await fetch(`${base}/keys/hd.key`);
      const sd = await fetch(`${base}/keys/sd.key`);
      return { hd: hd.status, sd: sd.status };
    }, g.manifestUrl);
    expect(statuses).toEqual({ hd: 403, sd: 200 });
    await page.screenshot({ path: `${SHOTS}/playback-protected-hlsjs.png` });
  });

  it("dash.js plays a clear title's MPD", async () => {
    const g = await grant(ids.clear);
    const page = await playerPage('node_modules/dashjs/dist/modern/umd/dash.all.min.js');
    await page.evaluate((url) => {
      const player = window.dashjs.MediaPlayer().create();
      player.initialize(document.querySelector('video'), url, true);
    }, g.dashUrl ?? '');
    await advanced(page);
    await page.screenshot({ path: `${SHOTS}/playback-clear-dashjs.png` });
  });
});
