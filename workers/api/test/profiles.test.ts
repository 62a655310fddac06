import { describe, expect, it } from 'vitest';
import {
  createProfile,
  insertVideo,
  makeChannel,
  makeViewer,
  type ProfileBody,
  problem,
  rows,
  selectProfile,
} from './engagement-fixtures.ts';
import { call, callJson, makeUser } from './helpers.ts';

type ListBody = { profiles: ProfileBody[]; activeProfileId: string | null };

describe('GET /api/profiles', () => {
  it('lists the account profiles and the session active profile', async () => {
    const u = await makeUser();
    const before = await callJson<ListBody>('GET', '/api/profiles', 200, { token: u.token });
    expect(before.activeProfileId).toBeNull();
    expect(before.profiles.map((p) => p.id)).toEqual([u.profileId]);

    await selectProfile(u.token, u.profileId);
    const after = await callJson<ListBody>('GET', '/api/profiles', 200, { token: u.token });
    expect(after.activeProfileId).toBe(u.profileId);
  });

  it('needs a signed-in caller', async () => {
    expect((await problem(await call('GET', '/api/profiles'), 401)).code).toBe('unauthenticated');
  });
});

describe('POST /api/profiles', () => {
  it('creates profiles; kids profiles default to age limit 12 and PINs are stored hashed', async () => {
    const u = await makeUser();
    const kid = await createProfile(u.token, { name: 'Kid', isKids: true, avatar: 'green' });
    expect(kid).toMatchObject({
      name: 'Kid',
      isKids: true,
      maxAgeRating: 12,
      hasPin: false,
      avatar: 'green',
    });
    const teen = await createProfile(u.token, { name: 'Teen', maxAgeRating: 16, pin: '4321' });
    expect(teen).toMatchObject({ isKids: false, maxAgeRating: 16, hasPin: true, avatar: 'blue' });

    const [stored] = await rows<{ pin_hash: string }>('SELECT pin_hash FROM profiles WHERE id = ?', teen.id);
    expect(stored?.pin_hash).toMatch(/^pbkdf2-sha256\$/);
    expect(stored?.pin_hash).not.toContain('4321');
    const list = await callJson<ListBody>('GET', '/api/profiles', 200, { token: u.token });
    expect(list.profiles.map((p) => p.name)).toEqual(['Test', 'Kid', 'Teen']);
  });

  it('refuses a kids profile without an age limit, naming the field', async () => {
    const u = await makeUser();
    const res = await call('POST', '/api/profiles', {
      token: u.token,
      body: { name: 'Kid', isKids: true, maxAgeRating: null },
    });
    const body = await problem(res, 400);
    expect(body.code).toBe('validation_failed');
    expect(body.errors?.map((e) => e.path)).toEqual(['maxAgeRating']);
  });

  it.each([
    [{ name: '' }, 'name'],
    [{ name: 'A', pin: '12345' }, 'pin'],
    [{ name: 'A', pin: 'abcd' }, 'pin'],
    [{ name: 'A', maxAgeRating: 13 }, 'maxAgeRating'],
    [{ name: 'A', avatar: 'Not An Avatar' }, 'avatar'],
    [{ name: 'x'.repeat(41) }, 'name'],
  ])('answers %j with 400 naming %s and creates nothing', async (body, field) => {
    const u = await makeUser();
    const res = await problem(await call('POST', '/api/profiles', { token: u.token, body }), 400);
    expect(res.code).toBe('validation_failed');
    expect(res.errors?.map((e) => e.path)).toContain(field);
    expect(await rows('SELECT id FROM profiles WHERE user_id = ?', u.user.id)).toHaveLength(1);
  });

  it('keeps names unique per account, ignoring case, but not across accounts', async () => {
    const u = await makeUser();
    await createProfile(u.token, { name: 'Sam' });
    for (const name of ['Sam', 'SAM', ' sam ']) {
      const res = await call('POST', '/api/profiles', { token: u.token, body: { name } });
      expect((await problem(res, 409)).code).toBe('profile_name_taken');
    }
    const other = await makeUser();
    await createProfile(other.token, { name: 'Sam' });
    expect(await rows('SELECT id FROM profiles WHERE user_id = ?', u.user.id)).toHaveLength(2);
  });

  it('allows five profiles per account, also when requests race', async () => {
    const u = await makeUser();
    const attempts = await Promise.all(
      ['A', 'B', 'C', 'D', 'E', 'F'].map((name) =>
        call('POST', '/api/profiles', { token: u.token, body: { name } }),
      ),
    );
    const statuses = attempts.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 201, 201, 201, 409, 409]);
    const codes = await Promise.all(attempts.filter((r) => r.status === 409).map((r) => problem(r, 409)));
    expect(codes.map((c) => c.code)).toEqual(['profile_limit', 'profile_limit']);
    expect(await rows('SELECT id FROM profiles WHERE user_id = ?', u.user.id)).toHaveLength(5);
  });
});

