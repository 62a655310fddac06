import { describe, expect, it } from 'vitest';
import { type AnalyticsEnginePoint, analyticsEngineSink, clipUtf8, toDataPoint } from './analytics-engine.ts';
import type { BeaconEvent, CmcdEvent } from './events.ts';

const cmcd: CmcdEvent = {
  kind: 'cmcd',
  videoId: 'vid_1',
  sessionId: 'ses_1',
  path: 'h264-720/seg_3.m4s',
  deviceClass: 'desktop',
  country: 'NL',
  cmcd: {
    br: 3200,
    bl: 21300,
    bs: true,
    ot: 'v',
    sf: 'h',
    st: 'v',
    sid: 'p1',
    pr: 1.5,
    su: false,
    custom: { 'x-a': 1 },
  },
};

const beacon: BeaconEvent = {
  kind: 'beacon',
  videoId: 'vid_1',
  sessionId: 'ses_1',
  event: 'rebufferend',
  measures: { viewMs: 9000, rebufferMs: 1200, rebufferCount: 2, shortSide: 720 },
};

describe('Analytics Engine mapping', () => {
  it('lays a CMCD event out in the documented columns, absent numbers as -1', () => {
    expect(toDataPoint(cmcd)).toEqual({
      indexes: ['vid_1'],
      blobs: [
        'cmcd',
        'ses_1',
        'desktop',
        'NL',
        'h264-720/seg_3.m4s',
        'v',
        'h',
        'v',
        '',
        'p1',
        '',
        '',
        '{"x-a":1}',
      ],
      // br, bl, bs, d, dl, mtp, pr, rtp, su, tb, v
      doubles: [3200, 21300, 1, -1, -1, -1, 1.5, -1, 0, -1, -1],
    });
  });

  it('lays a beacon out with the event name and its measures', () => {
    expect(toDataPoint(beacon)).toEqual({
      indexes: ['vid_1'],
      blobs: ['beacon', 'ses_1', '', '', 'rebufferend', ''],
      // viewMs, playheadMs, startupMs, watchMs, rebufferMs, rebufferCount, bitrateKbps, shortSide, bandwidthKbps,
      // droppedFrames, switchCount, avgBitrateKbps
      doubles: [9000, -1, -1, -1, 1200, 2, -1, 720, -1, -1, -1, -1],
    });
  });

  it('stays within the limits: one index ≤ 96 bytes, ≤ 20 blobs and doubles, blobs cut without splitting characters', () => {
    const long = 'é'.repeat(600);
    const point = toDataPoint({
      ...cmcd,
      videoId: long,
      path: long,
      cmcd: { ...cmcd.cmcd, custom: { 'x-long': long } },
    });
    expect(new TextEncoder().encode(point.indexes?.[0]).length).toBe(96);
    expect(point.blobs?.length).toBeLessThanOrEqual(20);
    expect(point.doubles?.length).toBeLessThanOrEqual(20);
    expect(point.blobs?.[4]).toBe('é'.repeat(128));
    const total = (point.blobs ?? []).reduce((n, b) => n + new TextEncoder().encode(b).length, 0);
    expect(total).toBeLessThanOrEqual(5120);
    expect(clipUtf8('a😀b', 4)).toBe('a');
    expect(clipUtf8('a😀b', 5)).toBe('a😀');
  });

  it('the sink writes one data point per event', async () => {
    const points: AnalyticsEnginePoint[] = [];
    const sink = analyticsEngineSink({ writeDataPoint: (p) => points.push(p) });
    await sink.record(cmcd);
    await sink.record(beacon);
    expect(points.map((p) => p.blobs?.[0])).toEqual(['cmcd', 'beacon']);
  });
});
