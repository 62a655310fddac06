/**
 * Figures and the "Viewer app" section of docs/BENCHMARKS.md for `bench/ttff.ts`: time-to-first-frame
 * percentiles of the app's watch page against the plain hls.js page, the breakdown of where the time went,
 * and the app's JavaScript gzipped (level 9) as built in app/dist.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { initialFiles, readViteManifest } from '../app/sw-build.ts';
import type { LoadTimings } from './ttff-pages.ts';

const DIST = 'app/dist';
export const TARGET_P50_MS = 1000;
export const TARGET_RATIO = 1.3;

/** Nearest-rank percentile (p in 0–100) of the numbers that are not null. */
export function percentile(values: readonly (number | null)[], p: number): number {
  const sorted = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return (
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN
  );
}

const gzipKb = (files: readonly string[]) =>
  files.reduce((sum, f) => sum + gzipSync(readFileSync(path.join(DIST, f)), { level: 9 }).length, 0) / 1024;

/** The app's initial JavaScript (entry chunk + its static imports) and what /watch loaded before its frame. */
export function javascriptSizes(watchScripts: readonly string[]) {
  const initial = initialFiles(readViteManifest(DIST)).filter((f) => f.endsWith('.js'));
  const watch = [...new Set(watchScripts)];
  return {
    initial: { files: initial.length, kb: gzipKb(initial) },
    beforeFirstFrame: { files: watch.length, kb: gzipKb(watch) },
  };
}

/** Loads that played, and what the page showed for those that did not (start failures). */
export type Run = {
  app: LoadTimings[];
  plain: LoadTimings[];
  failures: { app: string[]; plain: string[] };
};

const ms = (v: number) => (Number.isFinite(v) ? `${Math.round(v)}` : '–');
const p50 = (loads: LoadTimings[], pick: (t: LoadTimings) => number | null) =>
  percentile(loads.map(pick), 50);

function ttffTable({ app, plain }: Run): string {
  const row = (name: string, loads: LoadTimings[]) => {
    const f = loads.map((l) => l.firstFrame);
    return `| ${name} | ${ms(percentile(f, 50))} | ${ms(percentile(f, 90))} | ${ms(Math.min(...f))} | ${ms(Math.max(...f))} |`;
  };
  const ratio =
    percentile(
      app.map((l) => l.firstFrame),
      50,
    ) /
    percentile(
      plain.map((l) => l.firstFrame),
      50,
    );
  return [
    '| page | TTFF p50 ms | p90 ms | min ms | max ms |',
    '|---|---:|---:|---:|---:|',
    row('`/watch/{id}` (the app)', app),
    row('plain page with hls.js (baseline)', plain),
    `| **ratio app / plain (p50)** | **${ratio.toFixed(2)}×** | | | |`,
  ].join('\n');
}

/** Start failures are reported, never folded into the percentiles of the loads that played. */
function failureLines({ app, plain, failures }: Run): string {
  const line = (name: string, played: number, failed: string[]) =>
    failed.length === 0
      ? `${name}: every load played.`
      : `${name}: ${failed.length} of ${played + failed.length} loads showed no frame within 30 s (${failed
          .map((f) => `“${f}”`)
          .join('; ')}).`;
  return [line('App', app.length, failures.app), line('Plain page', plain.length, failures.plain)].join(' ');
}

function breakdownTable({ app, plain }: Run): string {
  const steps: [string, (t: LoadTimings) => number | null][] = [
    ['page boot: its scripts executed (DOMContentLoaded)', (t) => t.boot],
    ['playback API: grant requested', (t) => t.grantStart],
    ['playback API: grant received', (t) => t.grantEnd],
    ['master.m3u8 received', (t) => t.masterEnd],
    ['first segment (.m4s) received', (t) => t.firstSegmentEnd],
    ['first frame (`timeupdate`, currentTime > 0)', (t) => t.firstFrame],
  ];
  const grantTook = (t: LoadTimings) => (t.grantEnd ?? Number.NaN) - (t.grantStart ?? Number.NaN);
  return [
    '| step (p50, ms after navigation start) | app | plain |',
    '|---|---:|---:|',
    ...steps.map(([name, pick]) => `| ${name} | ${ms(p50(app, pick))} | ${ms(p50(plain, pick))} |`),
    `| playback API round trip (p50 ms) | ${ms(p50(app, grantTook))} | ${ms(p50(plain, grantTook))} |`,
  ].join('\n');
}

/** The section body; `how` describes machine, title and method. */
export function report(run: Run, how: string): string {
  const appP50 = percentile(
    run.app.map((l) => l.firstFrame),
    50,
  );
  const ratio =
    appP50 /
    percentile(
      run.plain.map((l) => l.firstFrame),
      50,
    );
  const js = javascriptSizes(run.app.flatMap((l) => l.scripts));
  const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');
  return [
    how,
    '',
    ttffTable(run),
    '',
    failureLines(run),
    '',
    `Targets: p50 under ${TARGET_P50_MS} ms: ${verdict(appP50 < TARGET_P50_MS)} (${ms(appP50)} ms); within ` +
      `${TARGET_RATIO}× of the plain page: ${verdict(ratio <= TARGET_RATIO)} (${ratio.toFixed(2)}×).`,
    '',
    breakdownTable(run),
    '',
    '| JavaScript (gzip -9 of the files in app/dist) | files | KB |',
    '|---|---:|---:|',
    `| initial: entry chunk + its static imports | ${js.initial.files} | ${js.initial.kb.toFixed(1)} |`,
    `| everything /watch loaded before its first frame (router, page, player, hls.js) | ${js.beforeFirstFrame.files} | ${js.beforeFirstFrame.kb.toFixed(1)} |`,
  ].join('\n');
}
