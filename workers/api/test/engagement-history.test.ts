import { describe, expect, it } from 'vitest';
import { isCompleted } from '../src/domain/engagement-history.ts';
import {
  createProfile,
  insertChannel,
  insertVideo,
  makeChannel,
  makeViewer,
  problem,
  rows,
  selectProfile,
  tick,
} from './engagement-fixtures.ts';
import { call, callJson, makeUser } from './helpers.ts';

type Entry = {
  video: { id: string; title: string; durationS: number | null; ageRating: number };
  positionS: number;
  completed: boolean;
  updatedAt: string;
};
type Page = { items: Entry[]; nextCursor: string | null };

const record = (token: string, videoId: string, body: Record<string, unknown>) =>
  callJson<{ entry: Entry }>('PUT', `/api/me/history/${videoId}`, 200, { token, body });
const history = (token: string, query = '') =>
  callJson<Page>('GET', `/api/me/history${query}`, 200, { token });
const continueWatching = (token: string) =>
  callJson<Page>('GET', '/api/me/continue-watching', 200, { token });

describe('without an active profile', () => {
  it('every engagement route answers 409 profile_not_selected (401 when signed out)', async () => {
    const u = await makeUser();
    const videoId = await insertVideo(await makeChannel());
    for (const [method, path] of [
      ['GET', '/api/me/history'],
      ['GET', '/api/me/continue-watching'],
      ['GET', '/api/me/ratings'],
      ['GET', '/api/me/watchlist'],
      ['PUT', `/api/me/watchlist/${videoId}`],
      ['DELETE', `/api/me/history/${videoId}`],
    ] as const) {
      expect((await problem(await call(method, path, { token: u.token }), 409)).code).toBe(
        'profile_not_selected',
      );
      expect((await problem(await call(method, path), 401)).code).toBe('unauthenticated');
    }
    const put = await call('PUT', `/api/me/history/${videoId}`, { token: u.token, body: { positionS: 5 } });
    expect((await problem(put, 409)).code).toBe('profile_not_selected');
    expect(await rows('SELECT * FROM watch_history WHERE video_id = ?', videoId)).toEqual([]);
  });
});

