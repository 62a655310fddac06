import { AGE_RATINGS, type AgeRating, type VideoSummary, type VideoView } from '@reel/contracts';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { type Db, schema } from '../db.ts';
import { forbidden, notFound } from '../errors.ts';
import type { Auth } from '../types.ts';
import { mayManage } from './channels.ts';
import { posterUrlOf } from './images.ts';
import { mayViewRating } from './viewer.ts';

const { videos, channels, genres, videoGenres, people, videoCast, episodes, seasons, series } = schema;

export type VideoRow = typeof videos.$inferSelect;
/** A video with the owner of its channel: everything access decisions need. */
export type OwnedVideo = { video: VideoRow; ownerId: string };

/** Columns every summary shows, plus the snapshot scores the catalog sorts by. */
export const SUMMARY_COLUMNS = {
  id: videos.id,
  channelId: videos.channelId,
  title: videos.title,
  durationS: videos.durationS,
  releaseYear: videos.releaseYear,
  ageRating: videos.ageRating,
  language: videos.language,
  visibility: videos.visibility,
  minimumPlanId: videos.minimumPlanId,
  status: videos.status,
  progress: videos.progress,
  createdAt: videos.createdAt,
  publishedAt: videos.publishedAt,
  popularityScore: videos.popularityScore,
  ratingScore: videos.ratingScore,
  currentAssetId: videos.currentAssetId,
};
export type SummaryRow = Pick<VideoRow, keyof typeof SUMMARY_COLUMNS>;

/** The stored rating on the public scale; an off-scale value rounds up (the stricter reading). */
export const toAgeRating = (value: number): AgeRating => AGE_RATINGS.find((r) => r >= value) ?? 18;

const iso = (ms: number): string => new Date(ms).toISOString();

export const toVideoSummary = (v: SummaryRow): VideoSummary => ({
  id: v.id,
  channelId: v.channelId,
  title: v.title,
  durationS: v.durationS,
  releaseYear: v.releaseYear,
  ageRating: toAgeRating(v.ageRating),
  language: v.language,
  visibility: v.visibility,
  minimumPlan: v.minimumPlanId,
  status: v.status,
  progress: v.progress,
  createdAt: iso(v.createdAt),
  publishedAt: v.publishedAt === null ? null : iso(v.publishedAt),
  posterUrl: posterUrlOf(v),
});

/** The full view of one video (DESIGN.md "Public contract"): genres and cast in one round trip. */
export async function toVideoView(db: Db, v: VideoRow): Promise<VideoView> {
  const [genreRows, castRows, episodeRows] = await db.batch([
    db
      .select({ id: genres.id, name: genres.name })
      .from(videoGenres)
      .innerJoin(genres, eq(genres.id, videoGenres.genreId))
      .where(eq(videoGenres.videoId, v.id))
      .orderBy(asc(genres.name)),
    db
      .select({ name: people.name, role: videoCast.role, character: videoCast.character })
      .from(videoCast)
      .innerJoin(people, eq(people.id, videoCast.personId))
      .where(eq(videoCast.videoId, v.id))
      .orderBy(asc(videoCast.position)),
    db
      .select({
        seriesId: series.id,
        seriesTitle: series.title,
        // Aliased: D1 batches key row values by column name, and both numbers are called `number`.
        seasonNumber: sql<number>`${seasons.number}`.as('season_number'),
        episodeNumber: sql<number>`${episodes.number}`.as('episode_number'),
      })
      .from(episodes)
      .innerJoin(seasons, eq(seasons.id, episodes.seasonId))
      .innerJoin(series, eq(series.id, seasons.seriesId))
      .where(and(eq(episodes.videoId, v.id), isNull(series.deletedAt)))
      .limit(1),
  ]);
  return {
    ...toVideoSummary(v),
    description: v.description,
    director: v.director,
    failureReason:
      v.failureCode === null ? null : { code: v.failureCode, message: v.failureMessage ?? v.failureCode },
    protected: v.protected,
    allowedCountries: v.allowedCountries,
    embedOrigins: v.embedOrigins,
    genres: genreRows,
    cast: castRows,
    markers: { introStartS: v.introStartS, introEndS: v.introEndS, creditsStartS: v.creditsStartS },
    chapters: v.chapters,
    episode: episodeRows[0] ?? null,
    updatedAt: iso(v.updatedAt),
  };
}

export async function findVideo(db: Db, id: string): Promise<OwnedVideo | undefined> {
  const [row] = await db
    .select({ video: videos, ownerId: channels.ownerId })
    .from(videos)
    .innerJoin(channels, eq(channels.id, videos.channelId))
    .where(eq(videos.id, id))
    .limit(1);
  return row;
}

/** Ready, not deleted and public or unlisted: what anyone with the id may open. */
export const isWatchable = (v: VideoRow): boolean =>
  v.status === 'ready' && v.deletedAt === null && v.visibility !== 'private';

/** Owners and admins see every status; everyone else only watchable titles. The age limit binds all. */
export function mayRead(auth: Auth | null, owned: OwnedVideo): boolean {
  if (!mayViewRating(auth, owned.video.ageRating)) return false;
  return (auth !== null && mayManage(auth, owned.ownerId)) || isWatchable(owned.video);
}

/** The video if the caller may see it; 404 otherwise, so private titles never leak their existence. */
export async function videoForRead(db: Db, auth: Auth | null, id: string): Promise<OwnedVideo> {
  const owned = await findVideo(db, id);
  if (!owned || !mayRead(auth, owned)) throw notFound('Video');
  return owned;
}

/** The video if the caller may change it; 403 for someone else's visible title, 404 for a hidden one. */
export async function videoForWrite(db: Db, auth: Auth, id: string): Promise<OwnedVideo> {
  const owned = await videoForRead(db, auth, id);
  if (!mayManage(auth, owned.ownerId)) throw forbidden('This video belongs to someone else');
  return owned;
}
