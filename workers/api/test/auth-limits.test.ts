import { describe, expect, it, vi } from 'vitest';
import { RATE_RULES } from '../src/domain/rate-limit.ts';
import { clearOfWindowEdge, logIn, newIp, PASSWORD, problemOf, rows, signUp } from './auth-helpers.ts';
import { call, makeUser, uniqueEmail } from './helpers.ts';

/** A 429 `rate_limited` with a Retry-After no longer than the rule's window. */
async function expectLimited(res: Response, windowMs: number) {
  expect((await problemOf(res, 429)).code).toBe('rate_limited');
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(windowMs / 1000);
}

/**
 * How many PBKDF2 derivations ran while `send` ran. The worker runs in this test's isolate, so a spy on
 * WebCrypto sees the password hashing a request does (or, for a rate-limited one, does not do).
 */
async function hashesDuring(send: () => Promise<Response>): Promise<{ res: Response; hashes: number }> {
  const spy = vi.spyOn(crypto.subtle, 'deriveBits');
  try {
    const res = await send();
    return { res, hashes: spy.mock.calls.length };
  } finally {
    spy.mockRestore();
  }
}

describe('rate limits (counted before any password is hashed)', { timeout: 30_000 }, () => {
  it('login per email: after the budget even the right password is refused', async () => {
    const u = await makeUser();
    const ip = newIp();
    const rule = RATE_RULES.loginPerEmail;
    await clearOfWindowEdge(rule);
    for (let i = 0; i < rule.limit; i++) {
      const failed = await hashesDuring(() => logIn(u.email, 'wrong password!', { 'cf-connecting-ip': ip }));
      expect(failed.res.status).toBe(401);
      expect(failed.hashes).toBe(1);
    }
    // Even the right password is refused, and without hashing it.
    const limited = await hashesDuring(() => logIn(u.email, u.password, { 'cf-connecting-ip': ip }));
    await expectLimited(limited.res, rule.windowMs);
    expect(limited.hashes).toBe(0);
    // The budget is per email: another account from the same address still signs in.
    const other = await makeUser();
    expect((await logIn(other.email, other.password, { 'cf-connecting-ip': ip })).status).toBe(200);
  });

  it('login per IP: one address cannot spray passwords across many accounts', async () => {
    const ip = newIp();
    const rule = RATE_RULES.loginPerIp;
    await clearOfWindowEdge(rule);
    for (let i = 0; i < rule.limit; i++) {
      expect((await logIn(uniqueEmail('spray'), PASSWORD, { 'cf-connecting-ip': ip })).status).toBe(401);
    }
    const { email } = await signUp();
    await expectLimited(await logIn(email, PASSWORD, { 'cf-connecting-ip': ip }), rule.windowMs);
  });

  it('signup per IP: the next sign-up is refused and creates no account', async () => {
    const ip = newIp();
    const rule = RATE_RULES.signupPerIp;
    await clearOfWindowEdge(rule);
    const signupFrom = (email: string) =>
      call('POST', '/api/auth/signup', {
        body: { email, password: PASSWORD, displayName: 'Bot' },
        headers: { 'cf-connecting-ip': ip },
      });
    for (let i = 0; i < rule.limit; i++) expect((await signupFrom(uniqueEmail('bot'))).status).toBe(201);
    const email = uniqueEmail('bot');
    const limited = await hashesDuring(() => signupFrom(email));
    await expectLimited(limited.res, rule.windowMs);
    expect(limited.hashes).toBe(0);
    expect(await rows('SELECT id FROM users WHERE email = ?', email)).toHaveLength(0);
  });

  it('password change: wrong guesses spend the account’s budget, then even the right one is refused', async () => {
    const u = await makeUser();
    const change = (currentPassword: string) =>
      call('POST', '/api/auth/password', {
        token: u.token,
        body: { currentPassword, newPassword: 'a brand new passphrase' },
      });
    await clearOfWindowEdge(RATE_RULES.loginPerEmail);
    for (let i = 0; i < RATE_RULES.loginPerEmail.limit; i++) {
      expect((await change('wrong password!')).status).toBe(401);
    }
    await expectLimited(await change(u.password), RATE_RULES.loginPerEmail.windowMs);
    const [row] = await rows<{ password_hash: string }>(
      'SELECT password_hash FROM users WHERE id = ?',
      u.user.id,
    );
    expect(row?.password_hash).toBe(u.user.passwordHash);
  });

  it('password reset per IP: requests past the budget get 429', async () => {
    const ip = newIp();
    const rule = RATE_RULES.resetPerIp;
    await clearOfWindowEdge(rule);
    const request = () =>
      call('POST', '/api/auth/password-reset', {
        body: { email: uniqueEmail('reset-spray') },
        headers: { 'cf-connecting-ip': ip },
      });
    for (let i = 0; i < rule.limit; i++) expect((await request()).status).toBe(202);
    await expectLimited(await request(), rule.windowMs);
  });
});
