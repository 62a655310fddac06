import { BeaconMeasures, CMCD_KEYS, type BeaconEvent, type CmcdEvent, type MetricsSink } from './events.ts';

/** Structurally the part of Cloudflare's `D1Database` the sink uses, so this package needs no Workers types. */
export interface D1Like {
  prepare(sql: string): { bind(...values: unknown[]): { run(): Promise<unknown> } };
}

const INSERT =
  'INSERT INTO metrics_events (kind, at, video_id, session_id, data) VALUES (?1, ?2, ?3, ?4, ?5)';

/**
 * The development and test sink: one `metrics_events` row per event (`data` is JSON). The row is built from
 * the known fields only, so nothing an event object happens to carry beyond its type (an IP, a header)
 * is ever stored.
 * @example const sink = d1Sink(env.DB, Date.now); await sink.record(event);
 */
export function d1Sink(db: D1Like, now: () => number): MetricsSink {
  return {
    async record(event) {
      const data = event.kind === 'cmcd' ? cmcdData(event) : beaconData(event);
      await db
        .prepare(INSERT)
        .bind(event.kind, now(), event.videoId, event.sessionId, JSON.stringify(data))
        .run();
    },
  };
}

function cmcdData(event: CmcdEvent): Record<string, unknown> {
  const cmcd: Record<string, unknown> = {};
  for (const key of CMCD_KEYS) cmcd[key] = event.cmcd[key];
  if (event.cmcd.custom) cmcd.custom = { ...event.cmcd.custom };
  return { path: event.path, cmcd, deviceClass: event.deviceClass, country: event.country };
}

function beaconData(event: BeaconEvent): Record<string, unknown> {
  const measures: Record<string, unknown> = {};
  for (const key of BeaconMeasures.keyof().options) measures[key] = event.measures[key];
  return {
    event: event.event,
    measures,
    errorCode: event.errorCode,
    deviceClass: event.deviceClass,
    country: event.country,
  };
}
