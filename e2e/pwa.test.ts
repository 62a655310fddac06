/**
 * The installable PWA in Chromium: the web app manifest and its icons, the service worker (registers,
 * controls the page after a reload, precaches the shell, answers navigations with the offline page when
 * offline) and what it must never touch (/api/*, /v/*, Range requests).
 */
import { mkdirSync } from 'node:fs';
import type { Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, launchBrowser, startPlatform } from './browser.ts';

const SHOTS = 'e2e/screenshots';
let platform: Awaited<ReturnType<typeof startPlatform>>;

type ManifestIcon = { src: string; sizes: string; type: string; purpose?: string };
type WebAppManifest = Record<string, unknown> & { icons: ManifestIcon[] };

/** Width and height from a PNG's IHDR chunk (PNG spec §11.2.2): bytes 16–23 after the signature. */
function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  expect([...bytes.subarray(0, 8)]).toEqual(signature);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  platform = await startPlatform(8840);
});
afterAll(() => platform?.stop());

describe('web app manifest', () => {
  it('is served as application/manifest+json with what Chromium needs to install the app', async () => {
    const res = await fetch(`${platform.baseUrl}/manifest.webmanifest`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/manifest\+json/);
    const manifest = (await res.json()) as WebAppManifest;
    expect(manifest).toMatchObject({
      name: 'Reel',
      short_name: 'Reel',
      start_url: '/',
      scope: '/',
      display: 'standalone',
      background_color: '#0b0d12',
      theme_color: '#0b0d12',
    });
    const pngs = manifest.icons.filter((i) => i.type === 'image/png');
    for (const [size, purpose] of [
      ['192x192', 'any'],
      ['512x512', 'any'],
      ['512x512', 'maskable'],
    ]) {
      expect(
        pngs.some((i) => i.sizes === size && (i.purpose ?? 'any') === purpose),
        `${size} ${purpose}`,
      ).toBe(true);
    }
    for (const icon of pngs) {
      const img = await fetch(new URL(icon.src, platform.baseUrl));
      expect(img.headers.get('content-type'), icon.src).toBe('image/png');
      const [w, h] = icon.sizes.split('x').map(Number);
      expect(pngSize(new Uint8Array(await img.arrayBuffer())), icon.src).toEqual({ width: w, height: h });
    }
  });
});

describe.skipIf(!HAS_CHROMIUM)('service worker in Chromium', () => {
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  const responses: Response[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.context.newPage();
    page.on('response', (r) => responses.push(r));
    await page.goto(`${platform.baseUrl}/`);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.reload();
  });
  afterAll(async () => {
    await browser?.context.setOffline(false);
    await browser?.close();
  });

  /** The response to a fetch the page makes (so its `fromServiceWorker` can be read). */
  async function pageFetch(path: string, headers: Record<string, string> = {}): Promise<Response> {
    const url = new URL(path, platform.baseUrl).href;
    const seen = page.waitForResponse((r) => r.url() === url);
    await page.evaluate(([u, h]) => fetch(u, { headers: h }).then((r) => r.arrayBuffer()), [
      url,
      headers,
    ] as const);
    return seen;
  }

  it('registers, controls the page after a reload, and the app is installable', async () => {
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(
      `${platform.baseUrl}/sw.js`,
    );
    const cdp = await browser.context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
    const { errors } = await cdp.send('Page.getAppManifest');
    expect(errors).toEqual([]);
  });

  it('precaches the shell: index.html, the entry script and the offline page', async () => {
    const cached = await page.evaluate(async () => {
      const names = await caches.keys();
      const shell = names.find((n) => n.startsWith('reel-shell-'));
      const cache = shell ? await caches.open(shell) : null;
      return (await cache?.keys())?.map((r) => new URL(r.url).pathname) ?? [];
    });
    const entry = await page.evaluate(
      () => new URL(document.querySelector<HTMLScriptElement>('script[type=module]')?.src ?? '').pathname,
    );
    expect(cached).toEqual(
      expect.arrayContaining(['/index.html', entry, '/offline.html', '/manifest.webmanifest']),
    );
    // The reload's entry script came from the cache, through the worker.
    const reloaded = responses.filter((r) => r.url().endsWith(entry));
    expect(reloaded.at(-1)?.fromServiceWorker()).toBe(true);
  });

  it('leaves /api/*, /v/* and Range requests to the network', async () => {
    const entry = await page.evaluate(
      () => new URL(document.querySelector<HTMLScriptElement>('script[type=module]')?.src ?? '').pathname,
    );
    // Positive control: without a Range header the same file is answered by the worker.
    expect((await pageFetch(entry)).fromServiceWorker()).toBe(true);
    const ranged = await pageFetch(entry, { range: 'bytes=0-99' });
    expect(ranged.fromServiceWorker()).toBe(false);
    const health = await pageFetch('/api/health');
    expect(health.status()).toBe(200);
    expect(health.fromServiceWorker()).toBe(false);
    // The media worker refuses the made-up token; what matters is who answered.
    const media = await pageFetch('/v/not-a-token/h264-360/seg_0.m4s', { range: 'bytes=0-1023' });
    expect(media.fromServiceWorker()).toBe(false);
    expect(media.status()).toBeGreaterThanOrEqual(400);
  });

  it('shows the offline page for a navigation while offline, and the app again once online', async () => {
    await browser.context.setOffline(true);
    await page.goto(`${platform.baseUrl}/browse`);
    await page.getByRole('heading', { name: "You're offline" }).waitFor();
    expect(await page.getByRole('button', { name: 'Try again' }).isVisible()).toBe(true);
    await page.screenshot({ path: `${SHOTS}/pwa-offline.png` });
    await browser.context.setOffline(false);
    // The page reloads itself once the server answers again: the app comes back.
    await page.waitForFunction(() => document.getElementById('root') !== null, null, { timeout: 20_000 });
    expect(new URL(page.url()).pathname).toBe('/browse');
  });
});
