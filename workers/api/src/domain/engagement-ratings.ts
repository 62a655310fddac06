import type { RatingInput, RatingView } from '@reel/contracts';
import { desc, eq } from 'drizzle-orm';
import { type Db, schema } from '../db.ts';
import {
  findEngageableVideo,
  iso,
  toEngagementVideo,
  VIDEO_SUMMARY,
  type VideoSummaryRow,
  forgetForProfile,
  profileRowsAfter,
  type Viewer,
} from './engagement-video.ts';
import { decodeCursor, pageOf } from './cursor.ts';

const { ratings, videos, channels } = schema;

type RatingRow = {
  video: VideoSummaryRow;
  score: number;
  review: string | null;
  createdAt: number;
  updatedAt: number;
};

const toRating = (r: RatingRow): RatingView => ({
  video: toEngagementVideo(r.video),
  score: r.score,
  review: r.review,
  createdAt: iso(r.createdAt),
  updatedAt: iso(r.updatedAt),
});

/** Sets the active profile's score (and review) for a title; a second rating replaces the first. */
export async function rateVideo(
  db: Db,
  viewer: Viewer,
  videoId: string,
  input: RatingInput,
  now: number,
): Promise<RatingView> {
  const video = await findEngageableVideo(db, viewer, videoId);
  const change = { score: input.score, review: input.review || null, updatedAt: now };
  const [saved] = await db
    .insert(ratings)
    .values({ profileId: viewer.profileId, videoId, createdAt: now, ...change })
    .onConflictDoUpdate({ target: [ratings.profileId, ratings.videoId], set: change })
    .returning({ createdAt: ratings.createdAt });
  return toRating({ video, ...change, createdAt: saved?.createdAt ?? now });
}

/** The active profile's ratings, most recently changed first, only titles it may still see. */
export async function listRatings(db: Db, viewer: Viewer, q: { limit: number; cursor?: string | undefined }) {
  const after = decodeCursor(q.cursor, 'ratings');
  const rows = await db
    .select({
      video: VIDEO_SUMMARY,
      score: ratings.score,
      review: ratings.review,
      createdAt: ratings.createdAt,
      updatedAt: ratings.updatedAt,
    })
    .from(ratings)
    .innerJoin(videos, eq(videos.id, ratings.videoId))
    .innerJoin(channels, eq(channels.id, videos.channelId))
    .where(profileRowsAfter(ratings, viewer, ratings.updatedAt, after))
    .orderBy(desc(ratings.updatedAt), desc(ratings.videoId))
    .limit(q.limit + 1);
  return pageOf(rows, q.limit, (r) => ({ order: 'ratings', key: r.updatedAt, id: r.video.id }), toRating);
}

/** Removes the active profile's rating of a title; idempotent. */
export async function deleteRating(db: Db, viewer: Viewer, videoId: string): Promise<void> {
  await forgetForProfile(db, ratings, viewer, videoId);
}
