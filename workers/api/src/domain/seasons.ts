import type { EpisodeInput, EpisodeView, SeasonInput, SeasonPatch } from '@reel/contracts';
import { and, eq, isNull } from 'drizzle-orm';
import { type Db, schema } from '../db.ts';
import { ApiError, forbidden, notFound } from '../errors.ts';
import { newId } from '../ids.ts';
import type { Auth } from '../types.ts';
import { mayManage } from './channels.ts';
import { isUniqueViolation } from './d1.ts';
import type { OwnedSeries, SeasonRow } from './series.ts';
import { findVideo, mayRead, toVideoSummary } from './videos.ts';
import { mayViewRating } from './viewer.ts';

const { series, seasons, episodes, channels } = schema;

export type OwnedSeason = { season: SeasonRow; ownerId: string };

const seasonTaken = (n: number) =>
  new ApiError(409, 'season_number_taken', `This series already has a season ${n}`);

/** Maps the unique indexes on seasons/episodes to 409s; anything else is rethrown. */
function conflictFrom(err: unknown, input: { number?: number | undefined }): never {
  if (input.number !== undefined && isUniqueViolation(err, 'seasons.series_id, seasons.number'))
    throw seasonTaken(input.number);
  if (input.number !== undefined && isUniqueViolation(err, 'episodes.season_id, episodes.number'))
    throw new ApiError(409, 'episode_number_taken', `This season already has an episode ${input.number}`);
  if (isUniqueViolation(err, 'episodes.video_id'))
    throw new ApiError(409, 'video_already_episode', 'This video is already an episode of a series');
  throw err;
}

/** A season of a live series the caller manages: 404 if hidden from them, 403 if someone else's. */
export async function seasonForWrite(db: Db, auth: Auth, id: string): Promise<OwnedSeason> {
  const [row] = await db
    .select({ season: seasons, ownerId: channels.ownerId, ageRating: series.ageRating })
    .from(seasons)
    .innerJoin(series, eq(series.id, seasons.seriesId))
    .innerJoin(channels, eq(channels.id, series.channelId))
    .where(and(eq(seasons.id, id), isNull(series.deletedAt)))
    .limit(1);
  if (!row || !mayViewRating(auth, row.ageRating)) throw notFound('Season');
  if (!mayManage(auth, row.ownerId)) throw forbidden('This season belongs to someone else');
  return { season: row.season, ownerId: row.ownerId };
}

export async function createSeason(db: Db, owned: OwnedSeries, input: SeasonInput, now: number) {
  try {
    const [row] = await db
      .insert(seasons)
      .values({
        id: newId(),
        seriesId: owned.series.id,
        number: input.number,
        title: input.title ?? '',
        createdAt: now,
      })
      .returning();
    if (!row) throw new Error('season insert returned no row');
    return row;
  } catch (err) {
    return conflictFrom(err, input);
  }
}

export async function updateSeason(db: Db, owned: OwnedSeason, patch: SeasonPatch): Promise<SeasonRow> {
  if (patch.number === undefined && patch.title === undefined) return owned.season;
  try {
    const [row] = await db.update(seasons).set(patch).where(eq(seasons.id, owned.season.id)).returning();
    return row ?? owned.season;
  } catch (err) {
    return conflictFrom(err, patch);
  }
}

/** Deletes the season and its episodes (the videos stay). */
export async function deleteSeason(db: Db, owned: OwnedSeason): Promise<void> {
  await db.batch([
    db.delete(episodes).where(eq(episodes.seasonId, owned.season.id)),
    db.delete(seasons).where(eq(seasons.id, owned.season.id)),
  ]);
}

/**
 * Adds a video as an episode. The video must belong to the series' owner and not be deleted; a video
 * is an episode of at most one series, and episode numbers are unique within a season (409s).
 */
export async function createEpisode(
  db: Db,
  auth: Auth,
  owned: OwnedSeason,
  input: EpisodeInput,
  now: number,
): Promise<EpisodeView> {
  const video = await findVideo(db, input.videoId);
  if (!video || !mayRead(auth, video)) throw notFound('Video');
  if (video.ownerId !== owned.ownerId) throw forbidden('Only the series owner’s own videos can be episodes');
  if (video.video.status === 'deleted')
    throw new ApiError(409, 'video_deleted', 'This video has been deleted');
  const row = { id: newId(), seasonId: owned.season.id, videoId: input.videoId, number: input.number };
  try {
    await db.insert(episodes).values({ ...row, createdAt: now });
  } catch (err) {
    conflictFrom(err, input);
  }
  return { id: row.id, seasonId: row.seasonId, number: row.number, video: toVideoSummary(video.video) };
}

/** Removes an episode from its season; the video itself stays. */
export async function deleteEpisode(db: Db, auth: Auth, id: string): Promise<void> {
  const [row] = await db.select().from(episodes).where(eq(episodes.id, id)).limit(1);
  if (!row) throw notFound('Episode');
  await seasonForWrite(db, auth, row.seasonId);
  await db.delete(episodes).where(eq(episodes.id, id));
}
