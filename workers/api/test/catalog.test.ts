import { env } from 'cloudflare:test';
import type { GenreView, VideoPage, VideoSummary } from '@reel/contracts';
import { describe, expect, it } from 'vitest';
import {
  catalogQuery,
  GENRE_WALK_WINDOW,
  genreIndexQuery,
  genreWalkQuery,
} from '../src/domain/catalog-query.ts';
import { refreshCatalogScores } from '../src/domain/catalog-scores.ts';
import { createDb } from '../src/db.ts';
import { newId } from '../src/ids.ts';
import { createVideo, insertGenre, makeReady, readyVideo, row, useKidsProfile } from './catalog-fixtures.ts';
import { call, callJson, makeUser } from './helpers.ts';

type Problem = { code: string; errors?: { path: string }[] };
const DAY = 24 * 60 * 60_000;

const list = (query: string, token?: string) =>
  callJson<VideoPage>('GET', `/api/videos?${query}`, 200, token ? { token } : {});
const ids = (page: VideoPage) => page.items.map((v) => v.id);

/** A creator with `n` ready public videos in a fresh genre, published a minute apart (oldest first). */
async function genreShelf(n: number, body: (i: number) => Record<string, unknown> = () => ({})) {
  const creator = await makeUser();
  const genre = await insertGenre();
  const base = Date.now() - 60 * 60_000;
  const videos: VideoSummary[] = [];
  for (let i = 0; i < n; i++) {
    videos.push(await readyVideo(creator.token, { genres: [genre], ...body(i) }, base + i * 60_000));
  }
  return { creator, genre, videos, base };
}

describe('GET /api/videos: what is listed', () => {
  it('lists only ready, public, not-deleted titles', async () => {
    const { creator, genre, videos } = await genreShelf(2);
    const draft = await createVideo(creator.token, { visibility: 'public', genres: [genre] });
    const unlisted = await readyVideo(creator.token, { visibility: 'unlisted', genres: [genre] });
    const priv = await readyVideo(creator.token, { visibility: 'private', genres: [genre] });
    const deleted = await readyVideo(creator.token, { genres: [genre] });
    await callJson('DELETE', `/api/videos/${deleted.id}`, 204, { token: creator.token });
    const page = await list(`genre=${genre}`, creator.token);
    expect(ids(page).sort()).toEqual(videos.map((v) => v.id).sort());
    for (const hidden of [draft, unlisted, priv, deleted]) expect(ids(page)).not.toContain(hidden.id);
    expect(page.items.every((v) => v.status === 'ready')).toBe(true);
  });

  it('applies the caller’s age limit: kids profile, signed-out visitors, and the ageRating filter', async () => {
    const ratings = [0, 12, 16, 18];
    const { genre, videos } = await genreShelf(4, (i) => ({ ageRating: ratings[i] }));
    const rated = (page: VideoPage) => page.items.map((v) => v.ageRating).sort((a, b) => a - b);
    const adult = await makeUser();
    expect(rated(await list(`genre=${genre}`, adult.token))).toEqual([0, 12, 16, 18]);
    expect(rated(await list(`genre=${genre}`))).toEqual([0, 12, 16]);
    expect(rated(await list(`genre=${genre}&ageRating=12`, adult.token))).toEqual([0, 12]);
    const kid = await makeUser();
    await useKidsProfile(kid, 12);
    const kidsPage = await list(`genre=${genre}`, kid.token);
    expect(rated(kidsPage)).toEqual([0, 12]);
    // Asking for more than the profile allows does not lift its limit.
    expect(rated(await list(`genre=${genre}&ageRating=18`, kid.token))).toEqual([0, 12]);
    const eighteen = videos[3];
    expect(eighteen && ids(kidsPage).includes(eighteen.id)).toBe(false);
  });

  it('filters by genre, year and language', async () => {
    const { genre, videos } = await genreShelf(4, (i) => ({
      releaseYear: 2000 + (i % 2),
      language: i < 2 ? 'en-GB' : 'fr',
    }));
    const [v0, v1, v2, v3] = videos.map((v) => v.id);
    const other = await insertGenre();
    expect(ids(await list(`genre=${other}`))).toEqual([]);
    expect(ids(await list(`genre=${genre}&year=2001`)).sort()).toEqual([v1, v3].sort());
    expect(ids(await list(`genre=${genre}&language=en-gb`)).sort()).toEqual([v0, v1].sort());
    expect(ids(await list(`genre=${genre}&language=fr&year=2000`))).toEqual([v2]);
  });

  it('lists genres by name', async () => {
    const id = await insertGenre('Aaaa first');
    const { genres } = await callJson<{ genres: GenreView[] }>('GET', '/api/genres', 200);
    expect(genres[0]).toEqual({ id, name: 'Aaaa first' });
    const names = genres.map((g) => g.name);
    expect(names).toEqual([...names].sort());
  });
});

