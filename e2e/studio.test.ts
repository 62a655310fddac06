/**
 * The creator studio in Chromium against the real platform: a new creator creates a video, uploads a
 * clip of at least three tus chunks through the file input on a throttled link, loses the connection
 * mid-chunk and sees the upload resume from the server's offset and finish, watches the real transcoder's
 * progress until the video is ready, then edits the title, adds chapters and subtitles, and sees a broken
 * upload's failure reason. Screenshots of every state go to e2e/screenshots/studio-*.png.
 */
import { type ChildProcess, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, launchBrowser, startPlatform } from './browser.ts';
import { makeClip, type Platform, startTranscoder } from './media-kit.ts';

/** The browser talks to the relay on APP_PORT; the platform itself listens on PLATFORM_PORT. */
const APP_PORT = 8830;
const PLATFORM_PORT = 8831;
const APP = `http://localhost:${APP_PORT}`;
const SHOTS = 'e2e/screenshots';
/** docs/UPLOADS.md: every target announces 16 MiB chunks. */
const CHUNK = 16 * 1024 * 1024;
const LINK = 4 * 1024 * 1024;

const scratch = mkdtempSync(path.join(tmpdir(), 'reel-studio-'));
let platform: Platform;
let relay: Relay;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
let cdp: CDPSession;
let transcoder: ChildProcess | undefined;
let videoId = '';

type Relay = { drop: () => void; restore: () => void; close: () => void };

/**
 * A TCP relay in front of the platform. `drop()` cuts every open connection, mid-request too, and refuses
 * new ones until `restore()`: a real outage. CDP's offline mode alone only fails NEW requests (a PATCH
 * already sending finishes, checked in Chromium 156), so it cannot show a resume from a mid-chunk offset.
 */
function startRelay(listen: number, target: number): Relay {
  const open = new Set<net.Socket>();
  let down = false;
  const server = net.createServer((client) => {
    if (down) return client.destroy();
    const upstream = net.connect(target, '127.0.0.1');
    const close = () => {
      for (const s of [client, upstream]) {
        s.destroy();
        open.delete(s);
      }
    };
    for (const s of [client, upstream]) {
      open.add(s);
      s.on('error', close).on('close', close);
    }
    client.pipe(upstream).pipe(client);
  });
  server.listen(listen, '127.0.0.1');
  const cut = () => {
    for (const s of open) s.destroy();
  };
  return {
    drop: () => {
      down = true;
      cut();
    },
    restore: () => {
      down = false;
    },
    close: () => {
      cut();
      server.close();
    },
  };
}

/**
 * Four seconds of lossless noise (x264 qp 0 cannot compress it): about 42 MB, so three tus PATCHes of
 * 16 MiB, while the transcoder still has only 4 s of 360p to encode.
 */
function makeNoisyClip(file: string): string {
  execFileSync('ffmpeg', [
    ...['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=24:duration=4'],
    ...['-f', 'lavfi', '-i', 'sine=frequency=440:duration=4', '-vf', 'noise=alls=60:allf=t'],
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-qp', '0', '-c:a', 'aac', '-shortest', file],
  ]);
  return file;
}

/** Chromium's network emulation: a slow link so the bar moves, or none at all. */
const network = (offline: boolean) =>
  cdp.send('Network.emulateNetworkConditions', {
    offline,
    latency: 20,
    downloadThroughput: LINK,
    uploadThroughput: LINK,
  });

/** A full-page screenshot from the top (scrolled, the sticky app header would land mid-page). */
async function shot(name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  // Let bar widths finish their 0.3 s transition, so the picture matches the numbers.
  await page.waitForTimeout(350);
  await page.screenshot({ path: `${SHOTS}/studio-${name}.png`, fullPage: true });
}
const main = () => page.locator('main');

/** Samples a progress bar's aria-valuenow in the page every 50 ms (Node-side polling would miss values). */
async function sampleBar(label: string): Promise<() => Promise<number[]>> {
  const key = `seen:${label}`;
  await page.evaluate(
    ({ label, key }) => {
      const seen: number[] = [];
      Reflect.set(window, key, seen);
      setInterval(() => {
        const bar = document.querySelector(`[role="progressbar"][aria-label="${label}"]`);
        const value = bar?.getAttribute('aria-valuenow');
        if (value != null && seen.at(-1) !== Number(value)) seen.push(Number(value));
      }, 50);
    },
    { label, key },
  );
  return () => page.evaluate((key) => [...(Reflect.get(window, key) as number[])], key);
}

