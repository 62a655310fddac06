import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REBUFFER_PENALTY } from '../qoe.ts';
import { ladderState, uniformVideo } from '../test-kit.ts';
import type { AbrState } from '../types.ts';
import { type PlanOptions, planRung } from './planner.ts';

// Ladder 1000/2000/3000 kbps with chunks of bitrate × 4 s: at 1, 2 or 4 Mbit/s every download takes a
// whole number of seconds, so from a whole-second buffer the 1 s grid is exact and the dynamic program
// must find the optimum of the exhaustive search.
const VIDEO = uniformVideo([1000, 2000, 3000], [500_000, 1_000_000, 1_500_000], 20);

/** Best QoE_lin over every rung sequence of `steps` chunks that starts with `first` (test oracle). */
function bestStartingWith(state: AbrState, bps: number, steps: number, first: number): number {
  const mbps = state.video.bitratesKbps.map((k) => k / 1000);
  const walk = (depth: number, prev: number, buffer: number, rung: number): number => {
    const bits = (state.video.chunkBytes[state.nextChunk + depth]?.[rung] ?? 0) * 8;
    const download = bits / bps;
    const gain =
      (mbps[rung] ?? 0) -
      REBUFFER_PENALTY * Math.max(download - buffer, 0) -
      Math.abs((mbps[rung] ?? 0) - (mbps[prev] ?? 0));
    const after = Math.max(buffer - download, 0) + 4;
    if (depth + 1 === steps) return gain;
    return gain + Math.max(...mbps.map((_, k) => walk(depth + 1, rung, after, k)));
  };
  return walk(0, state.lastRung, state.bufferS, first);
}

describe('planRung', () => {
  it('finds the exhaustive optimum when the grid is exact', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20 }),
        fc.constantFrom(1e6, 2e6, 4e6),
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 1, max: 5 }),
        (bufferS, bps, lastRung, horizon) => {
          const state = ladderState({ video: VIDEO, chunkCount: 20, nextChunk: 10, bufferS, lastRung });
          const o: PlanOptions = {
            horizon,
            gridS: 1,
            nowBps: bps,
            laterBps: bps,
            bufferValue: 0,
            endSwitchCost: 0,
          };
          const values = [0, 1, 2].map((k) => bestStartingWith(state, bps, horizon, k));
          expect(values[planRung(state, o)]).toBeCloseTo(Math.max(...values), 9);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('values the buffer left at the horizon only while chunks remain', () => {
    // 8 s of buffer at 2 Mbit/s, horizon 1 from 2000 kbps: 3000 costs 1 (switch) and gains 1 (bitrate) and
    // leaves 2 s less buffer, so with buffer valued it loses, and at the last chunk it ties and wins.
    const base = ladderState({ video: VIDEO, chunkCount: 20, nextChunk: 10, bufferS: 8, lastRung: 1 });
    const o: PlanOptions = {
      horizon: 1,
      gridS: 1,
      nowBps: 2e6,
      laterBps: 2e6,
      bufferValue: 0.5,
      endSwitchCost: 0,
    };
    expect(planRung(base, o)).toBe(1);
    expect(planRung({ ...base, nextChunk: 19 }, o)).toBe(2);
  });
});