describe('PATCH /api/profiles/{id}', () => {
  it('changes fields; a profile turned kids gets the default limit; a kids limit cannot be lifted', async () => {
    const u = await makeUser();
    const p = await createProfile(u.token, { name: 'Pat' });
    const patched = await callJson<{ profile: ProfileBody }>('PATCH', `/api/profiles/${p.id}`, 200, {
      token: u.token,
      body: { name: 'Patty', isKids: true, avatar: 'red' },
    });
    expect(patched.profile).toMatchObject({ name: 'Patty', isKids: true, maxAgeRating: 12, avatar: 'red' });

    const lift = await call('PATCH', `/api/profiles/${p.id}`, {
      token: u.token,
      body: { maxAgeRating: null },
    });
    expect((await problem(lift, 400)).errors?.map((e) => e.path)).toEqual(['maxAgeRating']);
    const [row] = await rows<{ max_age_rating: number }>(
      'SELECT max_age_rating FROM profiles WHERE id = ?',
      p.id,
    );
    expect(row?.max_age_rating).toBe(12);
  });

  it('refuses a name another profile of the account has, and an empty patch', async () => {
    const u = await makeUser();
    const p = await createProfile(u.token, { name: 'Pat' });
    const taken = await call('PATCH', `/api/profiles/${p.id}`, { token: u.token, body: { name: 'test' } });
    expect((await problem(taken, 409)).code).toBe('profile_name_taken');
    const same = await call('PATCH', `/api/profiles/${p.id}`, { token: u.token, body: { name: 'PAT' } });
    expect(same.status).toBe(200);
    const empty = await call('PATCH', `/api/profiles/${p.id}`, { token: u.token, body: {} });
    expect((await problem(empty, 400)).code).toBe('validation_failed');
  });
});

describe('another account', () => {
  it('can neither read, change, delete nor select my profiles', async () => {
    const me = await makeUser();
    const mine = await createProfile(me.token, { name: 'Mine', pin: '1111' });
    const intruder = await makeViewer();

    const list = await callJson<ListBody>('GET', '/api/profiles', 200, { token: intruder.token });
    expect(list.profiles.map((p) => p.id)).toEqual([intruder.profileId]);
    for (const [method, path, body] of [
      ['PATCH', `/api/profiles/${mine.id}`, { name: 'Owned' }],
      ['DELETE', `/api/profiles/${mine.id}`, undefined],
      ['POST', `/api/profiles/${mine.id}/select`, { pin: '1111' }],
      ['POST', `/api/profiles/${me.profileId}/select`, {}],
    ] as const) {
      const res = await call(method, path, { token: intruder.token, body });
      expect((await problem(res, 404)).code).toBe('not_found');
    }
    const stored = await rows(
      'SELECT name, pin_hash IS NOT NULL AS locked FROM profiles WHERE user_id = ? ORDER BY created_at, name DESC',
      me.user.id,
    );
    expect(stored).toEqual([
      { name: 'Test', locked: 0 },
      { name: 'Mine', locked: 1 },
    ]);
    const [session] = await rows<{ active_profile_id: string }>(
      'SELECT active_profile_id FROM sessions WHERE id = ?',
      intruder.sessionId,
    );
    expect(session?.active_profile_id).toBe(intruder.profileId);
  });
});

describe('DELETE /api/profiles/{id}', () => {
  it('deletes a profile with its engagement and unbinds sessions on it; never the last one', async () => {
    const u = await makeUser();
    const second = await createProfile(u.token, { name: 'Second' });
    await selectProfile(u.token, second.id);
    const videoId = await insertVideo(await makeChannel());
    await callJson('PUT', `/api/me/history/${videoId}`, 200, { token: u.token, body: { positionS: 30 } });
    await callJson('PUT', `/api/me/watchlist/${videoId}`, 200, { token: u.token });

    expect((await call('DELETE', `/api/profiles/${second.id}`, { token: u.token })).status).toBe(204);
    expect(await rows('SELECT * FROM watch_history WHERE profile_id = ?', second.id)).toEqual([]);
    expect(await rows('SELECT * FROM watchlist WHERE profile_id = ?', second.id)).toEqual([]);
    const list = await callJson<ListBody>('GET', '/api/profiles', 200, { token: u.token });
    expect(list).toMatchObject({ activeProfileId: null, profiles: [{ id: u.profileId }] });

    const last = await call('DELETE', `/api/profiles/${u.profileId}`, { token: u.token });
    expect((await problem(last, 409)).code).toBe('last_profile');
    expect(await rows('SELECT id FROM profiles WHERE user_id = ?', u.user.id)).toHaveLength(1);
  });
});

describe('OpenAPI', () => {
  it('describes the profile and engagement routes', async () => {
    const doc = await callJson<{ paths: Record<string, Record<string, unknown>> }>(
      'GET',
      '/api/openapi.json',
      200,
    );
    expect(Object.keys(doc.paths['/api/profiles/{id}'] ?? {}).sort()).toEqual(['delete', 'patch']);
    expect(Object.keys(doc.paths['/api/profiles/{id}/select'] ?? {})).toEqual(['post']);
    expect(Object.keys(doc.paths['/api/me/history/{videoId}'] ?? {}).sort()).toEqual([
      'delete',
      'post',
      'put',
    ]);
    expect(doc.paths['/api/me/continue-watching']).toHaveProperty('get');
    expect(doc.paths['/api/me/watchlist']).toHaveProperty('get');
  });
});
