/**
 * Where the rollup reads raw beacons (docs/QOE.md): `metrics_events` in D1 locally and in tests, Analytics
 * Engine's SQL API in production (the sink there is Analytics Engine; column layout in
 * packages/metrics/src/analytics-engine.ts).
 */
import { ABSENT, Beacon, BeaconEventType, type BeaconMeasures } from '@reel/metrics';
import { and, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Db, schema } from '../db.ts';
import { DAY_MS, type BeaconRow } from './qoe-rollup.ts';

export interface BeaconSource {
  /** The beacons of every view that started on `day` (UTC, YYYY-MM-DD). */
  beaconsOfDay(day: string): Promise<BeaconRow[]>;
}

const RawData = z.object({
  event: Beacon.shape.event,
  measures: Beacon.shape.measures,
  deviceClass: z.string().optional(),
  country: z.string().optional(),
});

/** The beacons of every view that STARTED on `day` (a view spanning midnight counts once, on its first day). */
async function beaconsOfDay(db: Db, day: string): Promise<BeaconRow[]> {
  const start = Date.parse(`${day}T00:00:00Z`);
  const m = schema.metricsEvents;
  const startedToday = db
    .select({ id: m.sessionId })
    .from(m)
    .where(eq(m.kind, 'beacon'))
    .groupBy(m.sessionId)
    .having(and(gte(sql`min(${m.at})`, start), lt(sql`min(${m.at})`, start + DAY_MS)));
  const rows = await db
    .select()
    .from(m)
    .where(and(eq(m.kind, 'beacon'), inArray(m.sessionId, startedToday)));
  return rows.flatMap((r) => {
    const data = RawData.safeParse(r.data);
    if (!data.success || !r.videoId || !r.sessionId) return [];
    const { event, measures, deviceClass, country } = data.data;
    return [
      {
        videoId: r.videoId,
        sessionId: r.sessionId,
        at: r.at,
        event,
        measures,
        deviceClass: deviceClass ?? 'unknown',
        country: country ?? 'XX',
      },
    ];
  });
}

export const d1BeaconSource = (db: Db): BeaconSource => ({ beaconsOfDay: (day) => beaconsOfDay(db, day) });

/** Views rarely outlast 6 h; beacons that late belong to a view that started on the day before. */
const VIEW_TAIL_MS = 6 * 3600_000;
const MEASURES = [
  'viewMs',
  'playheadMs',
  'startupMs',
  'watchMs',
  'rebufferMs',
  'rebufferCount',
  'bitrateKbps',
  'shortSide',
  'bandwidthKbps',
  'droppedFrames',
  'switchCount',
  'avgBitrateKbps',
] as const satisfies readonly (keyof BeaconMeasures)[];

const Point = z.object({
  timestamp: z.string(),
  index1: z.string(),
  blob2: z.string(),
  blob3: z.string(),
  blob4: z.string(),
  blob5: BeaconEventType,
  ...Object.fromEntries(MEASURES.map((_, i) => [`double${i + 1}`, z.number()])),
});
const SqlAnswer = z.object({ data: z.array(z.unknown()) });

const sqlTime = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

function toRow(point: z.infer<typeof Point> & Record<string, unknown>): BeaconRow {
  const measures: BeaconMeasures = {};
  MEASURES.forEach((key, i) => {
    const value = point[`double${i + 1}`];
    if (typeof value === 'number' && value !== ABSENT) measures[key] = value;
  });
  return {
    videoId: point.index1,
    sessionId: point.blob2,
    deviceClass: point.blob3 || 'unknown',
    country: point.blob4 || 'XX',
    event: point.blob5,
    at: Date.parse(`${point.timestamp.replace(' ', 'T')}Z`),
    measures,
  };
}

/** Keeps the views whose first beacon falls on `day`. */
function startedOn(rows: BeaconRow[], start: number): BeaconRow[] {
  const first = new Map<string, number>();
  for (const r of rows) first.set(r.sessionId, Math.min(first.get(r.sessionId) ?? r.at, r.at));
  return rows.filter((r) => {
    const at = first.get(r.sessionId) ?? 0;
    return at >= start && at < start + DAY_MS;
  });
}

/** Reads beacons through the Analytics Engine SQL API (an account API token with Account Analytics: Read). */
export function analyticsEngineSource(cfg: {
  accountId: string;
  apiToken: string;
  dataset: string;
  fetch: typeof fetch;
}): BeaconSource {
  const url = `https://api.cloudflare.com/client/v4/accounts/${cfg.accountId}/analytics_engine/sql`;
  return {
    async beaconsOfDay(day) {
      const start = Date.parse(`${day}T00:00:00Z`);
      const columns = [
        'timestamp',
        'index1',
        'blob2',
        'blob3',
        'blob4',
        'blob5',
        ...MEASURES.map((_, i) => `double${i + 1}`),
      ];
      const query = `SELECT ${columns.join(', ')} FROM ${cfg.dataset} WHERE blob1 = 'beacon' AND timestamp >= toDateTime('${sqlTime(start)}') AND timestamp < toDateTime('${sqlTime(start + DAY_MS + VIEW_TAIL_MS)}') ORDER BY timestamp FORMAT JSON`;
      const res = await cfg.fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${cfg.apiToken}` },
        body: query,
      });
      if (!res.ok)
        throw new Error(
          `Analytics Engine SQL API answered ${res.status}: ${(await res.text()).slice(0, 200)}`,
        );
      const answer = SqlAnswer.parse(await res.json());
      const rows = answer.data.flatMap((d) => {
        const p = Point.safeParse(d);
        return p.success ? [toRow(p.data)] : [];
      });
      return startedOn(rows, start);
    },
  };
}

/** Production reads Analytics Engine (where its sink writes); everything else reads D1. */
export function beaconSourceFor(
  env: { ENVIRONMENT: string; AE_ACCOUNT_ID?: string; AE_API_TOKEN?: string },
  db: Db,
): BeaconSource {
  if (env.ENVIRONMENT !== 'production') return d1BeaconSource(db);
  if (!env.AE_ACCOUNT_ID || !env.AE_API_TOKEN) {
    throw new Error('production QoE rollups need AE_ACCOUNT_ID and AE_API_TOKEN (docs/QOE.md)');
  }
  return analyticsEngineSource({
    accountId: env.AE_ACCOUNT_ID,
    apiToken: env.AE_API_TOKEN,
    dataset: 'reel_metrics',
    fetch: (input, init) => fetch(input, init),
  });
}
