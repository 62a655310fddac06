/**
 * QoE rollups (docs/QOE.md), with Mux Data's definitions: a view is one playback session; video startup time
 * is play intent to first frame; a video start failure is an error before the first frame; an exit before
 * video start is a view that ended before its first frame without an error; rebuffering excludes seeks (the
 * player does not count stalls that a seek caused). Pure: rows in, rollup rows out.
 */
import type { BeaconEventType, BeaconMeasures } from '@reel/metrics';

/** Startup-time histogram bounds (ms): bucket i counts startups below BOUNDS[i]; the last is ≥ 10 s. */
export const STARTUP_BOUNDS_MS = [250, 500, 1000, 2000, 3000, 5000, 10_000];
/** Bitrate histogram bounds (kbps), the ladder's rungs; the histogram holds watch ms per bucket. */
export const BITRATE_BOUNDS_KBPS = [300, 750, 1200, 1850, 2850, 4300, 8000];

/** One recorded beacon (a metrics_events row, or an Analytics Engine data point). */
export interface BeaconRow {
  videoId: string;
  sessionId: string;
  at: number;
  event: BeaconEventType;
  deviceClass: string;
  country: string;
  measures: BeaconMeasures;
}

export interface RollupRow {
  videoId: string;
  day: string;
  deviceClass: string;
  country: string;
  views: number;
  starts: number;
  startFailures: number;
  exitsBeforeStart: number;
  startupMsSum: number;
  startupHistogram: number[];
  watchMs: number;
  rebufferMs: number;
  rebufferCount: number;
  bitrateKbpsMs: number;
  bitrateHistogram: number[];
  switches: number;
  droppedFrames: number;
}

export const DAY_MS = 86_400_000;

export const utcDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** Adds `amount` to the histogram bucket of `value` (bucket i: below bounds[i]; the last is open). */
function addTo(histogram: number[], bounds: number[], value: number, amount: number): void {
  const found = bounds.findIndex((b) => value < b);
  const i = found === -1 ? bounds.length : found;
  histogram[i] = (histogram[i] ?? 0) + amount;
}

/** The largest value of a running total over a view's beacons (totals only grow). */
const maxOf = (rows: BeaconRow[], key: keyof BeaconMeasures) =>
  rows.reduce((m, r) => Math.max(m, r.measures[key] ?? 0), 0);

interface ViewSummary {
  first: BeaconRow;
  started: boolean;
  failed: boolean;
  exitedBeforeStart: boolean;
  startupMs: number | undefined;
  watchMs: number;
  rebufferMs: number;
  rebufferCount: number;
  avgBitrateKbps: number | undefined;
  switches: number;
  droppedFrames: number;
}

/** What one view (its beacons, oldest first) amounts to. */
export function summarizeView(rows: BeaconRow[]): ViewSummary {
  const [first] = rows;
  if (!first) throw new Error('a view has at least one beacon');
  const startupMs = rows.find((r) => r.measures.startupMs !== undefined)?.measures.startupMs;
  const started = startupMs !== undefined || rows.some((r) => r.event === 'playing');
  const failed = !started && rows.some((r) => r.event === 'error');
  const lastBitrate = rows.findLast((r) => r.measures.avgBitrateKbps !== undefined);
  return {
    first,
    started,
    failed,
    exitedBeforeStart: !started && !failed && rows.some((r) => r.event === 'viewend'),
    startupMs,
    watchMs: maxOf(rows, 'watchMs'),
    rebufferMs: maxOf(rows, 'rebufferMs'),
    rebufferCount: maxOf(rows, 'rebufferCount'),
    avgBitrateKbps: lastBitrate?.measures.avgBitrateKbps,
    switches: maxOf(rows, 'switchCount'),
    droppedFrames: maxOf(rows, 'droppedFrames'),
  };
}

function emptyRow(v: ViewSummary): RollupRow {
  const { videoId, deviceClass, country, at } = v.first;
  return {
    videoId,
    day: utcDay(at),
    deviceClass,
    country,
    views: 0,
    starts: 0,
    startFailures: 0,
    exitsBeforeStart: 0,
    startupMsSum: 0,
    startupHistogram: new Array(STARTUP_BOUNDS_MS.length + 1).fill(0),
    watchMs: 0,
    rebufferMs: 0,
    rebufferCount: 0,
    bitrateKbpsMs: 0,
    bitrateHistogram: new Array(BITRATE_BOUNDS_KBPS.length + 1).fill(0),
    switches: 0,
    droppedFrames: 0,
  };
}

function addView(row: RollupRow, v: ViewSummary): void {
  row.views += 1;
  row.starts += v.started ? 1 : 0;
  row.startFailures += v.failed ? 1 : 0;
  row.exitsBeforeStart += v.exitedBeforeStart ? 1 : 0;
  if (v.startupMs !== undefined) {
    row.startupMsSum += v.startupMs;
    addTo(row.startupHistogram, STARTUP_BOUNDS_MS, v.startupMs, 1);
  }
  row.watchMs += v.watchMs;
  row.rebufferMs += v.rebufferMs;
  row.rebufferCount += v.rebufferCount;
  if (v.avgBitrateKbps !== undefined) {
    row.bitrateKbpsMs += Math.round(v.avgBitrateKbps * v.watchMs);
    addTo(row.bitrateHistogram, BITRATE_BOUNDS_KBPS, v.avgBitrateKbps, v.watchMs);
  }
  row.switches += v.switches;
  row.droppedFrames += v.droppedFrames;
}

/** Groups beacons into views, and views into rows per video, day (of the view's start), device and country. */
export function rollUp(beacons: BeaconRow[]): RollupRow[] {
  const views = new Map<string, BeaconRow[]>();
  for (const b of [...beacons].sort((x, y) => x.at - y.at)) {
    const list = views.get(b.sessionId) ?? [];
    list.push(b);
    views.set(b.sessionId, list);
  }
  const rows = new Map<string, RollupRow>();
  for (const list of views.values()) {
    const view = summarizeView(list);
    const { videoId, deviceClass, country, at } = view.first;
    const key = [videoId, utcDay(at), deviceClass, country].join('\u0000');
    const row = rows.get(key) ?? emptyRow(view);
    addView(row, view);
    rows.set(key, row);
  }
  return [...rows.values()];
}
