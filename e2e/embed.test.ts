/**
 * The embed in an iframe on another site, as a partner page uses it: it plays signed out and speaks the
 * postMessage API of docs/EMBED.md with its parent only. The partner page is served from 127.0.0.1 (another
 * site than the platform's localhost), and a third origin inside it tries to command the player.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, launchBrowser, startPlatform } from './browser.ts';
import {
  makeClip,
  type Platform,
  settled,
  signUp,
  startTranscoder,
  uploadVideo,
  waitForVideo,
} from './media-kit.ts';

const SHOTS = 'e2e/screenshots';
const PLATFORM_PORT = 8822;
const PARTNER = 'http://127.0.0.1:8823';
const STRANGER = 'http://localhost:8824';

type Received = { origin: string; data: Record<string, unknown> };

/** The partner's page: the embed, a stranger's frame, and a log of every message the page receives. */
function partnerPage(embedUrl: string): string {
  return `<!doctype html><html><head><title>Partner</title></head>
<body style="margin:0;background:#f4f1ea;font-family:system-ui">
<h1 style="margin:16px 24px;font-size:20px">A partner's article with a Reel video</h1>
<iframe id="reel" src="${embedUrl}" width="800" height="450" style="border:0;margin:0 24px"
  allow="autoplay; fullscreen; picture-in-picture" allowfullscreen></iframe>
<iframe id="stranger" src="${STRANGER}/stranger.html" width="10" height="10" style="border:0"></iframe>
<script>
  window.received = [];
  addEventListener('message', (e) => received.push({ origin: e.origin, data: e.data }));
  window.send = (msg) => document.getElementById('reel').contentWindow
    .postMessage({ source: 'reel', version: 1, ...msg }, new URL(document.getElementById('reel').src).origin);
</script></body></html>`;
}

/** A page of a third origin inside the partner page: it can reach the player's window, not command it. */
const STRANGER_PAGE = `<!doctype html><script>
  window.received = [];
  addEventListener('message', (e) => received.push({ origin: e.origin, data: e.data }));
  window.attack = (msg) => parent.frames[0].postMessage({ source: 'reel', version: 1, ...msg }, '*');
</script>`;

function serve(port: number, host: string, body: (url: string) => string): Promise<Server> {
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(body(req.url ?? '/'));
  });
  return new Promise((resolve) => server.listen(port, host, () => resolve(server)));
}

