/**
 * BOLA-BASIC (Spiteri, Urgaonkar, Sitaraman, "BOLA: Near-Optimal Bitrate Adaptation for Online Videos",
 * INFOCOM 2016, §IV): choose the rung m maximising (V·(υ_m + γp) − Q) / S_m, with the log utility
 * υ_m = ln(S_m / S_1). Parameters as dash.js's `BolaRule` derives them: utilities shifted so υ_1 = 1,
 * V and γp set so the lowest rung wins at the minimum buffer (10 s) and the highest at the buffer target
 * max(stableBufferTime = 12 s, 10 s + 2 s per rung) (22 s on a 6-rung ladder). Bitrates stand in for
 * chunk sizes, as in dash.js.
 */
import type { AbrAlgorithm } from '../types.ts';

/** dash.js `BolaRule`'s `MINIMUM_BUFFER_S`, `MINIMUM_BUFFER_PER_BITRATE_LEVEL_S`, and `stableBufferTime`. */
export const BOLA_MINIMUM_BUFFER_S = 10;
export const BOLA_BUFFER_PER_RUNG_S = 2;
export const DASHJS_STABLE_BUFFER_S = 12;

/** BOLA's control parameters for one ladder. */
export interface BolaParameters {
  utilities: number[];
  /** V in the paper (`Vp` in dash.js), seconds. */
  v: number;
  /** γp in the paper (`gp` in dash.js). */
  gp: number;
  bufferTargetS: number;
}

/** V, γp and utilities for a ladder, as dash.js computes them. */
export function bolaParameters(bitratesKbps: readonly number[]): BolaParameters {
  const base = bitratesKbps[0] ?? 1;
  const utilities = bitratesKbps.map((b) => Math.log(b / base) + 1);
  const top = utilities[utilities.length - 1] ?? 1;
  const bufferTargetS = Math.max(
    DASHJS_STABLE_BUFFER_S,
    BOLA_MINIMUM_BUFFER_S + BOLA_BUFFER_PER_RUNG_S * bitratesKbps.length,
  );
  // V·(υ_1 + γp − 1) = minimum buffer and V·(υ_max + γp − 1) = buffer target, with υ_1 = 1.
  const gp = (top - 1) / (bufferTargetS / BOLA_MINIMUM_BUFFER_S - 1);
  return { utilities, v: BOLA_MINIMUM_BUFFER_S / gp, gp, bufferTargetS };
}

/** The rung BOLA-BASIC picks at `bufferS`; ties go to the higher rung (dash.js compares with `>=`). */
export function bolaRung(params: BolaParameters, bitratesKbps: readonly number[], bufferS: number): number {
  let best = 0;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const [i, u] of params.utilities.entries()) {
    const score = (params.v * (u + params.gp) - bufferS) / (bitratesKbps[i] ?? 1);
    if (score >= bestScore) {
      bestScore = score;
      best = i;
    }
  }
  return best;
}

/**
 * BOLA-BASIC with dash.js parameters (see the module comment).
 *
 * @example
 * createBola().decide(state) // rung 0 at 10 s of buffer, the top rung from 22 s
 */
export function createBola(): AbrAlgorithm {
  const cache = new WeakMap<readonly number[], BolaParameters>();
  return {
    name: 'BOLA',
    decide: (state) => {
      const ladder = state.video.bitratesKbps;
      let params = cache.get(ladder);
      if (params === undefined) {
        params = bolaParameters(ladder);
        cache.set(ladder, params);
      }
      return bolaRung(params, ladder, state.bufferS);
    },
  };
}
