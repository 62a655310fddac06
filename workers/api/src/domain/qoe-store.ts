/**
 * QoE I/O (docs/QOE.md): player beacons into the MetricsSink, the daily rollup from the raw rows into
 * `qoe_daily`, and the dashboard's reads of the rollups (never of raw rows).
 */
import { Beacon, type MetricsSink } from '@reel/metrics';
import { eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { type Db, schema } from '../db.ts';
import { notFound } from '../errors.ts';
import { chunk, rowsPerInsert } from './d1.ts';
import { DAY_MS, rollUp, utcDay } from './qoe-rollup.ts';
import type { BeaconSource } from './qoe-source.ts';

/** A beacon request carries one beacon or a batch (players flush on pagehide). */
export const MAX_BEACONS = 50;

export const BeaconBatch = z.union([
  Beacon,
  z.strictObject({ beacons: z.array(Beacon).min(1).max(MAX_BEACONS) }),
]);

/** Records beacons whose playback session exists and names their video; nothing else is stored. */
export async function recordBeacons(
  db: Db,
  sink: MetricsSink,
  beacons: Beacon[],
  context: { deviceClass: string; country: string | undefined },
): Promise<number> {
  const ids = [...new Set(beacons.map((b) => b.sessionId))];
  const sessions = await db
    .select({ id: schema.playbackSessions.id, videoId: schema.playbackSessions.videoId })
    .from(schema.playbackSessions)
    .where(inArray(schema.playbackSessions.id, ids));
  const videoOf = new Map(sessions.map((s) => [s.id, s.videoId]));
  const known = beacons.filter((b) => videoOf.get(b.sessionId) === b.videoId);
  if (known.length === 0) throw notFound('Playback session');
  for (const b of known) await sink.record({ kind: 'beacon', ...b, ...context });
  return known.length;
}

/** Rebuilds the rollup rows of `day` from `source` (idempotent: the day's rows are replaced in one batch). */
export async function rollUpDay(db: Db, source: BeaconSource, day: string, now: number): Promise<number> {
  const rows = rollUp(await source.beaconsOfDay(day)).map((r) => ({ ...r, updatedAt: now }));
  const q = schema.qoeDaily;
  const inserts = chunk(rows, rowsPerInsert(q)).map((part) => db.insert(q).values(part));
  await db.batch([db.delete(q).where(eq(q.day, day)), ...inserts]);
  return rows.length;
}

/** The cron rolls up today (so far) and yesterday (views that were still running at the last run). */
export async function rollUpRecent(db: Db, source: BeaconSource, now: number): Promise<void> {
  await rollUpDay(db, source, utcDay(now - DAY_MS), now);
  await rollUpDay(db, source, utcDay(now), now);
}
