import { z } from '@hono/zod-openapi';
import { Id } from './common.ts';
import { LeasedSubtitle } from './subtitles.ts';

/**
 * The internal jobs API between the API worker and transcoders (docs/JOBS.md). Transcoders import these
 * to build their requests; the API validates with the same schemas.
 */

/** The fencing token: bumped on every lease; calls carrying an older one get 409 `lease_lost`. */
export const LeaseToken = z.number().int().positive().openapi({ example: 3 });

/**
 * A key inside an attempt's folder, e.g. `h264-720/seg_12.m4s`: segments of `[A-Za-z0-9._-]`, no empty,
 * `.` or `..` segment, no leading slash, backslash or percent-encoding (docs/JOBS.md "Object keys").
 */
export const ObjectKey = z
  .string()
  .max(512)
  .regex(/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/, 'must be `/`-separated segments of [A-Za-z0-9._-]')
  .refine((k) => k.split('/').every((s) => s !== '.' && s !== '..'), 'must not contain `.` or `..` segments');
export type ObjectKey = z.infer<typeof ObjectKey>;

export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be a lowercase hex SHA-256');

/** A 16-byte AES-128 key as base64url without padding (22 characters). */
export const ContentKey = z.string().regex(/^[A-Za-z0-9_-]{21}[AQgw]$/, 'must be 16 bytes of base64url');

export const LeasedJob = z.object({
  id: Id,
  videoId: Id,
  kind: z.string(),
  leaseToken: LeaseToken,
  /** 1 for the first attempt. */
  attempt: z.number().int().positive(),
  maxAttempts: z.number().int().positive(),
  /** Outputs go to `videos/{videoId}/a/{attemptId}/` through the object ingest. */
  attemptId: z.string(),
  leaseExpiresAt: z.iso.datetime(),
  payload: z.record(z.string(), z.unknown()),
});
export type LeasedJob = z.infer<typeof LeasedJob>;

export const LeaseResponse = z.object({
  job: LeasedJob,
  /** A signed URL (about 10 minutes) serving the source with HTTP Range; null when the job has none. */
  sourceUrl: z.url().nullable(),
  /** The video's subtitle tracks now, each with a signed URL (about 10 minutes) serving its text. */
  subtitles: z.array(LeasedSubtitle),
  /**
   * For protected titles: this attempt's AES-128 content keys (16 bytes, base64url), SD for rungs up to the
   * software cap and audio, HD above it (DESIGN.md "Protection"). They travel only over the signed internal
   * channel; the API keeps them wrapped, and the transcoder forgets them once the attempt is uploaded.
   */
  protection: z.object({ sd: ContentKey, hd: ContentKey }).nullable(),
});
export type LeaseResponse = z.infer<typeof LeaseResponse>;

export const HeartbeatInput = z.strictObject({
  leaseToken: LeaseToken,
  progress: z.number().int().min(0).max(100),
});
export type HeartbeatInput = z.infer<typeof HeartbeatInput>;

export const HeartbeatResponse = z.object({ leaseExpiresAt: z.iso.datetime() });

export const FailInput = z.strictObject({
  leaseToken: LeaseToken,
  /** false for sources that will never work (corrupt, unsupported): the video fails at once. */
  retryable: z.boolean(),
  code: z.string().regex(/^[a-z][a-z0-9_]{1,63}$/, 'must be a snake_case code'),
  message: z.string().min(1).max(1000),
});
export type FailInput = z.infer<typeof FailInput>;

export const FailResponse = z.object({
  state: z.enum(['queued', 'failed']),
  attempts: z.number().int(),
  /** When the job may be leased again (state `queued`). */
  availableAt: z.iso.datetime().nullable(),
});

export const ManifestFile = z.strictObject({
  key: ObjectKey,
  bytes: z.number().int().nonnegative(),
  sha256: Sha256Hex,
});

export const RenditionFacts = z.strictObject({
  // Codec and short side, e.g. `h264-720` (DESIGN.md token path layout).
  rungId: z
    .string()
    .regex(/^[a-z0-9]+([._-][a-z0-9]+)*$/, 'must be like `h264-720`')
    .max(64),
  kind: z.enum(['video', 'audio', 'subtitles']),
  codecs: z.string().min(1).max(200),
  width: z.number().int().positive().optional(),
  height: z.number().int().positive().optional(),
  bandwidth: z.number().int().positive(),
  averageBandwidth: z.number().int().positive().optional(),
  frameRate: z.number().positive().max(1000).optional(),
  language: z.string().min(2).max(35).optional(),
});
export type RenditionFacts = z.infer<typeof RenditionFacts>;

export const JobManifest = z.strictObject({
  files: z
    .array(ManifestFile)
    .min(1)
    .max(20_000)
    .refine((f) => new Set(f.map((x) => x.key)).size === f.length, 'keys must be unique')
    .refine((f) => f.some((x) => x.key === 'master.m3u8'), 'must include master.m3u8'),
  renditions: z
    .array(RenditionFacts)
    .min(1)
    .max(64)
    .refine((r) => new Set(r.map((x) => x.rungId)).size === r.length, 'rungIds must be unique'),
  durationS: z.number().positive().max(86_400),
});
export type JobManifest = z.infer<typeof JobManifest>;

export const CompleteInput = z.strictObject({
  leaseToken: LeaseToken,
  attemptId: z.string().max(64),
  manifest: JobManifest,
});
export type CompleteInput = z.infer<typeof CompleteInput>;

export const CompleteResponse = z.object({ assetId: z.string(), videoId: Id });
