/**
 * The watch page as a viewer uses it, in Chromium against the real platform: a transcoded 2-rung title with
 * subtitles, chapters and an intro marker plays in our player; the quality menu, seeking with previews,
 * subtitles, keyboard shortcuts, resume after a reload, and the stream limit with its device list.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
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
  uploadInto,
  uploadVideo,
  waitForVideo,
} from './media-kit.ts';

const SHOTS = 'e2e/screenshots';
const CLIP_S = 40;
/** One cue every 2 s for the whole clip, so a cue is on screen whenever subtitles are turned on. */
const SRT = Array.from({ length: CLIP_S / 2 }, (_, i) => {
  const t = (s: number) => `00:00:${String(s).padStart(2, '0')},000`;
  return `${i + 1}\n${t(i * 2)} --> ${t(i * 2 + 2)}\nLine ${i + 1} of the test subtitles\n`;
}).join('\n');

type MediaFacts = { currentTime: number; paused: boolean; videoHeight: number };
const facts = (page: Page) =>
  page.evaluate((): MediaFacts => {
    const v = document.querySelector('video');
    return { currentTime: v?.currentTime ?? -1, paused: v?.paused ?? true, videoHeight: v?.videoHeight ?? 0 };
  });
const playingPast = (page: Page, seconds: number, timeout = 30_000) =>
  page.waitForFunction(
    (s) => {
      const v = document.querySelector('video');
      return v !== null && !v.paused && v.currentTime > s;
    },
    seconds,
    { timeout },
  );

