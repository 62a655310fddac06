import { env } from 'cloudflare:test';
import { Beacon, type CmcdEvent, d1Sink, sinkFor } from '@reel/metrics';
import { describe, expect, it } from 'vitest';

type Row = { kind: string; at: number; video_id: string; session_id: string; data: string };

const rowsOf = async (videoId: string) =>
  (
    await env.DB.prepare('SELECT * FROM metrics_events WHERE video_id = ? ORDER BY id')
      .bind(videoId)
      .all<Row>()
  ).results;

const cmcdEvent = (videoId: string): CmcdEvent => ({
  kind: 'cmcd',
  videoId,
  sessionId: 'ses_1',
  path: 'h264-360/seg_1.m4s',
  deviceClass: 'mobile',
  cmcd: { br: 800, ot: 'v', su: true, custom: { 'x-app': 'reel' } },
});

describe('the D1 metrics sink (development and test)', () => {
  it('writes a CMCD event as a metrics_events row with its data as JSON', async () => {
    await d1Sink(env.DB, () => 1_700_000_000_123).record(cmcdEvent('vid_d1_cmcd'));
    const rows = await rowsOf('vid_d1_cmcd');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'cmcd', at: 1_700_000_000_123, session_id: 'ses_1' });
    expect(JSON.parse(rows[0]?.data ?? '')).toEqual({
      path: 'h264-360/seg_1.m4s',
      deviceClass: 'mobile',
      cmcd: { br: 800, ot: 'v', su: true, custom: { 'x-app': 'reel' } },
    });
  });

  it('writes a validated beacon, and never stores fields outside the event type (no IP)', async () => {
    const parsed = Beacon.parse({
      videoId: 'vid_d1_beacon',
      sessionId: 'ses_2',
      event: 'playing',
      measures: { startupMs: 850 },
    });
    const smuggled = {
      ...parsed,
      kind: 'beacon' as const,
      ip: '203.0.113.9',
      measures: { ...parsed.measures, ip: '203.0.113.9' },
    };
    await d1Sink(env.DB, () => 5).record(smuggled);
    const rows = await rowsOf('vid_d1_beacon');
    expect(rows.map((r) => r.kind)).toEqual(['beacon']);
    expect(rows[0]?.data).not.toContain('203.0.113.9');
    expect(JSON.parse(rows[0]?.data ?? '')).toEqual({ event: 'playing', measures: { startupMs: 850 } });
  });

  it('refuses beacons with unknown keys or out-of-range numbers at the boundary', () => {
    const base = { videoId: 'v', sessionId: 's', event: 'heartbeat' };
    expect(Beacon.safeParse({ ...base, ip: '203.0.113.9' }).success).toBe(false);
    expect(Beacon.safeParse({ ...base, measures: { rebufferMs: -1 } }).success).toBe(false);
    expect(Beacon.safeParse({ ...base, event: 'teleport' }).success).toBe(false);
    expect(Beacon.safeParse(base).success).toBe(true);
  });

  it('sinkFor picks D1 outside production and Analytics Engine in production', async () => {
    await sinkFor(env, () => 7).record(cmcdEvent('vid_sinkfor_test'));
    expect(await rowsOf('vid_sinkfor_test')).toHaveLength(1);

    const points: unknown[] = [];
    const prod = {
      ...env,
      ENVIRONMENT: 'production',
      METRICS: { writeDataPoint: (p: unknown) => points.push(p) },
    };
    await sinkFor(prod).record(cmcdEvent('vid_sinkfor_prod'));
    expect(points).toHaveLength(1);
    expect(await rowsOf('vid_sinkfor_prod')).toHaveLength(0);
  });

  it('the real Analytics Engine binding accepts the mapped point', async () => {
    await expect(
      sinkFor({ ...env, ENVIRONMENT: 'production' }).record(cmcdEvent('vid_ae')),
    ).resolves.toBeUndefined();
  });
});
