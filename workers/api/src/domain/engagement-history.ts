import type { HistoryEntry, HistoryInput } from '@reel/contracts';
import { and, desc, eq, gt } from 'drizzle-orm';
import { type Db, schema } from '../db.ts';
import { decodeCursor, pageOf } from './cursor.ts';
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

const { watchHistory, videos, channels } = schema;

/** Share of the duration after which a title counts as watched. */
const COMPLETE_FRACTION = 0.95;
/** A title also counts as watched within its last 30 s, but only if it lasts at least a minute. */
const COMPLETE_TAIL_S = 30;
const TAIL_RULE_MIN_DURATION_S = 60;

export type CompletionFacts = { positionS: number; durationS: number | null; creditsStartS: number | null };

/**
 * Whether a playback position completes a title: the credits marker is reached, or the position is at
 * 95% of the duration or within its last 30 s, whichever comes first. The 30 s rule is skipped for
 * clips under a minute, where it would mark a title watched the moment it starts.
 */
export function isCompleted({ positionS, durationS, creditsStartS }: CompletionFacts): boolean {
  if (creditsStartS !== null && creditsStartS > 0 && positionS >= creditsStartS) return true;
  if (durationS === null || durationS <= 0 || positionS <= 0) return false;
  if (positionS >= durationS * COMPLETE_FRACTION) return true;
  return durationS >= TAIL_RULE_MIN_DURATION_S && positionS >= durationS - COMPLETE_TAIL_S;
}

type HistoryRow = { video: VideoSummaryRow; positionS: number; completed: boolean; updatedAt: number };

const toEntry = (r: HistoryRow): HistoryEntry => ({
  video: toEngagementVideo(r.video),
  positionS: r.positionS,
  completed: r.completed,
  updatedAt: iso(r.updatedAt),
});

/**
 * Records the active profile's position in a title (one upsert per profile and title). The title's
 * probed duration wins over the player's; the position is clamped to it.
 */
export async function recordPosition(
  db: Db,
  viewer: Viewer,
  videoId: string,
  input: HistoryInput,
  now: number,
): Promise<HistoryEntry> {
  const video = await findEngageableVideo(db, viewer, videoId);
  const durationS = video.durationS ?? input.durationS ?? null;
  const positionS = durationS === null ? input.positionS : Math.min(input.positionS, durationS);
  const completed = isCompleted({ positionS, durationS, creditsStartS: video.creditsStartS });
  const row = { positionS, completed, updatedAt: now };
  await db
    .insert(watchHistory)
    .values({ profileId: viewer.profileId, videoId, ...row })
    .onConflictDoUpdate({ target: [watchHistory.profileId, watchHistory.videoId], set: row });
  return toEntry({ video, ...row });
}

export type HistoryQuery = { limit: number; cursor?: string | undefined; inProgressOnly?: boolean };

/**
 * The active profile's history, most recently watched first, only titles it may still see. With
 * `inProgressOnly` it is the continue-watching row: started (position > 0) and not completed.
 */
export async function listHistory(db: Db, viewer: Viewer, q: HistoryQuery) {
  const after = decodeCursor(q.cursor, 'history');
  const rows = await db
    .select({
      video: VIDEO_SUMMARY,
      positionS: watchHistory.positionS,
      completed: watchHistory.completed,
      updatedAt: watchHistory.updatedAt,
    })
    .from(watchHistory)
    .innerJoin(videos, eq(videos.id, watchHistory.videoId))
    .innerJoin(channels, eq(channels.id, videos.channelId))
    .where(
      and(
        profileRowsAfter(watchHistory, viewer, watchHistory.updatedAt, after),
        q.inProgressOnly ? and(eq(watchHistory.completed, false), gt(watchHistory.positionS, 0)) : undefined,
      ),
    )
    .orderBy(desc(watchHistory.updatedAt), desc(watchHistory.videoId))
    .limit(q.limit + 1);
  return pageOf(rows, q.limit, (r) => ({ order: 'history', key: r.updatedAt, id: r.video.id }), toEntry);
}

/** Forgets the active profile's position in a title; idempotent. */
export async function deleteHistory(db: Db, viewer: Viewer, videoId: string): Promise<void> {
  await forgetForProfile(db, watchHistory, viewer, videoId);
}
