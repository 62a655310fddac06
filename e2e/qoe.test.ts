/**
 * The QoE dashboard on the real platform: beacons of a real playback session go through the API into the
 * MetricsSink, the cron (run on demand) rolls them up, and the creator's dashboard shows plots and flags.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { PlaybackGrant, QoeReport } from '@reel/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, launchBrowser, startPlatform } from './browser.ts';
import {
  type Client,
  makeClip,
  type Platform,
  settled,
  signUp,
  startTranscoder,
  uploadVideo,
  waitForVideo,
} from './media-kit.ts';

const scratch = mkdtempSync(path.join(tmpdir(), 'reel-qoe-'));
let platform: Platform;
let client: Client;
let videoId = '';

beforeAll(async () => {
  platform = await startPlatform(8850);
  client = await signUp(platform, 'qoe');
  const transcoder = startTranscoder(platform, scratch);
  try {
    videoId = await uploadVideo(client, makeClip(scratch, 'q.mp4', { seconds: 4 }), { title: 'Measured' });
    expect((await waitForVideo(client, videoId, settled)).status).toBe('ready');
  } finally {
    transcoder.kill('SIGKILL');
  }
}, 180_000);

afterAll(() => {
  platform?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

/** One view's beacons as the player sends them (text/plain, like navigator.sendBeacon). */
async function view(grant: PlaybackGrant, measures: Record<string, number> | null) {
  const base = { videoId, sessionId: grant.sessionId };
  const beacons = measures
    ? [
        { ...base, event: 'viewstart' },
        { ...base, event: 'playing', measures: { startupMs: measures.startupMs } },
        { ...base, event: 'viewend', measures },
      ]
    : [
        { ...base, event: 'viewstart' },
        { ...base, event: 'error', errorCode: 'media_error' },
      ];
  const res = await fetch(`${platform.baseUrl}/api/qoe/beacons`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8' },
    body: JSON.stringify({ beacons }),
  });
  expect(res.status).toBe(202);
}

const grant = async () =>
  (await (
    await fetch(`${platform.baseUrl}/api/videos/${videoId}/playback`, { method: 'POST' })
  ).json()) as PlaybackGrant;

describe.skipIf(!HAS_CHROMIUM)('QoE dashboard', () => {
  it('shows the rolled-up figures of real sessions with plots and flags', async () => {
    await view(await grant(), {
      startupMs: 700,
      watchMs: 40_000,
      rebufferMs: 1500,
      rebufferCount: 2,
      avgBitrateKbps: 900,
      switchCount: 1,
    });
    await view(await grant(), {
      startupMs: 4500,
      watchMs: 30_000,
      rebufferMs: 0,
      rebufferCount: 0,
      avgBitrateKbps: 2400,
      switchCount: 3,
    });
    await view(await grant(), null);
    expect((await fetch(`${platform.baseUrl}/cdn-cgi/local/scheduled?cron=*/15+*+*+*+*`)).status).toBe(200);
    // The cron's work runs in waitUntil: wait for the rollup to land.
    const deadline = Date.now() + 15_000;
    while ((await client.api<QoeReport>('GET', `/api/qoe?videoId=${videoId}`)).totals.views < 3) {
      if (Date.now() > deadline) throw new Error('the rollup did not show the three views');
      await new Promise((r) => setTimeout(r, 250));
    }

    const browser = await launchBrowser();
    try {
      const page = await browser.context.newPage();
      // The creator's session, as a bearer token on every request of the page (the API accepts both).
      await page.setExtraHTTPHeaders({ authorization: `Bearer ${client.token}` });
      await page.goto(`${platform.baseUrl}/studio/qoe?videoId=${videoId}`);
      await page.getByText('Views').first().waitFor();
      const tiles = await page.locator('.qoe-tiles').innerText();
      expect(tiles).toContain('3'); // views
      expect(await page.locator('figure.chart').count()).toBe(4);
      const flags = await page
        .locator('[data-flag]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-flag')));
      // 1 of 3 views failed to start (33% > 0.5%) and 1.5 s of 71.5 s rebuffering (2.1% > 1%).
      expect(flags.sort()).toEqual(['rebuffering_high', 'start_failures_high']);
      mkdirSync('e2e/screenshots', { recursive: true });
      await page.screenshot({ path: 'e2e/screenshots/qoe-dashboard.png', fullPage: true });
    } finally {
      await browser.close();
    }
  });
});
