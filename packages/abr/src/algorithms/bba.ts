/**
 * BBA-0, the buffer-based algorithm of Huang et al., "A Buffer-Based Approach to Rate Adaptation: Evidence
 * from a Large Video Streaming Service", SIGCOMM 2014, §4 (Algorithm 1). The rate map f(B) is linear in
 * bitrate from R_min at the reservoir to R_max at reservoir + cushion. The rate changes only when f(B)
 * crosses the next rung up (R+) or down (R−), which keeps the choice stable between rungs.
 */
import type { AbrAlgorithm, AbrState } from '../types.ts';

/** BBA-0's buffer thresholds, seconds. */
export interface BbaOptions {
  reservoirS: number;
  cushionS: number;
}

/** Pensieve's BBA parameters (Mao et al., SIGCOMM 2017, §5.1): 5 s reservoir, 10 s cushion. */
export const PENSIEVE_BBA: BbaOptions = { reservoirS: 5, cushionS: 10 };

/**
 * BBA-0 (Algorithm 1 of the paper).
 *
 * @example
 * createBba().decide(state) // 0 below 5 s of buffer, the top rung at 15 s or more
 */
export function createBba(options: BbaOptions = PENSIEVE_BBA): AbrAlgorithm {
  return { name: 'BBA', decide: (state) => decideBba(state, options) };
}

function decideBba(state: AbrState, { reservoirS, cushionS }: BbaOptions): number {
  const rates = state.video.bitratesKbps;
  const top = rates.length - 1;
  const rMin = rates[0] ?? 0;
  const rMax = rates[top] ?? 0;
  const prev = state.lastRung;
  if (state.bufferS <= reservoirS) return 0;
  if (state.bufferS >= reservoirS + cushionS) return top;
  const f = rMin + ((rMax - rMin) * (state.bufferS - reservoirS)) / cushionS;
  const ratePlus = rates[Math.min(prev + 1, top)] ?? rMax;
  const rateMinus = rates[Math.max(prev - 1, 0)] ?? rMin;
  if (f >= ratePlus) return highestBelow(rates, f);
  if (f <= rateMinus) return lowestAbove(rates, f);
  return prev;
}

/** max{i : R_i < f}, or 0 when none is. */
function highestBelow(rates: readonly number[], f: number): number {
  let best = 0;
  for (const [i, r] of rates.entries()) if (r < f) best = i;
  return best;
}

/** min{i : R_i > f}, or the top rung when none is. */
function lowestAbove(rates: readonly number[], f: number): number {
  const i = rates.findIndex((r) => r > f);
  return i === -1 ? rates.length - 1 : i;
}
