/**
 * The lookahead of our algorithm: dynamic programming over (chunk, previous rung, buffer level) for the
 * next `horizon` chunks with the real chunk sizes, maximising QoE_lin plus a terminal value for the buffer
 * left at the horizon. The buffer is a grid of `gridS` steps up to the player's cap (interpolated
 * linearly), so a horizon of 8 costs about 8 × (6 × 61 interpolations + 61 × 12 max operations) instead
 * of the 6^8 sequences of an exhaustive MPC search (Yin et al., SIGCOMM 2015, §4.2).
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

/** What the Bellman steps share: the buffer grid and the ladder in Mbit/s. */
interface Grid {
  points: number;
  gridS: number;
  maxBufferS: number;
  chunkS: number;
  mbps: Float64Array;
}

/** The rung to request now under the plan that maximises QoE_lin plus the terminal value. */
export function planRung(state: AbrState, o: PlanOptions): number {
  const steps = Math.min(o.horizon, state.chunkCount - state.nextChunk);
  const g: Grid = {
    points: Math.round(state.maxBufferS / o.gridS) + 1,
    gridS: o.gridS,
    maxBufferS: state.maxBufferS,
    chunkS: state.video.chunkS,
    mbps: Float64Array.from(state.video.bitratesKbps, (k) => k / 1000),
  };
  const remainingS = (state.chunkCount - state.nextChunk - steps) * g.chunkS;
  let next: Float64Array = terminalValues(g, o, remainingS);
  let spare: Float64Array = new Float64Array(next.length);
  const gain = new Float64Array(next.length);
  for (let t = steps - 1; t >= 1; t--) {
    stepBack(g, chunkBits(state, state.nextChunk + t), o.laterBps, next, gain, spare);
    [next, spare] = [spare, next];
  }
  return firstRung(state, g, o, next);
}

function chunkBits(state: AbrState, chunk: number): Float64Array {
  return Float64Array.from(state.video.chunkBytes[chunk] ?? [], (bytes) => bytes * 8);
}

/** argmax over k of rate_k − |rate_k − rate_last| − 4.3·rebuffer + V(k, buffer after), at the real buffer. */
function firstRung(state: AbrState, g: Grid, o: PlanOptions, next: Float64Array): number {
  const bits = chunkBits(state, state.nextChunk);
  const last = g.mbps[state.lastRung] ?? 0;
  let best = 0;
  let bestValue = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < g.mbps.length; k++) {
    const rate = g.mbps[k] ?? 0;
    const downloadS = (bits[k] ?? 0) / o.nowBps;
    const value = rate - Math.abs(rate - last) + afterDownload(g, next, k, downloadS, state.bufferS);
    if (value >= bestValue) {
      bestValue = value;
      best = k;
    }
  }
  return best;
}

/** −4.3 × rebuffer of a download taking `downloadS` plus V(rung, buffer it leaves), V interpolated. */
function afterDownload(g: Grid, table: Float64Array, rung: number, downloadS: number, bufferS: number) {
  const after = Math.min(Math.max(bufferS - downloadS, 0) + g.chunkS, g.maxBufferS) / g.gridS;
  // Above the cap the player sleeps back under it, so the cap's value holds.
  const j = Math.min(Math.floor(after), g.points - 2);
  const f = after - j;
  const base = rung * g.points + j;
  const value = (table[base] ?? 0) * (1 - f) + (table[base + 1] ?? 0) * f;
  return value - REBUFFER_PENALTY * Math.max(downloadS - bufferS, 0);
}

/** V at the horizon: buffer worth `bufferValue` × (rate / chunk length) per second, while chunks remain. */
function terminalValues(g: Grid, o: PlanOptions, remainingS: number): Float64Array {
  const perSecond = (o.bufferValue * o.laterBps) / 1e6 / g.chunkS;
  let sustained = 0;
  for (let k = 0; k < g.mbps.length; k++) if ((g.mbps[k] ?? 0) * 1e6 <= o.laterBps) sustained = k;
  const table = new Float64Array(g.mbps.length * g.points);
  for (let k = 0; k < g.mbps.length; k++) {
    const offTarget = Math.abs((g.mbps[k] ?? 0) - (g.mbps[sustained] ?? 0));
    const endCost = remainingS > 0 ? o.endSwitchCost * offTarget : 0;
    for (let j = 0; j < g.points; j++) {
      table[k * g.points + j] = perSecond * Math.min(j * g.gridS, remainingS) - endCost;
    }
  }
  return table;
}

/**
 * One Bellman step into `out`: V_t(prev, b) = max_k [rate_k − |rate_k − rate_prev| − 4.3·rebuffer +
 * V_{t+1}(k, b')]. Only the switch term depends on prev, so the rest is computed once per (k, b) in
 * `gain`, and the max over k of gain_k − |rate_k − rate_prev| is an L1 distance transform over the
 * ascending ladder: one pass up and one down instead of rungs² terms.
 */
function stepBack(
  g: Grid,
  bits: Float64Array,
  bps: number,
  next: Float64Array,
  gain: Float64Array,
  out: Float64Array,
) {
  const rungs = g.mbps.length;
  for (let k = 0; k < rungs; k++) {
    const downloadS = (bits[k] ?? 0) / bps;
    for (let j = 0; j < g.points; j++) {
      gain[k * g.points + j] = (g.mbps[k] ?? 0) + afterDownload(g, next, k, downloadS, j * g.gridS);
    }
  }
  for (let j = 0; j < g.points; j++) {
    let up = gain[j] ?? 0;
    out[j] = up;
    for (let k = 1; k < rungs; k++) {
      up = Math.max(gain[k * g.points + j] ?? 0, up - ((g.mbps[k] ?? 0) - (g.mbps[k - 1] ?? 0)));
      out[k * g.points + j] = up;
    }
    let down = gain[(rungs - 1) * g.points + j] ?? 0;
    for (let k = rungs - 2; k >= 0; k--) {
      down = Math.max(gain[k * g.points + j] ?? 0, down - ((g.mbps[k + 1] ?? 0) - (g.mbps[k] ?? 0)));
      out[k * g.points + j] = Math.max(out[k * g.points + j] ?? 0, down);
    }
  }
}
