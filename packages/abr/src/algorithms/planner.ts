/**
 * The lookahead of our algorithm: dynamic programming over (chunk, previous rung, buffer level) for the
 * next `horizon` chunks with the real chunk sizes, maximising QoE_lin plus a terminal value for the buffer
 * left at the horizon. The buffer is a grid of `gridS` steps up to the player's cap (interpolated
 * linearly), so a horizon of 8 costs about 8 × 6 × 6 × 61 operations instead of the 6^8 of an
 * exhaustive MPC search (Yin et al., SIGCOMM 2015, §4.2).
 */
import { REBUFFER_PENALTY } from '../qoe.ts';
import type { AbrState } from '../types.ts';

/** How the lookahead values the future. */
export interface PlanOptions {
  horizon: number;
  gridS: number;
  /** Throughput for the chunk chosen now (it cannot be revised once requested), bit/s. */
  nowBps: number;
  /** Throughput for the later chunks of the plan (they will be re-planned), bit/s. */
  laterBps: number;
  /** A second of buffer left at the horizon is worth this share of what it could download then. */
  bufferValue: number;
  /** Cost per Mbit/s between the plan's last rung and the highest rung `laterBps` sustains. */
  endSwitchCost: number;
}

/** Values of `V[rung * points + j]`: best QoE from the step on, with buffer j × gridS. */
type Table = Float64Array;

/** The rung to request now under the plan that maximises QoE_lin plus the terminal value. */
export function planRung(state: AbrState, o: PlanOptions): number {
  const steps = Math.min(o.horizon, state.chunkCount - state.nextChunk);
  const mbps = state.video.bitratesKbps.map((k) => k / 1000);
  let next = terminalValues(state, o, steps, mbps);
  for (let t = steps - 1; t >= 1; t--) next = stepBack(state, o, state.nextChunk + t, next, mbps);
  const sizes = state.video.chunkBytes[state.nextChunk] ?? [];
  let best = 0;
  let bestValue = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < mbps.length; k++) {
    const switchCost = Math.abs((mbps[k] ?? 0) - (mbps[state.lastRung] ?? 0));
    const value =
      stepValue(state, o, (sizes[k] ?? 0) * 8, o.nowBps, state.bufferS, next, k) +
      (mbps[k] ?? 0) -
      switchCost;
    if (value >= bestValue) {
      bestValue = value;
      best = k;
    }
  }
  return best;
}

/** Rebuffer penalty of one download plus the value (from `table`) of the buffer it leaves. */
function stepValue(
  state: AbrState,
  o: PlanOptions,
  bits: number,
  bps: number,
  bufferS: number,
  table: Table,
  rung: number,
): number {
  const downloadS = bits / bps;
  const after = Math.max(bufferS - downloadS, 0) + state.video.chunkS;
  return interpolate(state, o, table, rung, after) - REBUFFER_PENALTY * Math.max(downloadS - bufferS, 0);
}

/** V at the horizon: buffer worth `bufferValue` × (rate / chunk length) per second, while chunks remain. */
function terminalValues(state: AbrState, o: PlanOptions, steps: number, mbps: number[]): Table {
  const points = gridPoints(state, o);
  const remainingS = (state.chunkCount - state.nextChunk - steps) * state.video.chunkS;
  const perSecond = (o.bufferValue * o.laterBps) / 1e6 / state.video.chunkS;
  const sustained = mbps.reduce((best, rate, k) => (rate * 1e6 <= o.laterBps ? k : best), 0);
  const table = new Float64Array(mbps.length * points);
  for (let k = 0; k < mbps.length; k++) {
    const endCost = remainingS > 0 ? o.endSwitchCost * Math.abs((mbps[k] ?? 0) - (mbps[sustained] ?? 0)) : 0;
    for (let j = 0; j < points; j++) {
      table[k * points + j] = perSecond * Math.min(j * o.gridS, remainingS) - endCost;
    }
  }
  return table;
}

/** One Bellman step: V_t(prev, b) = max_k [rate_k − |rate_k − rate_prev| − 4.3·rebuffer + V_{t+1}(k, b')]. */
function stepBack(state: AbrState, o: PlanOptions, chunk: number, next: Table, mbps: number[]): Table {
  const points = gridPoints(state, o);
  const sizes = state.video.chunkBytes[chunk] ?? [];
  const gain = new Float64Array(mbps.length * points);
  for (let k = 0; k < mbps.length; k++) {
    for (let j = 0; j < points; j++) {
      const value = stepValue(state, o, (sizes[k] ?? 0) * 8, o.laterBps, j * o.gridS, next, k);
      gain[k * points + j] = (mbps[k] ?? 0) + value;
    }
  }
  const table = new Float64Array(mbps.length * points);
  for (let prev = 0; prev < mbps.length; prev++) {
    for (let j = 0; j < points; j++) {
      let best = Number.NEGATIVE_INFINITY;
      for (let k = 0; k < mbps.length; k++) {
        const v = (gain[k * points + j] ?? 0) - Math.abs((mbps[k] ?? 0) - (mbps[prev] ?? 0));
        if (v > best) best = v;
      }
      table[prev * points + j] = best;
    }
  }
  return table;
}

function gridPoints(state: AbrState, o: PlanOptions): number {
  return Math.round(state.maxBufferS / o.gridS) + 1;
}

/** V(rung, bufferS) between grid points; above the cap the player sleeps, so the cap's value holds. */
function interpolate(state: AbrState, o: PlanOptions, table: Table, rung: number, bufferS: number): number {
  const points = gridPoints(state, o);
  const x = Math.min(bufferS, state.maxBufferS) / o.gridS;
  const j = Math.min(Math.floor(x), points - 2);
  const f = x - j;
  const base = rung * points + j;
  return (table[base] ?? 0) * (1 - f) + (table[base + 1] ?? 0) * f;
}