describe.skipIf(!HAS_CHROMIUM)('the watch page in Chromium', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'reel-watch-'));
  let platform: Platform;
  let creator: Client;
  let transcoder: ChildProcess;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  /** The second tab, which holds the account's one stream after the stream-limit test. */
  let viewerTab: Page | undefined;
  let videoId = '';
  let nextId = '';
  /** Manifest URLs of the grants `page` received, in order. */
  const grants: string[] = [];
  /** The token in the path of the latest grant's manifest URL (`/v/{token}/master.m3u8`). */
  const latestToken = () => grants.at(-1)?.split('/v/')[1]?.split('/')[0] ?? '';

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    platform = await startPlatform(8820);
    creator = await signUp(platform, 'watch-creator');
    transcoder = startTranscoder(platform, scratch);
    // 640x360 gives a 2-rung ladder (360 and 240).
    const clip = makeClip(scratch, 'watch.mp4', { seconds: CLIP_S, size: '640x360' });
    const { video } = await creator.api<{ video: { id: string } }>('POST', '/api/videos', {
      title: 'The Test Pattern',
      description: 'A generated test pattern with a 440 Hz tone, subtitles, two chapters and an intro.',
      ageRating: 0,
      visibility: 'public',
      chapters: [
        { startS: 0, title: 'Opening' },
        { startS: 20, title: 'Second half' },
      ],
      introStartS: 1,
      introEndS: 7,
      creditsStartS: 36,
    });
    videoId = video.id;
    // Subtitles added before the upload are rendered by the first (and only) transcode.
    await creator.api('POST', `/api/videos/${videoId}/subtitles`, {
      language: 'en',
      label: 'English',
      format: 'srt',
      text: SRT,
    });
    await uploadInto(creator, videoId, clip);
    const second = makeClip(scratch, 'episode-two.mp4', { seconds: 4 });
    nextId = await uploadVideo(creator, second, { title: 'Episode two' });
    for (const id of [videoId, nextId]) {
      expect((await waitForVideo(creator, id, settled, 150_000)).status).toBe('ready');
    }
    await makeSeries(creator, [videoId, nextId]);
    browser = await launchBrowser();
    page = await browser.context.newPage();
    page.on('pageerror', (e) => console.log('page error:', e.message));
    page.on('response', (r) => {
      if (r.request().method() !== 'POST' || !r.url().endsWith('/playback') || !r.ok()) return;
      r.json()
        .then((g: { manifestUrl: string }) => grants.push(g.manifestUrl))
        .catch(() => undefined);
    });
    await signUpInBrowser(page, platform);
  }, 240_000);

  afterAll(async () => {
    transcoder?.kill('SIGKILL');
    await browser?.close();
    platform?.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('plays the title from the watch page, and measures time to first frame', async () => {
    await page.goto(`${platform.baseUrl}/watch/${videoId}`);
    await page.getByRole('heading', { name: 'The Test Pattern' }).waitFor();
    await playingPast(page, 1);
    const ttff = await page.evaluate(() => {
      const at = (name: string) => performance.getEntriesByName(name)[0]?.startTime ?? Number.NaN;
      return { play: at('reel:first-frame') - at('reel:play'), fromNavigation: at('reel:first-frame') };
    });
    console.log(
      `time to first frame: ${ttff.play.toFixed(0)} ms from play() ` +
        `(${ttff.fromNavigation.toFixed(0)} ms from navigation start)`,
    );
    expect(ttff.play).toBeGreaterThan(0);
    // The master was fetched once, by the page as its grant arrived (prefetch.ts), not again by hls.js.
    const masters = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .filter((r) => new URL(r.name).pathname.endsWith('/master.m3u8'))
        .map((r) => (r as PerformanceResourceTiming).initiatorType),
    );
    expect(masters).toEqual(['fetch']);
    // The intro marker (1–7 s) offers a skip that lands after it.
    await page.getByRole('button', { name: 'Skip intro' }).click();
    expect((await facts(page)).currentTime).toBeGreaterThanOrEqual(7);
    // Subtitles stay off until the viewer turns them on, whatever the playlist's DEFAULT says.
    expect(await page.locator('.rp-captions .rp-cue').count()).toBe(0);
    await page.hover('.rp-video');
    await page.getByRole('button', { name: 'Pause (k)' }).waitFor();
    await page.screenshot({ path: `${SHOTS}/watch-playing.png`, fullPage: true });
  });

  it('lists both rungs in the quality menu and plays the one chosen', async () => {
    await page.keyboard.press('2');
    await page.hover('.rp-video');
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('menuitem', { name: /Quality/ }).click();
    const options = await page.getByRole('menuitemradio').allInnerTexts();
    expect(options.map((o) => o.trim())).toEqual(['Auto', '360p', '240p']);
    await page.screenshot({ path: `${SHOTS}/watch-quality-menu.png` });
    await page.getByRole('menuitemradio', { name: '240p' }).click();
    await page.waitForFunction(() => document.querySelector('video')?.videoHeight === 240, null, {
      timeout: 20_000,
    });
    // The controls have faded while the new rung loaded: moving the pointer brings them back.
    await page.hover('.rp-video');
    await page.getByRole('button', { name: 'Settings' }).click();
    await expect.poll(() => page.getByRole('menuitem', { name: /Quality/ }).innerText()).toContain('240p');
    await page.keyboard.press('Escape');
    expect((await facts(page)).paused).toBe(false);
  });

  it('replaces an expired token and carries on where the viewer was', async () => {
    await page.keyboard.press('2');
    const granted = grants.length;
    const token = latestToken();
    // From now on the media worker says this token has expired (what it answers after `exp`).
    await page.route(`**/v/${token}/**`, (route) =>
      route.fulfill({
        status: 403,
        contentType: 'application/problem+json',
        body: JSON.stringify({
          status: 403,
          code: 'token_expired',
          detail: 'The playback token has expired',
        }),
      }),
    );
    const before = (await facts(page)).currentTime;
    // A quality switch needs new segments, fetched with the expired token.
    await page.hover('.rp-video');
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('menuitem', { name: /Quality/ }).click();
    await page.getByRole('menuitemradio', { name: '360p' }).click();
    await expect.poll(() => grants.length, { timeout: 15_000 }).toBe(granted + 1);
    await page.waitForFunction(() => document.querySelector('video')?.videoHeight === 360, null, {
      timeout: 20_000,
    });
    await playingPast(page, before);
    expect(await page.locator('.rp-error').count()).toBe(0);
    expect(latestToken()).not.toBe(token);
    await page.unrouteAll();
  });

  it('seeks from the seek bar, with a preview of the chapter and frame under the pointer', async () => {
    await page.hover('.rp-video');
    const bar = page.getByRole('slider', { name: 'Seek' });
    const box = await bar.boundingBox();
    if (!box) throw new Error('no seek bar');
    await page.mouse.move(box.x + box.width * 0.75, box.y + box.height / 2);
    await expect.poll(() => page.locator('.rp-preview-chapter').innerText()).toBe('Second half');
    await page.locator('.rp-preview-thumb').waitFor();
    await page.screenshot({ path: `${SHOTS}/watch-seek-preview.png` });
    await page.mouse.click(box.x + box.width * 0.75, box.y + box.height / 2);
    const landed = (await facts(page)).currentTime;
    expect(landed).toBeGreaterThan(CLIP_S * 0.75 - 1.5);
    expect(landed).toBeLessThan(CLIP_S * 0.75 + 1.5);
    await playingPast(page, landed + 0.5);
  });

  it('shows subtitles (c) in our caption renderer', async () => {
    await page.mouse.move(640, 200);
    await page.keyboard.press('0');
    await page.keyboard.press('c');
    const cue = page.locator('.rp-captions .rp-cue').first();
    await expect.poll(() => cue.innerText(), { timeout: 15_000 }).toMatch(/^Line \d+ of the test subtitles$/);
    expect(await page.getByRole('button', { name: 'Subtitles (c)' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    await page.screenshot({ path: `${SHOTS}/watch-subtitles.png` });
  });

  it('pauses and resumes with k', async () => {
    await page.keyboard.press('k');
    await expect.poll(async () => (await facts(page)).paused).toBe(true);
    const t = (await facts(page)).currentTime;
    await page.waitForTimeout(600);
    expect((await facts(page)).currentTime).toBeCloseTo(t, 1);
    await page.keyboard.press('k');
    await playingPast(page, t + 0.3);
  });

  it('works from the keyboard alone: every control named, the settings menu driven by arrows', async () => {
    const unnamed = await page
      .locator('.rp-controls button, .rp-controls [role="slider"], .rp-controls input')
      .evaluateAll((els) => els.filter((el) => !el.getAttribute('aria-label')).length);
    expect(unnamed).toBe(0);
    await page.getByRole('button', { name: 'Settings' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toContain('Quality');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    // The speed page opens on the current choice; two steps down from Normal is 1.5×.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.querySelector('video')?.playbackRate)).toBe(1.5);
    const focus = await page.evaluate(() => ({
      label: document.activeElement?.getAttribute('aria-label'),
      visible: document.activeElement?.matches(':focus-visible'),
    }));
    expect(focus).toEqual({ label: 'Settings', visible: true });
    // Keyboard focus keeps the controls on screen while the video plays.
    await page.waitForTimeout(3500);
    expect(await page.locator('.rp').getAttribute('data-idle')).toBe('false');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('menuitem', { name: /Speed/ }).click();
    await page.getByRole('menuitemradio', { name: 'Normal' }).click();
  });

  it('resumes near the saved position after a reload', async () => {
    await page.keyboard.press('5');
    await playingPast(page, CLIP_S * 0.5);
    await page.keyboard.press('k');
    await expect.poll(async () => (await facts(page)).paused).toBe(true);
    const saved = (await facts(page)).currentTime;
    // The pause beacon has reached the API when the profile's state says so.
    await expect
      .poll(() =>
        page.evaluate(
          async (id) => (await (await fetch(`/api/me/titles/${id}`)).json()).history?.positionS ?? -1,
          videoId,
        ),
      )
      .toBeCloseTo(saved, 0);
    await page.reload();
    await page.getByText(/^Resumed at /).waitFor();
    await playingPast(page, saved - 0.5);
    expect((await facts(page)).currentTime).toBeLessThan(saved + 4);
  });

  it('one stream too many shows the devices, and ending one lets this one play', async () => {
    await page.keyboard.press('k');
    const second = await browser.context.newPage();
    await second.goto(`${platform.baseUrl}/watch/${videoId}`);
    await second.getByRole('heading', { name: 'Too many streams' }).waitFor();
    const devices = second.getByTestId('stream-device');
    expect(await devices.count()).toBe(1);
    expect(await devices.first().innerText()).toContain('Watching this title');
    await second.screenshot({ path: `${SHOTS}/watch-too-many-streams.png` });
    await second.getByRole('button', { name: /^End this stream/ }).click();
    await playingPast(second, 1);
    viewerTab = second;
  });

  it('offers the next episode near the end and plays it', async () => {
    const tab = viewerTab ?? page;
    await tab.goto(`${platform.baseUrl}/watch/${videoId}?t=34`);
    const card = tab.getByRole('region', { name: 'Next episode' });
    await expect.poll(() => card.innerText(), { timeout: 20_000 }).toMatch(/Next episode in \d+/);
    expect(await card.innerText()).toContain('S1:E2 · Episode two');
    await tab.screenshot({ path: `${SHOTS}/watch-next-episode.png` });
    await card.getByRole('button', { name: 'Play now' }).click();
    await tab.getByRole('heading', { name: 'Episode two' }).waitFor();
    expect(new URL(tab.url()).pathname).toBe(`/watch/${nextId}`);
    await playingPast(tab, 0.5);
  });

  it('explains a title that does not exist', async () => {
    const tab = viewerTab ?? page;
    await tab.goto(`${platform.baseUrl}/watch/AAAAAAAAAAAAAAAA`);
    await tab.getByRole('heading', { name: 'This video isn’t available' }).waitFor();
    expect(await tab.getByRole('link', { name: 'Browse Reel' }).count()).toBe(1);
  });
});

/** A series whose first season has these titles as episodes 1, 2, … (in this order). */
async function makeSeries(client: Client, videoIds: string[]) {
  const { series } = await client.api<{ series: { id: string } }>('POST', '/api/series', {
    title: 'Test Patterns',
    ageRating: 0,
  });
  const { season } = await client.api<{ season: { id: string } }>(
    'POST',
    `/api/series/${series.id}/seasons`,
    {
      number: 1,
    },
  );
  for (const [i, id] of videoIds.entries()) {
    await client.api('POST', `/api/seasons/${season.id}/episodes`, { videoId: id, number: i + 1 });
  }
}

/** Signs a fresh viewer up from the page, so the session cookie is the browser's own. */
async function signUpInBrowser(page: Page, platform: Platform) {
  await page.goto(`${platform.baseUrl}/`);
  const status = await page.evaluate(async (email) => {
    const res = await fetch('/api/auth/signup', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'correct horse battery', displayName: 'Viewer' }),
    });
    return res.status;
  }, `viewer-${Date.now()}@example.com`);
  expect(status).toBe(201);
}