/** The tus traffic: each PATCH's Upload-Offset, and what HEAD answered after the outage. */
function watchTus() {
  const log = { patches: [] as number[], resumedAt: [] as number[], outage: false };
  page.on('request', (r) => {
    if (r.url().includes('/api/uploads/tus/') && r.method() === 'PATCH') {
      log.patches.push(Number(r.headers()['upload-offset']));
    }
  });
  page.on('response', (r) => {
    if (r.url().includes('/api/uploads/tus/') && r.request().method() === 'HEAD' && log.outage) {
      log.resumedAt.push(Number(r.headers()['upload-offset']));
    }
  });
  return log;
}

/** The API as the signed-in browser (its session cookie; the Origin check wants the app's origin). */
async function api<T>(method: string, route: string, data?: unknown): Promise<T> {
  const res = await browser.context.request.fetch(`${APP}${route}`, {
    method,
    data,
    headers: { origin: APP },
  });
  if (!res.ok()) throw new Error(`${method} ${route}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

const barValue = async (label: string) =>
  Number(await main().getByRole('progressbar', { name: label }).getAttribute('aria-valuenow'));

describe.skipIf(!HAS_CHROMIUM)('creator studio in Chromium', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    // The browser's origin is the relay's: URLs the API builds and its Origin check must name it.
    platform = await startPlatform(PLATFORM_PORT, { APP_ORIGIN: APP, MEDIA_BASE_URL: `${APP}/v` });
    relay = startRelay(APP_PORT, PLATFORM_PORT);
    browser = await launchBrowser();
    const res = await browser.context.request.post(`${APP}/api/auth/signup`, {
      data: {
        email: `studio-${Date.now()}@example.com`,
        password: 'correct horse battery',
        displayName: 'Studio Sam',
      },
    });
    expect(res.status()).toBe(201);
    page = await browser.context.newPage();
    cdp = await browser.context.newCDPSession(page);
  });
  afterAll(async () => {
    transcoder?.kill('SIGKILL');
    await browser?.close();
    relay?.close();
    platform?.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('creates a video from the empty studio; a missing title is refused next to the field', async () => {
    await page.goto(`${APP}/studio`);
    await main().getByText('No videos yet').waitFor();
    await shot('1-empty');
    await main().getByRole('button', { name: 'New video' }).click();
    const form = page.getByRole('region', { name: 'New video' });
    await form.getByRole('button', { name: 'Create and upload' }).click();
    await form.getByText('Give the video a title').waitFor();
    await form.getByLabel('Title', { exact: true }).fill('Noise in the studio');
    await form.getByLabel('Description').fill('Four seconds of noise, uploaded over a bad link.');
    await form.getByLabel('Visibility').selectOption('public');
    await form.getByRole('button', { name: 'Create and upload' }).click();
    await page.waitForURL(/\/studio\/[A-Za-z0-9_-]{16}$/);
    videoId = new URL(page.url()).pathname.split('/').pop() ?? '';
    expect(await main().getByRole('heading', { level: 1 }).innerText()).toBe('Noise in the studio');
    expect(await main().getByTestId('video-status').innerText()).toMatch(/Draft/);
  });

  it('uploads three chunks with a moving bar and resumes mid-chunk after the connection drops', async () => {
    const clip = makeNoisyClip(path.join(scratch, 'noisy.mp4'));
    expect(statSync(clip).size).toBeGreaterThan(2 * CHUNK);
    const tus = watchTus();
    const seen = await sampleBar('Upload progress');
    await network(false);
    await main()
      .getByLabel(/Choose a video file/)
      .setInputFiles(clip);
    // Into the second chunk (chunk 1 ends at 39.8 %), then the link goes down for a few seconds.
    await expect
      .poll(() => barValue('Upload progress'), { timeout: 60_000, interval: 100 })
      .toBeGreaterThanOrEqual(50);
    await shot('2-uploading');
    tus.outage = true;
    const cutAt = tus.patches.at(-1) ?? 0;
    relay.drop();
    await network(true);
    const status = main().getByTestId('upload-progress').getByRole('status');
    await status.filter({ hasText: 'Connection lost' }).waitFor({ timeout: 10_000 });
    await shot('3-connection-lost');
    await page.waitForTimeout(3000);
    expect(await barValue('Upload progress')).toBeLessThan(100);
    relay.restore();
    await network(false);
    // Done when the server has the file: the page then shows it processing (the transcoder is not running yet).
    await main().getByTestId('processing').waitFor({ timeout: 90_000 });
    expect(await barValue('Processing progress')).toBe(0);
    await shot('4-upload-complete');

    const percents = (await seen()).filter((p) => p > 0 && p < 100);
    expect(new Set(percents).size).toBeGreaterThanOrEqual(3);
    expect(new Set(tus.patches).size).toBeGreaterThanOrEqual(3);
    // After the outage HEAD gave the offset the server kept, inside the chunk that was cut off, and the
    // client went on from there instead of sending the chunk again (tus 1.0 §HEAD, §PATCH).
    const resumed = tus.resumedAt.at(-1) ?? 0;
    expect(resumed).toBeGreaterThan(cutAt);
    expect(tus.patches).toContain(resumed);
    expect(await main().getByTestId('video-status').innerText()).toMatch(/Processing/);
  }, 180_000);

  it('shows transcoding progress live, then ready, in the video page and the list', async () => {
    const seen = await sampleBar('Processing progress');
    const job = startTranscoder(platform, scratch);
    transcoder = job;
    await main().getByTestId('processing').waitFor();
    // A 4 s clip transcodes in about 2 s, quicker than the page's 1.5 s poll can be sure to catch. Once the
    // API has the transcoder's first heartbeat, the real transcoder process is paused (SIGSTOP) until the
    // page shows that progress, then resumed: the job itself is untouched and finishes on its own.
    type Status = { video: { status: string; progress: number | null } };
    await expect
      .poll(async () => (await api<Status>('GET', `/api/videos/${videoId}`)).video, {
        timeout: 60_000,
        interval: 50,
      })
      .toSatisfy((v: Status['video']) => v.status === 'processing' && (v.progress ?? 0) > 0);
    job.kill('SIGSTOP');
    try {
      await expect
        .poll(() => barValue('Processing progress'), { timeout: 15_000, interval: 100 })
        .toBeGreaterThan(0);
      await shot('5-processing');
    } finally {
      job.kill('SIGCONT');
    }
    await main().getByTestId('ready').waitFor({ timeout: 120_000 });
    expect(await main().getByTestId('video-status').innerText()).toBe('Ready');
    expect((await seen()).some((p) => p > 0 && p < 100)).toBe(true);
    expect(await main().getByRole('link', { name: 'Watch it on Reel' }).getAttribute('href')).toBe(
      `/watch/${videoId}`,
    );
    await shot('6-ready');
  }, 180_000);

  it('edits the title; an invalid language is refused next to its field', async () => {
    await main().getByRole('tab', { name: 'Details' }).click();
    const panel = main().getByRole('tabpanel');
    await panel.getByLabel('Title', { exact: true }).fill('Noise, edited');
    await panel.getByLabel('Language').fill('not a language');
    await panel.getByRole('button', { name: 'Save details' }).click();
    // The API's validation_failed `errors` name the field; the form shows the message under it.
    const languageError = panel.locator('.field-invalid').filter({ has: page.getByLabel('Language') });
    await languageError.getByText('BCP 47').waitFor();
    await shot('7-field-error');
    await panel.getByLabel('Language').fill('en');
    await panel.getByRole('button', { name: 'Save details' }).click();
    await panel.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    expect(await main().getByRole('heading', { level: 1 }).innerText()).toBe('Noise, edited');
    const stored = await api<{ video: { title: string; language: string } }>('GET', `/api/videos/${videoId}`);
    expect(stored.video).toMatchObject({ title: 'Noise, edited', language: 'en' });
  });

  it('adds chapters and intro markers in m:ss, refusing a time that is not one', async () => {
    await main().getByRole('tab', { name: 'Chapters & markers' }).click();
    const panel = main().getByRole('tabpanel');
    await panel.getByLabel('Intro starts at').fill('0:00');
    await panel.getByLabel('Intro ends at').fill('0:01');
    await panel.getByRole('button', { name: 'Add chapter' }).click();
    await panel.getByLabel('Chapter 1 title').fill('Opening');
    await panel.getByRole('button', { name: 'Add chapter' }).click();
    await panel.getByLabel('Chapter 2 starts at').fill('1:75');
    await panel.getByLabel('Chapter 2 title').fill('The loud part');
    await panel.getByRole('button', { name: 'Save chapters and markers' }).click();
    await panel.getByText('Minutes and seconds go up to 59').waitFor();
    await shot('8-chapter-error');
    await panel.getByLabel('Chapter 2 starts at').fill('0:02');
    await panel.getByRole('button', { name: 'Save chapters and markers' }).click();
    await panel.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    await page.reload();
    await main().getByRole('tab', { name: 'Chapters & markers', selected: true }).waitFor();
    expect(await main().getByLabel('Chapter 2 starts at').inputValue()).toBe('0:02');
    await shot('9-chapters');
    const stored = await api<{ video: { chapters: unknown[]; markers: unknown } }>(
      'GET',
      `/api/videos/${videoId}`,
    );
    expect(stored.video.chapters).toEqual([
      { startS: 0, title: 'Opening' },
      { startS: 2, title: 'The loud part' },
    ]);
    expect(stored.video.markers).toEqual({ introStartS: 0, introEndS: 1, creditsStartS: null });
  });

  it('limits embedding to listed https sites and offers the embed code', async () => {
    await main().getByRole('tab', { name: 'Embedding' }).click();
    const panel = main().getByRole('tabpanel');
    expect(await panel.getByLabel('Embed code').inputValue()).toContain(`/embed/${videoId}`);
    await panel.getByLabel('Add a site').fill('http://plain.example');
    await panel.getByRole('button', { name: 'Add site' }).click();
    await panel.getByText('Only https sites can embed Reel videos').waitFor();
    await panel.getByLabel('Add a site').fill('partner.example/some/page');
    await panel.getByRole('button', { name: 'Add site' }).click();
    await panel.getByTestId('embed-origin').filter({ hasText: 'https://partner.example' }).waitFor();
    await panel.getByRole('button', { name: 'Save embedding' }).click();
    await panel.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    await shot('10-embedding');
    const stored = await api<{ video: { embedOrigins: string[] } }>('GET', `/api/videos/${videoId}`);
    expect(stored.video.embedOrigins).toEqual(['https://partner.example']);
  });

  it('adds subtitles from a WebVTT file; a broken file is refused with its line', async () => {
    const broken = path.join(scratch, 'broken.srt');
    writeFileSync(broken, '1\n00:00:00,500 --> nonsense\nHello\n');
    const good = path.join(scratch, 'english.vtt');
    writeFileSync(good, 'WEBVTT\n\n00:00.500 --> 00:02.000\nHello, noise\n');
    await main().getByRole('tab', { name: 'Subtitles' }).click();
    const panel = main().getByRole('tabpanel');
    await panel.getByText('No subtitles yet.').waitFor();
    await panel.getByLabel('Subtitle file (SRT or WebVTT)').setInputFiles(broken);
    await panel.getByLabel('Language').fill('en');
    await panel.getByRole('button', { name: 'Add subtitles' }).click();
    await panel
      .getByText(/Line \d+/)
      .first()
      .waitFor();
    await panel.getByLabel('Subtitle file (SRT or WebVTT)').setInputFiles(good);
    await panel.getByRole('button', { name: 'Add subtitles' }).click();
    await panel.getByTestId('subtitle-row').filter({ hasText: 'English' }).waitFor();
    await panel.getByText('Reel is preparing a version with them').waitFor();
    await shot('11-subtitles');
    const tracks = await api<{ tracks: { language: string; format: string }[] }>(
      'GET',
      `/api/videos/${videoId}/subtitles`,
    );
    expect(tracks.tracks).toEqual([expect.objectContaining({ language: 'en', format: 'vtt' })]);
  });

  it('lists every video with its status, and a failed one with its reason in words', async () => {
    const { video } = await api<{ video: { id: string } }>('POST', '/api/videos', {
      title: 'Not really a video',
      ageRating: 0,
    });
    const target = await api<{ putUrl: string }>('POST', `/api/videos/${video.id}/uploads`);
    const junk = Buffer.alloc(200_000, 7);
    const put = await fetch(target.putUrl, { method: 'PUT', body: junk });
    expect(put.status).toBe(201);
    await page.goto(`${APP}/studio`);
    const failed = main().getByTestId('studio-row').filter({ hasText: 'Not really a video' });
    await failed.getByText('Failed').waitFor({ timeout: 60_000 });
    await failed.locator('.reason').waitFor();
    expect(await failed.locator('.reason').innerText()).not.toBe('');
    const ready = main().getByTestId('studio-row').filter({ hasText: 'Noise, edited' });
    expect(await ready.getByText('Ready').count()).toBe(1);
    await shot('12-list');
  }, 90_000);

  it('replaces the source: the new file is uploaded to a fresh target and published as a new version', async () => {
    const before = await api<{ video: { assetVersion: string } }>('GET', `/api/videos/${videoId}`);
    await page.goto(`${APP}/studio/${videoId}`);
    await main().getByRole('button', { name: 'Replace video file' }).click();
    await main()
      .getByLabel(/Choose a new video file/)
      .setInputFiles(makeClip(scratch, 'six.mp4', { seconds: 6 }));
    await main().getByTestId('ready').filter({ hasText: 'Ready · 0:06' }).waitFor({ timeout: 120_000 });
    await shot('13-replaced');
    const after = await api<{ video: { assetVersion: string; durationS: number } }>(
      'GET',
      `/api/videos/${videoId}`,
    );
    expect(after.video.assetVersion).not.toBe(before.video.assetVersion);
    expect(after.video.durationS).toBeCloseTo(6, 0);
  }, 150_000);
});