describe('GET /api/videos: sorts and pages', () => {
  it('sorts newest by published_at, then id, descending', async () => {
    const { genre, videos } = await genreShelf(3);
    const page = await list(`genre=${genre}&sort=newest`);
    expect(ids(page)).toEqual(videos.map((v) => v.id).reverse());
  });

  it('sorts popular and top_rated by their snapshot scores', async () => {
    const { genre, videos } = await genreShelf(3);
    const [a, b, c] = videos.map((v) => v.id);
    const scores = [
      [a, 5, 4.5],
      [b, 9, 3.1],
      [c, 1, 4.9],
    ] as const;
    for (const [id, popularity, rating] of scores) {
      await env.DB.prepare('UPDATE videos SET popularity_score = ?1, rating_score = ?2 WHERE id = ?3')
        .bind(popularity, rating, id)
        .run();
    }
    expect(ids(await list(`genre=${genre}&sort=popular`))).toEqual([b, a, c]);
    expect(ids(await list(`genre=${genre}&sort=top_rated`))).toEqual([c, a, b]);
    const first = await list(`genre=${genre}&sort=top_rated&limit=1`);
    expect(ids(first)).toEqual([c]);
    const next = await list(`genre=${genre}&sort=top_rated&limit=2&cursor=${first.nextCursor}`);
    expect(ids(next)).toEqual([a, b]);
    expect(next.nextCursor).toBeNull();
  });

  it('keeps paging stable while newer titles are published (with and without a genre)', async () => {
    const language = `en-${Math.random()
      .toString(36)
      .slice(2, 8)
      .replace(/[^a-z]/g, 'q')}`;
    const { creator, genre } = await genreShelf(5, () => ({ language }));
    for (const filter of [`genre=${genre}`, `language=${language}`]) {
      // What the list held when the reader started; rows published while they page must not shift it.
      const expected = ids(await list(`${filter}&limit=100`));
      const seen: string[] = [];
      let page = await list(`${filter}&limit=2`);
      seen.push(...ids(page));
      for (let round = 0; page.nextCursor && round < 10; round++) {
        await readyVideo(creator.token, { genres: [genre], language }, Date.now() + round);
        page = await list(`${filter}&limit=2&cursor=${page.nextCursor}`);
        seen.push(...ids(page));
      }
      expect(expected.length).toBeGreaterThanOrEqual(5);
      expect(seen).toEqual(expected);
    }
  });

  it('breaks ties on published_at by id', async () => {
    const creator = await makeUser();
    const genre = await insertGenre();
    const at = Date.now() - DAY;
    const made = [];
    for (let i = 0; i < 4; i++) made.push(await readyVideo(creator.token, { genres: [genre] }, at));
    const expected = made
      .map((v) => v.id)
      .sort()
      .reverse();
    const p1 = await list(`genre=${genre}&limit=3`);
    const p2 = await list(`genre=${genre}&limit=3&cursor=${p1.nextCursor}`);
    expect([...ids(p1), ...ids(p2)]).toEqual(expected);
  });

  it.each([
    ['not base64 at all!', 'garbage'],
    [btoa('not json').replaceAll('=', ''), 'not JSON'],
    [btoa(JSON.stringify({ o: 'newest', k: 'x', i: 'AAAAAAAAAAAAAAAA' })).replaceAll('=', ''), 'bad key'],
    [btoa(JSON.stringify({ o: 'popular', k: 1, i: 'AAAAAAAAAAAAAAAA' })).replaceAll('=', ''), 'other sort'],
    [btoa(JSON.stringify([1, 2])).replaceAll('=', ''), 'wrong shape'],
  ])('answers a bad cursor (%s: %s) with 400 invalid_cursor', async (cursor) => {
    const res = await call('GET', `/api/videos?cursor=${encodeURIComponent(cursor)}`);
    expect(res.status).toBe(400);
    expect((await res.json<Problem>()).code).toBe('invalid_cursor');
  });

  it.each([
    ['query.limit', 'limit=0'],
    ['query.limit', 'limit=101'],
    ['query.limit', 'limit=ten'],
    ['query.sort', 'sort=oldest'],
    ['query.ageRating', 'ageRating=13'],
    ['query.year', 'year=abc'],
    ['query.genre', 'genre=Not%20A%20Genre'],
  ])('answers 400 validation_failed naming %s', async (field, query) => {
    const res = await call('GET', `/api/videos?${query}`);
    expect(res.status).toBe(400);
    const problem = await res.json<Problem>();
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors?.map((e) => e.path)).toContain(field);
  });
});

