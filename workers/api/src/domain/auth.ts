import type { LoginInput, PasswordChangeInput, SignupInput } from '@reel/contracts';
import { and, eq, isNull, ne } from 'drizzle-orm';
import { type Db, schema } from '../db.ts';
import { ApiError } from '../errors.ts';
import type { Auth, Session, User } from '../types.ts';
import { createAccount } from './accounts.ts';
import { keyedDigest } from './digest.ts';
import { DUMMY_HASH, hashPassword, verifyPassword } from './passwords.ts';
import { hitRateLimit, RATE_RULES } from './rate-limit.ts';
import { createSession } from './sessions.ts';

/** Facts about the caller's connection that sign-in needs: rate-limit subject and device label. */
export type Client = { ip: string; deviceLabel: string };

export type SignedIn = { token: string; user: User; session: Session };

/** Every failed sign-in answers exactly this, so a response never tells which part was wrong. */
export const invalidCredentials = (detail = 'The email or password is incorrect') =>
  new ApiError(401, 'invalid_credentials', detail);

/** Starts a session, optionally with an active profile already chosen. */
async function startSession(
  db: Db,
  pepper: string,
  input: { user: User; deviceLabel: string; activeProfileId: string | null; now: number },
): Promise<SignedIn> {
  const { token, session } = await createSession(db, pepper, {
    userId: input.user.id,
    deviceLabel: input.deviceLabel,
    now: input.now,
  });
  if (input.activeProfileId) {
    await db
      .update(schema.sessions)
      .set({ activeProfileId: input.activeProfileId })
      .where(eq(schema.sessions.id, session.id));
  }
  return { token, user: input.user, session: { ...session, activeProfileId: input.activeProfileId } };
}

/**
 * Creates an account and signs it in on its first profile. The per-IP limit is counted before the
 * password is hashed (DESIGN.md "Auth"); a taken email is a 409 `email_taken`.
 */
export async function signUp(
  db: Db,
  pepper: string,
  input: SignupInput,
  client: Client,
  now: number,
): Promise<SignedIn> {
  await hitRateLimit(db, RATE_RULES.signupPerIp, await keyedDigest(pepper, client.ip), now);
  const { email, password, displayName } = input;
  const { user, profile } = await createAccount(db, { email, password, displayName }, now);
  return startSession(db, pepper, {
    user,
    deviceLabel: client.deviceLabel,
    activeProfileId: profile.id,
    now,
  });
}

/**
 * Verifies credentials and starts a session. Limits per IP and per email are counted before hashing;
 * an unknown email is verified against a dummy hash so both failures cost the same. An account with a
 * single profile gets it as the active profile; otherwise the client picks one.
 */
export async function logIn(
  db: Db,
  pepper: string,
  input: LoginInput,
  client: Client,
  now: number,
): Promise<SignedIn> {
  await hitRateLimit(db, RATE_RULES.loginPerIp, await keyedDigest(pepper, client.ip), now);
  await hitRateLimit(db, RATE_RULES.loginPerEmail, await keyedDigest(pepper, input.email), now);
  const [user] = await db.select().from(schema.users).where(eq(schema.users.email, input.email)).limit(1);
  const ok = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok) throw invalidCredentials();
  const profiles = await db
    .select({ id: schema.profiles.id })
    .from(schema.profiles)
    .where(eq(schema.profiles.userId, user.id))
    .limit(2);
  const only = profiles.length === 1 ? (profiles[0]?.id ?? null) : null;
  return startSession(db, pepper, { user, deviceLabel: client.deviceLabel, activeProfileId: only, now });
}

/**
 * Sets a new password for a user and revokes their sessions (all but `keepSessionId`, if given) and any
 * outstanding reset links, in one batch.
 */
export async function replacePassword(
  db: Db,
  input: { userId: string; newPassword: string; keepSessionId: string | null; now: number },
): Promise<void> {
  const passwordHash = await hashPassword(input.newPassword);
  const { userId, keepSessionId, now } = input;
  const sessionsToEnd = keepSessionId
    ? and(eq(schema.sessions.userId, userId), ne(schema.sessions.id, keepSessionId))
    : eq(schema.sessions.userId, userId);
  await db.batch([
    db.update(schema.users).set({ passwordHash, updatedAt: now }).where(eq(schema.users.id, userId)),
    db.delete(schema.sessions).where(sessionsToEnd),
    db
      .update(schema.passwordResets)
      .set({ usedAt: now })
      .where(and(eq(schema.passwordResets.userId, userId), isNull(schema.passwordResets.usedAt))),
  ]);
}

/**
 * Changes the caller's password after checking the current one. Attempts count against the same
 * per-email budget as logins (it is the same guess); every other session of the user is revoked.
 */
export async function changePassword(
  db: Db,
  pepper: string,
  auth: Auth,
  input: PasswordChangeInput,
  now: number,
): Promise<void> {
  await hitRateLimit(db, RATE_RULES.loginPerEmail, await keyedDigest(pepper, auth.user.email), now);
  if (!(await verifyPassword(input.currentPassword, auth.user.passwordHash))) {
    throw invalidCredentials('The current password is incorrect');
  }
  await replacePassword(db, {
    userId: auth.user.id,
    newPassword: input.newPassword,
    keepSessionId: auth.session.id,
    now,
  });
}
