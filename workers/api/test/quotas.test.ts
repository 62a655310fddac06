import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { DEFAULT_QUOTAS, reserveBytes, reserveVideo, usageDay } from '../src/domain/quotas.ts';
import { createDb } from '../src/db.ts';
import { ApiError } from '../src/errors.ts';
import { count, createChannel, row } from './catalog-fixtures.ts';
import { call, makeUser } from './helpers.ts';

const DAY = 24 * 60 * 60_000;
const db = () => createDb(env.DB);

async function setUsage(userId: string, day: string, videos: number, bytes = 0) {
  await env.DB.prepare('INSERT INTO creator_usage (user_id, day, videos, bytes) VALUES (?1, ?2, ?3, ?4)')
    .bind(userId, day, videos, bytes)
    .run();
}
const usage = (userId: string, day: string) =>
  row<{ videos: number; bytes: number }>(
    'SELECT videos, bytes FROM creator_usage WHERE user_id = ?1 AND day = ?2',
    userId,
    day,
  );
const today = () => usageDay(Date.now());

describe('videos per day', () => {
  it('answers 429 quota_exceeded once the daily quota is spent, creating nothing', async () => {
    const { token, user } = await makeUser();
    await setUsage(user.id, today(), DEFAULT_QUOTAS.videosPerDay - 1);
    const ok = await call('POST', '/api/videos', { token, body: { title: 'last one', ageRating: 0 } });
    expect(ok.status).toBe(201);
    const videosBefore = await count('videos');
    const res = await call('POST', '/api/videos', { token, body: { title: 'one too many', ageRating: 0 } });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    const problem = await res.json<{ code: string; detail: string; quota: string; limit: number }>();
    expect(problem).toMatchObject({ code: 'quota_exceeded', quota: 'videos_per_day', limit: 50 });
    expect(problem.detail).toMatch(/50/);
    expect(await count('videos')).toBe(videosBefore);
    expect((await usage(user.id, today()))?.videos).toBe(50);
  });

  it('counts per UTC day: yesterday’s usage does not block today', async () => {
    const { token, user } = await makeUser();
    await setUsage(user.id, usageDay(Date.now() - DAY), DEFAULT_QUOTAS.videosPerDay);
    expect((await call('POST', '/api/videos', { token, body: { title: 'x', ageRating: 0 } })).status).toBe(
      201,
    );
    expect((await usage(user.id, today()))?.videos).toBe(1);
  });

  it('is not spent by refused requests', async () => {
    const { token, user } = await makeUser();
    const other = await makeUser();
    const theirs = await createChannel(other.token);
    await call('POST', '/api/videos', { token, body: { title: '', ageRating: 0 } });
    await call('POST', '/api/videos', { token, body: { title: 'x', ageRating: 0, channelId: theirs.id } });
    await call('POST', '/api/videos', {
      token,
      body: { title: 'x', ageRating: 0, genres: ['unknown-genre'] },
    });
    expect(await usage(user.id, today())).toBeNull();
  });

  it('never lets concurrent requests overshoot', async () => {
    const { user } = await makeUser();
    const now = Date.now();
    const attempts = Array.from({ length: 12 }, () => reserveVideo(db(), user.id, now, 5));
    const results = await Promise.allSettled(attempts);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    const refused = results.filter((r) => r.status === 'rejected');
    expect(refused.every((r) => r.reason instanceof ApiError && r.reason.status === 429)).toBe(true);
    expect((await usage(user.id, usageDay(now)))?.videos).toBe(5);
  });
});

describe('reserveBytes', () => {
  it('reserves up to the limit and refuses beyond it without writing', async () => {
    const { user } = await makeUser();
    const now = Date.now();
    expect(await reserveBytes(db(), user.id, 600, now, 1000)).toBe(600);
    expect(await reserveBytes(db(), user.id, 400, now, 1000)).toBe(1000);
    await expect(reserveBytes(db(), user.id, 1, now, 1000)).rejects.toMatchObject({
      status: 429,
      code: 'quota_exceeded',
    });
    expect(await usage(user.id, usageDay(now))).toEqual({ videos: 0, bytes: 1000 });
  });

  it('refuses a single reservation larger than the limit on a fresh day', async () => {
    const { user } = await makeUser();
    const now = Date.now();
    await expect(reserveBytes(db(), user.id, 2000, now, 1000)).rejects.toBeInstanceOf(ApiError);
    expect(await usage(user.id, usageDay(now))).toBeNull();
  });

  it('keeps concurrent reservations within the limit and apart from the video count', async () => {
    const { user } = await makeUser();
    const now = Date.now();
    await reserveVideo(db(), user.id, now, 50);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => reserveBytes(db(), user.id, 10, now, 95)),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(9);
    expect(await usage(user.id, usageDay(now))).toEqual({ videos: 1, bytes: 90 });
  });

  it('rejects a negative or fractional byte count outright', async () => {
    const { user } = await makeUser();
    await expect(reserveBytes(db(), user.id, -5, Date.now(), 1000)).rejects.toBeInstanceOf(RangeError);
    await expect(reserveBytes(db(), user.id, 1.5, Date.now(), 1000)).rejects.toBeInstanceOf(RangeError);
  });
});
