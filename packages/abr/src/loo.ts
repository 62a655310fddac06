/**
 * Leave-one-trace-out selection: for each trace, the parameter set with the best total score on all the
 * other traces, scored on the held-out trace. The mean of those held-out scores estimates how a parameter
 * choice made on a trace set carries over to a trace it has not seen.
 */

/** The outcome for each held-out trace: which candidate the others chose and what it scored. */
export interface LeaveOneOut {
  /** `chosen[t]`: index of the candidate chosen without trace t. */
  chosen: number[];
  /** `heldOut[t]`: `scores[chosen[t]][t]`. */
  heldOut: number[];
}

/**
 * `scores[c][t]` is candidate c's score (higher is better) on trace t. Ties go to the earlier candidate.
 *
 * @example
 * leaveOneOut([[1, 5], [2, 2]]) // { chosen: [0, 1], heldOut: [1, 2] }
 */
export function leaveOneOut(scores: readonly (readonly number[])[]): LeaveOneOut {
  const traces = scores[0]?.length ?? 0;
  if (scores.some((row) => row.length !== traces)) throw new Error('every candidate needs a score per trace');
  const totals = scores.map((row) => row.reduce((a, b) => a + b, 0));
  const chosen: number[] = [];
  const heldOut: number[] = [];
  for (let t = 0; t < traces; t++) {
    let best = 0;
    for (let c = 1; c < scores.length; c++) {
      const without = (totals[c] ?? 0) - (scores[c]?.[t] ?? 0);
      if (without > (totals[best] ?? 0) - (scores[best]?.[t] ?? 0)) best = c;
    }
    chosen.push(best);
    heldOut.push(scores[best]?.[t] ?? 0);
  }
  return { chosen, heldOut };
}
