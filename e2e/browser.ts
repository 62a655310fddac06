/**
 * Browser-test harness: Debian's Chromium through playwright-core (never a downloaded browser), and a
 * real `wrangler dev` of the platform on its own port and state folder.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { ephemeralSecrets, migrateLocal, startDev, stopGroup, waitForOk } from '../scripts/lib.ts';
import { seedDemo } from '../scripts/seed.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);

if (!HAS_CHROMIUM) {
  const banner = `\n${'!'.repeat(78)}\n!! Chromium not found at ${CHROMIUM}: browser tests are SKIPPED.\n!! Install it with: apt-get install -y chromium   (CI treats this as a failure)\n${'!'.repeat(78)}\n`;
  console.warn(banner);
  if (process.env.REEL_REQUIRE_BROWSER === '1')
    throw new Error(`Chromium is required (REEL_REQUIRE_BROWSER=1) but ${CHROMIUM} is missing`);
}

/** Debian's Chromium, headless, quiet, and allowed to autoplay (TOOLCHAIN.md "Browser tests"). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--autoplay-policy=no-user-gesture-required',
];

export async function launchBrowser(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = mkdtempSync(path.join(tmpdir(), 'reel-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Starts the whole platform (migrated and seeded, app already built) in a fresh state folder. */
export async function startPlatform(port: number, extraVars: Record<string, string> = {}) {
  const persistDir = mkdtempSync(path.join(tmpdir(), 'reel-e2e-state-'));
  migrateLocal(persistDir);
  const credentials = seedDemo(persistDir);
  // Media URLs and the Origin check must name this platform's port, not the default :8787.
  const origin = `http://localhost:${port}`;
  const vars: Record<string, string> = {
    ...ephemeralSecrets(),
    APP_ORIGIN: origin,
    MEDIA_BASE_URL: `${origin}/v`,
    ...extraVars,
  };
  const dev = startDev(port, { quiet: true, persistDir, vars });
  const baseUrl = origin;
  const stop = () => {
    stopGroup(dev, 'SIGINT');
    rmSync(persistDir, { recursive: true, force: true });
  };
  try {
    await waitForOk(`${baseUrl}/api/health`, 120_000);
  } catch (err) {
    stop();
    throw err;
  }
  return { baseUrl, credentials, vars, stop, persistDir };
}