describe.skipIf(!HAS_CHROMIUM)('the embed on another site', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'reel-embed-'));
  let platform: Platform;
  let transcoder: ChildProcess;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let servers: Server[] = [];
  let page: Page;
  let videoId = '';

  const received = (p: Page | Frame) =>
    p.evaluate(() => (window as unknown as { received: Received[] }).received);
  const send = (msg: Record<string, unknown>) =>
    page.evaluate((m) => (window as unknown as { send: (x: unknown) => void }).send(m), msg);
  /** The first message from the player matching `match`, once it has arrived. */
  async function message(
    match: (d: Record<string, unknown>) => boolean,
    timeout = 20_000,
  ): Promise<Received> {
    let found: Received | undefined;
    await expect
      .poll(
        async () => {
          found = (await received(page)).find((r) => r.origin === platform.baseUrl && match(r.data));
          return found !== undefined;
        },
        { timeout },
      )
      .toBe(true);
    if (!found) throw new Error('unreachable');
    return found;
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    platform = await startPlatform(PLATFORM_PORT);
    const creator = await signUp(platform, 'embed-creator');
    transcoder = startTranscoder(platform, scratch);
    const clip = makeClip(scratch, 'embed.mp4', { seconds: 12, size: '640x360' });
    // No embed origins listed: any site may embed a public title (frame-ancestors *).
    videoId = await uploadVideo(creator, clip, { title: 'Embedded Pattern', embedOrigins: [] });
    expect((await waitForVideo(creator, videoId, settled, 150_000)).status).toBe('ready');
    const embedUrl = `${platform.baseUrl}/embed/${videoId}?muted=1`;
    servers = await Promise.all([
      serve(8823, '127.0.0.1', () => partnerPage(embedUrl)),
      serve(8824, 'localhost', () => STRANGER_PAGE),
    ]);
    browser = await launchBrowser();
    page = await browser.context.newPage();
    await page.goto(`${PARTNER}/`);
  }, 240_000);

  afterAll(async () => {
    transcoder?.kill('SIGKILL');
    await browser?.close();
    for (const s of servers) s.close();
    platform?.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('announces ready to its parent, and answers getCurrentTime with the id echoed', async () => {
    const ready = await message((d) => d.type === 'ready');
    expect(ready.data).toMatchObject({ source: 'reel', version: 1, videoId, paused: true });
    await send({ type: 'getCurrentTime', id: 'q-1' });
    const reply = await message((d) => d.type === 'reply' && d.id === 'q-1');
    expect(reply.data).toMatchObject({ command: 'getCurrentTime', ok: true, currentTime: 0, duration: 12 });
  });

  it('plays on command, signed out, and reports play and timeupdate events', async () => {
    await send({ type: 'play', id: 7 });
    expect((await message((d) => d.type === 'reply' && d.id === 7)).data).toMatchObject({ ok: true });
    await message((d) => d.type === 'play');
    await message((d) => d.type === 'timeupdate' && typeof d.currentTime === 'number' && d.currentTime > 1);
    const embed = page.frameLocator('#reel');
    await embed.locator('.rp-video').hover();
    await embed.getByRole('button', { name: 'Pause (k)' }).waitFor();
    await page.screenshot({ path: `${SHOTS}/embed-partner-page.png` });
  });

  it('ignores commands from an origin that is not its parent, and tells it nothing', async () => {
    const stranger = page.frames().find((f) => f.url().startsWith(STRANGER));
    if (!stranger) throw new Error('stranger frame missing');
    await stranger.evaluate(() => {
      const w = window as unknown as { attack: (m: unknown) => void };
      w.attack({ type: 'pause', id: 'evil-1' });
      w.attack({ type: 'seek', time: 0, id: 'evil-2' });
    });
    await page.waitForTimeout(1500);
    await send({ type: 'getCurrentTime', id: 'q-2' });
    const state = await message((d) => d.type === 'reply' && d.id === 'q-2');
    expect(state.data).toMatchObject({ paused: false });
    expect(state.data.currentTime).toBeGreaterThan(1.5);
    const everything = [...(await received(page)), ...(await received(stranger))];
    expect(everything.some((r) => String(r.data.id).startsWith('evil'))).toBe(false);
    expect(await received(stranger)).toEqual([]);
  });

  it('signed-out visitors can watch a public title on the watch page too', async () => {
    const visitor = await browser.context.newPage();
    await visitor.goto(`${platform.baseUrl}/watch/${videoId}`);
    await visitor.getByRole('heading', { name: 'Embedded Pattern' }).waitFor();
    await visitor.waitForFunction(() => (document.querySelector('video')?.currentTime ?? 0) > 0.5, null, {
      timeout: 30_000,
    });
    await visitor.close();
  });

  it('pauses, seeks and sets the volume for its parent', async () => {
    await send({ type: 'pause', id: 'p' });
    await message((d) => d.type === 'pause');
    await send({ type: 'seek', time: 4, id: 's' });
    expect((await message((d) => d.type === 'reply' && d.id === 's')).data).toMatchObject({ currentTime: 4 });
    await send({ type: 'setVolume', volume: 0.25, id: 'v' });
    expect((await message((d) => d.type === 'reply' && d.id === 'v')).data).toMatchObject({ volume: 0.25 });
    await send({ type: 'setVolume', volume: 3, id: 'bad' });
    expect((await message((d) => d.type === 'reply' && d.id === 'bad')).data).toMatchObject({
      ok: false,
      error: 'invalid_argument',
    });
  });
});
