import { z } from '@hono/zod-openapi';
import { Id, Timestamp } from './common.ts';

/**
 * Playback: the API's `POST /api/videos/{id}/playback` and the policy its token carries to the media worker
 * (DESIGN.md "Playback and enforcement"; docs/PLAYBACK.md).
 */

/** Video codec families a device can decode; the token carries them as a bitmask in this order. */
export const VIDEO_CODECS = ['h264', 'hevc', 'vp9', 'av1'] as const;
export const VideoCodec = z.enum(VIDEO_CODECS);
export type VideoCodec = z.infer<typeof VideoCodec>;

/** Until a DRM licence exchange exists every playback is `software` (DESIGN.md "Protection"). */
export const PROTECTION_LEVELS = ['software', 'hardware'] as const;
export const ProtectionLevel = z.enum(PROTECTION_LEVELS);
export type ProtectionLevel = z.infer<typeof ProtectionLevel>;

export const DEVICE_CLASSES = ['desktop', 'mobile', 'tv', 'embed'] as const;
export const DeviceClass = z.enum(DEVICE_CLASSES);
export type DeviceClass = z.infer<typeof DeviceClass>;

/** Short-side caps (px): data saver, and software protection on protected titles (DESIGN.md "Protection"). */
export const DATA_SAVER_MAX_SHORT_SIDE = 480;
export const SOFTWARE_MAX_SHORT_SIDE = 720;

/** What the media worker enforces on every request. Caps come from server facts; hints only lower them. */
export const PlaybackPolicy = z.object({
  maxShortSide: z.number().int().positive(),
  protection: ProtectionLevel,
  deviceClass: DeviceClass,
  codecs: z.array(VideoCodec).min(1),
  dataSaver: z.boolean(),
  /** The title is AES-128 protected: keys are served, DASH is not (clear titles only). */
  encrypted: z.boolean(),
});
export type PlaybackPolicy = z.infer<typeof PlaybackPolicy>;

/** Client hints: each may only lower what the server grants. */
export const PlaybackInput = z
  .strictObject({
    deviceClass: DeviceClass.optional(),
    /** Codec families the device decodes (e.g. from `MediaSource.isTypeSupported`); default h264 only. */
    codecs: z.array(VideoCodec).min(1).max(VIDEO_CODECS.length).optional(),
    dataSaver: z.boolean().optional(),
    maxShortSide: z.number().int().min(144).max(4320).optional(),
    /** Shown in the "too many streams" device list; default from the User-Agent. */
    deviceLabel: z.string().min(1).max(80).optional(),
  })
  .openapi('PlaybackInput');
export type PlaybackInput = z.infer<typeof PlaybackInput>;

export const PlaybackGrant = z
  .object({
    manifestUrl: z.url(),
    /** The MPD of the same token; null for protected titles (DASH with CENC comes later). */
    dashUrl: z.url().nullable(),
    expiresAt: Timestamp,
    sessionId: z.string(),
    /** Seconds between heartbeats (`POST /api/playback/{sessionId}/heartbeat`), also while paused. */
    heartbeatS: z.number().int().positive(),
    policy: PlaybackPolicy,
  })
  .openapi('PlaybackGrant');
export type PlaybackGrant = z.infer<typeof PlaybackGrant>;

/** One active stream, as the 429 `too_many_streams` problem lists them. */
export const StreamDevice = z
  .object({
    sessionId: z.string(),
    deviceLabel: z.string(),
    videoId: Id,
    startedAt: Timestamp,
    lastSeenAt: Timestamp,
  })
  .openapi('StreamDevice');
export type StreamDevice = z.infer<typeof StreamDevice>;
