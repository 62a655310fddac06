import { env } from 'cloudflare:test';
import type { VideoPage } from '@reel/contracts';
import { describe, expect, it } from 'vitest';
import { likePattern, SEARCH_WINDOW, searchQueries } from '../src/domain/catalog-query.ts';
import { createDb } from '../src/db.ts';
import { newId } from '../src/ids.ts';
import { createVideo, insertGenre, readyVideo, useKidsProfile } from './catalog-fixtures.ts';
import { call, callJson, makeUser } from './helpers.ts';

/** `GET /api/videos?q=`: a case-insensitive title search over a bounded window of the catalog. */

const DAY = 24 * 60 * 60_000;
const search = (query: string, token?: string) =>
  callJson<VideoPage>('GET', `/api/videos?${query}`, 200, token ? { token } : {});
const titles = (page: VideoPage) => page.items.map((v) => v.title);
/** A word no other test's titles contain, so each test sees only its own titles. */
const word = () => `w${newId().replace(/[^A-Za-z0-9]/g, '')}`;

describe('GET /api/videos?q=', () => {
  it('matches a substring of the title, ignoring case, and nothing else', async () => {
    const creator = await makeUser();
    const w = word();
    await readyVideo(creator.token, { title: `Big Buck ${w.toUpperCase()}` });
    await readyVideo(creator.token, { title: `The ${w} returns` });
    await readyVideo(creator.token, { title: 'Something else entirely', description: `mentions ${w}` });
    const page = await search(`q=${w.toLowerCase().slice(2, 10)}`);
    expect(titles(page).sort()).toEqual([`Big Buck ${w.toUpperCase()}`, `The ${w} returns`].sort());
    expect(page.nextCursor).toBeNull();
  });

  it('takes % and _ literally', async () => {
    const creator = await makeUser();
    const w = word();
    await readyVideo(creator.token, { title: `${w} 100% real` });
    await readyVideo(creator.token, { title: `${w} 1000 real` });
    await readyVideo(creator.token, { title: `${w} a_b` });
    await readyVideo(creator.token, { title: `${w} axb` });
    expect(titles(await search(`q=${encodeURIComponent(`${w} 100%`)}`))).toEqual([`${w} 100% real`]);
    expect(titles(await search(`q=${encodeURIComponent(`${w} a_`)}`))).toEqual([`${w} a_b`]);
    expect(titles(await search(`q=${encodeURIComponent(`${w} a_b`)}`))).toEqual([`${w} a_b`]);
    expect(likePattern('50%_\\')).toBe('%50\\%\\_\\\\%');
  });

  it('lists only what the catalog lists, within the age limit and the other filters', async () => {
    const creator = await makeUser();
    const w = word();
    const genre = await insertGenre();
    await readyVideo(creator.token, { title: `${w} kids`, ageRating: 0, genres: [genre], releaseYear: 2001 });
    await readyVideo(creator.token, { title: `${w} teen`, ageRating: 16, releaseYear: 2001 });
    await readyVideo(creator.token, { title: `${w} adult`, ageRating: 18, genres: [genre] });
    await readyVideo(creator.token, { title: `${w} private`, visibility: 'private' });
    await readyVideo(creator.token, { title: `${w} unlisted`, visibility: 'unlisted' });
    await createVideo(creator.token, { title: `${w} draft`, visibility: 'public' });
    const sorted = (p: VideoPage) => titles(p).sort();
    expect(sorted(await search(`q=${w}`))).toEqual([`${w} kids`, `${w} teen`]);
    expect(sorted(await search(`q=${w}`, creator.token))).toEqual([`${w} adult`, `${w} kids`, `${w} teen`]);
    expect(sorted(await search(`q=${w}&genre=${genre}`, creator.token))).toEqual([`${w} adult`, `${w} kids`]);
    expect(sorted(await search(`q=${w}&year=2001`, creator.token))).toEqual([`${w} kids`, `${w} teen`]);
    const kid = await makeUser();
    await useKidsProfile(kid, 7);
    expect(sorted(await search(`q=${w}`, kid.token))).toEqual([`${w} kids`]);
  });

  it('refuses an empty or overlong q with a field error', async () => {
    for (const q of ['%20%20', 'x'.repeat(101)]) {
      const res = await call('GET', `/api/videos?q=${q}`);
      expect(res.status).toBe(400);
      const body = (await res.json()) as { code: string; errors: { path: string }[] };
      expect(body.code).toBe('validation_failed');
      expect(body.errors.map((e) => e.path)).toEqual(['query.q']);
    }
  });
});

describe('search past the scan window', () => {
  it('scans at most SEARCH_WINDOW titles a page and still finds every match by following cursors', async () => {
    const creator = await makeUser();
    const channelId = (await createVideo(creator.token)).channelId;
    const w = word();
    const count = SEARCH_WINDOW + 300;
    // Published long ago, so they sit below every other test's titles in the newest order.
    const at = Date.now() - 400 * DAY;
    const insert = env.DB.prepare(
      `INSERT INTO videos (id, channel_id, title, age_rating, visibility, status, created_at, updated_at, published_at)
       VALUES (?1, ?2, ?3, 0, 'public', 'ready', ?4, ?4, ?4)`,
    );
    const made = Array.from({ length: count }, (_, i) => ({ id: newId(), at: at - i * 1000, i }));
    const matchAt = (i: number) => i % 250 === 7 || i === count - 1;
    const rows = made.map((v) =>
      insert.bind(v.id, channelId, matchAt(v.i) ? `${w} #${v.i}` : `filler ${v.i}`, v.at),
    );
    for (let i = 0; i < rows.length; i += 500) await env.DB.batch(rows.slice(i, i + 500));

    const expected = made.filter((v) => matchAt(v.i)).map((v) => v.id);
    const pages: VideoPage[] = [await search(`q=${w}&limit=100`)];
    for (let last = pages[0]; last?.nextCursor; last = pages.at(-1)) {
      pages.push(await search(`q=${w}&limit=100&cursor=${last.nextCursor}`));
    }
    expect(pages.flatMap((p) => p.items.map((v) => v.id))).toEqual(expected);
    // The first window ends before the oldest matches: a short page that says there is more to scan.
    expect(pages[0]?.items.length).toBeLessThan(expected.length);
    expect(pages[0]?.nextCursor).not.toBeNull();
    expect(pages.length).toBeLessThanOrEqual(Math.ceil(count / SEARCH_WINDOW) + 1);
  });

  it('reads the window through the sort index, never the whole table', async () => {
    const db = createDb(env.DB);
    const filters = { limit: 24, sort: 'newest' as const, maxAgeRating: 16, q: 'bunny', genre: 'drama' };
    const cursor = { order: 'newest' as const, key: Date.now(), id: 'AAAAAAAAAAAAAAAA' };
    const { matches, boundary } = searchQueries(db, filters, cursor);
    for (const query of [matches, boundary]) {
      const { sql, params } = query.toSQL();
      const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .bind(...params)
        .all<{ detail: string }>();
      const plan = results.map((r) => r.detail).join('\n');
      expect(plan).toMatch(
        /SEARCH videos USING INDEX videos_newest_idx \(status=\? AND .*\(published_at,id\)<\(\?,\?\)\)/,
      );
      expect(plan).not.toMatch(/SCAN videos\b(?! USING)|SCAN video_genres/);
      expect(params).toContain(query === matches ? SEARCH_WINDOW : SEARCH_WINDOW - 1);
    }
  });
});
