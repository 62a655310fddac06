/**
 * Our algorithm ("Reel"): MPC (Yin et al., SIGCOMM 2015) with three changes, each aimed at a loss of
 * robustMPC seen on the development traces:
 *  1. a level-shift-aware harmonic-mean predictor (see `shiftAwarePrediction`), so a step up in a
 *     broadband link is followed within a chunk or two;
 *  2. safety only where a decision is final: the chunk requested now is planned at robustMPC's
 *     discounted rate (prediction / (1 + max recent error)), the later chunks of the plan, which will be
 *     re-planned, at a milder discount (prediction / (1 + laterDiscount × error));
 *  3. a longer lookahead (8 chunks, dynamic programming over a buffer grid) whose end values the buffer
 *     left (what it could download later, discounted) and charges the switch back to a sustainable rung.
 * No state is kept between decisions: `decide` is a pure function of the AbrState.
 */
import { harmonicPredictionErrors, shiftAwarePrediction } from '../throughput.ts';
import type { AbrAlgorithm, AbrState } from '../types.ts';
import { planRung } from './planner.ts';

/** The tunable parameters of Reel. */
export interface ReelParams {
  /** Chunks the plan looks ahead. */
  horizon: number;
  /** Buffer grid of the lookahead, seconds. */
  gridS: number;
  /** Past chunks in the harmonic mean and in the error window. */
  window: number;
  /** A step is believed when the last 1..shiftSamples throughputs all exceed shiftRatio × the mean before. */
  shiftSamples: number;
  shiftRatio: number;
  /** Share of the max recent error applied to the plan's later chunks (1 = robustMPC everywhere). */
  laterDiscount: number;
  /** Value of a second of buffer at the horizon, as a share of what it could download. */
  bufferValue: number;
  /** Cost per Mbit/s of the plan ending away from the sustainable rung. */
  endSwitchCost: number;
}

/** The parameters fixed for the final benchmark (chosen on the development traces; see docs/ABR.md). */
export const REEL_DEFAULTS: ReelParams = {
  horizon: 8,
  gridS: 1,
  window: 5,
  shiftSamples: 2,
  shiftRatio: 1.5,
  laterDiscount: 0.5,
  bufferValue: 0.5,
  endSwitchCost: 0.3,
};

/** The rung Reel requests for `state.nextChunk`. */
export function decideReel(state: AbrState, params: ReelParams = REEL_DEFAULTS): number {
  const predicted = shiftAwarePrediction(
    state.history,
    params.window,
    params.shiftSamples,
    params.shiftRatio,
  );
  const errors = harmonicPredictionErrors(state.history, params.window, params.window);
  const error = Math.max(0, ...errors);
  return planRung(state, {
    horizon: params.horizon,
    gridS: params.gridS,
    nowBps: predicted / (1 + error),
    laterBps: predicted / (1 + params.laterDiscount * error),
    bufferValue: params.bufferValue,
    endSwitchCost: params.endSwitchCost,
  });
}

/**
 * Reel as an AbrAlgorithm.
 *
 * @example
 * const abr = createReel();
 * const rung = abr.decide(state); // state from the simulator or from hls.js's fragment stats
 */
export function createReel(params: Partial<ReelParams> = {}): AbrAlgorithm {
  const full = { ...REEL_DEFAULTS, ...params };
  return { name: 'Reel', decide: (state) => decideReel(state, full) };
}
