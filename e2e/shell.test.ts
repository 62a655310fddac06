import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, launchBrowser, startPlatform } from './browser.ts';

const SHOTS = 'e2e/screenshots';

describe.skipIf(!HAS_CHROMIUM)('app shell in Chromium', () => {
  let platform: Awaited<ReturnType<typeof startPlatform>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    platform = await startPlatform(8795);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    platform?.stop();
  });

  it('opens on the home page with the seeded catalog in rows from the real API', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${platform.baseUrl}/`);
    const trending = page.getByRole('region', { name: 'Trending now' });
    await trending.getByTestId('title-card').first().waitFor();
    const titles = await trending.getByTestId('title-card').allInnerTexts();
    expect(titles.some((t) => t.includes('Big Buck Bunny'))).toBe(true);
    // Genre rows load as they scroll into view.
    for (let y = 0; y < 3000; y += 500) await page.mouse.wheel(0, 500);
    const animation = page.getByRole('region', { name: 'Animation' });
    await animation.getByTestId('title-card').first().waitFor();
    expect(await page.getByRole('heading', { name: 'Animation' }).count()).toBe(1);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${SHOTS}/shell-home.png`, fullPage: true });
  });

  it('renders the bundled API docs from /api/openapi.json without any CDN', async () => {
    const page = await browser.context.newPage();
    const foreign: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(platform.baseUrl) && !r.url().startsWith('data:')) foreign.push(r.url());
    });
    await page.goto(`${platform.baseUrl}/api/docs`);
    await page.getByText('Reel API').first().waitFor();
    await page.getByText('/api/auth/login').first().waitFor();
    expect(foreign).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/api-docs.png` });
  });
});
