import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { Config } from '../src/config.ts';
import { createDb } from '../src/db.ts';
import { createMailer, type Fetcher, HttpMailer, OutboxMailer } from '../src/domain/mail.ts';
import { RESET_MAILS_PER_EMAIL } from '../src/domain/password-reset.ts';
import {
  type AuthBody,
  clearOfWindowEdge,
  logIn,
  newIp,
  outboxFor,
  problemOf,
  rows,
} from './auth-helpers.ts';
import { call, makeUser, uniqueEmail } from './helpers.ts';

const NEW_PASSWORD = 'a freshly reset passphrase';

const requestReset = (email: string) =>
  call('POST', '/api/auth/password-reset', { body: { email }, headers: { 'cf-connecting-ip': newIp() } });

const confirmReset = (token: string, newPassword = NEW_PASSWORD) =>
  call('POST', '/api/auth/password-reset/confirm', {
    body: { token, newPassword },
    headers: { 'cf-connecting-ip': newIp() },
  });

/** Requests a reset and reads the token out of the link in the mail that lands in the outbox. */
async function resetTokenFor(email: string, nth = 1): Promise<string> {
  expect((await requestReset(email)).status).toBe(202);
  const mails = await outboxFor(email, nth);
  expect(mails).toHaveLength(nth);
  const link = mails[nth - 1]?.body.match(/(\S+\/reset-password\?token=\S+)/)?.[1] ?? '';
  const url = new URL(link);
  expect(url.origin).toBe(env.APP_ORIGIN);
  return url.searchParams.get('token') ?? '';
}

describe('password reset', { timeout: 30_000 }, () => {
  it('end to end: mail with a link, new password set, every session ended, token single use', async () => {
    const u = await makeUser();
    const other = await (await logIn(u.email, u.password)).json<AuthBody>();
    const token = await resetTokenFor(u.email);
    expect((await outboxFor(u.email))[0]?.subject).toBe('Reset your Reel password');

    expect((await confirmReset(token)).status).toBe(204);
    for (const t of [u.token, other.token]) {
      expect((await problemOf(await call('GET', '/api/auth/me', { token: t }), 401)).code).toBe(
        'session_expired',
      );
    }
    expect((await logIn(u.email, u.password)).status).toBe(401);
    expect((await logIn(u.email, NEW_PASSWORD)).status).toBe(200);

    const again = await confirmReset(token, 'yet another passphrase');
    expect((await problemOf(again, 400)).code).toBe('invalid_reset_token');
    expect((await logIn(u.email, NEW_PASSWORD)).status).toBe(200);
  });

  it('answers 202 for an unknown email too, and sends nothing', async () => {
    const nobody = uniqueEmail('nobody');
    const res = await requestReset(nobody);
    expect(res.status).toBe(202);
    expect(await res.text()).toBe('');
    // Mail goes out after the answer: give a (would-be) background send time to land.
    expect(await outboxFor(nobody, 1, 500)).toHaveLength(0);
  });

  it('refuses an expired token with 400 invalid_reset_token and keeps the password', async () => {
    const u = await makeUser();
    const token = await resetTokenFor(u.email);
    await rows('UPDATE password_resets SET expires_at = ? WHERE user_id = ?', Date.now() - 1, u.user.id);
    expect((await problemOf(await confirmReset(token), 400)).code).toBe('invalid_reset_token');
    expect((await logIn(u.email, u.password)).status).toBe(200);
  });

  it('refuses an unknown token, and a link made stale by a password change', async () => {
    expect((await problemOf(await confirmReset('made-up-token'), 400)).code).toBe('invalid_reset_token');
    const u = await makeUser();
    const token = await resetTokenFor(u.email);
    const change = await call('POST', '/api/auth/password', {
      token: u.token,
      body: { currentPassword: u.password, newPassword: 'changed the usual way' },
    });
    expect(change.status).toBe(204);
    expect((await problemOf(await confirmReset(token), 400)).code).toBe('invalid_reset_token');
    expect((await logIn(u.email, 'changed the usual way')).status).toBe(200);
  });

  it('sends at most three reset mails per address per hour', async () => {
    await clearOfWindowEdge(RESET_MAILS_PER_EMAIL);
    const u = await makeUser();
    for (let i = 0; i < RESET_MAILS_PER_EMAIL.limit + 1; i++)
      expect((await requestReset(u.email)).status).toBe(202);
    const extra = RESET_MAILS_PER_EMAIL.limit + 1;
    expect(await outboxFor(u.email, extra, 1000)).toHaveLength(RESET_MAILS_PER_EMAIL.limit);
  });

  it('validates the new password (400 naming newPassword) without spending the token', async () => {
    const u = await makeUser();
    const token = await resetTokenFor(u.email);
    expect((await problemOf(await confirmReset(token, 'short'), 400)).errors?.map((e) => e.path)).toEqual([
      'newPassword',
    ]);
    expect((await confirmReset(token)).status).toBe(204);
  });
});

describe('mail adapters', () => {
  const config = (over: Partial<Config>): Config => ({
    APP_ORIGIN: 'https://reel.example',
    MEDIA_BASE_URL: 'https://media.reel.example/v',
    ENVIRONMENT: 'test',
    AUTH_PEPPER: 'x'.repeat(32),
    UPLOAD_SIGNING_KEY: 'u'.repeat(32),
    SERVICE_SIGNING_KEY: 's'.repeat(32),
    PLAYBACK_SIGNING_KEYS: `k1=${'p'.repeat(32)}`,
    PLAYBACK_SIGNING_KID: 'k1',
    MEDIA_KEY_SECRET: 'm'.repeat(32),
    JOB_VISIBILITY_S: 120,
    JOB_BACKOFF_S: 30,
    ...over,
  });

  it('production posts to the HTTP mail API; other environments use the outbox', () => {
    const db = createDb(env.DB);
    const prod = config({
      ENVIRONMENT: 'production',
      MAIL_API_URL: 'https://mail.example/emails',
      MAIL_API_KEY: 'key',
      MAIL_FROM: 'Reel <no-reply@reel.example>',
    });
    expect(createMailer(prod, db, Date.now())).toBeInstanceOf(HttpMailer);
    expect(createMailer(config({ ENVIRONMENT: 'development' }), db, Date.now())).toBeInstanceOf(OutboxMailer);
    expect(() => createMailer(config({ ENVIRONMENT: 'production' }), db, Date.now())).toThrow(
      /not configured/,
    );
  });

  it('HttpMailer sends JSON with a bearer key and throws on a non-2xx answer', async () => {
    const seen: { url: string; init: RequestInit }[] = [];
    let status = 200;
    const fetcher: Fetcher = async (url, init) => {
      seen.push({ url, init });
      return new Response('{}', { status });
    };
    const mailer = new HttpMailer(
      { url: 'https://mail.example/emails', apiKey: 'k3y', from: 'Reel <r@x.example>' },
      fetcher,
    );
    await mailer.send({ to: 'ada@example.com', subject: 'Hi', text: 'Hello' });
    expect(seen[0]?.url).toBe('https://mail.example/emails');
    expect(new Headers(seen[0]?.init.headers).get('authorization')).toBe('Bearer k3y');
    expect(JSON.parse(String(seen[0]?.init.body))).toEqual({
      from: 'Reel <r@x.example>',
      to: ['ada@example.com'],
      subject: 'Hi',
      text: 'Hello',
    });
    status = 422;
    await expect(mailer.send({ to: 'ada@example.com', subject: 'Hi', text: 'Hello' })).rejects.toThrow(/422/);
  });
});
