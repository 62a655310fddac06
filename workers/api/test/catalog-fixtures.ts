import { env } from 'cloudflare:test';
import type { ChannelView, VideoView } from '@reel/contracts';
import { newId } from '../src/ids.ts';
import { callJson, type makeUser } from './helpers.ts';

/** Shared set-up for the catalog's tests (channels, videos, series, catalog, quotas, properties). */

export type TestUser = Awaited<ReturnType<typeof makeUser>>;

export async function createChannel(token: string, body: Record<string, unknown> = {}) {
  const handle = `ch-${newId()
    .toLowerCase()
    .replace(/[^a-z0-9]/g, 'x')
    .slice(0, 12)}`;
  const res = await callJson<{ channel: ChannelView }>('POST', '/api/channels', 201, {
    token,
    body: { handle, name: 'Test channel', ...body },
  });
  return res.channel;
}

export async function createVideo(token: string, body: Record<string, unknown> = {}) {
  const res = await callJson<{ video: VideoView }>('POST', '/api/videos', 201, {
    token,
    body: { title: 'A video', ageRating: 0, ...body },
  });
  return res.video;
}

/** What the transcoder's publish step will do: ready, with a published_at (the `newest` key). */
export async function makeReady(videoId: string, publishedAt = Date.now()) {
  await env.DB.prepare("UPDATE videos SET status = 'ready', published_at = ?1 WHERE id = ?2")
    .bind(publishedAt, videoId)
    .run();
}

/** A ready public video through the API, published at `publishedAt`. */
export async function readyVideo(
  token: string,
  body: Record<string, unknown> = {},
  publishedAt = Date.now(),
) {
  const video = await createVideo(token, { visibility: 'public', ...body });
  await makeReady(video.id, publishedAt);
  return video;
}

export async function insertGenre(name = 'Test genre'): Promise<string> {
  const id = `g-${newId()
    .toLowerCase()
    .replace(/[^a-z0-9]/g, 'x')
    .slice(0, 10)}`;
  await env.DB.prepare('INSERT INTO genres (id, name) VALUES (?1, ?2)').bind(id, name).run();
  return id;
}

/** Switches the user's session to a new kids profile limited to `maxAgeRating`. */
export async function useKidsProfile(user: TestUser, maxAgeRating = 12) {
  const profileId = newId();
  await env.DB.batch([
    env.DB.prepare(
      'INSERT INTO profiles (id, user_id, name, is_kids, max_age_rating, avatar, created_at) VALUES (?1, ?2, ?3, 1, ?4, ?5, ?6)',
    ).bind(profileId, user.user.id, `Kids ${profileId}`, maxAgeRating, 'green', Date.now()),
    env.DB.prepare('UPDATE sessions SET active_profile_id = ?1 WHERE id = ?2').bind(
      profileId,
      user.sessionId,
    ),
  ]);
  return profileId;
}

export async function count(table: string, where = '1 = 1', ...binds: unknown[]): Promise<number> {
  const row = await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`)
    .bind(...binds)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

/** Every row of the catalog's tables, to prove a refused request changed nothing. */
export async function catalogSnapshot(): Promise<string> {
  const tables = [
    'channels',
    'videos',
    'video_genres',
    'video_cast',
    'people',
    'series',
    'seasons',
    'episodes',
    'creator_usage',
    'media_removals',
  ];
  const rows = await env.DB.batch(tables.map((t) => env.DB.prepare(`SELECT * FROM ${t} ORDER BY rowid`)));
  return JSON.stringify(rows.map((r) => r.results));
}

export const row = <T>(sql: string, ...binds: unknown[]) =>
  env.DB.prepare(sql)
    .bind(...binds)
    .first<T>();
