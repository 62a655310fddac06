/**
 * Shared by the viewer-app browser tests: a bearer client for a demo account, signing in through the
 * real form, reading the catalog, and screenshots under e2e/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { startPlatform } from './browser.ts';

export type Platform = Awaited<ReturnType<typeof startPlatform>>;
export const SHOTS = 'e2e/screenshots';
mkdirSync(SHOTS, { recursive: true });

/** A full-page screenshot, named after the page it shows. */
export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SHOTS}/app-${name}.png`, fullPage: true });
}

/** The demo account with this role (startPlatform seeds admin, creator and viewer). */
export function demoAccount(platform: Platform, role: 'admin' | 'creator' | 'viewer') {
  const account = platform.credentials.find((c) => c.role === role);
  if (!account) throw new Error(`no demo ${role} account`);
  return account;
}

/** A bearer-token client of the API, signed in with email and password. */
export async function apiAs(platform: Platform, email: string, password: string) {
  const res = await fetch(`${platform.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
  const { token } = (await res.json()) as { token: string };
  return async <T>(method: string, route: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${platform.baseUrl}${route}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!r.ok) throw new Error(`${method} ${route}: ${r.status} ${await r.text()}`);
    return (r.status === 204 ? undefined : await r.json()) as T;
  };
}

/** The id of the catalog title with exactly this name (signed out, as the app's search sees it). */
export async function titleId(platform: Platform, title: string): Promise<string> {
  const res = await fetch(`${platform.baseUrl}/api/videos?q=${encodeURIComponent(title)}&limit=100`);
  const page = (await res.json()) as { items: { id: string; title: string }[] };
  const found = page.items.find((v) => v.title === title);
  if (!found) throw new Error(`no title named ${title}`);
  return found.id;
}

/** Signs in through the app's form and waits for the account menu. */
export async function signInWithForm(page: Page, platform: Platform, email: string, password: string) {
  await page.goto(`${platform.baseUrl}/signin`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('button', { name: /^Account menu for/ }).waitFor();
}

/** Same-origin API call from inside the page: the session cookie and Origin come with it, as in the app. */
export async function apiInPage(page: Page, method: string, route: string, body?: unknown): Promise<number> {
  return page.evaluate(
    async ({ method, route, body }) => {
      const res = await fetch(route, {
        method,
        headers: { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return res.status;
    },
    { method, route, body },
  );
}

/** Titles on the cards currently shown. */
export async function cardTitles(page: Page): Promise<string[]> {
  return page.locator('[data-testid="title-card"] .card-title').allInnerTexts();
}

/** Picks a profile on "Who's watching?" (no PIN) and waits to land where the picker was sent from. */
export async function pickProfile(page: Page, name: string): Promise<void> {
  await page.getByRole('heading', { name: 'Who’s watching?' }).waitFor();
  await page.getByTestId('profile').filter({ hasText: name }).click();
  await page.getByRole('button', { name: `Account menu for ${name}` }).waitFor();
}
