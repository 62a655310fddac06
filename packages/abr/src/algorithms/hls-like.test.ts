import { describe, expect, it } from 'vitest';
import { ladderState } from '../test-kit.ts';
import { createHlsLike, hlsEstimate, hlsRung } from './hls-like.ts';

const mbpsFor = (mbps: number, durationS: number) => ({
  rung: 0,
  bytes: (mbps * 1e6 * durationS) / 8,
  durationS,
});

describe('hls.js-like', () => {
  it('estimates min(fast, slow) EWMA, samples weighted by download seconds', () => {
    // 3 s at 4 Mbit/s, then 3 s at 1 Mbit/s.
    // fast (half-life 3 s): α³ = 0.5: 4 × 0.5 = 2, then 1 × 0.5 + 0.5 × 2 = 1.5; ÷ (1 − 0.5²) = 2 Mbit/s
    // slow (half-life 9 s): α³ = 0.5^(1/3) ≈ 0.7937: 0.8252, then 0.8613; ÷ (1 − 0.5^(2/3)) ≈ 2.3276
    expect(hlsEstimate([mbpsFor(4, 3), mbpsFor(1, 3)])).toBeCloseTo(2e6, 3);
    expect(hlsEstimate([mbpsFor(2.5, 1), mbpsFor(2.5, 7)])).toBeCloseTo(2.5e6, 3);
  });

  it('needs 0.7 × estimate to go up and 0.95 × estimate to stay', () => {
    const at = (lastRung: number, bps: number) => hlsRung(ladderState({ lastRung }), bps);
    // from 750 with 2 Mbit/s: up needs ≤ 1.4 → 1200 (1850 would need 2.64)
    expect(at(1, 2e6)).toBe(2);
    // at 1850 with 2 Mbit/s: stays (1850 ≤ 1.9), 2850 would need 4.07
    expect(at(3, 2e6)).toBe(3);
    // at 1850 with 1.9 Mbit/s: 1.805 < 1850 → down to 1200
    expect(at(3, 1.9e6)).toBe(2);
    expect(at(0, 0.1e6)).toBe(0);
  });

  it('decides from the history', () => {
    const history = [mbpsFor(2, 4), mbpsFor(2, 4)];
    expect(createHlsLike().decide(ladderState({ lastRung: 1, history }))).toBe(2);
  });
});
