import { z } from '@hono/zod-openapi';
import { AgeRating, Id, pageOf, Timestamp } from './common.ts';

/** The compact title summary every engagement row carries, enough for the app to render a row. */
export const EngagementVideo = z
  .object({
    id: Id,
    title: z.string(),
    durationS: z.number().nullable(),
    ageRating: AgeRating,
    /** As in VideoSummary: the cached poster route, or null when the title has none to show. */
    posterUrl: z.string().nullable(),
  })
  .openapi('EngagementVideo');
export type EngagementVideo = z.infer<typeof EngagementVideo>;

/** Longest position or duration accepted, in seconds (24 h; live recordings stay well below). */
const MAX_MEDIA_SECONDS = 86_400;

export const HistoryInput = z
  .object({
    positionS: z.number().min(0).max(MAX_MEDIA_SECONDS),
    // The player's idea of the duration; used only while the title has no probed duration.
    durationS: z.number().positive().max(MAX_MEDIA_SECONDS).optional(),
  })
  .openapi('HistoryInput');
export type HistoryInput = z.infer<typeof HistoryInput>;

export const HistoryEntry = z
  .object({ video: EngagementVideo, positionS: z.number(), completed: z.boolean(), updatedAt: Timestamp })
  .openapi('HistoryEntry');
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const RatingInput = z
  .object({
    score: z.number().int().min(1).max(5),
    // Blank reviews are stored as no review.
    review: z.string().trim().max(2000).optional(),
  })
  .openapi('RatingInput');
export type RatingInput = z.infer<typeof RatingInput>;

export const RatingView = z
  .object({
    video: EngagementVideo,
    score: z.number().int(),
    review: z.string().nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .openapi('Rating');
export type RatingView = z.infer<typeof RatingView>;

export const WatchlistItem = z
  .object({ video: EngagementVideo, addedAt: Timestamp })
  .openapi('WatchlistItem');
export type WatchlistItem = z.infer<typeof WatchlistItem>;

export const HistoryPage = pageOf(HistoryEntry).openapi('HistoryPage');
export const RatingPage = pageOf(RatingView).openapi('RatingPage');
export const WatchlistPage = pageOf(WatchlistItem).openapi('WatchlistPage');
