import type { LeasedSubtitle, SubtitleInput, SubtitleTrack } from '@reel/contracts';
import { and, asc, eq, sql } from 'drizzle-orm';
import { type Db, schema } from '../db.ts';
import { ApiError, notFound } from '../errors.ts';
import { enqueueJob } from './jobs.ts';
import { signInternalUrl } from './source-url.ts';
import { checkSubtitles } from './subtitle-text.ts';
import type { VideoRow } from './videos.ts';

const { subtitleTracks } = schema;

type TrackRow = typeof subtitleTracks.$inferSelect;

/** R2 key of a track's text. */
export const subtitleKey = (videoId: string, language: string, format: string) =>
  `videos/${videoId}/subtitles/${language}.${format}`;

const toTrack = (r: TrackRow): SubtitleTrack => ({
  language: r.language,
  label: r.label,
  format: r.format,
  createdAt: new Date(r.createdAt).toISOString(),
});

export async function listTracks(db: Db, videoId: string): Promise<SubtitleTrack[]> {
  const rows = await db
    .select()
    .from(subtitleTracks)
    .where(eq(subtitleTracks.videoId, videoId))
    .orderBy(asc(subtitleTracks.language));
  return rows.map(toTrack);
}

async function findTrack(db: Db, videoId: string, language: string): Promise<TrackRow | undefined> {
  const [row] = await db
    .select()
    .from(subtitleTracks)
    .where(and(eq(subtitleTracks.videoId, videoId), eq(subtitleTracks.language, language)))
    .limit(1);
  return row;
}

/**
 * A ready title whose tracks changed gets a new transcode of its latest source, which publishes a new asset
 * with the tracks; the current asset plays until then and a failure leaves it published (domain/jobs.ts).
 * Not when a job is still queued: it reads the tracks when leased. A title without a source has nothing to
 * transcode yet: its first transcode picks the tracks up. Returns whether a job was queued.
 */
export async function retranscodeForSubtitles(db: Db, video: VideoRow, now: number): Promise<boolean> {
  if (video.status !== 'ready') return false;
  const latest = await db.get<{ payload: string; queued: number }>(sql`
    SELECT payload, EXISTS (SELECT 1 FROM jobs WHERE video_id = ${video.id} AND state = 'queued') AS queued
    FROM jobs WHERE video_id = ${video.id} AND json_extract(payload, '$.sourceKey') IS NOT NULL
    ORDER BY created_at DESC LIMIT 1`);
  if (!latest || latest.queued) return false;
  const { sourceKey, sourceBytes, uploadId } = JSON.parse(latest.payload) as Record<string, unknown>;
  const payload = { sourceKey, sourceBytes, uploadId, reason: 'subtitles' };
  await enqueueJob(db, { videoId: video.id, payload, now });
  return true;
}

/** Validates, stores (R2 then D1) and, for a ready title, re-transcodes. Replaces the language's track. */
export async function putTrack(
  db: Db,
  media: R2Bucket,
  video: VideoRow,
  input: SubtitleInput,
  now: number,
): Promise<{ track: SubtitleTrack; retranscoding: boolean }> {
  const check = checkSubtitles(input.text, input.format);
  if (!check.ok) {
    const detail = `Line ${check.line}: ${check.message}`;
    throw new ApiError(400, 'invalid_subtitles', detail, { line: check.line });
  }
  const previous = await findTrack(db, video.id, input.language);
  const key = subtitleKey(video.id, input.language, input.format);
  const contentType =
    input.format === 'vtt' ? 'text/vtt; charset=utf-8' : 'application/x-subrip; charset=utf-8';
  await media.put(key, input.text, { httpMetadata: { contentType } });
  const { language, label, format } = input;
  const row: TrackRow = { videoId: video.id, language, label, format, key, createdAt: now };
  await db
    .insert(subtitleTracks)
    .values(row)
    .onConflictDoUpdate({
      target: [subtitleTracks.videoId, subtitleTracks.language],
      set: { label, format, key, createdAt: now },
    });
  if (previous && previous.key !== key) await media.delete(previous.key);
  return { track: toTrack(row), retranscoding: await retranscodeForSubtitles(db, video, now) };
}

/** Removes a track (404 when the language has none); a ready title is re-transcoded without it. */
export async function deleteTrack(
  db: Db,
  media: R2Bucket,
  video: VideoRow,
  language: string,
  now: number,
): Promise<boolean> {
  const [removed] = await db
    .delete(subtitleTracks)
    .where(and(eq(subtitleTracks.videoId, video.id), eq(subtitleTracks.language, language)))
    .returning({ key: subtitleTracks.key });
  if (!removed) throw notFound('Subtitle track');
  await media.delete(removed.key);
  return retranscodeForSubtitles(db, video, now);
}

/** The tracks a leased job renders, each with a signed short-lived URL of its text. */
export async function leasedSubtitles(
  db: Db,
  signingKey: string,
  input: { videoId: string; origin: string; now: number },
): Promise<LeasedSubtitle[]> {
  const tracks = await listTracks(db, input.videoId);
  return Promise.all(
    tracks.map(async (t) => ({
      language: t.language,
      label: t.label,
      url: await signInternalUrl(signingKey, 'reel-subtitle-url', { ...input, name: t.language }),
    })),
  );
}

/** The stored text's R2 key for the internal subtitle URL, or 404. */
export async function trackKey(db: Db, videoId: string, language: string): Promise<string> {
  const row = await findTrack(db, videoId, language);
  if (!row) throw notFound('Subtitle track');
  return row.key;
}
