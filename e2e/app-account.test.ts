import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiInPage, type Platform, shot } from './app-kit.ts';
import { HAS_CHROMIUM, launchBrowser, startPlatform } from './browser.ts';

/** expect.poll's default second is too short for a page that loads over the network. */
const WAIT = { timeout: 10_000 };

/** Accounts in the viewer app: signing up, profiles with a PIN, devices and signing out everywhere. */
describe.skipIf(!HAS_CHROMIUM)('viewer app accounts in Chromium', () => {
  let platform: Platform;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  const email = `newcomer-${Date.now()}@example.com`;

  beforeAll(async () => {
    platform = await startPlatform(8811);
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    platform?.stop();
  });

  it('signs up a new viewer: field errors first, then signed in and back where they started', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${platform.baseUrl}/signup?next=/browse`);
    await page.getByLabel('Your name').fill('Robin');
    await page.getByLabel('Email').fill('not-an-email');
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    // The API's problem+json `errors` appear next to the fields they name.
    const password = page.getByLabel('Password');
    await expect.poll(() => password.getAttribute('aria-invalid'), WAIT).toBe('true');
    expect(await page.getByLabel('Email').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.field-error').allInnerTexts()).toHaveLength(2);
    await shot(page, 'signup-errors');
    await page.getByLabel('Email').fill(email);
    await password.fill('correct horse battery');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL(`${platform.baseUrl}/browse`);
    await page.getByRole('button', { name: 'Account menu for Robin' }).waitFor();
    await page.close();
  });

  it('asks for the PIN of a locked profile, refuses a wrong one and opens with the right one', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${platform.baseUrl}/`);
    await page.getByRole('button', { name: 'Account menu for Robin' }).waitFor();
    expect(
      await apiInPage(page, 'POST', '/api/profiles', { name: 'Sam', pin: '2468', avatar: 'purple' }),
    ).toBe(201);
    expect(await apiInPage(page, 'POST', '/api/profiles', { name: 'Little one', isKids: true })).toBe(201);
    await page.getByRole('button', { name: 'Account menu for Robin' }).click();
    await page.getByRole('link', { name: 'Switch profile' }).click();
    await page.getByRole('heading', { name: 'Who’s watching?' }).waitFor();
    await expect.poll(() => page.getByTestId('profile').count(), WAIT).toBe(3);
    expect(await page.getByTestId('profile').filter({ hasText: 'Little one' }).innerText()).toMatch(
      /kids profile/i,
    );
    await shot(page, 'profiles');
    await page.getByRole('button', { name: /^Sam/ }).click();
    const dialog = page.getByTestId('pin-dialog');
    await dialog.getByRole('heading', { name: 'Enter the PIN for Sam' }).waitFor();
    await dialog.getByLabel('4-digit PIN').fill('1111');
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await dialog.getByText('That PIN isn’t right').waitFor();
    await shot(page, 'profiles-pin');
    await dialog.getByLabel('4-digit PIN').fill('2468');
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Account menu for Sam' }).waitFor();
    await page.waitForURL(`${platform.baseUrl}/`);
    await page.close();
  });

  it('the account page lists this device; signing out everywhere ends every session', async () => {
    // A second device of the same account (a bearer session), to see it listed and ended.
    const login = await fetch(`${platform.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'correct horse battery', deviceLabel: 'Living-room TV' }),
    });
    const { token } = (await login.json()) as { token: string };
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${platform.baseUrl}/account`);
    await page.getByRole('heading', { level: 1, name: 'Account' }).waitFor();
    expect(await page.getByTestId('email').innerText()).toBe(email);
    await page.getByTestId('plan').getByText('Free').waitFor();
    const devices = page.getByTestId('device');
    await expect.poll(() => devices.count(), WAIT).toBe(2);
    expect(await devices.filter({ hasText: 'This device' }).count()).toBe(1);
    expect(await devices.filter({ hasText: 'Living-room TV' }).count()).toBe(1);
    await shot(page, 'account');
    await page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await page.getByRole('button', { name: 'Yes, sign out everywhere' }).click();
    await page.waitForURL(/\/signin/);
    await page.getByRole('link', { name: 'Sign in' }).first().waitFor();
    // Both sessions are over: this browser is signed out, and the other device's token no longer works.
    await page.goto(`${platform.baseUrl}/account`);
    await page.waitForURL(/\/signin\?next=%2Faccount|\/signin\?next=\/account/);
    const other = await fetch(`${platform.baseUrl}/api/auth/me`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(other.status).toBe(401);
    await shot(page, 'signin');
    await page.close();
  });
});
