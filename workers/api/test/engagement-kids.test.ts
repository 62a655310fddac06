import { describe, expect, it } from 'vitest';
import {
  db,
  createProfile,
  insertVideo,
  makeChannel,
  problem,
  rows,
  selectProfile,
} from './engagement-fixtures.ts';
import { schema } from '../src/db.ts';
import { call, callJson, makeUser } from './helpers.ts';

type Page = { items: { video: { id: string } }[]; nextCursor: string | null };

/** A kids profile (limit 12) on a fresh session, with one all-ages and one 18-rated title. */
async function kidWithTitles() {
  const u = await makeUser();
  const kid = await createProfile(u.token, { name: 'Kid', isKids: true });
  const channel = await makeChannel();
  const family = await insertVideo(channel, { ageRating: 0 });
  const twelve = await insertVideo(channel, { ageRating: 12 });
  const adult = await insertVideo(channel, { ageRating: 18 });
  await selectProfile(u.token, kid.id);
  return { ...u, kid, family, twelve, adult };
}

describe('a kids profile and an 18-rated title', () => {
  it('cannot record, rate or watchlist it: 404, and nothing is stored', async () => {
    const k = await kidWithTitles();
    for (const [path, body] of [
      [`/api/me/history/${k.adult}`, { positionS: 10 }],
      [`/api/me/ratings/${k.adult}`, { score: 5 }],
      [`/api/me/watchlist/${k.adult}`, undefined],
    ] as const) {
      expect((await problem(await call('PUT', path, { token: k.token, body }), 404)).code).toBe('not_found');
    }
    for (const table of ['watch_history', 'ratings', 'watchlist']) {
      expect(await rows(`SELECT * FROM ${table} WHERE profile_id = ?`, k.kid.id)).toEqual([]);
    }
    // Titles within the limit are fine.
    await callJson('PUT', `/api/me/history/${k.twelve}`, 200, { token: k.token, body: { positionS: 10 } });
  });

  it('never sees it in any listing, even from rows stored before', async () => {
    const k = await kidWithTitles();
    const now = Date.now();
    for (const videoId of [k.family, k.adult]) {
      const keys = { profileId: k.kid.id, videoId };
      await db().batch([
        db()
          .insert(schema.watchHistory)
          .values({ ...keys, positionS: 60, completed: false, updatedAt: now }),
        db()
          .insert(schema.ratings)
          .values({ ...keys, score: 4, createdAt: now, updatedAt: now }),
        db()
          .insert(schema.watchlist)
          .values({ ...keys, addedAt: now }),
      ]);
    }
    for (const path of [
      '/api/me/history',
      '/api/me/continue-watching',
      '/api/me/ratings',
      '/api/me/watchlist',
    ]) {
      const page = await callJson<Page>('GET', path, 200, { token: k.token });
      expect(
        page.items.map((i) => i.video.id),
        path,
      ).toEqual([k.family]);
    }
  });

  it('lowering a profile limit hides titles it already watched', async () => {
    const u = await makeUser();
    const teen = await createProfile(u.token, { name: 'Teen' });
    const sixteen = await insertVideo(await makeChannel(), { ageRating: 16 });
    await selectProfile(u.token, teen.id);
    await callJson('PUT', `/api/me/history/${sixteen}`, 200, { token: u.token, body: { positionS: 10 } });
    await callJson('PATCH', `/api/profiles/${teen.id}`, 200, { token: u.token, body: { maxAgeRating: 12 } });
    expect((await callJson<Page>('GET', '/api/me/history', 200, { token: u.token })).items).toEqual([]);
  });
});
