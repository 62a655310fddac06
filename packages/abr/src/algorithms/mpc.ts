/**
 * MPC and robustMPC (Yin, Jindal, Sekar, Sinopoli, "A Control-Theoretic Approach for Dynamic Adaptive
 * Video Streaming over HTTP", SIGCOMM 2015, §4), as Pensieve evaluates them (Mao et al., SIGCOMM 2017,
 * §5.1, `mpc.py`): predict the throughput as the harmonic mean of the last 5 chunks; robustMPC divides it
 * by 1 + the largest relative prediction error of the last 5 chunks. Then search every rung sequence of
 * the next 5 chunks (fewer near the end), simulating the buffer with the real chunk sizes at that
 * constant throughput, and play the first rung of the sequence with the best QoE_lin.
 */
import { REBUFFER_PENALTY } from '../qoe.ts';
import { harmonicMean, harmonicPredictionErrors, recentThroughputs } from '../throughput.ts';
import type { AbrAlgorithm, AbrState } from '../types.ts';

/** Chunks MPC plans ahead, and past chunks its predictor and error tracker look at. */
export const MPC_HORIZON = 5;
export const MPC_WINDOW = 5;

/**
 * The first rung of the rung sequence for the next `horizon` chunks that maximises
 * Σ bitrate − 4.3·rebuffer − |Δbitrate| (Mbit/s, s) at a constant `bandwidthBps`, with the buffer
 * simulated as Pensieve's `mpc.py` does (no round trip, no buffer cap). Exhaustive: 6^5 leaves on the
 * Pensieve ladder; ties go to the sequence enumerated last (Pensieve compares with `>=`).
 */
export function planConstantRate(state: AbrState, bandwidthBps: number, horizon = MPC_HORIZON): number {
  const steps = Math.min(horizon, state.chunkCount - state.nextChunk);
  const mbps = state.video.bitratesKbps.map((k) => k / 1000);
  const { chunkBytes, chunkS } = state.video;
  let bestReward = Number.NEGATIVE_INFINITY;
  let bestFirst = 0;
  const visit = (depth: number, prev: number, bufferS: number, reward: number, first: number): void => {
    if (depth === steps) {
      if (reward >= bestReward) {
        bestReward = reward;
        bestFirst = first;
      }
      return;
    }
    const sizes = chunkBytes[state.nextChunk + depth] ?? [];
    for (let rung = 0; rung < mbps.length; rung++) {
      const downloadS = ((sizes[rung] ?? 0) * 8) / bandwidthBps;
      const rebufferS = Math.max(downloadS - bufferS, 0);
      const next = Math.max(bufferS - downloadS, 0) + chunkS;
      const rate = mbps[rung] ?? 0;
      const gain = rate - REBUFFER_PENALTY * rebufferS - Math.abs(rate - (mbps[prev] ?? 0));
      visit(depth + 1, rung, next, reward + gain, depth === 0 ? rung : first);
    }
  };
  visit(0, state.lastRung, state.bufferS, 0, 0);
  return bestFirst;
}

/** The harmonic mean of the last 5 throughputs, bit/s. */
export function harmonicPrediction(state: AbrState): number {
  return harmonicMean(recentThroughputs(state.history, MPC_WINDOW));
}

/** robustMPC's prediction: the harmonic mean over 1 + the largest of the last 5 relative errors. */
export function robustPrediction(state: AbrState): number {
  const errors = harmonicPredictionErrors(state.history, MPC_WINDOW, MPC_WINDOW);
  return harmonicPrediction(state) / (1 + Math.max(0, ...errors));
}

/**
 * MPC (Pensieve's "MPC", the fastMPC of Yin et al. without its lookup table).
 *
 * @example
 * simulateSession(createMpc(), trace, video)
 */
export function createMpc(): AbrAlgorithm {
  return { name: 'MPC', decide: (state) => planConstantRate(state, harmonicPrediction(state)) };
}

/**
 * robustMPC: MPC on the error-discounted prediction.
 *
 * @example
 * simulateSession(createRobustMpc(), trace, video)
 */
export function createRobustMpc(): AbrAlgorithm {
  return { name: 'robustMPC', decide: (state) => planConstantRate(state, robustPrediction(state)) };
}
