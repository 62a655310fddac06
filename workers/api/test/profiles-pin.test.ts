import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { createDb } from '../src/db.ts';
import { createSession } from '../src/domain/sessions.ts';
import { createProfile, type ProfileBody, problem, rows, selectProfile } from './engagement-fixtures.ts';
import { call, callJson, makeUser } from './helpers.ts';

const activeProfileOf = async (sessionId: string) => {
  const [row] = await rows<{ active_profile_id: string | null }>(
    'SELECT active_profile_id FROM sessions WHERE id = ?',
    sessionId,
  );
  return row?.active_profile_id;
};

/** An account with an adult PIN-protected profile, an adult without PIN and a kids profile. */
async function family() {
  const u = await makeUser();
  const parent = await createProfile(u.token, { name: 'Parent', pin: '2468' });
  const kid = await createProfile(u.token, { name: 'Kid', isKids: true });
  const toddler = await createProfile(u.token, { name: 'Toddler', isKids: true, maxAgeRating: 7 });
  return { ...u, parent, kid, toddler, open: u.profileId };
}

describe('POST /api/profiles/{id}/select with a PIN', () => {
  it('needs the PIN: missing → pin_required, wrong → pin_invalid, right → bound to this session', async () => {
    const f = await family();
    expect((await problem(await selectProfile(f.token, f.parent.id), 403)).code).toBe('pin_required');
    expect((await problem(await selectProfile(f.token, f.parent.id, '1357'), 403)).code).toBe('pin_invalid');
    expect(await activeProfileOf(f.sessionId)).toBeNull();

    const ok = await selectProfile(f.token, f.parent.id, '2468');
    expect(ok.status).toBe(200);
    expect((await ok.json<{ profile: ProfileBody }>()).profile.id).toBe(f.parent.id);
    expect(await activeProfileOf(f.sessionId)).toBe(f.parent.id);
    // Already unlocked in this session: re-selecting asks nothing.
    expect((await selectProfile(f.token, f.parent.id)).status).toBe(200);
  });

  it('binds only the calling session, not the account', async () => {
    const f = await family();
    const other = await createSession(createDb(env.DB), env.AUTH_PEPPER, {
      userId: f.user.id,
      deviceLabel: 'TV',
      now: Date.now(),
    });
    expect((await selectProfile(f.token, f.open)).status).toBe(200);
    expect(await activeProfileOf(f.sessionId)).toBe(f.open);
    expect(await activeProfileOf(other.session.id)).toBeNull();
  });

  it('rejects a malformed PIN with 400 naming pin', async () => {
    const f = await family();
    const res = await problem(await selectProfile(f.token, f.parent.id, '12'), 400);
    expect(res.errors?.map((e) => e.path)).toEqual(['pin']);
  });

  it('allows five tries per profile, then 429 even for the right PIN', async () => {
    const f = await family();
    for (let i = 0; i < 5; i++) {
      expect((await problem(await selectProfile(f.token, f.parent.id, '0000'), 403)).code).toBe(
        'pin_invalid',
      );
    }
    const limited = await selectProfile(f.token, f.parent.id, '2468');
    expect((await problem(limited, 429)).code).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await activeProfileOf(f.sessionId)).toBeNull();
  });
});

describe('a session on a kids profile', () => {
  it('cannot create, change, clear PINs of or delete profiles, and nothing changes', async () => {
    const f = await family();
    await callJson('POST', `/api/profiles/${f.kid.id}/select`, 200, { token: f.token, body: {} });
    const attempts = [
      call('POST', '/api/profiles', { token: f.token, body: { name: 'Sneaky' } }),
      call('PATCH', `/api/profiles/${f.kid.id}`, { token: f.token, body: { maxAgeRating: 18 } }),
      call('PATCH', `/api/profiles/${f.kid.id}`, { token: f.token, body: { isKids: false } }),
      call('PATCH', `/api/profiles/${f.parent.id}`, { token: f.token, body: { pin: null } }),
      call('DELETE', `/api/profiles/${f.parent.id}`, { token: f.token }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect((await problem(res, 403)).code).toBe('kids_profile_restricted');
    }
    const stored = await rows(
      'SELECT name, is_kids, max_age_rating, pin_hash IS NOT NULL AS locked FROM profiles WHERE user_id = ? ORDER BY name',
      f.user.id,
    );
    expect(stored).toEqual([
      { name: 'Kid', is_kids: 1, max_age_rating: 12, locked: 0 },
      { name: 'Parent', is_kids: 0, max_age_rating: null, locked: 1 },
      { name: 'Test', is_kids: 0, max_age_rating: null, locked: 0 },
      { name: 'Toddler', is_kids: 1, max_age_rating: 7, locked: 0 },
    ]);
  });

  it('needs the PIN to open a PIN-protected adult profile', async () => {
    const f = await family();
    await selectProfile(f.token, f.kid.id);
    expect((await problem(await selectProfile(f.token, f.parent.id), 403)).code).toBe('pin_required');
    expect(await activeProfileOf(f.sessionId)).toBe(f.kid.id);
    expect((await selectProfile(f.token, f.parent.id, '2468')).status).toBe(200);
    expect(await activeProfileOf(f.sessionId)).toBe(f.parent.id);
  });

  it('cannot open a less limited profile that has no PIN, but can open a more limited one', async () => {
    const f = await family();
    const teen = await createProfile(f.token, { name: 'Teen', maxAgeRating: 16 });
    await selectProfile(f.token, f.kid.id);
    for (const target of [f.open, teen.id]) {
      expect((await problem(await selectProfile(f.token, target), 403)).code).toBe('kids_profile_restricted');
    }
    expect(await activeProfileOf(f.sessionId)).toBe(f.kid.id);
    expect((await selectProfile(f.token, f.toddler.id)).status).toBe(200);
    // From 7 back up to 12 is an escalation too.
    expect((await problem(await selectProfile(f.token, f.kid.id), 403)).code).toBe('kids_profile_restricted');
  });
});

describe('PIN-protected profiles', () => {
  it('are changed or deleted only from the session that unlocked them', async () => {
    const f = await family();
    await selectProfile(f.token, f.open);
    for (const res of [
      await call('PATCH', `/api/profiles/${f.parent.id}`, { token: f.token, body: { pin: null } }),
      await call('DELETE', `/api/profiles/${f.parent.id}`, { token: f.token }),
    ]) {
      expect((await problem(res, 403)).code).toBe('profile_locked');
    }
    await selectProfile(f.token, f.parent.id, '2468');
    const cleared = await callJson<{ profile: ProfileBody }>('PATCH', `/api/profiles/${f.parent.id}`, 200, {
      token: f.token,
      body: { pin: null },
    });
    expect(cleared.profile.hasPin).toBe(false);
    const [row] = await rows<{ pin_hash: string | null }>(
      'SELECT pin_hash FROM profiles WHERE id = ?',
      f.parent.id,
    );
    expect(row?.pin_hash).toBeNull();
  });

  it('an age-limited adult profile cannot manage profiles either', async () => {
    const f = await family();
    const teen = await createProfile(f.token, { name: 'Teen', maxAgeRating: 16 });
    await selectProfile(f.token, teen.id);
    const res = await call('PATCH', `/api/profiles/${teen.id}`, {
      token: f.token,
      body: { maxAgeRating: null },
    });
    expect((await problem(res, 403)).code).toBe('kids_profile_restricted');
    const [row] = await rows<{ max_age_rating: number }>(
      'SELECT max_age_rating FROM profiles WHERE id = ?',
      teen.id,
    );
    expect(row?.max_age_rating).toBe(16);
  });
});