describe('PUT /api/me/history/{videoId}', () => {
  it('upserts one row per profile and title and answers a compact video summary', async () => {
    const v = await makeViewer();
    const videoId = await insertVideo(await makeChannel(), { title: 'Heat', ageRating: 16, durationS: 6000 });
    await record(v.token, videoId, { positionS: 10 });
    const { entry } = await record(v.token, videoId, { positionS: 125.5 });
    expect(entry).toMatchObject({
      video: { id: videoId, title: 'Heat', durationS: 6000, ageRating: 16 },
      positionS: 125.5,
      completed: false,
    });
    expect(Object.keys(entry.video).sort()).toEqual(['ageRating', 'durationS', 'id', 'posterUrl', 'title']);
    const stored = await rows('SELECT profile_id, position_s FROM watch_history WHERE video_id = ?', videoId);
    expect(stored).toEqual([{ profile_id: v.profileId, position_s: 125.5 }]);
  });

  it.each([
    ['a 10-minute title before 95%', { durationS: 600 }, 569, false],
    ['a 10-minute title at 95%', { durationS: 600 }, 570, true],
    ['a 2-hour title at 95%', { durationS: 7200 }, 6840, true],
    ['a 2-hour title short of 95%', { durationS: 7200 }, 6800, false],
    ['a 100 s title within its last 30 s', { durationS: 100 }, 70, true],
    ['a 100 s title before its last 30 s', { durationS: 100 }, 69, false],
    ['a 40 s clip 10 s in (no tail rule under a minute)', { durationS: 40 }, 10, false],
    ['a 40 s clip at 95%', { durationS: 40 }, 38, true],
    ['a title at its credits marker', { durationS: 6000, creditsStartS: 5400 }, 5400, true],
    ['a title just before its credits marker', { durationS: 6000, creditsStartS: 5400 }, 5399, false],
    ['a title with no duration', { durationS: null }, 50_000, false],
  ])('%s: completed = %s', async (_label, video, positionS, completed) => {
    const v = await makeViewer();
    const videoId = await insertVideo(await makeChannel(), video);
    expect((await record(v.token, videoId, { positionS })).entry.completed).toBe(completed);
    const [row] = await rows<{ completed: number }>(
      'SELECT completed FROM watch_history WHERE video_id = ?',
      videoId,
    );
    expect(row?.completed).toBe(completed ? 1 : 0);
  });

  it('uses the player duration only while the title has none, and clamps to the known one', async () => {
    const v = await makeViewer();
    const channel = await makeChannel();
    const unprobed = await insertVideo(channel, { durationS: null });
    expect((await record(v.token, unprobed, { positionS: 960, durationS: 1000 })).entry.completed).toBe(true);
    const probed = await insertVideo(channel, { durationS: 3000 });
    const { entry } = await record(v.token, probed, { positionS: 1000, durationS: 1000 });
    expect(entry.completed).toBe(false);
    expect((await record(v.token, probed, { positionS: 4000 })).entry.positionS).toBe(3000);
  });

  it('a rewatch from the start makes a completed title unfinished again', async () => {
    const v = await makeViewer();
    const videoId = await insertVideo(await makeChannel());
    expect((await record(v.token, videoId, { positionS: 599 })).entry.completed).toBe(true);
    expect((await record(v.token, videoId, { positionS: 12 })).entry.completed).toBe(false);
  });

  it.each([
    [{ positionS: -1 }, 'positionS'],
    [{ positionS: 'ten' }, 'positionS'],
    [{}, 'positionS'],
    [{ positionS: 5, durationS: 0 }, 'durationS'],
  ])('answers %j with 400 naming %s', async (body, field) => {
    const v = await makeViewer();
    const videoId = await insertVideo(await makeChannel());
    const res = await problem(await call('PUT', `/api/me/history/${videoId}`, { token: v.token, body }), 400);
    expect(res.code).toBe('validation_failed');
    expect(res.errors?.map((e) => e.path)).toEqual([field]);
    expect(await rows('SELECT * FROM watch_history WHERE video_id = ?', videoId)).toEqual([]);
  });

  it('names a malformed video id as path.videoId', async () => {
    const v = await makeViewer();
    const res = await problem(
      await call('PUT', '/api/me/history/nope', { token: v.token, body: { positionS: 1 } }),
      400,
    );
    expect(res.errors?.map((e) => e.path)).toEqual(['path.videoId']);
  });

  it('treats titles that are missing, not ready, deleted or private to someone else as not found', async () => {
    const v = await makeViewer();
    const channel = await makeChannel();
    const hidden = [
      'AAAAAAAAAAAAAAAA',
      await insertVideo(channel, { status: 'processing' }),
      await insertVideo(channel, { status: 'deleted', deletedAt: Date.now() }),
      await insertVideo(channel, { deletedAt: Date.now() }),
      await insertVideo(channel, { visibility: 'private' }),
    ];
    for (const videoId of hidden) {
      const res = await call('PUT', `/api/me/history/${videoId}`, { token: v.token, body: { positionS: 5 } });
      expect((await problem(res, 404)).code).toBe('not_found');
    }
    expect(await rows('SELECT * FROM watch_history WHERE profile_id = ?', v.profileId)).toEqual([]);
    const own = await insertVideo(await insertChannel(v.user.id), { visibility: 'private' });
    const unlisted = await insertVideo(channel, { visibility: 'unlisted' });
    await record(v.token, own, { positionS: 5 });
    await record(v.token, unlisted, { positionS: 5 });
  });
});

