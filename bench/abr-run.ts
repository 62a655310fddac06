/** The runs behind `bench/abr.ts`: every algorithm on a trace set, timed, and Reel's leave-one-trace-out. */
import os from 'node:os';
import path from 'node:path';
import {
  type AbrAlgorithm,
  createBba,
  createBola,
  createHlsLike,
  createMpc,
  createRateBased,
  createReel,
  createRobustMpc,
  leaveOneOut,
  REEL_DEFAULTS,
  type ReelParams,
  type SessionMetrics,
  scoreSession,
  simulateSession,
  type Trace,
  type Video,
} from '../packages/abr/src/index.ts';
import type { TraceSet } from './abr-load.ts';
import type { Result } from './abr-report.ts';

/** ../shared/abr-traces from the repository root. */
export const DEFAULT_FOLDER = path.resolve(import.meta.dirname, '..', '..', 'shared', 'abr-traces');
export const LOO_NAME = 'Reel, leave-one-trace-out';

/** Reel parameter sets the leave-one-trace-out estimate chooses from (REEL_DEFAULTS is one of them). */
export const GRID: { [K in keyof ReelParams]?: number[] } = {
  horizon: [6, 8, 10],
  bufferValue: [0.3, 0.5, 0.7],
  laterDiscount: [0.3, 0.5, 0.7],
  endSwitchCost: [0, 0.3, 0.6],
  shiftRatio: [1.5, 2],
};

const ALGORITHMS: (() => AbrAlgorithm)[] = [
  createBba,
  createRateBased,
  createBola,
  createHlsLike,
  createMpc,
  createRobustMpc,
  () => createReel(),
];

/** `--traces <folder>` or `--traces=<folder>`, else the default. */
export function traceFolder(argv: string[]): string {
  const i = argv.findIndex((a) => a === '--traces' || a.startsWith('--traces='));
  if (i === -1) return DEFAULT_FOLDER;
  const arg = argv[i] ?? '';
  const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[i + 1];
  if (!value) throw new Error('--traces needs a folder');
  return path.resolve(value);
}

/** Decision times of one algorithm, microseconds: each call as it ran, and the least of REPEATS calls. */
export interface Timing {
  single: number[];
  leastOfRepeats: number[];
}

/** Each decision is run this many times on the same state; the least time is its compute cost. */
export const REPEATS = 5;

/**
 * Wraps an algorithm to time each decision: the call the simulator uses, then REPEATS − 1 more on the
 * same state (decisions are pure). The single call carries whatever the machine did meanwhile (other
 * processes, GC); the least of the repeats is the decision's own cost.
 */
function timed(algorithm: AbrAlgorithm, timing: Timing): AbrAlgorithm {
  return {
    name: algorithm.name,
    decide: (state) => {
      let start = performance.now();
      const rung = algorithm.decide(state);
      const first = (performance.now() - start) * 1000;
      let least = first;
      for (let i = 1; i < REPEATS; i++) {
        start = performance.now();
        algorithm.decide(state);
        least = Math.min(least, (performance.now() - start) * 1000);
      }
      timing.single.push(first);
      timing.leastOfRepeats.push(least);
      return rung;
    },
  };
}

const session = (algorithm: AbrAlgorithm, trace: Trace, video: Video): SessionMetrics =>
  scoreSession(simulateSession(algorithm, trace, video), video);

/** Every algorithm on every trace of the set; decision times appended to `timings` per algorithm. */
export function runSet(set: TraceSet, video: Video, timings: Map<string, Timing>): Result[] {
  return ALGORITHMS.map((make) => {
    const name = make().name;
    const samples = timings.get(name) ?? { single: [], leastOfRepeats: [] };
    timings.set(name, samples);
    const sessions = set.traces.map((trace) => session(timed(make(), samples), trace, video));
    return { set: set.name, algorithm: name, sessions };
  });
}

export function gridCandidates(): ReelParams[] {
  let combos: ReelParams[] = [{ ...REEL_DEFAULTS }];
  for (const [key, values] of Object.entries(GRID)) {
    combos = combos.flatMap((c) => (values ?? []).map((v) => ({ ...c, [key]: v })));
  }
  return combos;
}

/** Reel with, for each trace, the grid's parameters that score best on the set's other traces. */
export function leaveOneOutResult(set: TraceSet, video: Video): { result: Result; defaultsChosen: number } {
  const candidates = gridCandidates();
  const metrics = candidates.map((params) => set.traces.map((t) => session(createReel(params), t, video)));
  const { chosen } = leaveOneOut(metrics.map((row) => row.map((m) => m.qoe)));
  const sessions = chosen.map((c, t) => metrics[c]?.[t]).filter((m) => m !== undefined);
  const same = (p: ReelParams | undefined) => JSON.stringify(p) === JSON.stringify(REEL_DEFAULTS);
  const defaultsChosen = chosen.filter((c) => same(candidates[c])).length;
  return { result: { set: set.name, algorithm: LOO_NAME, sessions }, defaultsChosen };
}

/** CPU model, cores, memory, OS, Node, and load. */
export function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const gib = Math.round(os.totalmem() / 2 ** 30);
  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(', ');
  return `${cpu}, ${os.cpus().length} cores, ${gib} GiB, ${os.platform()}; Node ${process.version}; load average at start ${load}`;
}

/** Warm the JIT on one session per algorithm so the timings describe steady state (not recorded). */
export function warmUp(sets: TraceSet[], video: Video): void {
  const trace = sets[0]?.traces[0];
  if (trace) for (const make of ALGORITHMS) session(make(), trace, video);
}
