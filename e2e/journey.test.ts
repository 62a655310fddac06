/**
 * The new user's journey from issue 5's Proof, in Chromium against the real platform and transcoder, done
 * as a person would: open the studio, create an account, create a video, upload a clip of three tus
 * chunks through the studio on a throttled link (the bar visibly moves), wait until it is ready, open it
 * on /watch/{id} and watch it play. Screenshots: e2e/screenshots/journey-*.png.
 */
import { type ChildProcess, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, launchBrowser, startPlatform } from './browser.ts';
import { type Platform, startTranscoder } from './media-kit.ts';

const PORT = 8832;
const SHOTS = 'e2e/screenshots';
/** docs/UPLOADS.md: targets announce 16 MiB chunks; the clip must need at least three PATCHes. */
const CHUNK = 16 * 1024 * 1024;

const scratch = mkdtempSync(path.join(tmpdir(), 'reel-journey-'));
let platform: Platform;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let transcoder: ChildProcess | undefined;

/** Four seconds of lossless noise: about 42 MB (three PATCHes), yet only 4 s of 360p to transcode. */
function makeNoisyClip(file: string): string {
  execFileSync('ffmpeg', [
    ...['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=24:duration=4'],
    ...['-f', 'lavfi', '-i', 'sine=frequency=440:duration=4', '-vf', 'noise=alls=60:allf=t'],
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-qp', '0', '-c:a', 'aac', '-shortest', file],
  ]);
  return file;
}

async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  // Let bar widths finish their 0.3 s transition, so the picture matches the numbers.
  await page.waitForTimeout(350);
  await page.screenshot({ path: `${SHOTS}/journey-${name}.png`, fullPage: true });
}

/** Every value the upload bar shows, sampled in the page every 50 ms. */
async function sampleUploadBar(page: Page): Promise<() => Promise<number[]>> {
  await page.evaluate(() => {
    const seen: number[] = [];
    Reflect.set(window, 'journeySeen', seen);
    setInterval(() => {
      const bar = document.querySelector('[role="progressbar"][aria-label="Upload progress"]');
      const value = bar?.getAttribute('aria-valuenow');
      if (value != null && seen.at(-1) !== Number(value)) seen.push(Number(value));
    }, 50);
  });
  return () => page.evaluate(() => [...(Reflect.get(window, 'journeySeen') as number[])]);
}

const currentTime = (page: Page) => page.evaluate(() => document.querySelector('video')?.currentTime ?? -1);

describe.skipIf(!HAS_CHROMIUM)('a new user: sign up, upload through the studio, watch', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    platform = await startPlatform(PORT);
    transcoder = startTranscoder(platform, scratch);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    transcoder?.kill('SIGKILL');
    await browser?.close();
    platform?.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('signs up, creates a video, uploads it in three chunks, and plays it once ready', async () => {
    const clip = makeNoisyClip(path.join(scratch, 'first-video.mp4'));
    expect(statSync(clip).size).toBeGreaterThan(2 * CHUNK);
    const page = await browser.context.newPage();
    const main = page.locator('main');

    // The studio asks a signed-out visitor to sign in or create an account, and comes back after.
    await page.goto(`${platform.baseUrl}/studio`);
    await main.getByRole('link', { name: 'Create an account' }).click();
    await main.getByLabel('Your name').fill('Nora New');
    await main.getByLabel('Email').fill(`nora-${Date.now()}@example.com`);
    await main.getByLabel('Password').fill('a long enough password');
    await shot(page, '1-sign-up');
    await main.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL(`${platform.baseUrl}/studio`);
    await main.getByText('No videos yet').waitFor();

    await main.getByRole('button', { name: 'New video' }).click();
    const form = page.getByRole('region', { name: 'New video' });
    await form.getByLabel('Title', { exact: true }).fill('My first video');
    await form.getByLabel('Visibility').selectOption('public');
    await form.getByRole('button', { name: 'Create and upload' }).click();
    await page.waitForURL(/\/studio\/[A-Za-z0-9_-]{16}$/);
    const videoId = new URL(page.url()).pathname.split('/').pop() ?? '';

    // A 6 MiB/s uplink: the 42 MB upload takes several seconds, long enough to watch the bar move.
    const cdp = await browser.context.newCDPSession(page);
    const link = 6 * 1024 * 1024;
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 20,
      downloadThroughput: link,
      uploadThroughput: link,
    });
    const patches: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'PATCH' && r.url().includes('/api/uploads/tus/')) patches.push(r.url());
    });
    const seen = await sampleUploadBar(page);
    await main.getByLabel(/Choose a video file/).setInputFiles(clip);
    await expect
      .poll(
        async () =>
          Number(
            await main.getByRole('progressbar', { name: 'Upload progress' }).getAttribute('aria-valuenow'),
          ),
        {
          timeout: 60_000,
          interval: 100,
        },
      )
      .toBeGreaterThan(30);
    await shot(page, '2-uploading');
    await main.getByTestId('ready').waitFor({ timeout: 150_000 });
    await shot(page, '3-ready');
    const percents = (await seen()).filter((p) => p > 0 && p < 100);
    expect(new Set(percents).size).toBeGreaterThanOrEqual(3);
    expect(patches.length).toBeGreaterThanOrEqual(3);

    // Off the throttle, then to the watch page as the studio links it.
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    await main.getByRole('link', { name: 'Watch', exact: true }).click();
    await page.waitForURL(`${platform.baseUrl}/watch/${videoId}`);
    await page.waitForFunction(() => (document.querySelector('video')?.currentTime ?? 0) > 0.5, undefined, {
      timeout: 30_000,
    });
    const first = await currentTime(page);
    await page.waitForTimeout(1000);
    expect(await currentTime(page)).toBeGreaterThan(first);
    await shot(page, '4-watching');
  }, 240_000);
});
