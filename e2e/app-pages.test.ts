import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiAs,
  apiInPage,
  cardTitles,
  demoAccount,
  pickProfile,
  type Platform,
  shot,
  signInWithForm,
  titleId,
} from './app-kit.ts';
import { HAS_CHROMIUM, launchBrowser, startPlatform } from './browser.ts';

/** expect.poll's default second is too short for a page that loads over the network. */
const WAIT = { timeout: 10_000 };

/** The viewer app against a seeded platform, as a visitor and as the demo viewer would use it. */
describe.skipIf(!HAS_CHROMIUM)('viewer app pages in Chromium', () => {
  let platform: Platform;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;

  beforeAll(async () => {
    platform = await startPlatform(8810);
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    platform?.stop();
  });

  const newPage = async (width = 1280, height = 800) => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width, height });
    return page;
  };

  it('home shows a featured title and rows of real titles, genre rows as you scroll', async () => {
    const page = await newPage();
    await page.goto(`${platform.baseUrl}/`);
    const trending = page.getByRole('region', { name: 'Trending now' });
    await trending.getByTestId('title-card').first().waitFor();
    // The seed's most watched title (popularity 90) is featured and leads "Trending now".
    await expect(page.locator('#hero-title').innerText()).resolves.toBe('Big Buck Bunny');
    const trendingTitles = await trending.locator('.card-title').allInnerTexts();
    expect(trendingTitles.slice(0, 3)).toEqual([
      'Big Buck Bunny',
      'Sintel',
      'Agent 327: Operation Barbershop',
    ]);
    await page.getByRole('region', { name: 'New on Reel' }).getByTestId('title-card').first().waitFor();
    // Scroll down the page as a person would: rows load as they come near.
    for (let y = 0; y < 4000; y += 400) await page.mouse.wheel(0, 400);
    await page.getByRole('heading', { name: 'Science fiction' }).scrollIntoViewIfNeeded();
    const scifi = page.getByRole('region', { name: 'Science fiction' });
    await scifi.getByTestId('title-card').first().waitFor();
    expect((await scifi.locator('.card-title').allInnerTexts()).sort()).toEqual(
      ['Charge', 'Elephants Dream', 'Tears of Steel'].sort(),
    );
    // Seeded titles have no media: every card shows a generated placeholder, never a broken image.
    expect(await page.locator('.poster img').count()).toBe(0);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'home');
    const phone = await newPage(390, 844);
    await phone.goto(`${platform.baseUrl}/`);
    await phone.getByRole('region', { name: 'Trending now' }).getByTestId('title-card').first().waitFor();
    await shot(phone, 'home-phone');
    await phone.close();
    await page.close();
  });

  it('browse narrows the catalog by genre and year, and says when nothing matches', async () => {
    const page = await newPage();
    const listed = (await (await fetch(`${platform.baseUrl}/api/videos?limit=100`)).json()) as {
      items: unknown[];
    };
    await page.goto(`${platform.baseUrl}/browse`);
    await page.getByTestId('title-card').first().waitFor();
    const all = await cardTitles(page);
    expect(all.length).toBe(listed.items.length);
    expect(all).toContain('Big Buck Bunny');
    await page.getByLabel('Genre').selectOption({ label: 'Fantasy' });
    await page.getByRole('heading', { level: 1, name: 'Fantasy' }).waitFor();
    await page.waitForURL(/genre=fantasy/);
    await expect
      .poll(async () => (await cardTitles(page)).sort(), WAIT)
      .toEqual(['Cosmos Laundromat', 'Sintel', 'Spring']);
    await shot(page, 'browse-fantasy');
    await page.getByLabel('Year').fill('1999');
    await page.getByLabel('Year').press('Enter');
    await page.getByRole('heading', { name: 'No titles match these filters' }).waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(async () => (await cardTitles(page)).length, WAIT).toBe(all.length);
    await page.close();
  });

  it('search from the header finds Big Buck Bunny and explains an empty result', async () => {
    const page = await newPage();
    await page.goto(`${platform.baseUrl}/`);
    await page.getByRole('searchbox', { name: 'Search titles' }).fill('bunny');
    await page.getByRole('searchbox', { name: 'Search titles' }).press('Enter');
    await page.waitForURL(/\/search\?q=bunny$/);
    await page.getByRole('heading', { name: 'Results for “bunny”' }).waitFor();
    await expect.poll(() => cardTitles(page), WAIT).toEqual(['Big Buck Bunny']);
    await shot(page, 'search');
    // Typing on the results page updates them without pressing Enter.
    await page.getByRole('searchbox', { name: 'Search titles' }).fill('zzzz-no-such-title');
    await page.getByRole('heading', { name: 'No titles match “zzzz-no-such-title”' }).waitFor();
    expect(await page.getByTestId('title-card').count()).toBe(0);
    await page.close();
  });

  it('a title page shows cast and keeps the watchlist and rating across reloads', async () => {
    const creator = demoAccount(platform, 'creator');
    const asCreator = await apiAs(platform, creator.email, creator.password);
    const sintel = await titleId(platform, 'Sintel');
    await asCreator('PATCH', `/api/videos/${sintel}`, {
      cast: [
        { name: 'Halina Reijn', character: 'Sintel', role: 'voice' },
        { name: 'Thom Hoffman', character: 'Shaman', role: 'voice' },
      ],
    });
    const viewer = demoAccount(platform, 'viewer');
    const page = await newPage();
    // The demo viewer has two profiles, so signing in asks who is watching first.
    await signInWithForm(page, platform, viewer.email, viewer.password);
    await page.waitForURL(/\/profiles\?next=/);
    await pickProfile(page, 'Alex');
    await page.waitForURL(`${platform.baseUrl}/`);
    await page.goto(`${platform.baseUrl}/title/${sintel}`);
    await page.getByRole('heading', { level: 1, name: 'Sintel' }).waitFor();
    const cast = page.getByTestId('cast');
    await expect(cast.innerText()).resolves.toMatch(/Colin Levy\s+Director/);
    await expect(cast.innerText()).resolves.toMatch(/Halina Reijn\s+as Sintel/);
    expect(await page.getByTestId('play').getAttribute('href')).toBe(`/watch/${sintel}`);
    const list = page.getByTestId('watchlist');
    await expect(list.getAttribute('aria-pressed')).resolves.toBe('false');
    await list.click();
    await expect.poll(() => list.getAttribute('aria-pressed'), WAIT).toBe('true');
    await page.getByRole('radio', { name: /^4 out of 5/ }).check();
    await expect.poll(() => page.locator('.rating-words').innerText(), WAIT).toBe('Really liked it');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Sintel' }).waitFor();
    await expect.poll(() => page.getByTestId('watchlist').getAttribute('aria-pressed'), WAIT).toBe('true');
    expect(await page.getByRole('radio', { name: /^4 out of 5/ }).isChecked()).toBe(true);
    await shot(page, 'title');
    await page.getByRole('button', { name: 'Account menu for Alex' }).click();
    await page.getByRole('link', { name: 'Switch profile' }).waitFor();
    await page.screenshot({ path: 'e2e/screenshots/app-menu.png' });
    await page.keyboard.press('Escape');
    expect(await page.getByRole('link', { name: 'Switch profile' }).isVisible()).toBe(false);
    // Watched for 100 s (what the player records): the title offers to resume, home to continue.
    expect(await apiInPage(page, 'PUT', `/api/me/history/${sintel}`, { positionS: 100 })).toBe(200);
    await page.reload();
    await expect.poll(() => page.getByTestId('play').innerText(), WAIT).toMatch(/Resume\s+from 1:40/);
    await page.goto(`${platform.baseUrl}/`);
    const mine = page.getByRole('region', { name: 'My list' });
    await expect.poll(() => mine.locator('.card-title').allInnerTexts(), WAIT).toEqual(['Sintel']);
    const continuing = page.getByRole('region', { name: 'Continue watching' });
    await expect
      .poll(() => continuing.getByTestId('title-card').allInnerTexts(), WAIT)
      .toEqual([expect.stringMatching(/Sintel\s+13 min left/)]);
    await shot(page, 'home-signed-in');
    await page.close();
  });

  it('an episode links to its series, whose episodes link to the watch page', async () => {
    const page = await newPage();
    const episode = await titleId(platform, 'Caminandes: Gran Dillama');
    await page.goto(`${platform.baseUrl}/title/${episode}`);
    // Signed out (the previous test's session cookie dropped): play is offered, the list and rating ask to
    // sign in first.
    await browser.context.clearCookies();
    await page.reload();
    await page.getByRole('link', { name: 'Sign in', exact: true }).first().waitFor();
    await page.getByTestId('watchlist').click();
    await page.waitForURL(new RegExp(`/signin\\?next=%2Ftitle%2F${episode}$`));
    await page.goBack();
    await page.getByTestId('series-link').click();
    await page.getByRole('heading', { level: 1, name: 'Caminandes' }).waitFor();
    const episodes = page.getByTestId('episode');
    await expect.poll(() => episodes.count(), WAIT).toBe(3);
    expect(await episodes.locator('.episode-name').allInnerTexts()).toEqual([
      '1. Llama Drama',
      '2. Gran Dillama',
      '3. Llamigos',
    ]);
    expect(await episodes.nth(1).locator('a.episode-play').getAttribute('href')).toBe(`/watch/${episode}`);
    await shot(page, 'series');
    await page.close();
  });
});
