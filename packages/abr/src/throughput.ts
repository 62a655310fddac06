/** Throughput samples and the estimators built on them. All rates in bits per second. */
import type { Download } from './types.ts';

/** What a download achieved: bytes over the whole request time (round trip included), bit/s. */
export function throughputBps(download: Download): number {
  return (download.bytes * 8) / download.durationS;
}

/** Harmonic mean; 0 for no values. */
export function harmonicMean(values: readonly number[]): number {
  if (values.length === 0) return 0;
  let sum = 0;
  for (const v of values) sum += 1 / v;
  return values.length / sum;
}

/** Throughputs of the last `count` downloads that end before `end` (exclusive), oldest first. */
export function recentThroughputs(
  history: readonly Download[],
  count: number,
  end = history.length,
): number[] {
  return history.slice(Math.max(0, end - count), end).map(throughputBps);
}

/**
 * The relative error |predicted − actual| / actual of the harmonic-mean prediction (last `window`
 * throughputs) for the last `count` downloads after the first (all by default), oldest first, as
 * robustMPC tracks it (Yin et al., SIGCOMM 2015, §4.3; Pensieve's `mpc.py`).
 */
export function harmonicPredictionErrors(
  history: readonly Download[],
  window: number,
  count = history.length,
): number[] {
  const errors: number[] = [];
  for (let j = Math.max(1, history.length - count); j < history.length; j++) {
    const download = history[j];
    if (download === undefined) continue;
    const predicted = harmonicMean(recentThroughputs(history, window, j));
    const actual = throughputBps(download);
    errors.push(Math.abs(predicted - actual) / actual);
  }
  return errors;
}

/** An exponentially weighted moving average whose samples carry weights (hls.js `EWMA`, after shaka). */
export interface Ewma {
  estimate: number;
  totalWeight: number;
}

/** Fold a weighted sample into an EWMA with the given half-life (in weight units). */
export function sampleEwma(ewma: Ewma, halfLife: number, weight: number, value: number): Ewma {
  const alpha = Math.exp(Math.log(0.5) / halfLife) ** weight;
  return { estimate: value * (1 - alpha) + alpha * ewma.estimate, totalWeight: ewma.totalWeight + weight };
}

/** The EWMA's estimate, corrected for starting at zero (divided by 1 − α^totalWeight). */
export function ewmaEstimate(ewma: Ewma, halfLife: number): number {
  const zeroFactor = 1 - Math.exp(Math.log(0.5) / halfLife) ** ewma.totalWeight;
  return zeroFactor > 0 ? ewma.estimate / zeroFactor : ewma.estimate;
}

/**
 * The harmonic mean of the last `window` throughputs, unless the last one or two moved to a new level:
 * when every one of the last k (k = `maxShiftSamples` down to 1) exceeds `shiftRatio` × the harmonic mean
 * of the `window` samples before them, only those k count. The harmonic mean alone (Yin et al., SIGCOMM
 * 2015) takes several chunks to follow a step up, and broadband links (the FCC traces) step often.
 */
export function shiftAwarePrediction(
  history: readonly Download[],
  window: number,
  maxShiftSamples: number,
  shiftRatio: number,
): number {
  const n = history.length;
  for (let k = Math.min(maxShiftSamples, n - 1); k >= 1; k--) {
    const recent = recentThroughputs(history, k);
    const before = harmonicMean(recentThroughputs(history, window, n - k));
    if (Math.min(...recent) > shiftRatio * before) return harmonicMean(recent);
  }
  return harmonicMean(recentThroughputs(history, window));
}
