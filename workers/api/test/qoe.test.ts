import {
  createExecutionContext,
  createScheduledController,
  env,
  waitOnExecutionContext,
} from 'cloudflare:test';
import type { QoeReport } from '@reel/contracts';
import { describe, expect, it } from 'vitest';
import { type BeaconRow, rollUp } from '../src/domain/qoe-rollup.ts';
import { analyticsEngineSource, d1BeaconSource } from '../src/domain/qoe-source.ts';
import { rollUpDay } from '../src/domain/qoe-store.ts';
import { utcDay } from '../src/domain/qoe-rollup.ts';
import { createDb } from '../src/db.ts';
import worker from '../src/index.ts';
import { call, callJson, makeUser, problemOf, rows } from './helpers.ts';
import { grantOf, publishedTitle } from './playback-kit.ts';

const T0 = Date.parse('2026-11-20T10:00:00Z');
const beacon = (sessionId: string, at: number, event: BeaconRow['event'], measures = {}): BeaconRow => ({
  videoId: 'AAAAAAAAAAAAAAAA',
  sessionId,
  at: T0 + at,
  event,
  deviceClass: 'desktop',
  country: 'DE',
  measures,
});

describe('QoE rollup (Mux definitions)', () => {
  it('matches a hand computation: one start, one start failure, one exit before start', () => {
    const [row, ...rest] = rollUp([
      beacon('a', 0, 'viewstart'),
      beacon('a', 800, 'playing', { startupMs: 800 }),
      beacon('a', 30_000, 'heartbeat', {
        watchMs: 29_000,
        rebufferMs: 200,
        rebufferCount: 1,
        switchCount: 1,
      }),
      beacon('a', 61_000, 'viewend', {
        watchMs: 60_000,
        rebufferMs: 600,
        rebufferCount: 2,
        switchCount: 3,
        avgBitrateKbps: 2000,
        droppedFrames: 4,
      }),
      beacon('b', 0, 'viewstart'),
      beacon('b', 3000, 'error'),
      beacon('c', 0, 'viewstart'),
      beacon('c', 1500, 'viewend'),
    ]);
    expect(rest).toEqual([]);
    expect(row).toMatchObject({
      day: '2026-11-20',
      views: 3,
      starts: 1,
      startFailures: 1,
      exitsBeforeStart: 1,
      startupMsSum: 800,
      // 800 ms lies in the third bucket [500, 1000).
      startupHistogram: [0, 0, 1, 0, 0, 0, 0, 0],
      watchMs: 60_000,
      rebufferMs: 600,
      rebufferCount: 2,
      bitrateKbpsMs: 2000 * 60_000,
      // 2000 kbps lies in [1850, 2850): the fifth bucket holds the view's 60 s.
      bitrateHistogram: [0, 0, 0, 0, 60_000, 0, 0, 0],
      switches: 3,
      droppedFrames: 4,
    });
  });

  it('keeps a view on the day it started, and groups by device and country', () => {
    const late = T0 + 14 * 3600_000 - 1000; // 23:59:59 UTC
    const out = rollUp([
      { ...beacon('x', 0, 'viewstart'), at: late },
      { ...beacon('x', 0, 'playing', { startupMs: 400 }), at: late + 500 },
      { ...beacon('y', 0, 'playing', { startupMs: 400 }), deviceClass: 'mobile' },
    ]);
    expect(out.map((r) => [r.day, r.deviceClass, r.views]).sort()).toEqual([
      ['2026-11-20', 'desktop', 1],
      ['2026-11-20', 'mobile', 1],
    ]);
  });
});

/** As a player's sendBeacon sends them (text/plain), from Norway as the edge reports it. */
const post = (body: unknown, type = 'text/plain;charset=UTF-8') =>
  call('POST', '/api/qoe/beacons', {
    body: JSON.stringify(body),
    headers: { 'content-type': type },
    cf: { country: 'NO' },
  });

