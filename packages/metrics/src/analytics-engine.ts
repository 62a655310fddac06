import type { BeaconEvent, CmcdEvent, MetricsEvent, MetricsSink } from './events.ts';

/** Structurally Cloudflare's `AnalyticsEngineDataset`, so this package needs no Workers types. */
export interface AnalyticsEngineLike {
  writeDataPoint(point: AnalyticsEnginePoint): void;
}

/** One Analytics Engine data point: ≤ 20 blobs, ≤ 20 doubles, one index of ≤ 96 bytes. */
export interface AnalyticsEnginePoint {
  blobs?: string[];
  doubles?: number[];
  indexes?: string[];
}

/** Written for a number the event did not carry (every real value is ≥ 0). */
export const ABSENT = -1;

const INDEX_BYTES = 96;
const BLOB_BYTES = 256;
const CUSTOM_BYTES = 1024;

/**
 * Maps an event to its data point. The column layout (what SQL over the dataset reads):
 *
 * | column | cmcd | beacon |
 * |---|---|---|
 * | index1 | videoId | videoId |
 * | blob1–4 | kind, sessionId, deviceClass, country | same |
 * | blob5–12 | path, ot, sf, st, cid, sid, nor, nrr | event, errorCode |
 * | blob13 | custom keys as JSON | |
 * | double1–12 | br, bl, bs, d, dl, mtp, pr, rtp, su, tb, v | viewMs, playheadMs, startupMs, watchMs, rebufferMs, rebufferCount, bitrateKbps, shortSide, bandwidthKbps, droppedFrames, switchCount, avgBitrateKbps |
 *
 * Absent strings are `''`, absent numbers `-1` (`ABSENT`), booleans 1/0. Blobs are cut to 256 bytes
 * (custom JSON to 1 KiB), so a point stays under the 5 KiB blob total of the older limit as well.
 */
export function toDataPoint(event: MetricsEvent): AnalyticsEnginePoint {
  const shared = [event.kind, event.sessionId, event.deviceClass ?? '', event.country ?? ''];
  const { blobs, doubles } = event.kind === 'cmcd' ? cmcdColumns(event) : beaconColumns(event);
  return {
    indexes: [clipUtf8(event.videoId, INDEX_BYTES)],
    blobs: [...shared, ...blobs].map((b, i) => clipUtf8(b, i === 12 ? CUSTOM_BYTES : BLOB_BYTES)),
    doubles: doubles.map((d) => (d === undefined ? ABSENT : typeof d === 'boolean' ? Number(d) : d)),
  };
}

type Columns = { blobs: string[]; doubles: (number | boolean | undefined)[] };

function cmcdColumns(event: CmcdEvent): Columns {
  const c = event.cmcd;
  const custom = c.custom && Object.keys(c.custom).length > 0 ? JSON.stringify(c.custom) : '';
  const texts = [event.path, c.ot, c.sf, c.st, c.cid, c.sid, c.nor, c.nrr];
  return {
    blobs: [...texts.map((t) => t ?? ''), custom],
    doubles: [c.br, c.bl, c.bs, c.d, c.dl, c.mtp, c.pr, c.rtp, c.su, c.tb, c.v],
  };
}

function beaconColumns(event: BeaconEvent): Columns {
  const m = event.measures;
  return {
    blobs: [event.event, event.errorCode ?? ''],
    doubles: [
      m.viewMs,
      m.playheadMs,
      m.startupMs,
      m.watchMs,
      m.rebufferMs,
      m.rebufferCount,
      m.bitrateKbps,
      m.shortSide,
      m.bandwidthKbps,
      m.droppedFrames,
      m.switchCount,
      m.avgBitrateKbps,
    ],
  };
}

/** The longest prefix of `s` whose UTF-8 encoding fits `maxBytes` (never splits a code point). */
export function clipUtf8(s: string, maxBytes: number): string {
  let bytes = 0;
  let end = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (bytes > maxBytes) break;
    end += ch.length;
  }
  return s.slice(0, end);
}

/**
 * The production sink: one Analytics Engine data point per event, indexed (and so sampled) by video.
 * @example const sink = analyticsEngineSink(env.METRICS); await sink.record(event);
 */
export function analyticsEngineSink(dataset: AnalyticsEngineLike): MetricsSink {
  return {
    async record(event) {
      // writeDataPoint is fire-and-forget by design: the runtime flushes it after the response.
      dataset.writeDataPoint(toDataPoint(event));
    },
  };
}
