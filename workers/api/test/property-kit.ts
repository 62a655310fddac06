import { env } from 'cloudflare:test';
import fc from 'fast-check';
import { expect } from 'vitest';
import { newId } from '../src/ids.ts';
import { catalogSnapshot, createChannel, createVideo, insertGenre, makeReady } from './catalog-fixtures.ts';
import { call, callJson, makeUser } from './helpers.ts';

/** Harness for the property tests: a caller, a victim, and a check that a write touched only its own. */

export type Owned = {
  token: string;
  userId: string;
  channelId: string;
  videoId: string;
  hiddenVideoId: string;
  seriesId: string;
  seasonId: string;
  episodeId: string;
};

/** A user with one of everything: a channel, a ready public video, a draft, a series with an episode. */
export async function makeOwner(): Promise<Owned> {
  const user = await makeUser();
  const { token } = user;
  const channel = await createChannel(token);
  const video = await createVideo(token, { channelId: channel.id, visibility: 'public' });
  await makeReady(video.id);
  const hidden = await createVideo(token, { channelId: channel.id });
  const episodeVideo = await createVideo(token, { channelId: channel.id });
  const { series } = await callJson<{ series: { id: string } }>('POST', '/api/series', 201, {
    token,
    body: { title: 'Series', ageRating: 0, channelId: channel.id },
  });
  const { season } = await callJson<{ season: { id: string } }>(
    'POST',
    `/api/series/${series.id}/seasons`,
    201,
    {
      token,
      body: { number: 1 },
    },
  );
  const { episode } = await callJson<{ episode: { id: string } }>(
    'POST',
    `/api/seasons/${season.id}/episodes`,
    201,
    {
      token,
      body: { videoId: episodeVideo.id, number: 1 },
    },
  );
  return {
    token,
    userId: user.user.id,
    channelId: channel.id,
    videoId: video.id,
    hiddenVideoId: hidden.id,
    seriesId: series.id,
    seasonId: season.id,
    episodeId: episode.id,
  };
}

export const genreIds = async () => [await insertGenre('Prop A'), await insertGenre('Prop B')];

/** Every catalog row that does NOT belong to `userId`: a write by that user must leave it unchanged. */
export async function othersSnapshot(userId: string): Promise<string> {
  const owner = 'SELECT id FROM channels WHERE owner_id != ?1';
  const videos = `SELECT id FROM videos WHERE channel_id IN (${owner})`;
  const series = `SELECT id FROM series WHERE channel_id IN (${owner})`;
  const seasons = `SELECT id FROM seasons WHERE series_id IN (${series})`;
  const queries = [
    `SELECT * FROM channels WHERE owner_id != ?1`,
    `SELECT * FROM videos WHERE id IN (${videos})`,
    `SELECT * FROM video_genres WHERE video_id IN (${videos})`,
    `SELECT * FROM video_cast WHERE video_id IN (${videos})`,
    `SELECT * FROM series WHERE id IN (${series})`,
    `SELECT * FROM seasons WHERE id IN (${seasons})`,
    `SELECT * FROM episodes WHERE season_id IN (${seasons}) OR video_id IN (${videos})`,
    'SELECT * FROM creator_usage WHERE user_id != ?1',
    `SELECT * FROM media_removals WHERE substr(prefix, 8, 16) IN (${videos})`,
  ];
  const results = await env.DB.batch(queries.map((q) => env.DB.prepare(`${q} ORDER BY rowid`).bind(userId)));
  return JSON.stringify(results.map((r) => r.results));
}

export type Target = 'own' | 'other' | 'otherHidden' | 'missing' | 'malformed';
export const targets = fc.constantFrom<Target>('own', 'other', 'otherHidden', 'missing', 'malformed');

export const pickId = (target: Target, own: string, other: string, otherHidden = other) =>
  ({ own, other, otherHidden, missing: newId(), malformed: 'not-an-id' })[target];

/** What a write may answer, given whether its input is valid and whose resource it names. */
export function expectedStatuses(valid: boolean, target: Target): number[] {
  if (!valid || target === 'malformed') return [400];
  if (target === 'missing') return [404];
  if (target === 'other') return [403];
  if (target === 'otherHidden') return [403, 404];
  return [200, 201, 204, 409];
}

export type WriteCase = { method: string; path: string; body?: unknown; raw?: string; contentType?: string };

/**
 * Sends one write as `actor` and checks the invariants: never a 5xx; a refused write changes no row;
 * an accepted one changes no row of anyone else's. Returns the status for finer assertions.
 */
export async function checkWrite(actor: Owned, write: WriteCase): Promise<number> {
  const before = await catalogSnapshot();
  const others = await othersSnapshot(actor.userId);
  const headers: Record<string, string> = write.contentType ? { 'content-type': write.contentType } : {};
  const res = await call(write.method, write.path, {
    token: actor.token,
    headers,
    body: write.raw ?? write.body,
  });
  const text = await res.text();
  expect(res.status, text).toBeLessThan(500);
  if (res.status >= 400) expect(await catalogSnapshot(), `${res.status} ${text}`).toBe(before);
  expect(await othersSnapshot(actor.userId)).toBe(others);
  return res.status;
}

/** Any JSON value, kept small: what a hostile client may put in a field. */
export const wild = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.string({ maxLength: 300 }),
  fc.constantFrom(null, -1, 1e308, '', ' ', [], {}, '\u0000', 'ready'),
);

/**
 * A valid-looking body, half the time corrupted in one field (or given an extra field): about half
 * the cases are valid, so both the acceptance and the refusal paths get exercised.
 */
export function nearlyValid<T extends Record<string, unknown>>(valid: fc.Arbitrary<T>, keys: string[]) {
  const corruption = fc.record({
    key: fc.constantFrom(...keys, 'status', 'ownerId', '__proto__'),
    value: wild,
  });
  return fc.tuple(valid, fc.option(corruption, { freq: 2 })).map(([body, bad]): Record<string, unknown> => {
    if (!bad) return body;
    const copy: Record<string, unknown> = { ...body };
    Object.defineProperty(copy, bad.key, { value: bad.value, enumerable: true, writable: true });
    return copy;
  });
}

/** The runs per property: enough to find a 500, few enough for the whole file to stay under a minute. */
export const RUNS = { numRuns: 40 };
