import { describe, expect, it } from 'vitest';
import { scoreSession } from '../qoe.ts';
import { simulateSession } from '../simulate.ts';
import { downloadsAt, ladderState, uniformVideo } from '../test-kit.ts';
import { createRobustMpc } from './mpc.ts';
import { createReel, decideReel, REEL_DEFAULTS } from './reel.ts';

describe('Reel', () => {
  it('scores above robustMPC on links that step up, without stalling', () => {
    // 1 → 4, 1.3 → 5 and 0.8 → 3 Mbit/s after 60, 80 and 40 s; chunks of bitrate × 4 s
    const bitrates = [300, 750, 1200, 1850, 2850, 4300];
    const video = uniformVideo(
      bitrates,
      bitrates.map((k) => k * 500),
      48,
    );
    for (const [low, high, at] of [
      [1, 4, 60],
      [1.3, 5, 80],
      [0.8, 3, 40],
    ] as const) {
      const trace = { name: 'step', timesS: [0, at, 1000], mbps: [0, low, high] };
      const reel = scoreSession(simulateSession(createReel(), trace, video), video);
      const robust = scoreSession(simulateSession(createRobustMpc(), trace, video), video);
      expect(reel.qoe).toBeGreaterThan(robust.qoe);
      expect(reel.rebufferS).toBeLessThanOrEqual(robust.rebufferS);
    }
  });

  it('commits to a safe rung when the buffer is low and recent predictions were wrong', () => {
    const steady = ladderState({ history: downloadsAt([2, 2, 2, 2, 2]), bufferS: 3, lastRung: 3 });
    const shaky = ladderState({ history: downloadsAt([2, 4, 1, 4, 2]), bufferS: 3, lastRung: 3 });
    expect(decideReel(shaky)).toBeLessThan(decideReel(steady));
  });

  it('spends the buffer at the end of the video', () => {
    const state = ladderState({ history: downloadsAt([2, 2, 2, 2, 2]), bufferS: 40, lastRung: 3 });
    expect(decideReel({ ...state, nextChunk: 47 })).toBe(5);
    expect(decideReel({ ...state, nextChunk: 20, bufferS: 6 })).toBeLessThan(5);
  });

  it('decides in well under a millisecond', () => {
    const state = ladderState({ history: downloadsAt([1.5, 2, 1.2, 2.5, 1.8, 2.2, 1.9, 2.1]), bufferS: 17 });
    const times: number[] = [];
    for (let i = 0; i < 300; i++) {
      const start = performance.now();
      decideReel({ ...state, nextChunk: 5 + (i % 40) }, REEL_DEFAULTS);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    expect(times[150]).toBeLessThan(1); // median, ms; the benchmark reports p50/p99 on real sessions
  });
});
