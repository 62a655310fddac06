/** Markdown and JSON output of `bench/abr.ts`. */
import type { SessionMetrics } from '../packages/abr/src/index.ts';

/** One algorithm on one trace set: per-trace metrics, in trace order. */
export interface Result {
  set: string;
  algorithm: string;
  sessions: SessionMetrics[];
}

/** The row of the last stdout line (rebufferRatio as a fraction). */
export interface JsonRow {
  set: string;
  algorithm: string;
  qoe: number;
  bitrateKbps: number;
  rebufferRatio: number;
  switches: number;
  startupS: number;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const fixed = (x: number, digits: number) => x.toFixed(digits);

/** Means over the set's traces, as the JSON row. */
export function summarize(r: Result): JsonRow {
  const of = (f: (m: SessionMetrics) => number) => mean(r.sessions.map(f));
  return {
    set: r.set,
    algorithm: r.algorithm,
    qoe: of((m) => m.qoe),
    bitrateKbps: of((m) => m.meanBitrateKbps),
    rebufferRatio: of((m) => m.rebufferRatio),
    switches: of((m) => m.switches),
    startupS: of((m) => m.startupS),
  };
}

/** Share of traces where `r` scored a higher QoE than `base` (ties count half). */
export function winRate(r: Result, base: Result): number {
  let wins = 0;
  for (const [i, m] of r.sessions.entries()) {
    const b = base.sessions[i]?.qoe ?? 0;
    wins += m.qoe > b ? 1 : m.qoe === b ? 0.5 : 0;
  }
  return wins / Math.max(1, r.sessions.length);
}

/** (mean − base mean) / |base mean|, as a signed percentage string. */
export function improvement(qoe: number, baseQoe: number): string {
  const pct = ((qoe - baseQoe) / Math.abs(baseQoe)) * 100;
  return `${pct >= 0 ? '+' : ''}${fixed(pct, 1)}%`;
}

/** The per-set table: one row per algorithm, robustMPC's row the reference for the last two columns. */
export function setTable(results: Result[], base: Result): string {
  const baseQoe = summarize(base).qoe;
  const head =
    '| algorithm | mean QoE_lin | vs robustMPC | mean bitrate kbps | rebuffer s | rebuffer ratio | switches | startup s | win rate vs robustMPC |\n' +
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|';
  const rows = results.map((r) => {
    const s = summarize(r);
    const rebufferS = mean(r.sessions.map((m) => m.rebufferS));
    const cells = [
      r.algorithm,
      fixed(s.qoe, 2),
      r === base ? '—' : improvement(s.qoe, baseQoe),
      fixed(s.bitrateKbps, 0),
      fixed(rebufferS, 2),
      `${fixed(s.rebufferRatio * 100, 2)}%`,
      fixed(s.switches, 1),
      fixed(s.startupS, 2),
      r === base ? '—' : `${fixed(winRate(r, base) * 100, 0)}%`,
    ];
    return `| ${cells.join(' | ')} |`;
  });
  return [head, ...rows].join('\n');
}

/** p50 and p99 of decision times, microseconds. */
export function percentiles(samplesUs: number[]): { p50: number; p99: number; n: number } {
  const sorted = [...samplesUs].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { p50: at(0.5), p99: at(0.99), n: sorted.length };
}