describe('POST /api/qoe/beacons → rollup → GET /api/qoe', () => {
  it('records beacons of a real playback session, rolls them up and reports them with flags', async () => {
    const { video, owner } = await publishedTitle();
    const grant = await grantOf(video.id);
    const base = { videoId: video.id, sessionId: grant.sessionId };
    expect((await post({ ...base, event: 'viewstart' })).status).toBe(202);
    const end = { watchMs: 50_000, rebufferMs: 2000, rebufferCount: 3, avgBitrateKbps: 900, switchCount: 2 };
    const batch = [
      { ...base, event: 'playing', measures: { startupMs: 4200 } },
      { ...base, event: 'viewend', measures: end },
    ];
    expect((await post({ beacons: batch }, 'application/json')).status).toBe(202);
    const stored = await rows<{ data: string }>(
      'SELECT data FROM metrics_events WHERE session_id = ?',
      grant.sessionId,
    );
    expect(stored).toHaveLength(3);
    expect(Object.keys(JSON.parse(stored[2]?.data ?? '{}')).sort()).toEqual([
      'country',
      'deviceClass',
      'event',
      'measures',
    ]);

    await rollUpDay(createDb(env.DB), d1BeaconSource(createDb(env.DB)), utcDay(Date.now()), Date.now());
    const report = await callJson<QoeReport>('GET', `/api/qoe?videoId=${video.id}&days=7`, 200, {
      token: owner.token,
    });
    expect(report.totals).toMatchObject({
      views: 1,
      starts: 1,
      startupP50Ms: 5000,
      rebufferCount: 3,
      avgBitrateKbps: 900,
    });
    expect(report.totals.rebufferRatio).toBeCloseTo(2000 / 52_000, 6);
    expect(report.byCountry.map((c) => c.country)).toEqual(['NO']);
    expect(report.flags.map((f) => f.code).sort()).toEqual(['rebuffering_high', 'startup_slow']);
    // Rolling up again replaces the day's rows instead of adding to them.
    await rollUpDay(createDb(env.DB), d1BeaconSource(createDb(env.DB)), utcDay(Date.now()), Date.now());
    const again = await callJson<QoeReport>('GET', `/api/qoe?videoId=${video.id}`, 200, {
      token: owner.token,
    });
    expect(again.totals.views).toBe(1);
  });

  it('refuses beacons of unknown sessions, invalid beacons and extra fields', async () => {
    const { video } = await publishedTitle();
    const grant = await grantOf(video.id);
    const base = { videoId: video.id, sessionId: grant.sessionId, event: 'playing' };
    expect((await problemOf(await post({ ...base, sessionId: 'B'.repeat(22) }), 404)).code).toBe('not_found');
    expect((await problemOf(await post({ ...base, event: 'hacked' }), 400)).code).toBe('validation_failed');
    expect((await problemOf(await post({ ...base, ip: '203.0.113.9' }), 400)).code).toBe('validation_failed');
    expect(
      (
        await problemOf(
          await call('POST', '/api/qoe/beacons', { body: '{', headers: { 'content-type': 'text/plain' } }),
          400,
        )
      ).code,
    ).toBe('malformed_json');
  });

  it('shows owners their own titles only and admins everything', async () => {
    const mine = await publishedTitle();
    const theirs = await publishedTitle();
    const viewer = await makeUser();
    const empty = await callJson<QoeReport>('GET', '/api/qoe', 200, { token: viewer.token });
    expect(empty.totals.views).toBe(0);
    expect((await call('GET', '/api/qoe')).status).toBe(401);
    expect(
      (await call('GET', `/api/qoe?videoId=${theirs.video.id}`, { token: mine.owner.token })).status,
    ).toBe(403);
    expect((await call('GET', '/api/qoe', { token: mine.owner.token })).status).toBe(200);
    const admin = await makeUser('admin');
    expect((await call('GET', `/api/qoe?videoId=${theirs.video.id}`, { token: admin.token })).status).toBe(
      200,
    );
  });
});

describe('the production beacon source (Analytics Engine SQL API)', () => {
  it('queries the day plus a tail, maps the column layout back and keeps views that started that day', async () => {
    const requests: { url: string; auth: string | null; body: string }[] = [];
    const point = (sessionId: string, timestamp: string, event: string, startupMs: number) => ({
      timestamp,
      index1: 'AAAAAAAAAAAAAAAA',
      blob2: sessionId,
      blob3: 'tv',
      blob4: '',
      blob5: event,
      ...Object.fromEntries(
        Array.from({ length: 12 }, (_, i) => [`double${i + 1}`, i === 2 ? startupMs : -1]),
      ),
    });
    const source = analyticsEngineSource({
      accountId: 'acct',
      apiToken: 'tok',
      dataset: 'reel_metrics',
      fetch: async (input, init) => {
        requests.push({
          url: String(input),
          auth: new Headers(init?.headers).get('authorization'),
          body: String(init?.body),
        });
        const data = [
          point('late', '2026-11-19 23:59:00', 'viewstart', -1),
          point('late', '2026-11-20 00:01:00', 'playing', 900),
          point('today', '2026-11-20 08:00:00', 'playing', 1200),
          point('bogus', '2026-11-20 09:00:00', 'not-an-event', 1),
        ];
        return Response.json({ meta: [], data, rows: data.length });
      },
    });
    const rows = await source.beaconsOfDay('2026-11-20');
    expect(requests[0]?.url).toBe('https://api.cloudflare.com/client/v4/accounts/acct/analytics_engine/sql');
    expect(requests[0]?.auth).toBe('Bearer tok');
    expect(requests[0]?.body).toContain("blob1 = 'beacon'");
    expect(requests[0]?.body).toContain("timestamp < toDateTime('2026-11-21 06:00:00')");
    expect(rows).toEqual([
      {
        videoId: 'AAAAAAAAAAAAAAAA',
        sessionId: 'today',
        deviceClass: 'tv',
        country: 'XX',
        event: 'playing',
        at: Date.parse('2026-11-20T08:00:00Z'),
        measures: { startupMs: 1200 },
      },
    ]);
  });
});

describe('the cron', () => {
  it('rolls up today’s beacons from the scheduled handler', async () => {
    const { video, owner } = await publishedTitle();
    const grant = await grantOf(video.id);
    const base = { videoId: video.id, sessionId: grant.sessionId };
    expect(
      (
        await post({
          beacons: [
            { ...base, event: 'viewstart' },
            { ...base, event: 'playing', measures: { startupMs: 600 } },
          ],
        })
      ).status,
    ).toBe(202);
    const ctx = createExecutionContext();
    worker.scheduled(createScheduledController({ cron: '*/15 * * * *' }), env, ctx);
    await waitOnExecutionContext(ctx);
    const report = await callJson<QoeReport>('GET', `/api/qoe?videoId=${video.id}`, 200, {
      token: owner.token,
    });
    expect(report.totals).toMatchObject({ views: 1, starts: 1, startupP50Ms: 1000 });
  });
});
