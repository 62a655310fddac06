import { describe, expect, it } from 'vitest';
import { type AuthBody, fetchAt, logIn, newIp, PASSWORD, problemOf, rows, signUp } from './auth-helpers.ts';
import { call, callJson, makeUser, ORIGIN } from './helpers.ts';

type SessionsBody = {
  sessions: {
    id: string;
    deviceLabel: string;
    createdAt: string;
    lastSeenAt: string;
    expiresAt: string;
    current: boolean;
  }[];
};

const sessionsOf = (token: string) => callJson<SessionsBody>('GET', '/api/auth/sessions', 200, { token });

describe('session expiry', () => {
  it('a session past expires_at answers 401 session_expired and is no longer listed', async () => {
    const u = await makeUser();
    const other = await (await logIn(u.email, u.password)).json<AuthBody>();
    await rows('UPDATE sessions SET expires_at = ? WHERE id = ?', Date.now() - 1000, u.sessionId);
    const res = await call('GET', '/api/auth/me', { token: u.token });
    expect((await problemOf(res, 401)).code).toBe('session_expired');
    const { sessions } = await sessionsOf(other.token);
    expect(sessions.map((s) => s.id)).not.toContain(u.sessionId);
    expect(sessions).toHaveLength(1);
  });
});

describe('GET /api/auth/sessions and DELETE /api/auth/sessions/{id}', () => {
  it('lists the caller’s live sessions with the current one marked', async () => {
    const u = await makeUser();
    const tv = await callJson<AuthBody>('POST', '/api/auth/login', 200, {
      body: { email: u.email, password: u.password, deviceLabel: 'Living-room TV' },
      headers: { 'cf-connecting-ip': newIp() },
    });
    const { sessions } = await sessionsOf(u.token);
    expect(sessions).toHaveLength(2);
    const mine = sessions.find((s) => s.current);
    expect(mine?.id).toBe(u.sessionId);
    expect(mine?.deviceLabel).toBe('vitest');
    const other = sessions.find((s) => !s.current);
    expect(other?.deviceLabel).toBe('Living-room TV');
    expect(Date.parse(other?.expiresAt ?? '')).toBeGreaterThan(Date.now() + 29 * 24 * 3600_000);
    const fromTv = await sessionsOf(tv.token);
    expect(fromTv.sessions.find((s) => s.current)?.deviceLabel).toBe('Living-room TV');
  });

  it('revokes one of the caller’s own sessions', async () => {
    const u = await makeUser();
    const phone = await (await logIn(u.email, u.password)).json<AuthBody>();
    const phoneId = (await sessionsOf(phone.token)).sessions.find((s) => s.current)?.id;
    expect(phoneId).toBeTruthy();
    expect((await call('DELETE', `/api/auth/sessions/${phoneId}`, { token: u.token })).status).toBe(204);
    expect((await problemOf(await call('GET', '/api/auth/me', { token: phone.token }), 401)).code).toBe(
      'session_expired',
    );
    expect((await sessionsOf(u.token)).sessions.map((s) => s.id)).toEqual([u.sessionId]);
  });

  it('answers 404 for another user’s session and leaves it alone', async () => {
    const alice = await makeUser();
    const mallory = await makeUser();
    const res = await call('DELETE', `/api/auth/sessions/${alice.sessionId}`, { token: mallory.token });
    expect((await problemOf(res, 404)).code).toBe('not_found');
    await callJson('GET', '/api/auth/me', 200, { token: alice.token });
  });

  it('rejects a malformed session id with 400 naming path.id', async () => {
    const u = await makeUser();
    const res = await call('DELETE', '/api/auth/sessions/nope', { token: u.token });
    const problem = await problemOf(res, 400);
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors?.map((e) => e.path)).toEqual(['path.id']);
  });
});

