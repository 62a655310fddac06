import type { PasswordResetConfirmInput } from '@reel/contracts';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { type Db, schema } from '../db.ts';
import { ApiError } from '../errors.ts';
import { randomToken } from '../ids.ts';
import { replacePassword } from './auth.ts';
import { keyedDigest } from './digest.ts';
import type { Mailer } from './mail.ts';
import { hitRateLimit, RATE_RULES, type RateRule } from './rate-limit.ts';

/** Reset links work for an hour, once. */
export const RESET_TTL_MS = 60 * 60_000;

/** At most this many reset emails per address per hour, so nobody can flood someone's inbox. */
export const RESET_MAILS_PER_EMAIL: RateRule = { bucket: 'reset-email', limit: 3, windowMs: 60 * 60_000 };

/** Counts a reset request or confirmation against the caller's per-IP budget (429 once spent). */
export async function countResetAttempt(db: Db, pepper: string, ip: string, now: number): Promise<void> {
  await hitRateLimit(db, RATE_RULES.resetPerIp, await keyedDigest(pepper, ip), now);
}

export type ResetRequest = { email: string; appOrigin: string };

/**
 * Issues a reset link if the account exists and mails it. Runs after the 202 has been sent, so neither
 * the answer nor its timing tells whether the email has an account. Returns whether a mail was sent.
 */
export async function requestPasswordReset(
  db: Db,
  pepper: string,
  mailer: Mailer,
  request: ResetRequest,
  now: number,
): Promise<boolean> {
  try {
    await hitRateLimit(db, RESET_MAILS_PER_EMAIL, await keyedDigest(pepper, request.email), now);
  } catch (err) {
    if (err instanceof ApiError && err.status === 429) return false;
    throw err;
  }
  const [user] = await db
    .select({ id: schema.users.id, email: schema.users.email })
    .from(schema.users)
    .where(eq(schema.users.email, request.email))
    .limit(1);
  if (!user) return false;
  const token = randomToken(32);
  await db.insert(schema.passwordResets).values({
    tokenHash: await keyedDigest(pepper, token),
    userId: user.id,
    expiresAt: now + RESET_TTL_MS,
    usedAt: null,
  });
  await mailer.send({ to: user.email, subject: 'Reset your Reel password', text: resetMail(request, token) });
  return true;
}

function resetMail(request: ResetRequest, token: string): string {
  const link = `${request.appOrigin}/reset-password?token=${encodeURIComponent(token)}`;
  return [
    'Someone asked to reset the password of your Reel account.',
    '',
    `Open this link within the hour to choose a new password:\n${link}`,
    '',
    'If it was not you, ignore this email: your password stays as it is.',
  ].join('\n');
}

/**
 * Spends a reset token (one conditional UPDATE, so two racing confirmations cannot both win), sets the
 * new password and signs the user out everywhere. Unknown, used or expired → 400 `invalid_reset_token`.
 */
export async function confirmPasswordReset(
  db: Db,
  pepper: string,
  input: PasswordResetConfirmInput,
  now: number,
): Promise<void> {
  const tokenHash = await keyedDigest(pepper, input.token);
  const [spent] = await db
    .update(schema.passwordResets)
    .set({ usedAt: now })
    .where(
      and(
        eq(schema.passwordResets.tokenHash, tokenHash),
        isNull(schema.passwordResets.usedAt),
        gt(schema.passwordResets.expiresAt, now),
      ),
    )
    .returning({ userId: schema.passwordResets.userId });
  if (!spent) {
    throw new ApiError(400, 'invalid_reset_token', 'This reset link is invalid, used or expired');
  }
  await replacePassword(db, {
    userId: spent.userId,
    newPassword: input.newPassword,
    keepSessionId: null,
    now,
  });
}