describe('history lists', () => {
  it('are per profile: two profiles of one account never see each other', async () => {
    const v = await makeViewer();
    const second = await createProfile(v.token, { name: 'Second' });
    const channel = await makeChannel();
    const [a, b] = [await insertVideo(channel), await insertVideo(channel)];
    await record(v.token, a, { positionS: 30 });
    await selectProfile(v.token, second.id);
    await record(v.token, b, { positionS: 40 });
    expect((await history(v.token)).items.map((e) => e.video.id)).toEqual([b]);
    await selectProfile(v.token, v.profileId);
    expect((await history(v.token)).items.map((e) => e.video.id)).toEqual([a]);
  });

  it("are per account: another user's DELETE leaves my history alone", async () => {
    const me = await makeViewer();
    const other = await makeViewer();
    const videoId = await insertVideo(await makeChannel());
    await record(me.token, videoId, { positionS: 30 });
    expect((await history(other.token)).items).toEqual([]);
    expect((await call('DELETE', `/api/me/history/${videoId}`, { token: other.token })).status).toBe(204);
    expect(await rows('SELECT profile_id FROM watch_history WHERE video_id = ?', videoId)).toEqual([
      { profile_id: me.profileId },
    ]);
    expect((await call('DELETE', `/api/me/history/${videoId}`, { token: me.token })).status).toBe(204);
    expect((await history(me.token)).items).toEqual([]);
  });

  it('page newest first with an opaque cursor, every entry exactly once', async () => {
    const v = await makeViewer();
    const channel = await makeChannel();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const id = await insertVideo(channel);
      await record(v.token, id, { positionS: 10 + i });
      ids.unshift(id);
      await tick();
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    const sizes: number[] = [];
    do {
      const query: string = `?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page: Page = await history(v.token, query);
      sizes.push(page.items.length);
      seen.push(...page.items.map((e) => e.video.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(sizes).toEqual([2, 2, 1]);
    expect(seen).toEqual(ids);
  });

  it('breaks timestamp ties by id, so equal times never repeat or skip an entry', async () => {
    const v = await makeViewer();
    const channel = await makeChannel();
    const ids = [await insertVideo(channel), await insertVideo(channel), await insertVideo(channel)];
    for (const id of ids) await record(v.token, id, { positionS: 10 });
    await rows('UPDATE watch_history SET updated_at = 1000 WHERE profile_id = ?', v.profileId);
    const first = await history(v.token, '?limit=2');
    const rest = await history(v.token, `?limit=2&cursor=${first.nextCursor}`);
    expect([...first.items, ...rest.items].map((e) => e.video.id)).toEqual([...ids].sort().reverse());
    expect(rest.nextCursor).toBeNull();
  });

  it.each([
    ['?cursor=not-a-cursor', 'query.cursor', 'invalid_cursor'],
    [`?cursor=${btoa('{"a":1}')}`, 'query.cursor', 'invalid_cursor'],
    ['?limit=0', 'query.limit', 'validation_failed'],
    ['?limit=101', 'query.limit', 'validation_failed'],
  ])('answers %s with 400 naming %s', async (query, field, code) => {
    const v = await makeViewer();
    const res = await problem(await call('GET', `/api/me/history${query}`, { token: v.token }), 400);
    expect(res.code).toBe(code);
    expect(res.errors?.map((e) => e.path)).toEqual([field]);
  });
});

describe('GET /api/me/continue-watching', () => {
  it('lists started, unfinished, still-visible titles, most recently watched first', async () => {
    const v = await makeViewer();
    const channel = await makeChannel();
    const [older, finished, notStarted, newer, pulled] = [
      await insertVideo(channel),
      await insertVideo(channel),
      await insertVideo(channel),
      await insertVideo(channel),
      await insertVideo(channel),
    ];
    for (const [id, positionS] of [
      [older, 100],
      [finished, 590],
      [notStarted, 0],
      [pulled, 200],
      [newer, 300],
    ] as const) {
      await record(v.token, id, { positionS });
      await tick();
    }
    await rows("UPDATE videos SET status = 'processing' WHERE id = ?", pulled);
    const page = await continueWatching(v.token);
    expect(page.items.map((e) => [e.video.id, e.positionS])).toEqual([
      [newer, 300],
      [older, 100],
    ]);
    // Watching the older one again moves it to the front; finishing it takes it off.
    await record(v.token, older, { positionS: 150 });
    expect((await continueWatching(v.token)).items.map((e) => e.video.id)).toEqual([older, newer]);
    await record(v.token, older, { positionS: 599 });
    expect((await continueWatching(v.token)).items.map((e) => e.video.id)).toEqual([newer]);
  });
});

describe('isCompleted', () => {
  it('applies the credits marker even without a duration, and never completes at position 0', () => {
    expect(isCompleted({ positionS: 90, durationS: null, creditsStartS: 90 })).toBe(true);
    expect(isCompleted({ positionS: 0, durationS: 10, creditsStartS: null })).toBe(false);
    expect(isCompleted({ positionS: 0, durationS: 10, creditsStartS: 0 })).toBe(false);
  });
});
