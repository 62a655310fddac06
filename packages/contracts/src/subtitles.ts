import { z } from '@hono/zod-openapi';
import { Timestamp } from './common.ts';

/** Subtitle tracks of a video (issue 3 "Subtitles"): SRT or WebVTT text per language. */

/** A BCP 47 tag as the transcoder names renditions by it: `en`, `pt-BR`, `zh-Hant-TW`. */
export const SubtitleLanguage = z
  .string()
  .max(35)
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a BCP 47 tag like `en` or `pt-BR`')
  .openapi({ example: 'pt-BR' });

export const SUBTITLE_FORMATS = ['srt', 'vtt'] as const;

/** 2 MiB of UTF-8. */
export const SUBTITLE_MAX_BYTES = 2 * 1024 * 1024;

export const SubtitleInput = z.strictObject({
  language: SubtitleLanguage,
  label: z.string().trim().min(1).max(100).openapi({ example: 'English' }),
  format: z.enum(SUBTITLE_FORMATS),
  text: z
    .string()
    .min(1)
    .max(SUBTITLE_MAX_BYTES)
    .refine((t) => new TextEncoder().encode(t).length <= SUBTITLE_MAX_BYTES, 'must be at most 2 MiB'),
});
export type SubtitleInput = z.infer<typeof SubtitleInput>;

export const SubtitleTrack = z
  .object({
    language: SubtitleLanguage,
    label: z.string(),
    format: z.enum(SUBTITLE_FORMATS),
    createdAt: Timestamp,
  })
  .openapi('SubtitleTrack');
export type SubtitleTrack = z.infer<typeof SubtitleTrack>;

export const SubtitleTrackEnvelope = z.object({
  track: SubtitleTrack,
  /** True when a ready title got a new transcode job, which publishes a new asset with the tracks. */
  retranscoding: z.boolean(),
});

export const SubtitleTrackList = z.object({ tracks: z.array(SubtitleTrack) });

/** What a lease hands the transcoder per track: a signed, short-lived URL of the stored text. */
export const LeasedSubtitle = z.object({
  language: SubtitleLanguage,
  label: z.string(),
  url: z.url(),
});
export type LeasedSubtitle = z.infer<typeof LeasedSubtitle>;
