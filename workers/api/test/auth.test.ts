import { describe, expect, it } from 'vitest';
import { type AuthBody, logIn, newIp, PASSWORD, problemOf, rows, signUp } from './auth-helpers.ts';
import { call, callJson, makeUser, ORIGIN, uniqueEmail } from './helpers.ts';

type MeBody = { user: AuthBody['user']; profile: { id: string; name: string } | null };

describe('POST /api/auth/signup', () => {
  it('creates the account, signs in on the first profile and sets the cookie', async () => {
    const email = uniqueEmail('signup');
    const res = await call('POST', '/api/auth/signup', {
      body: {
        email: `  ${email.toUpperCase()} `,
        password: PASSWORD,
        displayName: 'Ada',
        deviceLabel: 'Laptop',
      },
      headers: { 'cf-connecting-ip': newIp() },
    });
    expect(res.status).toBe(201);
    const body = await res.json<AuthBody>();
    expect(body.user).toMatchObject({ email, displayName: 'Ada', role: 'viewer' });
    expect(body.token.length).toBeGreaterThanOrEqual(40);
    expect(res.headers.get('set-cookie')).toContain(`reel_session=${body.token}`);

    const me = await callJson<MeBody>('GET', '/api/auth/me', 200, { token: body.token });
    expect(me.user.id).toBe(body.user.id);
    expect(me.profile?.name).toBe('Ada');
    const [session] = await rows<{ device_label: string; active_profile_id: string }>(
      'SELECT device_label, active_profile_id FROM sessions WHERE user_id = ?',
      body.user.id,
    );
    expect(session).toEqual({ device_label: 'Laptop', active_profile_id: me.profile?.id });
  });

  it('refuses a taken email with 409 email_taken, whatever its case', async () => {
    const { email } = await signUp();
    for (const again of [email, email.toUpperCase()]) {
      const res = await call('POST', '/api/auth/signup', {
        body: { email: again, password: PASSWORD, displayName: 'Twin' },
        headers: { 'cf-connecting-ip': newIp() },
      });
      expect((await problemOf(res, 409)).code).toBe('email_taken');
    }
    expect(await rows('SELECT id FROM users WHERE email = ?', email)).toHaveLength(1);
  });

  it('answers invalid input with 400 validation_failed naming each field, and creates nothing', async () => {
    const email = uniqueEmail('invalid');
    const res = await call('POST', '/api/auth/signup', {
      body: { email: 'not-an-email', password: 'short' },
      headers: { 'cf-connecting-ip': newIp() },
    });
    const problem = await problemOf(res, 400);
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors?.map((e) => e.path).sort()).toEqual(['displayName', 'email', 'password']);

    const short = await call('POST', '/api/auth/signup', {
      body: { email, password: 'short', displayName: 'Ada' },
      headers: { 'cf-connecting-ip': newIp() },
    });
    expect((await problemOf(short, 400)).errors?.map((e) => e.path)).toEqual(['password']);
    expect(await rows('SELECT id FROM users WHERE email = ?', email)).toHaveLength(0);
  });

  it('answers malformed JSON with 400 and a non-JSON body with 415, not a 500', async () => {
    const res = await call('POST', '/api/auth/signup', {
      body: '{"email": ',
      headers: { 'cf-connecting-ip': newIp() },
    });
    expect((await problemOf(res, 400)).code).toBe('malformed_json');
    const plain = await call('POST', '/api/auth/signup', {
      body: 'email=a@b.example',
      headers: { 'cf-connecting-ip': newIp(), 'content-type': 'text/plain' },
    });
    expect((await problemOf(plain, 415)).code).toBe('unsupported_media_type');
  });

  it('refuses a foreign Origin with 403 origin_mismatch (login CSRF) and creates nothing', async () => {
    const email = uniqueEmail('csrf');
    const res = await call('POST', '/api/auth/signup', {
      body: { email, password: PASSWORD, displayName: 'Eve' },
      headers: { 'cf-connecting-ip': newIp(), origin: 'https://evil.example' },
    });
    expect((await problemOf(res, 403)).code).toBe('origin_mismatch');
    expect(await rows('SELECT id FROM users WHERE email = ?', email)).toHaveLength(0);
  });
});

