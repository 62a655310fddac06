import { describe, expect, it } from 'vitest';
import { scoreSession } from './qoe.ts';
import { PENSIEVE_SETUP, simulateSession } from './simulate.ts';
import { scripted, uniformVideo } from './test-kit.ts';
import type { Trace } from './trace.ts';

// At 1 Mbit/s with the 0.95 payload factor the link carries 118,750 bytes/s, so a 475,000-byte chunk
// takes 4 s and a 237,500-byte chunk 2 s (plus the 80 ms round trip).
const VIDEO = uniformVideo([300, 750], [237_500, 475_000], 10);
const setup = (chunkCount: number) => ({ ...PENSIEVE_SETUP, chunkCount });
const rounded = (xs: number[]) => xs.map((x) => Math.round(x * 1e9) / 1e9);

describe('simulateSession', () => {
  it('plays a constant 1 Mbit/s link as computed by hand', () => {
    const trace: Trace = { name: 'constant', timesS: [0, 1000], mbps: [1, 1] };
    const alg = scripted([0, 1]);
    const records = simulateSession(alg, trace, VIDEO, setup(3));
    // chunk 1 (750 kbps, forced): 4 + 0.08 = 4.08 s, all of it startup; buffer 0 + 4 = 4
    // chunk 2 (300): 2.08 s; buffer 4 − 2.08 + 4 = 5.92
    // chunk 3 (750): 4.08 s; buffer 5.92 − 4.08 + 4 = 5.84
    expect(records.map((r) => r.rung)).toEqual([1, 0, 1]);
    expect(rounded(records.map((r) => r.durationS))).toEqual([4.08, 2.08, 4.08]);
    expect(rounded(records.map((r) => r.rebufferS))).toEqual([4.08, 0, 0]);
    expect(rounded(records.map((r) => r.bufferS))).toEqual([4, 5.92, 5.84]);
    expect(alg.seen.map((s) => [s.nextChunk, Math.round(s.bufferS * 1e9) / 1e9, s.lastRung])).toEqual([
      [1, 4, 1],
      [2, 5.92, 0],
    ]);
    // QoE: chunk 2: 0.3 − |0.3 − 0.75| = −0.15; chunk 3: 0.75 − 0.45 = 0.3; total 0.15
    const m = scoreSession(records, VIDEO);
    expect(m.qoe).toBeCloseTo(0.15, 12);
    expect(m).toMatchObject({ meanBitrateKbps: 525, rebufferS: 0, rebufferRatio: 0, switches: 2 });
    expect(m.startupS).toBeCloseTo(4.08, 12);
  });

  it('stalls while the link carries nothing, and charges the stall to QoE', () => {
    // 1 Mbit/s over [0,2), [7,12) and [20,…); nothing over [2,7) and [12,20).
    const trace: Trace = { name: 'gaps', timesS: [0, 2, 7, 12, 20, 1000], mbps: [0, 1, 0, 1, 0, 1] };
    const records = simulateSession(scripted([0, 1]), trace, VIDEO, setup(3));
    // chunk 1: 2 s sending, 5 s gap, 2 s sending → ends at t = 9: 9.08 s of startup; buffer 4
    // chunk 2 (300) from t = 9: 2 s → 2.08 s; buffer 4 − 2.08 + 4 = 5.92
    // chunk 3 (750) from t = 11: 1 s sending, 8 s gap, 3 s sending → 12.08 s; stall 12.08 − 5.92 = 6.16
    expect(rounded(records.map((r) => r.durationS))).toEqual([9.08, 2.08, 12.08]);
    expect(rounded(records.map((r) => r.rebufferS))).toEqual([9.08, 0, 6.16]);
    expect(rounded(records.map((r) => r.bufferS))).toEqual([4, 5.92, 4]);
    // QoE: −0.15 + (0.75 − 4.3 × 6.16 − 0.45) = −0.15 − 26.188 = −26.338
    // rebuffer ratio: 6.16 / (6.16 + 3 chunks × 4 s) = 6.16 / 18.16
    const m = scoreSession(records, VIDEO);
    expect(m.qoe).toBeCloseTo(-26.338, 9);
    expect(m.rebufferS).toBeCloseTo(6.16, 9);
    expect(m.rebufferRatio).toBeCloseTo(6.16 / 18.16, 12);
    expect(m.startupS).toBeCloseTo(9.08, 9);
  });

  it('loops a short trace back to its second sample at time 0', () => {
    // [0,2) at 1 Mbit/s (118,750 B/s), [2,3) at 2 Mbit/s (237,500 B/s), then again from 0.
    const trace: Trace = { name: 'loop', timesS: [0, 2, 3], mbps: [9, 1, 2] };
    const video = uniformVideo([300, 750], [178_125, 475_000], 10);
    const records = simulateSession(scripted([0, 1, 1]), trace, video, setup(4));
    // chunk 1 (475,000 B): 237,500 in [0,2) + 237,500 in [2,3) → 3 s
    // chunk 2 (178,125 B): wraps to t = 0, 1.5 s at 118,750 B/s → 1.5 s
    // chunk 3 (475,000 B) from t = 1.5: 59,375 in [1.5,2), 237,500 in [2,3), wrap, 178,125 in 1.5 s → 3 s
    // chunk 4: the same position (t = 1.5) again → 3 s
    // The 9 Mbit/s of sample 0 is never used.
    expect(rounded(records.map((r) => r.durationS))).toEqual([3.08, 1.58, 3.08, 3.08]);
    expect(rounded(records.map((r) => r.bufferS))).toEqual([4, 6.42, 7.34, 8.26]);
  });

  it('sleeps in 500 ms steps once the buffer passes 60 s', () => {
    // 8 Mbit/s → 950,000 B/s; every chunk is 95,000 B: 0.1 s + 0.08 s, so the buffer gains 3.82 s a chunk.
    const trace: Trace = { name: 'fast', timesS: [0, 10_000], mbps: [8, 8] };
    const video = uniformVideo([300, 750], [95_000, 95_000], 20);
    const records = simulateSession(scripted([]), trace, video, setup(18));
    // after chunk k (0-based): 4 + 3.82k: 53.66 (k = 13), 57.48, then 61.3 > 60 → sleep ⌈1.3/0.5⌉ × 0.5 = 1.5
    // → 59.8
    // chunk 16: 59.8 + 3.82 = 63.62 → sleep 4 → 59.62; chunk 17: 63.44 → sleep 3.5 → 59.94
    expect(rounded(records.slice(13).map((r) => r.sleepS))).toEqual([0, 0, 1.5, 4, 3.5]);
    expect(rounded(records.slice(13).map((r) => r.bufferS))).toEqual([53.66, 57.48, 59.8, 59.62, 59.94]);
  });

  it('rejects a decision that is not a rung of the ladder', () => {
    const trace: Trace = { name: 'constant', timesS: [0, 1000], mbps: [1, 1] };
    const bad = { name: 'bad', decide: () => 7 };
    expect(() => simulateSession(bad, trace, VIDEO, setup(3))).toThrow(/bad chose rung 7 for chunk 1/);
  });
});
