import type { WatchlistItem } from '@reel/contracts';
import { desc, eq, sql } from 'drizzle-orm';
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

const { watchlist, videos, channels } = schema;

const toItem = (r: { video: VideoSummaryRow; addedAt: number }): WatchlistItem => ({
  video: toEngagementVideo(r.video),
  addedAt: iso(r.addedAt),
});

/**
 * Puts a title on the active profile's watchlist. Idempotent: adding it again keeps the original
 * `addedAt` (one upsert that returns the stored row either way).
 */
export async function addToWatchlist(
  db: Db,
  viewer: Viewer,
  videoId: string,
  now: number,
): Promise<WatchlistItem> {
  const video = await findEngageableVideo(db, viewer, videoId);
  const [saved] = await db
    .insert(watchlist)
    .values({ profileId: viewer.profileId, videoId, addedAt: now })
    .onConflictDoUpdate({
      target: [watchlist.profileId, watchlist.videoId],
      set: { addedAt: sql`${watchlist.addedAt}` },
    })
    .returning({ addedAt: watchlist.addedAt });
  return toItem({ video, addedAt: saved?.addedAt ?? now });
}

/** The active profile's watchlist, most recently added first, only titles it may still see. */
export async function listWatchlist(
  db: Db,
  viewer: Viewer,
  q: { limit: number; cursor?: string | undefined },
) {
  const after = decodeCursor(q.cursor, 'watchlist');
  const rows = await db
    .select({ video: VIDEO_SUMMARY, addedAt: watchlist.addedAt })
    .from(watchlist)
    .innerJoin(videos, eq(videos.id, watchlist.videoId))
    .innerJoin(channels, eq(channels.id, videos.channelId))
    .where(profileRowsAfter(watchlist, viewer, watchlist.addedAt, after))
    .orderBy(desc(watchlist.addedAt), desc(watchlist.videoId))
    .limit(q.limit + 1);
  return pageOf(rows, q.limit, (r) => ({ order: 'watchlist', key: r.addedAt, id: r.video.id }), toItem);
}

/** Takes a title off the active profile's watchlist; idempotent. */
export async function removeFromWatchlist(db: Db, viewer: Viewer, videoId: string): Promise<void> {
  await forgetForProfile(db, watchlist, viewer, videoId);
}
