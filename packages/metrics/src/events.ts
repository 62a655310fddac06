import { z } from 'zod';

/**
 * What Reel records for QoE (DESIGN.md "QoE"): CMCD sent with media requests and player beacons, both into
 * ONE `MetricsSink`. No event carries an IP address, a user agent or an account id: a playback session id is
 * the finest grain.
 */

/** A CMCD value as CTA-5004 §3.1 types them (Boolean, Integer/Decimal, String/Token). */
export type CmcdValue = string | number | boolean;

/** CTA-5004 §3.3 object types (`ot`): manifest, audio, video, muxed, init, caption, timed text, key, other. */
export type CmcdObjectType = 'm' | 'a' | 'v' | 'av' | 'i' | 'c' | 'tt' | 'k' | 'o';

/**
 * The CMCD keys a media request reported (CTA-5004 §3.3), already validated: absent keys were absent or
 * invalid. Custom keys (names with a hyphen) are kept apart in `custom`.
 */
export interface CmcdFields {
  /** Encoded bitrate, kbps. */
  br?: number;
  /** Buffer length, ms. */
  bl?: number;
  /** Buffer starvation since the last request. */
  bs?: boolean;
  /** Content id (≤ 64 characters). */
  cid?: string;
  /** Object duration, ms. */
  d?: number;
  /** Deadline: ms until the buffer underruns. */
  dl?: number;
  /** Measured throughput, kbps. */
  mtp?: number;
  /** Next object request: a URL relative to this one. */
  nor?: string;
  /** Next range request: `start-end` bytes. */
  nrr?: string;
  ot?: CmcdObjectType;
  /** Playback rate (1 = real time, 0 = paused). */
  pr?: number;
  /** Requested maximum throughput, kbps. */
  rtp?: number;
  /** Streaming format: DASH, HLS, Smooth, other. */
  sf?: 'd' | 'h' | 's' | 'o';
  /** Session id (≤ 64 characters): the player's, not ours. */
  sid?: string;
  /** Stream type: VOD or live. */
  st?: 'v' | 'l';
  /** Startup: the object is needed urgently (start, seek, rebuffer recovery). */
  su?: boolean;
  /** Top bitrate the player may select, kbps. */
  tb?: number;
  /** CMCD version (1 when absent). */
  v?: number;
  custom?: Record<string, CmcdValue>;
}

/** The CTA-5004 §3.3 keys, in their (alphabetical) serialization order. */
export const CMCD_KEYS = [
  'br',
  'bl',
  'bs',
  'cid',
  'd',
  'dl',
  'mtp',
  'nor',
  'nrr',
  'ot',
  'pr',
  'rtp',
  'sf',
  'sid',
  'st',
  'su',
  'tb',
  'v',
] as const satisfies readonly Exclude<keyof CmcdFields, 'custom'>[];
export type CmcdKey = (typeof CMCD_KEYS)[number];

/** One media request's CMCD, as the media worker records it. */
export interface CmcdEvent {
  kind: 'cmcd';
  videoId: string;
  /** Our playback session (from the token), not CMCD's `sid`. */
  sessionId: string;
  /** The path below the asset, e.g. `h264-720/seg_12.m4s`. */
  path: string;
  cmcd: CmcdFields;
  /** From the token's policy. */
  deviceClass?: string;
  /** ISO 3166-1 alpha-2, from the edge. */
  country?: string;
}

/**
 * Player beacon events (Mux Data's view lifecycle): a view starts, plays, pauses, seeks, stalls
 * (rebuffer), switches rendition, fails or ends; `heartbeat` carries running totals while playing.
 */
export const BEACON_EVENTS = [
  'viewstart',
  'playing',
  'pause',
  'seeking',
  'seeked',
  'rebufferstart',
  'rebufferend',
  'renditionchange',
  'heartbeat',
  'error',
  'ended',
  'viewend',
] as const;
export const BeaconEventType = z.enum(BEACON_EVENTS);
export type BeaconEventType = z.infer<typeof BeaconEventType>;

const ms = z
  .number()
  .int()
  .min(0)
  .max(7 * 24 * 3600 * 1000);
const kbps = z.number().int().min(0).max(1_000_000);
const count = z.number().int().min(0).max(1_000_000);

/**
 * The numbers a beacon may carry; each optional, each bounded. Running totals are per view, so rollups
 * take the last beacon of a view: startup time = `startupMs` (Mux "Video Startup Time"), rebuffer
 * percentage = `rebufferMs / watchMs`, rebuffer frequency = `rebufferCount / watchMs`.
 */
export const BeaconMeasures = z.strictObject({
  /** Ms since the view started (player clock). */
  viewMs: ms.optional(),
  /** Position in the title, ms. */
  playheadMs: ms.optional(),
  /** Time from the play request to the first frame, ms. */
  startupMs: ms.optional(),
  /** Ms of content watched so far (excludes startup and stalls). */
  watchMs: ms.optional(),
  rebufferMs: ms.optional(),
  rebufferCount: count.optional(),
  /** Current rendition: bitrate and short side. */
  bitrateKbps: kbps.optional(),
  shortSide: z.number().int().min(0).max(8640).optional(),
  /** The player's bandwidth estimate. */
  bandwidthKbps: kbps.optional(),
  droppedFrames: count.optional(),
  /** Rendition switches so far, and the time-weighted average bitrate of what was watched. */
  switchCount: count.optional(),
  avgBitrateKbps: kbps.optional(),
});
export type BeaconMeasures = z.infer<typeof BeaconMeasures>;

/**
 * A player beacon as a client sends it (validate with `Beacon.safeParse`; unknown keys are refused so
 * nothing unexpected, such as an address, is ever stored).
 */
export const Beacon = z.strictObject({
  videoId: z.string().min(1).max(64),
  sessionId: z.string().min(1).max(64),
  event: BeaconEventType,
  measures: BeaconMeasures.default({}),
  /** Stable snake_case code of a playback failure (`event: 'error'`). */
  errorCode: z
    .string()
    .regex(/^[a-z0-9_]{1,64}$/)
    .optional(),
});
export type Beacon = z.infer<typeof Beacon>;

/** A beacon as recorded: the client's fields plus what the server adds. */
export interface BeaconEvent extends Beacon {
  kind: 'beacon';
  deviceClass?: string;
  country?: string;
}

/** Everything a `MetricsSink` records, discriminated on `kind`. */
export type MetricsEvent = CmcdEvent | BeaconEvent;

/** Where QoE events go: Analytics Engine in production, the `metrics_events` table elsewhere. */
export interface MetricsSink {
  record(event: MetricsEvent): Promise<void>;
}

/** Exhaustiveness check for switches over `MetricsEvent['kind']`. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected metrics event: ${JSON.stringify(value)}`);
}