describe('session cookie', () => {
  it('on http://localhost: reel_session, HttpOnly, SameSite=Lax, Path=/, not Secure', async () => {
    const res = await logIn((await signUp()).email, PASSWORD);
    const cookie = res.headers.get('set-cookie') ?? '';
    const { token } = await res.json<AuthBody>();
    expect(cookie.startsWith(`reel_session=${token};`)).toBe(true);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Path=/');
    expect(cookie).not.toContain('Secure');
    expect(cookie).not.toContain('Domain');
  });

  it('on https: the __Host- prefixed name, Secure, and it authenticates', async () => {
    const { email } = await signUp();
    const res = await fetchAt('https://reel.example/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'cf-connecting-ip': newIp() },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie') ?? '';
    const { token } = await res.json<AuthBody>();
    expect(cookie.startsWith(`__Host-reel_session=${token};`)).toBe(true);
    expect(cookie).toContain('Secure');
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Path=/');
    expect(cookie).not.toContain('Domain');
    const me = await fetchAt('https://reel.example/api/auth/me', {
      headers: { cookie: `__Host-reel_session=${token}` },
    });
    expect(me.status).toBe(200);
  });

  it('authenticates GETs; unsafe cookie requests need the app Origin (403 origin_mismatch)', async () => {
    const { token } = await signUp();
    const cookie = `reel_session=${token}`;
    expect((await call('GET', '/api/auth/me', { headers: { cookie } })).status).toBe(200);
    const attempts: Record<string, string>[] = [{ cookie }, { cookie, origin: 'https://evil.example' }];
    for (const headers of attempts) {
      const res = await call('POST', '/api/auth/logout', { headers });
      expect((await problemOf(res, 403)).code).toBe('origin_mismatch');
    }
    // Refused requests changed nothing: the session still works, until a same-origin logout.
    expect((await call('GET', '/api/auth/me', { headers: { cookie } })).status).toBe(200);
    expect((await call('POST', '/api/auth/logout', { headers: { cookie, origin: ORIGIN } })).status).toBe(
      204,
    );
    expect((await call('GET', '/api/auth/me', { token })).status).toBe(401);
  });
});

describe('POST /api/auth/password', () => {
  it('changes the password and revokes every other session, keeping this one', async () => {
    const u = await makeUser();
    const other = await (await logIn(u.email, u.password)).json<AuthBody>();
    const res = await call('POST', '/api/auth/password', {
      token: u.token,
      body: { currentPassword: u.password, newPassword: 'a brand new passphrase' },
    });
    expect(res.status).toBe(204);
    await callJson('GET', '/api/auth/me', 200, { token: u.token });
    expect((await problemOf(await call('GET', '/api/auth/me', { token: other.token }), 401)).code).toBe(
      'session_expired',
    );
    expect((await logIn(u.email, u.password)).status).toBe(401);
    expect((await logIn(u.email, 'a brand new passphrase')).status).toBe(200);
  });

  it('a wrong current password is 401 invalid_credentials and changes nothing', async () => {
    const u = await makeUser();
    const other = await (await logIn(u.email, u.password)).json<AuthBody>();
    const res = await call('POST', '/api/auth/password', {
      token: u.token,
      body: { currentPassword: 'not my password', newPassword: 'a brand new passphrase' },
    });
    expect((await problemOf(res, 401)).code).toBe('invalid_credentials');
    await callJson('GET', '/api/auth/me', 200, { token: other.token });
    expect((await logIn(u.email, u.password)).status).toBe(200);
  });

  it('validates the new password (400 naming newPassword) and needs a session (401)', async () => {
    const u = await makeUser();
    const res = await call('POST', '/api/auth/password', {
      token: u.token,
      body: { currentPassword: u.password, newPassword: 'short' },
    });
    expect((await problemOf(res, 400)).errors?.map((e) => e.path)).toEqual(['newPassword']);
    const anonymous = await call('POST', '/api/auth/password', {
      body: { currentPassword: u.password, newPassword: 'a brand new passphrase' },
    });
    expect((await problemOf(anonymous, 401)).code).toBe('unauthenticated');
    expect((await logIn(u.email, u.password)).status).toBe(200);
  });
});