describe('scheduled popular/top-rated snapshot', () => {
  it('counts distinct profiles of the last 7 days and computes a Bayesian average', async () => {
    const { genre, videos } = await genreShelf(2);
    const [hot, cold] = videos.map((v) => v.id);
    const viewers = [await makeUser(), await makeUser(), await makeUser()];
    const now = Date.now();
    const watch = env.DB.prepare(
      'INSERT INTO watch_history (profile_id, video_id, position_s, completed, updated_at) VALUES (?1, ?2, 10, 0, ?3)',
    );
    const rate = env.DB.prepare(
      'INSERT INTO ratings (profile_id, video_id, score, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)',
    );
    const [p0, p1, p2] = viewers.map((v) => v.profileId);
    await env.DB.batch([
      watch.bind(p0, hot, now - DAY),
      watch.bind(p1, hot, now - 2 * DAY),
      watch.bind(p2, hot, now - 8 * DAY),
      watch.bind(p0, cold, now - 9 * DAY),
      rate.bind(p0, hot, 5, now),
      rate.bind(p1, hot, 4, now),
      rate.bind(p2, cold, 1, now),
    ]);
    await refreshCatalogScores(createDb(env.DB), now);

    const mean = (await row<{ m: number }>('SELECT AVG(score) AS m FROM ratings'))?.m ?? 0;
    const scores = async (id: string | undefined) =>
      row<{ p: number; r: number }>(
        'SELECT popularity_score p, rating_score r FROM videos WHERE id = ?1',
        id,
      );
    expect(await scores(hot)).toEqual({ p: 2, r: expect.closeTo((10 * mean + 9) / 12, 9) });
    expect(await scores(cold)).toEqual({ p: 0, r: expect.closeTo((10 * mean + 1) / 11, 9) });
    expect(ids(await list(`genre=${genre}&sort=popular`))).toEqual([hot, cold]);
    expect(ids(await list(`genre=${genre}&sort=top_rated`))).toEqual([hot, cold]);
  });
});

