/**
 * The QoE dashboard report (docs/QOE.md): rollup rows summed over days, devices and countries, turned into
 * Mux-style figures, with flags for rebuffering above 1%, median startup above 3 s and start failures
 * above 0.5%.
 */
import type { QoeFigures, QoeFlag, QoeReport } from '@reel/contracts';
import { and, eq, gte, inArray, lte } from 'drizzle-orm';
import { type Db, schema } from '../db.ts';
import { BITRATE_BOUNDS_KBPS, STARTUP_BOUNDS_MS, utcDay } from './qoe-rollup.ts';

type Row = typeof schema.qoeDaily.$inferSelect;
type Sums = Omit<Row, 'videoId' | 'day' | 'deviceClass' | 'country' | 'updatedAt'>;

export const THRESHOLDS = { rebufferRatio: 0.01, startupP50Ms: 3000, startFailureRate: 0.005 };

const SUMMED = [
  'views',
  'starts',
  'startFailures',
  'exitsBeforeStart',
  'startupMsSum',
  'watchMs',
  'rebufferMs',
  'rebufferCount',
  'bitrateKbpsMs',
  'switches',
  'droppedFrames',
] as const;

/** Adds a histogram into another, bucket by bucket. */
function addInto(target: number[], source: number[]): void {
  for (const [i, n] of source.entries()) target[i] = (target[i] ?? 0) + n;
}

function sum(rows: Row[]): Sums {
  const out: Sums = {
    views: 0,
    starts: 0,
    startFailures: 0,
    exitsBeforeStart: 0,
    startupMsSum: 0,
    watchMs: 0,
    rebufferMs: 0,
    rebufferCount: 0,
    bitrateKbpsMs: 0,
    switches: 0,
    droppedFrames: 0,
    startupHistogram: new Array(STARTUP_BOUNDS_MS.length + 1).fill(0),
    bitrateHistogram: new Array(BITRATE_BOUNDS_KBPS.length + 1).fill(0),
  };
  for (const r of rows) {
    for (const k of SUMMED) out[k] += r[k];
    addInto(out.startupHistogram, r.startupHistogram);
    addInto(out.bitrateHistogram, r.bitrateHistogram);
  }
  return out;
}

/** The upper bound of the bucket holding the median startup (the open last bucket reports its floor). */
function medianOf(histogram: number[]): number | null {
  const total = histogram.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  let seen = 0;
  for (const [i, n] of histogram.entries()) {
    seen += n;
    if (seen >= total / 2) return STARTUP_BOUNDS_MS[i] ?? STARTUP_BOUNDS_MS.at(-1) ?? null;
  }
  return null;
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

export function figuresOf(rows: Row[]): QoeFigures {
  const s = sum(rows);
  const startups = s.startupHistogram.reduce((a, b) => a + b, 0);
  return {
    views: s.views,
    starts: s.starts,
    startFailures: s.startFailures,
    exitsBeforeStart: s.exitsBeforeStart,
    startFailureRate: ratio(s.startFailures, s.views),
    startupP50Ms: medianOf(s.startupHistogram),
    startupAvgMs: ratio(s.startupMsSum, startups),
    rebufferRatio: ratio(s.rebufferMs, s.watchMs + s.rebufferMs),
    rebufferCount: s.rebufferCount,
    watchMs: s.watchMs,
    avgBitrateKbps: ratio(s.bitrateKbpsMs, s.watchMs),
    switchesPerView: ratio(s.switches, s.starts),
    droppedFrames: s.droppedFrames,
  };
}

export function flagsOf(f: QoeFigures): QoeFlag[] {
  const flags: QoeFlag[] = [];
  const t = THRESHOLDS;
  if (f.rebufferRatio !== null && f.rebufferRatio > t.rebufferRatio) {
    const message = `Viewers spent ${(f.rebufferRatio * 100).toFixed(2)}% of the time rebuffering (above 1%)`;
    flags.push({ code: 'rebuffering_high', value: f.rebufferRatio, threshold: t.rebufferRatio, message });
  }
  if (f.startupP50Ms !== null && f.startupP50Ms > t.startupP50Ms) {
    const message = `Median video startup time is above ${(t.startupP50Ms / 1000).toFixed(0)} s`;
    flags.push({ code: 'startup_slow', value: f.startupP50Ms, threshold: t.startupP50Ms, message });
  }
  if (f.startFailureRate !== null && f.startFailureRate > t.startFailureRate) {
    const message = `${(f.startFailureRate * 100).toFixed(2)}% of views failed to start (above 0.5%)`;
    flags.push({
      code: 'start_failures_high',
      value: f.startFailureRate,
      threshold: t.startFailureRate,
      message,
    });
  }
  return flags;
}

function groupBy<K extends 'day' | 'deviceClass' | 'country'>(rows: Row[], key: K) {
  const groups = new Map<string, Row[]>();
  for (const r of rows) groups.set(r[key], [...(groups.get(r[key]) ?? []), r]);
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
}

/** Which titles a report covers: one, an owner's, or all (admins). */
export type QoeScope = { videoId: string } | { ownerId: string } | { all: true };

/** The report over `scope` for the `days` days ending today. */
export async function qoeReport(db: Db, scope: QoeScope, days: number, now: number): Promise<QoeReport> {
  const from = utcDay(now - (days - 1) * 86_400_000);
  const to = utcDay(now);
  const q = schema.qoeDaily;
  const where = [gte(q.day, from), lte(q.day, to)];
  if ('videoId' in scope) where.push(eq(q.videoId, scope.videoId));
  if ('ownerId' in scope) {
    const { videos, channels } = schema;
    const owned = db
      .select({ id: videos.id })
      .from(videos)
      .innerJoin(channels, eq(channels.id, videos.channelId))
      .where(eq(channels.ownerId, scope.ownerId));
    where.push(inArray(q.videoId, owned));
  }
  const rows = await db
    .select()
    .from(q)
    .where(and(...where));
  const totals = figuresOf(rows);
  const s = sum(rows);
  return {
    from,
    to,
    videoId: 'videoId' in scope ? scope.videoId : null,
    totals,
    days: groupBy(rows, 'day').map(([day, r]) => ({ day, ...figuresOf(r) })),
    startupHistogram: { bounds: STARTUP_BOUNDS_MS, values: s.startupHistogram },
    bitrateHistogram: { bounds: BITRATE_BOUNDS_KBPS, values: s.bitrateHistogram },
    byDevice: groupBy(rows, 'deviceClass').map(([deviceClass, r]) => ({ deviceClass, ...figuresOf(r) })),
    byCountry: groupBy(rows, 'country').map(([country, r]) => ({ country, ...figuresOf(r) })),
    flags: flagsOf(totals),
  };
}
