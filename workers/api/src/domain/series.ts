import type { SeasonView, SeriesInput, SeriesPatch, SeriesView } from '@reel/contracts';
import { and, asc, eq, inArray, isNull, lte } from 'drizzle-orm';
import { type Db, schema } from '../db.ts';
import { forbidden, notFound } from '../errors.ts';
import { newId } from '../ids.ts';
import type { Auth } from '../types.ts';
import { channelForWrite, ensureDefaultChannel, mayManage } from './channels.ts';
import { assertRatingAllowed } from './video-writes.ts';
import { SUMMARY_COLUMNS, toAgeRating, toVideoSummary } from './videos.ts';
import { maxAgeRatingFor, mayViewRating } from './viewer.ts';

const { series, seasons, episodes, videos, channels } = schema;

export type SeriesRow = typeof series.$inferSelect;
export type SeasonRow = typeof seasons.$inferSelect;
export type OwnedSeries = { series: SeriesRow; ownerId: string };

const iso = (ms: number): string => new Date(ms).toISOString();

/** A series is open to anyone within its age rating until deleted; deleted ones are gone for all. */
export async function seriesForRead(db: Db, auth: Auth | null, id: string): Promise<OwnedSeries> {
  const [row] = await db
    .select({ series, ownerId: channels.ownerId })
    .from(series)
    .innerJoin(channels, eq(channels.id, series.channelId))
    .where(and(eq(series.id, id), isNull(series.deletedAt)))
    .limit(1);
  if (!row || !mayViewRating(auth, row.series.ageRating)) throw notFound('Series');
  return row;
}

export async function seriesForWrite(db: Db, auth: Auth, id: string): Promise<OwnedSeries> {
  const owned = await seriesForRead(db, auth, id);
  if (!mayManage(auth, owned.ownerId)) throw forbidden('This series belongs to someone else');
  return owned;
}

/** Creates a series on the named channel (must be the caller's) or the caller's default channel. */
export async function createSeries(db: Db, auth: Auth, input: SeriesInput, now: number) {
  const named = input.channelId ? await channelForWrite(db, auth, input.channelId) : null;
  assertRatingAllowed(auth, input.ageRating);
  const channel = named ?? (await ensureDefaultChannel(db, auth.user, now));
  const [row] = await db
    .insert(series)
    .values({
      id: newId(),
      channelId: channel.id,
      title: input.title,
      description: input.description ?? '',
      ageRating: input.ageRating,
      language: input.language ?? null,
      releaseYear: input.releaseYear ?? null,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!row) throw new Error('series insert returned no row');
  return { series: row, ownerId: channel.ownerId };
}

export async function updateSeries(db: Db, auth: Auth, owned: OwnedSeries, patch: SeriesPatch, now: number) {
  if (patch.ageRating !== undefined) assertRatingAllowed(auth, patch.ageRating);
  const [row] = await db
    .update(series)
    .set({ ...patch, updatedAt: now })
    .where(eq(series.id, owned.series.id))
    .returning();
  return { ...owned, series: row ?? owned.series };
}

export async function deleteSeries(db: Db, owned: OwnedSeries, now: number): Promise<void> {
  await db.update(series).set({ deletedAt: now, updatedAt: now }).where(eq(series.id, owned.series.id));
}

/**
 * Episodes the caller may see, in order: owners and admins see every status, others only ready public
 * or unlisted titles; the caller's age limit binds everyone.
 */
function visibleEpisodes(db: Db, auth: Auth | null, owned: OwnedSeries) {
  const studio = auth !== null && mayManage(auth, owned.ownerId);
  const max = maxAgeRatingFor(auth);
  return db
    .select({ id: episodes.id, seasonId: episodes.seasonId, number: episodes.number, video: SUMMARY_COLUMNS })
    .from(episodes)
    .innerJoin(seasons, eq(seasons.id, episodes.seasonId))
    .innerJoin(videos, eq(videos.id, episodes.videoId))
    .where(
      and(
        eq(seasons.seriesId, owned.series.id),
        studio ? undefined : eq(videos.status, 'ready'),
        studio
          ? undefined
          : and(isNull(videos.deletedAt), inArray(videos.visibility, ['public', 'unlisted'])),
        max === null ? undefined : lte(videos.ageRating, max),
      ),
    )
    .orderBy(asc(seasons.number), asc(episodes.number));
}

export const toSeasonView = (s: SeasonRow, eps: SeasonView['episodes'] = []): SeasonView => ({
  id: s.id,
  seriesId: s.seriesId,
  number: s.number,
  title: s.title,
  episodes: eps,
});

/** The series with its seasons in order, each with the episodes the caller may see. */
export async function toSeriesView(db: Db, auth: Auth | null, owned: OwnedSeries): Promise<SeriesView> {
  const s = owned.series;
  // Not db.batch: D1 batches return rows keyed by column name, and episodes.id / videos.id collide.
  const [seasonRows, episodeRows] = await Promise.all([
    db.select().from(seasons).where(eq(seasons.seriesId, s.id)).orderBy(asc(seasons.number)),
    visibleEpisodes(db, auth, owned),
  ]);
  const seasonViews = seasonRows.map((season) =>
    toSeasonView(
      season,
      episodeRows
        .filter((e) => e.seasonId === season.id)
        .map((e) => ({ id: e.id, seasonId: e.seasonId, number: e.number, video: toVideoSummary(e.video) })),
    ),
  );
  return {
    id: s.id,
    channelId: s.channelId,
    title: s.title,
    description: s.description,
    ageRating: toAgeRating(s.ageRating),
    language: s.language,
    releaseYear: s.releaseYear,
    createdAt: iso(s.createdAt),
    updatedAt: iso(s.updatedAt),
    seasons: seasonViews,
  };
}
