/**
 * Framing rules at the edge, in Chromium: a page on another origin frames /embed/{id} of a public title
 * (CSP frame-ancestors *), and cannot frame /watch/{id}, an embed of a private title, or any page of the
 * SPA that the assets layer serves (frame-ancestors 'none' from app/public/_headers). Also which layer's
 * headers win on a worker-answered page, and what the assets layer must not serve.
 */
import { mkdirSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Frame } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, launchBrowser, startPlatform } from './browser.ts';
import { signUp } from './media-kit.ts';

const SHOTS = 'e2e/screenshots';
let platform: Awaited<ReturnType<typeof startPlatform>>;
const ids = { public: '', private: '' };

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  platform = await startPlatform(8842);
  // A seeded public title (ready, no media needed to frame its page) and a creator's private draft.
  const page = (await (await fetch(`${platform.baseUrl}/api/videos?limit=1`)).json()) as {
    items: { id: string }[];
  };
  ids.public = page.items[0]?.id ?? '';
  const creator = await signUp(platform, 'edge');
  const { video } = await creator.api<{ video: { id: string } }>('POST', '/api/videos', {
    title: 'Private draft',
    ageRating: 0,
    visibility: 'private',
  });
  ids.private = video.id;
});
afterAll(() => platform?.stop());

describe('headers of the edge pages', () => {
  it('the worker’s per-title CSP replaces the assets layer’s on /embed/*, which covers every SPA page', async () => {
    const embed = await fetch(`${platform.baseUrl}/embed/${ids.public}`);
    // Exactly one policy: had `_headers` applied to the worker's response too, both would be listed.
    expect(embed.headers.get('content-security-policy')).toBe('frame-ancestors *');
    expect(embed.headers.get('x-frame-options')).toBeNull();
    for (const path of ['/', '/browse', '/account', `/title/${ids.public}`]) {
      const res = await fetch(`${platform.baseUrl}${path}`);
      expect(res.headers.get('content-type'), path).toMatch(/^text\/html/);
      expect(res.headers.get('content-security-policy'), path).toBe("frame-ancestors 'none'");
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
    const watch = await fetch(`${platform.baseUrl}/watch/${ids.public}`);
    expect(watch.headers.get('content-security-policy')).toBe("frame-ancestors 'none'");
    expect(await watch.text()).toContain('og:type" content="video.other"');
  });

  it('serves hashed assets as immutable and keeps build metadata out of the deployed assets', async () => {
    const html = await (await fetch(`${platform.baseUrl}/`)).text();
    const entry = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    const asset = await fetch(`${platform.baseUrl}${entry}`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const manifest = await fetch(`${platform.baseUrl}/.vite/manifest.json`);
    expect(manifest.headers.get('content-type')).not.toMatch(/json/);
  });
});

describe.skipIf(!HAS_CHROMIUM)('a partner page on another origin', () => {
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let partner: http.Server;
  let partnerOrigin = '';

  beforeAll(async () => {
    browser = await launchBrowser();
    // 127.0.0.1 against the platform's localhost: another origin (and site), as on a partner's blog.
    partner = http.createServer((req, res) => {
      const src = new URL(req.url ?? '/', 'http://x').searchParams.get('src') ?? '';
      res.setHeader('content-type', 'text/html');
      res.end(
        `<!doctype html><title>Partner</title><h1>Partner blog</h1>` +
          `<iframe id="f" src="${src}" width="480" height="270"></iframe>`,
      );
    });
    await new Promise<void>((resolve) => partner.listen(8843, '127.0.0.1', resolve));
    partnerOrigin = `http://127.0.0.1:${(partner.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await browser?.close();
    partner?.close();
  });

  /** Opens the partner page framing `path`; answers the frame and the CSP violations the console reported. */
  async function frame(path: string, shot: string): Promise<{ frame: Frame | undefined; refused: string[] }> {
    const page = await browser.context.newPage();
    const refused: string[] = [];
    page.on('console', (m) => {
      if (m.text().includes('frame-ancestors')) refused.push(m.text());
    });
    const src = `${platform.baseUrl}${path}`;
    await page.goto(`${partnerOrigin}/?src=${encodeURIComponent(src)}`);
    await page.waitForLoadState('load');
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${SHOTS}/${shot}.png` });
    const framed = page.frames().find((f) => f !== page.mainFrame() && f.url() === src);
    return { frame: framed, refused };
  }

  it('loads the embed of a public title, with the head the player reads', async () => {
    const { frame: embed, refused } = await frame(`/embed/${ids.public}`, 'edge-embed-public');
    expect(refused).toEqual([]);
    expect(embed).toBeDefined();
    const origins = await embed?.evaluate(
      () => document.querySelector<HTMLMetaElement>('meta[name="reel-embed-origins"]')?.content,
    );
    expect(JSON.parse(origins ?? 'null')).toEqual([]);
    expect(await embed?.evaluate(() => document.getElementById('root') !== null)).toBe(true);
  });

  it('is refused the watch page, an embed of a private title and the SPA pages', async () => {
    for (const [path, shot] of [
      [`/watch/${ids.public}`, 'edge-watch-refused'],
      [`/embed/${ids.private}`, 'edge-embed-private-refused'],
      ['/browse', 'edge-browse-refused'],
    ] as const) {
      const { frame: framed, refused } = await frame(path, shot);
      expect(refused.join('\n'), path).toContain("frame-ancestors 'none'");
      // Chromium replaces a refused frame's document with its error page.
      expect(framed, path).toBeUndefined();
    }
  });
});
