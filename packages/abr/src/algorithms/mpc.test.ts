import { describe, expect, it } from 'vitest';
import { downloadsAt, ladderState, uniformVideo } from '../test-kit.ts';
import { createMpc, createRobustMpc, harmonicPrediction, planConstantRate, robustPrediction } from './mpc.ts';

// Throughputs 3, 3, 3, 3, 1.5 Mbit/s: the harmonic predictions were 3 for chunks 2–4 (error 0) and 3
// for chunk 5, which came in at 1.5 (error |3 − 1.5| / 1.5 = 1).
const history = downloadsAt([3, 3, 3, 3, 1.5]);

describe('MPC and robustMPC', () => {
  it('predict the harmonic mean, robustMPC divided by 1 + the largest recent error', () => {
    const state = ladderState({ history });
    // harmonic mean 5 / (4/3 + 2/3) = 2.5 Mbit/s; robust 2.5 / (1 + 1) = 1.25 Mbit/s
    expect(harmonicPrediction(state)).toBeCloseTo(2.5e6, 6);
    expect(robustPrediction(state)).toBeCloseTo(1.25e6, 6);
  });

  it('forgets errors older than 5 chunks', () => {
    const state = ladderState({ history: downloadsAt([3, 3, 3, 3, 1.5, 2, 2, 2, 2, 2]) });
    expect(robustPrediction(state)).toBeCloseTo(2e6 / 1.25, 6); // last 5 errors: 0.25 (2 vs 1.5→2), then 0
  });

  it('choose the first rung of the best sequence: the discount changes the choice', () => {
    // One chunk left, 1 s of buffer, from 750 kbps; a chunk is bitrate × 4 s.
    // At 2.5 Mbit/s: 300 → 0.48 s, QoE 0.3 − 0.45 = −0.15; 750 → 1.2 s, stall 0.2: 0.75 − 0.86 = −0.11;
    //   1200 → 1.92 s, stall 0.92: 1.2 − 3.956 − 0.45 → MPC plays 750.
    // At 1.25 Mbit/s: 750 → 2.4 s, stall 1.4: −5.27 → robustMPC plays 300.
    const state = ladderState({ history, bufferS: 1, nextChunk: 47 });
    expect(createMpc().decide(state)).toBe(1);
    expect(createRobustMpc().decide(state)).toBe(0);
  });

  it('look ahead: a switch up pays only if the next chunks can stay up', () => {
    // Ladder 1000/2000 kbps, chunks of bitrate × 4 s, 2 Mbit/s: downloads take 2 s and 4 s. Two chunks left.
    // Buffer 2 s, from 1000: (1000,1000) = 2, (1000,2000) = 1 + 2 − 1 = 2,
    //   (2000,·) stalls 2 s on the first chunk: 2 − 8.6 − 1 + … ≤ −5.6 → 1000.
    // Buffer 4 s: (2000,2000) = 2 − 1 + 2 = 3 beats (1000,·) = 2 → 2000.
    const video = uniformVideo([1000, 2000], [500_000, 1_000_000], 10);
    const state = ladderState({ video, chunkCount: 10, nextChunk: 8, lastRung: 0 });
    expect(planConstantRate({ ...state, bufferS: 2 }, 2e6)).toBe(0);
    expect(planConstantRate({ ...state, bufferS: 4 }, 2e6)).toBe(1);
    // with one chunk left the switch costs what it gains: 2 − 1 = 1 = 1000's 1; ties go to the higher rung
    expect(planConstantRate({ ...state, bufferS: 4, nextChunk: 9 }, 2e6)).toBe(1);
  });
});