describe('genre listing plans (benchmarked over 10,000 videos)', () => {
  const db = () => createDb(env.DB);
  const filters = { limit: 24, sort: 'newest' as const, maxAgeRating: 16, genre: 'drama' };
  const cursor = { order: 'newest' as const, key: Date.now(), id: 'AAAAAAAAAAAAAAAA' };
  type Query = { toSQL(): { sql: string; params: unknown[] } };
  const plan = async (query: Query) => {
    const { sql, params } = query.toSQL();
    const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .bind(...params)
      .all<{ detail: string }>();
    const lines = results.map((r) => r.detail);
    console.log(`plan:\n  ${lines.join('\n  ')}`);
    return lines.join('\n');
  };

  it('reads a rare genre from video_genres(genre_id, video_id), a common one by a bounded walk', async () => {
    const byIndex = await plan(genreIndexQuery(db(), filters, cursor));
    expect(byIndex).toMatch(
      /^SEARCH video_genres USING COVERING INDEX video_genres_genre_idx \(genre_id=\?\)/,
    );
    expect(byIndex).toMatch(/SEARCH videos USING INDEX sqlite_autoindex_videos_1 \(id=\?\)/);
    expect(byIndex).not.toMatch(/SCAN/);
    const walk = await plan(genreWalkQuery(db(), filters, cursor));
    expect(walk).toMatch(
      /SEARCH videos USING INDEX videos_newest_idx \(status=\? AND .*\(published_at,id\)<\(\?,\?\)\)/,
    );
    expect(walk).toMatch(/SEARCH video_genres EXISTS USING COVERING INDEX/);
    expect(walk).not.toMatch(/TEMP B-TREE|SCAN videos|SCAN video_genres/);
    const plain = await plan(catalogQuery(db(), { ...filters, genre: undefined }, cursor));
    expect(plain).toMatch(
      /videos_newest_idx \(status=\? AND (published_at>\? AND )?\(published_at,id\)<\(\?,\?\)\)/,
    );
    expect(plain).not.toMatch(/TEMP B-TREE/);
  });

  it('pages a sparse and a dense genre exactly, past the walk window', async () => {
    const creator = await makeUser();
    const channelId = (await createVideo(creator.token)).channelId;
    const [sparse, dense] = [await insertGenre('Sparse'), await insertGenre('Dense')];
    const count = GENRE_WALK_WINDOW + 150;
    const at = Date.now() - 10 * DAY;
    const insert = env.DB.prepare(
      `INSERT INTO videos (id, channel_id, title, age_rating, visibility, status, created_at, updated_at, published_at)
       VALUES (?1, ?2, ?1, 0, 'public', 'ready', ?3, ?3, ?3)`,
    );
    const tag = env.DB.prepare('INSERT INTO video_genres (video_id, genre_id) VALUES (?1, ?2)');
    const made = Array.from({ length: count }, (_, i) => ({ id: newId(), at: at - i * 1000, i }));
    const statements = made.flatMap((v) => [
      insert.bind(v.id, channelId, v.at),
      ...(v.i % 3 !== 0 ? [tag.bind(v.id, dense)] : []),
      ...(v.i % 97 === 5 ? [tag.bind(v.id, sparse)] : []),
    ]);
    for (let i = 0; i < statements.length; i += 500) await env.DB.batch(statements.slice(i, i + 500));
    for (const [genre, keep] of [
      [sparse, (i: number) => i % 97 === 5],
      [dense, (i: number) => i % 3 !== 0],
    ] as const) {
      const expected = made.filter((v) => keep(v.i)).map((v) => v.id);
      const seen: string[] = [];
      let page = await list(`genre=${genre}&limit=100`);
      seen.push(...ids(page));
      while (page.nextCursor) {
        page = await list(`genre=${genre}&limit=100&cursor=${page.nextCursor}`);
        seen.push(...ids(page));
      }
      expect(seen).toEqual(expected);
    }
  });
});

it('keeps an unlisted title out of the catalog even when it becomes ready later', async () => {
  const creator = await makeUser();
  const genre = await insertGenre();
  const video = await createVideo(creator.token, { visibility: 'unlisted', genres: [genre] });
  await makeReady(video.id);
  expect(ids(await list(`genre=${genre}`))).toEqual([]);
});
