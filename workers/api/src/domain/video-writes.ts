import type { VideoInput, VideoPatch } from '@reel/contracts';
import { eq, inArray } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { type Db, schema } from '../db.ts';
import { ApiError } from '../errors.ts';
import { newId } from '../ids.ts';
import type { Auth } from '../types.ts';
import { type ChannelRow, channelForWrite, ensureDefaultChannel } from './channels.ts';
import { chunk, rowsPerInsert, type Statements } from './d1.ts';
import { DEFAULT_QUOTAS, reserveVideo } from './quotas.ts';
import type { OwnedVideo, VideoRow } from './videos.ts';
import { maxAgeRatingFor } from './viewer.ts';

const { videos, genres, videoGenres, people, videoCast, episodes, mediaRemovals } = schema;

/** How long deleted media stays in R2 before the cron removes it (a window to undo mistakes). */
export const MEDIA_REMOVAL_GRACE_MS = 7 * 24 * 60 * 60_000;

type Cast = VideoInput['cast'];
type Stmt = BatchItem<'sqlite'>;

const invalid = (path: string, message: string) =>
  new ApiError(400, 'validation_failed', `Invalid ${path}`, { errors: [{ path, message }] });

/** A profile may not create or rate a title above its own age limit (it could not see it afterwards). */
export function assertRatingAllowed(auth: Auth, ageRating: number): void {
  const max = maxAgeRatingFor(auth);
  if (max !== null && ageRating > max) {
    throw new ApiError(
      403,
      'age_rating_above_limit',
      `This profile may not handle titles rated above ${max}`,
    );
  }
}

async function assertGenresExist(db: Db, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const found = await db.select({ id: genres.id }).from(genres).where(inArray(genres.id, ids));
  const known = new Set(found.map((g) => g.id));
  const index = ids.findIndex((id) => !known.has(id));
  if (index >= 0) throw invalid(`genres.${index}`, `"${ids[index]}" is not a known genre (GET /api/genres)`);
}

function genreInserts(db: Db, videoId: string, ids: string[]): Stmt[] {
  const rows = ids.map((genreId) => ({ videoId, genreId }));
  return chunk(rows, rowsPerInsert(videoGenres)).map((part) => db.insert(videoGenres).values(part));
}

/** Cast rows, reusing people already known by exact name and creating the others. */
async function castInserts(db: Db, videoId: string, cast: Cast): Promise<Stmt[]> {
  if (cast.length === 0) return [];
  const names = [...new Set(cast.map((m) => m.name))];
  const known = await db.select().from(people).where(inArray(people.name, names));
  const ids = new Map(known.map((p) => [p.name, p.id]));
  const created = names.filter((n) => !ids.has(n)).map((name) => ({ id: newId(), name }));
  for (const p of created) ids.set(p.name, p.id);
  const rows = cast.map((m, position) => ({
    videoId,
    personId: ids.get(m.name) ?? '',
    role: m.role ?? 'actor',
    character: m.character ?? null,
    position,
  }));
  return [
    ...chunk(created, rowsPerInsert(people)).map((part) => db.insert(people).values(part)),
    ...chunk(rows, rowsPerInsert(videoCast)).map((part) => db.insert(videoCast).values(part)),
  ];
}

function newVideoRow(input: VideoInput, id: string, channelId: string, now: number) {
  return {
    id,
    channelId,
    title: input.title,
    description: input.description ?? '',
    releaseYear: input.releaseYear ?? null,
    ageRating: input.ageRating,
    language: input.language ?? null,
    director: input.director ?? null,
    visibility: input.visibility,
    minimumPlanId: input.minimumPlan,
    status: 'draft' as const,
    protected: input.protected,
    allowedCountries: input.allowedCountries,
    embedOrigins: input.embedOrigins,
    introStartS: input.introStartS ?? null,
    introEndS: input.introEndS ?? null,
    creditsStartS: input.creditsStartS ?? null,
    chapters: input.chapters,
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * Creates a draft video. With no `channelId` it goes to the caller's default channel (created on
 * first need); naming someone else's channel is 403. Counts against the channel owner's daily quota
 * only once the request is known to be valid.
 */
export async function createVideo(
  db: Db,
  auth: Auth,
  input: VideoInput,
  now: number,
  quota: number = DEFAULT_QUOTAS.videosPerDay,
): Promise<VideoRow> {
  const named: ChannelRow | null = input.channelId ? await channelForWrite(db, auth, input.channelId) : null;
  assertRatingAllowed(auth, input.ageRating);
  await assertGenresExist(db, input.genres);
  await reserveVideo(db, named?.ownerId ?? auth.user.id, now, quota);
  const channel = named ?? (await ensureDefaultChannel(db, auth.user, now));
  const id = newId();
  const insert = db
    .insert(videos)
    .values(newVideoRow(input, id, channel.id, now))
    .returning();
  const rest = [...genreInserts(db, id, input.genres), ...(await castInserts(db, id, input.cast))];
  const [rows] = await db.batch([insert, ...rest]);
  const row = rows[0];
  if (!row) throw new Error('video insert returned no row');
  return row;
}

function assertMarkers(video: VideoRow, patch: VideoPatch): void {
  const start = patch.introStartS === undefined ? video.introStartS : patch.introStartS;
  const end = patch.introEndS === undefined ? video.introEndS : patch.introEndS;
  if (start !== null && end !== null && end <= start) throw invalid('introEndS', 'must be after introStartS');
}

/** Applies a patch (never `status`); lists given in the patch replace the stored ones, in one batch. */
export async function updateVideo(
  db: Db,
  auth: Auth,
  owned: OwnedVideo,
  patch: VideoPatch,
  now: number,
): Promise<VideoRow> {
  const { video } = owned;
  if (video.status === 'deleted') throw new ApiError(409, 'video_deleted', 'This video has been deleted');
  if (patch.ageRating !== undefined) assertRatingAllowed(auth, patch.ageRating);
  assertMarkers(video, patch);
  if (patch.genres) await assertGenresExist(db, patch.genres);
  const { genres: genreIds, cast, minimumPlan, ...fields } = patch;
  const update = db
    .update(videos)
    .set({ ...fields, minimumPlanId: minimumPlan, updatedAt: now })
    .where(eq(videos.id, video.id))
    .returning();
  const rest: Stmt[] = [];
  if (genreIds) {
    rest.push(db.delete(videoGenres).where(eq(videoGenres.videoId, video.id)));
    rest.push(...genreInserts(db, video.id, genreIds));
  }
  if (cast) {
    rest.push(db.delete(videoCast).where(eq(videoCast.videoId, video.id)));
    rest.push(...(await castInserts(db, video.id, cast)));
  }
  const [rows] = await db.batch([update, ...rest]);
  return rows[0] ?? video;
}

/**
 * Marks the video deleted, drops it from any series and schedules its media (`videos/{id}/`) for
 * removal after the grace period, in one batch. Deleting a deleted video changes nothing.
 */
export async function deleteVideo(db: Db, owned: OwnedVideo, now: number): Promise<void> {
  const { id, status } = owned.video;
  if (status === 'deleted') return;
  const statements: Statements = [
    db.update(videos).set({ status: 'deleted', deletedAt: now, updatedAt: now }).where(eq(videos.id, id)),
    db.delete(episodes).where(eq(episodes.videoId, id)),
    db
      .insert(mediaRemovals)
      .values({ prefix: `videos/${id}/`, dueAt: now + MEDIA_REMOVAL_GRACE_MS })
      .onConflictDoNothing(),
  ];
  await db.batch(statements);
}
