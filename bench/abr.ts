/**
 * `npm run bench:abr -- --traces <folder>`: every ABR algorithm of packages/abr on every trace set (each
 * subfolder of the folder but `video/`; `video/envivio3_chunk_sizes.tsv` is the video) in the simulator's
 * Pensieve setup. Per set: mean QoE_lin and the other session figures, the win rate against robustMPC, and
 * Reel's leave-one-trace-out result; then per-decision times. Prints the tables, writes them to
 * docs/BENCHMARKS.md, and prints one JSON array of rows as the last stdout line. Never runs in CI.
 */
import { PENSIEVE_SETUP } from '../packages/abr/src/index.ts';
import { browserDecisionTimes } from './abr-browser.ts';
import { loadTraceFolder } from './abr-load.ts';
import { improvement, type JsonRow, percentiles, type Result, setTable, summarize } from './abr-report.ts';
import {
  GRID,
  gridCandidates,
  leaveOneOutResult,
  machine,
  REPEATS,
  runSet,
  type Timing,
  traceFolder,
  warmUp,
} from './abr-run.ts';
import { writeBenchmarkSection } from './report.ts';

const TITLE = 'ABR on network traces';

interface SetOutcome {
  name: string;
  traces: number;
  results: Result[];
  loo: Result;
  defaultsChosen: number;
}

function setSection(o: SetOutcome): string {
  const base = o.results.find((r) => r.algorithm === 'robustMPC');
  if (base === undefined) throw new Error('robustMPC is missing from the results');
  return [
    `### ${o.name} (${o.traces} traces)`,
    '',
    setTable([...o.results, o.loo], base),
    '',
    `Leave-one-trace-out: for each trace, the ${gridCandidates().length} parameter sets of the grid are ` +
      `scored on the other ${o.traces - 1} traces and the best is played on the held-out one; the fixed ` +
      `defaults were the choice for ${o.defaultsChosen} of ${o.traces} traces.`,
  ].join('\n');
}

function targetLine(outcomes: SetOutcome[]): string {
  const parts = outcomes.map((o) => {
    const reel = summarize(o.results.find((r) => r.algorithm === 'Reel') ?? o.loo);
    const base = summarize(o.results.find((r) => r.algorithm === 'robustMPC') ?? o.loo);
    const loo = summarize(o.loo);
    const met = (reel.qoe - base.qoe) / Math.abs(base.qoe) >= 0.05 && reel.rebufferRatio < 0.01;
    return (
      `${o.name}: ${improvement(reel.qoe, base.qoe)} at ${(reel.rebufferRatio * 100).toFixed(2)}% rebuffering ` +
      `(${met ? 'met' : 'not met'}; leave-one-trace-out ${improvement(loo.qoe, base.qoe)})`
    );
  });
  return `Target (Reel ≥ +5% mean QoE_lin over robustMPC on every set, rebuffer ratio < 1%): ${parts.join('; ')}.`;
}

type BrowserTimes = Awaited<ReturnType<typeof browserDecisionTimes>>;

function timingTable(timings: Map<string, Timing>, browser: BrowserTimes): string {
  const cells = (samples: number[]) => {
    const p = percentiles(samples);
    return `${p.p50.toFixed(1)} | ${p.p99.toFixed(1)}`;
  };
  const rows = [...timings].map(
    ([name, t]) =>
      `| ${name} | Node ${process.version} | ${cells(t.single)} | ${cells(t.leastOfRepeats)} | ${t.single.length} |`,
  );
  if (browser) {
    rows.push(
      `| Reel | Chromium ${browser.version} (mean of 20) | ${cells(browser.samplesUs)} | — | — | ${browser.samplesUs.length} |`,
    );
  }
  return [
    `| algorithm | engine | p50 µs | p99 µs | p50 µs, least of ${REPEATS} | p99 µs, least of ${REPEATS} | decisions |`,
    '|---|---|---:|---:|---:|---:|---:|',
    ...rows,
  ].join('\n');
}

function body(
  o: { outcomes: SetOutcome[]; timings: Map<string, Timing>; browser: BrowserTimes },
  folder: string,
  host: string,
): string {
  const { outcomes, timings, browser } = o;
  const s = PENSIEVE_SETUP;
  return [
    `Machine: ${host}; ${new Date().toISOString().slice(0, 10)}. Traces: \`${folder}\`.`,
    '',
    `Setup (packages/abr, docs/ABR.md): ${s.chunkCount} chunks of 4 s (EnvivioDash3), ladder 300–4300 kbps, ` +
      `chunk 1 at 750 kbps, ${s.rttS * 1000} ms RTT, payload ${s.payloadFactor}, ${s.maxBufferS} s buffer. ` +
      'QoE_lin summed over chunks 2–48 (per-session sums, averaged over traces); rebuffer ratio and startup ' +
      'are per-session means. Win rate: share of traces with a higher QoE than robustMPC (ties count half).',
    '',
    targetLine(outcomes),
    '',
    ...outcomes.flatMap((o) => [setSection(o), '']),
    `Leave-one-trace-out grid: ${Object.entries(GRID)
      .map(([k, v]) => `${k} ∈ {${(v ?? []).join(', ')}}`)
      .join(', ')}.`,
    '',
    'Decision time per chunk, over every decision of the simulated sessions (after one warm-up session per ' +
      `algorithm). Node: the call as it ran (other processes and GC included), and the least of ${REPEATS} ` +
      'calls on the same state (the decision’s own cost). Chromium: the states Reel saw, replayed in a page; ' +
      'its timer is coarse outside cross-origin isolation, so each state is decided 20 times in a row and ' +
      'the batch divided by 20 (a mean, not a least).',
    '',
    timingTable(timings, browser),
  ].join('\n');
}

async function main(): Promise<void> {
  const folder = traceFolder(process.argv.slice(2));
  const host = machine();
  const { video, sets } = loadTraceFolder(folder);
  warmUp(sets, video);
  const timings = new Map<string, Timing>();
  const outcomes: SetOutcome[] = sets.map((set) => {
    console.error(`bench:abr: ${set.name} (${set.traces.length} traces)…`);
    const results = runSet(set, video, timings);
    const { result: loo, defaultsChosen } = leaveOneOutResult(set, video);
    return { name: set.name, traces: set.traces.length, results, loo, defaultsChosen };
  });
  const browser = await browserDecisionTimes(sets, video);
  const text = body({ outcomes, timings, browser }, folder, host);
  writeBenchmarkSection(TITLE, text);
  console.log(`## ${TITLE}\n\n${text}\n`);
  const rows: JsonRow[] = outcomes.flatMap((o) => [...o.results, o.loo].map(summarize));
  console.log(JSON.stringify(rows));
}

main().catch((error: unknown) => {
  console.error(`bench:abr: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
