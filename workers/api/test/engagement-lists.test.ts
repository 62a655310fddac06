import { describe, expect, it } from 'vitest';
import {
  createProfile,
  insertVideo,
  makeChannel,
  makeViewer,
  problem,
  rows,
  selectProfile,
  tick,
} from './engagement-fixtures.ts';
import { call, callJson } from './helpers.ts';

type Video = { id: string; title: string; durationS: number | null; ageRating: number };
type Rating = { video: Video; score: number; review: string | null; createdAt: string; updatedAt: string };
type Item = { video: Video; addedAt: string };
type Page<T> = { items: T[]; nextCursor: string | null };

const rate = (token: string, videoId: string, body: Record<string, unknown>) =>
  callJson<{ rating: Rating }>('PUT', `/api/me/ratings/${videoId}`, 200, { token, body });
const add = (token: string, videoId: string) =>
  callJson<{ item: Item }>('PUT', `/api/me/watchlist/${videoId}`, 200, { token });

describe('ratings', () => {
  it('a second rating replaces the first, keeping when it was first given', async () => {
    const v = await makeViewer();
    const videoId = await insertVideo(await makeChannel(), { title: 'Alien', ageRating: 16 });
    const first = await rate(v.token, videoId, { score: 3, review: '  Tense.  ' });
    expect(first.rating).toMatchObject({
      score: 3,
      review: 'Tense.',
      video: { id: videoId, title: 'Alien' },
    });
    await tick();
    const second = await rate(v.token, videoId, { score: 5, review: '   ' });
    expect(second.rating).toMatchObject({ score: 5, review: null, createdAt: first.rating.createdAt });
    expect(second.rating.updatedAt > first.rating.updatedAt).toBe(true);
    const stored = await rows('SELECT profile_id, score, review FROM ratings WHERE video_id = ?', videoId);
    expect(stored).toEqual([{ profile_id: v.profileId, score: 5, review: null }]);
  });

  it.each([
    [{ score: 0 }, 'score'],
    [{ score: 6 }, 'score'],
    [{ score: 2.5 }, 'score'],
    [{ review: 'ok' }, 'score'],
    [{ score: 4, review: 'x'.repeat(2001) }, 'review'],
  ])('answers %j with 400 naming %s and stores nothing', async (body, field) => {
    const v = await makeViewer();
    const videoId = await insertVideo(await makeChannel());
    const res = await problem(await call('PUT', `/api/me/ratings/${videoId}`, { token: v.token, body }), 400);
    expect(res.errors?.map((e) => e.path)).toEqual([field]);
    expect(await rows('SELECT * FROM ratings WHERE video_id = ?', videoId)).toEqual([]);
  });

  it('accepts a 2000-character review', async () => {
    const v = await makeViewer();
    const videoId = await insertVideo(await makeChannel());
    expect((await rate(v.token, videoId, { score: 4, review: 'y'.repeat(2000) })).rating.review).toHaveLength(
      2000,
    );
  });

  it('lists newest first per profile; DELETE withdraws only mine', async () => {
    const v = await makeViewer();
    const other = await makeViewer();
    const channel = await makeChannel();
    const [a, b] = [await insertVideo(channel), await insertVideo(channel)];
    await rate(v.token, a, { score: 2 });
    await tick();
    await rate(v.token, b, { score: 4 });
    await rate(other.token, a, { score: 1 });
    const mine = await callJson<Page<Rating>>('GET', '/api/me/ratings', 200, { token: v.token });
    expect(mine.items.map((r) => [r.video.id, r.score])).toEqual([
      [b, 4],
      [a, 2],
    ]);
    expect((await call('DELETE', `/api/me/ratings/${a}`, { token: v.token })).status).toBe(204);
    expect(await rows('SELECT profile_id FROM ratings WHERE video_id = ?', a)).toEqual([
      { profile_id: other.profileId },
    ]);
    const after = await callJson<Page<Rating>>('GET', '/api/me/ratings', 200, { token: v.token });
    expect(after.items.map((r) => r.video.id)).toEqual([b]);
  });

  it('rating a hidden title is a 404', async () => {
    const v = await makeViewer();
    const videoId = await insertVideo(await makeChannel(), { status: 'failed' });
    const res = await call('PUT', `/api/me/ratings/${videoId}`, { token: v.token, body: { score: 5 } });
    expect((await problem(res, 404)).code).toBe('not_found');
  });
});

describe('watchlist', () => {
  it('adding twice is idempotent: one row, the first addedAt', async () => {
    const v = await makeViewer();
    const videoId = await insertVideo(await makeChannel(), { title: 'Up' });
    const first = await add(v.token, videoId);
    await tick();
    const again = await add(v.token, videoId);
    expect(again.item).toEqual(first.item);
    expect(again.item.video).toEqual({
      id: videoId,
      title: 'Up',
      durationS: 600,
      ageRating: 0,
      posterUrl: null,
    });
    expect(await rows('SELECT profile_id FROM watchlist WHERE video_id = ?', videoId)).toEqual([
      { profile_id: v.profileId },
    ]);
  });

  it('pages most recently added first; profiles of one account keep separate lists', async () => {
    const v = await makeViewer();
    const channel = await makeChannel();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const id = await insertVideo(channel);
      await add(v.token, id);
      ids.unshift(id);
      await tick();
    }
    const first = await callJson<Page<Item>>('GET', '/api/me/watchlist?limit=2', 200, { token: v.token });
    expect(first.items.map((i) => i.video.id)).toEqual(ids.slice(0, 2));
    const rest = await callJson<Page<Item>>(
      'GET',
      `/api/me/watchlist?limit=2&cursor=${encodeURIComponent(first.nextCursor ?? '')}`,
      200,
      { token: v.token },
    );
    expect(rest).toEqual({
      items: [expect.objectContaining({ video: expect.objectContaining({ id: ids[2] }) })],
      nextCursor: null,
    });

    const second = await createProfile(v.token, { name: 'Second' });
    await selectProfile(v.token, second.id);
    expect((await callJson<Page<Item>>('GET', '/api/me/watchlist', 200, { token: v.token })).items).toEqual(
      [],
    );
  });

  it('DELETE takes a title off (and is a 204 again when it is already gone)', async () => {
    const v = await makeViewer();
    const videoId = await insertVideo(await makeChannel());
    await add(v.token, videoId);
    for (let i = 0; i < 2; i++) {
      expect((await call('DELETE', `/api/me/watchlist/${videoId}`, { token: v.token })).status).toBe(204);
    }
    expect(await rows('SELECT * FROM watchlist WHERE video_id = ?', videoId)).toEqual([]);
  });
});
