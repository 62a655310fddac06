/**
 * An estimator and rule like hls.js's defaults (`EwmaBandWidthEstimator` and `AbrController`, config
 * `abrEwmaFastVoD: 3`, `abrEwmaSlowVoD: 9`, `abrBandWidthFactor: 0.95`, `abrBandWidthUpFactor: 0.7`):
 * two EWMAs of the per-chunk throughput, weighted by download seconds, with 3 s and 9 s half-lives; the
 * estimate is the smaller. The rung is the highest whose bitrate is ≤ 0.95 × estimate when it is at or
 * below the current rung, or ≤ 0.7 × estimate to go up. hls.js's further checks (fetch time against the
 * buffer, bandwidth caps) are left out.
 */
import { type Ewma, ewmaEstimate, sampleEwma } from '../throughput.ts';
import type { AbrAlgorithm, AbrState, Download } from '../types.ts';

/** hls.js `abrEwmaFastVoD` and `abrEwmaSlowVoD`, seconds. */
export const HLS_FAST_HALF_LIFE_S = 3;
export const HLS_SLOW_HALF_LIFE_S = 9;
/** hls.js `abrBandWidthFactor` (stay or go down) and `abrBandWidthUpFactor` (go up). */
export const HLS_STAY_FACTOR = 0.95;
export const HLS_UP_FACTOR = 0.7;
/** hls.js ignores download times under 50 ms (`minDelayMs_`). */
const MIN_DURATION_S = 0.05;

/** min(fast, slow) EWMA of the history's throughputs, each weighted by its download seconds; bit/s. */
export function hlsEstimate(history: readonly Download[]): number {
  let fast: Ewma = { estimate: 0, totalWeight: 0 };
  let slow: Ewma = { estimate: 0, totalWeight: 0 };
  for (const d of history) {
    const weight = Math.max(d.durationS, MIN_DURATION_S);
    const bps = (d.bytes * 8) / weight;
    fast = sampleEwma(fast, HLS_FAST_HALF_LIFE_S, weight, bps);
    slow = sampleEwma(slow, HLS_SLOW_HALF_LIFE_S, weight, bps);
  }
  return Math.min(ewmaEstimate(fast, HLS_FAST_HALF_LIFE_S), ewmaEstimate(slow, HLS_SLOW_HALF_LIFE_S));
}

/** The hls.js-like rule for a given estimate (bit/s): 0.95 to stay or go down, 0.7 to go up. */
export function hlsRung(state: Pick<AbrState, 'lastRung' | 'video'>, estimateBps: number): number {
  const ladder = state.video.bitratesKbps;
  for (let i = ladder.length - 1; i > 0; i--) {
    const factor = i <= state.lastRung ? HLS_STAY_FACTOR : HLS_UP_FACTOR;
    if ((ladder[i] ?? 0) * 1000 <= factor * estimateBps) return i;
  }
  return 0;
}

/**
 * The hls.js-like algorithm.
 *
 * @example
 * createHlsLike().decide(state) // on 750 kbps with a 2 Mbit/s estimate: 1200 kbps (≤ 0.7 × 2000)
 */
export function createHlsLike(): AbrAlgorithm {
  return { name: 'hls.js-like', decide: (state) => hlsRung(state, hlsEstimate(state.history)) };
}
