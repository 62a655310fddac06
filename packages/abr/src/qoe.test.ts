import { describe, expect, it } from 'vitest';
import { scoreSession } from './qoe.ts';
import type { ChunkRecord } from './simulate.ts';
import { uniformVideo } from './test-kit.ts';

const video = uniformVideo([300, 750, 1200, 4300], [1, 1, 1, 1], 5);
const chunk = (rung: number, rebufferS: number, durationS = 1): ChunkRecord => ({
  rung,
  bytes: 1,
  durationS,
  rebufferS,
  sleepS: 0,
  bufferS: 4,
});

describe('scoreSession', () => {
  it('sums bitrate − 4.3 × rebuffer − |Δbitrate| over chunks 2…n, chunk 2 compared with chunk 1', () => {
    const records = [chunk(1, 2.5, 2.5), chunk(3, 0), chunk(3, 0.5), chunk(0, 0), chunk(2, 1)];
    // chunk 2: 4.3 − 0 − |4.3 − 0.75| = 0.75
    // chunk 3: 4.3 − 4.3 × 0.5 − 0 = 2.15
    // chunk 4: 0.3 − 0 − 4.0 = −3.7
    // chunk 5: 1.2 − 4.3 × 1 − 0.9 = −4.0
    // total −4.8; the startup stall (2.5 s) is not charged
    const m = scoreSession(records, video);
    expect(m.qoe).toBeCloseTo(-4.8, 12);
    expect(m.meanBitrateKbps).toBe((4300 + 4300 + 300 + 1200) / 4);
    expect(m.rebufferS).toBe(1.5);
    expect(m.rebufferRatio).toBeCloseTo(1.5 / (1.5 + 20), 12);
    expect(m.switches).toBe(3);
    expect(m.startupS).toBe(2.5);
  });
});
