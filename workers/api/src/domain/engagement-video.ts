import { AGE_RATINGS, type AgeRating, type EngagementVideo } from '@reel/contracts';
import { and, eq, inArray, isNull, lte, or, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { type Db, schema } from '../db.ts';
import { ApiError, notFound } from '../errors.ts';
import type { Auth } from '../types.ts';
import { afterCursor, type Cursor } from './cursor.ts';
import { type PosterFacts, posterUrlOf } from './images.ts';
import { maxAgeRatingFor } from './viewer.ts';

const { videos, channels } = schema;

/** Whose engagement this is: the session's active profile, and what that profile may see. */
export type Viewer = { userId: string; profileId: string; maxAgeRating: number | null };

/** The caller's active profile as a viewer, or 409 `profile_not_selected`. */
export function viewerOf(auth: Auth): Viewer {
  if (!auth.profile) {
    throw new ApiError(
      409,
      'profile_not_selected',
      'Choose a profile first (POST /api/profiles/{id}/select)',
    );
  }
  return { userId: auth.user.id, profileId: auth.profile.id, maxAgeRating: maxAgeRatingFor(auth) };
}

/** Columns of a title that engagement rows show and the completion rule reads. */
export const VIDEO_SUMMARY = {
  id: videos.id,
  title: videos.title,
  durationS: videos.durationS,
  ageRating: videos.ageRating,
  creditsStartS: videos.creditsStartS,
  status: videos.status,
  visibility: videos.visibility,
  currentAssetId: videos.currentAssetId,
};
export type VideoSummaryRow = PosterFacts & {
  title: string;
  durationS: number | null;
  ageRating: number;
};

/**
 * Titles the viewer may engage with: `ready`, not deleted, public or unlisted (private only on the
 * viewer's own channel) and within the profile's age limit. Needs `channels` joined on the video.
 * The same predicate guards writes (404 otherwise) and filters every listing in SQL, so rows written
 * before a title was hidden or a limit was lowered never show.
 */
export function visibleTo(viewer: Viewer): SQL | undefined {
  return and(
    eq(videos.status, 'ready'),
    isNull(videos.deletedAt),
    or(inArray(videos.visibility, ['public', 'unlisted']), eq(channels.ownerId, viewer.userId)),
    viewer.maxAgeRating === null ? undefined : lte(videos.ageRating, viewer.maxAgeRating),
  );
}

/** The title if the viewer may engage with it; otherwise 404, whether it is missing or hidden. */
export async function findEngageableVideo(db: Db, viewer: Viewer, videoId: string) {
  const [row] = await db
    .select(VIDEO_SUMMARY)
    .from(videos)
    .innerJoin(channels, eq(channels.id, videos.channelId))
    .where(and(eq(videos.id, videoId), visibleTo(viewer)))
    .limit(1);
  if (!row) throw notFound('Video');
  return row;
}

/** The stored age rating on the public scale; an off-scale value rounds up (the stricter reading). */
const toAgeRating = (value: number): AgeRating => AGE_RATINGS.find((r) => r >= value) ?? 18;

export const toEngagementVideo = (v: VideoSummaryRow): EngagementVideo => ({
  id: v.id,
  title: v.title,
  durationS: v.durationS,
  ageRating: toAgeRating(v.ageRating),
  posterUrl: posterUrlOf(v),
});

export const iso = (ms: number): string => new Date(ms).toISOString();

/** A per-profile engagement table: one row per (profile, video). */
type ProfileVideoTable = typeof schema.watchHistory | typeof schema.ratings | typeof schema.watchlist;

/**
 * The condition every per-profile listing shares: the active profile's rows, only titles it may still
 * see (needs `videos` and `channels` joined), after the cursor in (key DESC, video id DESC) order.
 */
export const profileRowsAfter = (
  table: ProfileVideoTable,
  viewer: Viewer,
  key: SQLiteColumn,
  after: Cursor | null,
) => and(eq(table.profileId, viewer.profileId), visibleTo(viewer), afterCursor(key, table.videoId, after));

/** Removes the active profile's row for a title (history, rating or watchlist entry); idempotent. */
export async function forgetForProfile(db: Db, table: ProfileVideoTable, viewer: Viewer, videoId: string) {
  await db.delete(table).where(and(eq(table.profileId, viewer.profileId), eq(table.videoId, videoId)));
}