describe('POST /api/auth/login', () => {
  it('signs in with the right password and picks the only profile', async () => {
    const { email, user } = await signUp();
    const res = await logIn(email.toUpperCase(), PASSWORD, { origin: ORIGIN });
    expect(res.status).toBe(200);
    const body = await res.json<AuthBody>();
    expect(body.user.id).toBe(user.id);
    expect(res.headers.get('set-cookie')).toContain(`reel_session=${body.token}`);
    const me = await callJson<MeBody>('GET', '/api/auth/me', 200, { token: body.token });
    expect(me.profile).not.toBeNull();
  });

  it('leaves the profile unpicked when the account has several', async () => {
    const u = await makeUser();
    await rows(
      "INSERT INTO profiles (id, user_id, name, is_kids, avatar, created_at) VALUES (?, ?, 'Kid', 1, 'red', ?)",
      crypto.randomUUID().slice(0, 16),
      u.user.id,
      Date.now(),
    );
    const body = await (await logIn(u.email, u.password)).json<AuthBody>();
    const me = await callJson<MeBody>('GET', '/api/auth/me', 200, { token: body.token });
    expect(me.profile).toBeNull();
  });

  it('answers a wrong password and an unknown email identically (401 invalid_credentials)', async () => {
    const { email } = await signUp();
    const wrong = await problemOf(await logIn(email, 'not the password at all'), 401);
    const unknown = await problemOf(await logIn(uniqueEmail('nobody'), PASSWORD), 401);
    expect(wrong.code).toBe('invalid_credentials');
    expect(wrong.instance).not.toBe(unknown.instance);
    expect({ ...wrong, instance: '' }).toEqual({ ...unknown, instance: '' });
  });

  it('refuses a foreign Origin with 403 origin_mismatch and starts no session', async () => {
    const { email, user } = await signUp();
    const res = await logIn(email, PASSWORD, { origin: 'https://evil.example' });
    expect((await problemOf(res, 403)).code).toBe('origin_mismatch');
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await rows('SELECT id FROM sessions WHERE user_id = ?', user.id)).toHaveLength(1);
  });
});

describe('logout', () => {
  it('POST /logout ends the current session only and clears the cookie', async () => {
    const u = await makeUser();
    const other = await (await logIn(u.email, u.password)).json<AuthBody>();
    const res = await call('POST', '/api/auth/logout', { token: u.token });
    expect(res.status).toBe(204);
    expect(res.headers.get('set-cookie')).toMatch(/^reel_session=;.*Max-Age=0/);
    const after = await call('GET', '/api/auth/me', { token: u.token });
    expect((await problemOf(after, 401)).code).toBe('session_expired');
    await callJson('GET', '/api/auth/me', 200, { token: other.token });
  });

  it('POST /logout-all ends every session of the user and no one else’s', async () => {
    const u = await makeUser();
    const bystander = await makeUser();
    const second = await (await logIn(u.email, u.password)).json<AuthBody>();
    expect((await call('POST', '/api/auth/logout-all', { token: second.token })).status).toBe(204);
    for (const token of [u.token, second.token]) {
      expect((await problemOf(await call('GET', '/api/auth/me', { token }), 401)).code).toBe(
        'session_expired',
      );
    }
    await callJson('GET', '/api/auth/me', 200, { token: bystander.token });
  });

  it('needs a session for /me and /logout-all (401 unauthenticated)', async () => {
    expect((await problemOf(await call('GET', '/api/auth/me'), 401)).code).toBe('unauthenticated');
    expect((await problemOf(await call('POST', '/api/auth/logout-all'), 401)).code).toBe('unauthenticated');
  });
});

describe('OpenAPI', () => {
  it('documents every auth route', async () => {
    const doc = await callJson<{ paths: Record<string, unknown> }>('GET', '/api/openapi.json', 200);
    for (const path of [
      '/api/auth/signup',
      '/api/auth/login',
      '/api/auth/logout',
      '/api/auth/logout-all',
      '/api/auth/me',
      '/api/auth/sessions',
      '/api/auth/sessions/{id}',
      '/api/auth/password',
      '/api/auth/password-reset',
      '/api/auth/password-reset/confirm',
    ]) {
      expect(doc.paths, path).toHaveProperty([path]);
    }
  });
});
