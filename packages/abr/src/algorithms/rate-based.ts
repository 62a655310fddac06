/**
 * Rate-based (RB) adaptation as evaluated in Pensieve (Mao et al., SIGCOMM 2017, §5.1): predict the
 * throughput as the harmonic mean of the last 5 chunks' throughputs (the predictor of Yin et al.,
 * SIGCOMM 2015, §4.3) and pick the highest rung whose bitrate does not exceed it.
 */
import { harmonicMean, recentThroughputs } from '../throughput.ts';
import type { AbrAlgorithm } from '../types.ts';

/** Past chunks in the harmonic mean. */
export const RATE_WINDOW = 5;

/**
 * Rate-based: the highest rung at or under the harmonic mean of the last 5 throughputs.
 *
 * @example
 * createRateBased().decide(state) // with 2 Mbit/s measured on the Pensieve ladder: rung 3 (1850 kbps)
 */
export function createRateBased(window = RATE_WINDOW): AbrAlgorithm {
  return {
    name: 'RB',
    decide: (state) =>
      highestRungUnder(state.video.bitratesKbps, harmonicMean(recentThroughputs(state.history, window))),
  };
}

/** The highest rung with bitrate ≤ `bps`, or rung 0 when none fits. */
export function highestRungUnder(bitratesKbps: readonly number[], bps: number): number {
  let best = 0;
  for (const [i, kbps] of bitratesKbps.entries()) if (kbps * 1000 <= bps) best = i;
  return best;
}
