import { sql } from 'drizzle-orm';
import type { Db } from '../db.ts';
import { ApiError } from '../errors.ts';

export type RateRule = { bucket: string; limit: number; windowMs: number };

/** Limits applied before any password hashing (DESIGN.md "Auth") and on writes. */
export const RATE_RULES = {
  loginPerIp: { bucket: 'login-ip', limit: 30, windowMs: 10 * 60_000 },
  loginPerEmail: { bucket: 'login-email', limit: 10, windowMs: 10 * 60_000 },
  signupPerIp: { bucket: 'signup-ip', limit: 10, windowMs: 60 * 60_000 },
  resetPerIp: { bucket: 'reset-ip', limit: 10, windowMs: 60 * 60_000 },
  pinPerProfile: { bucket: 'pin', limit: 5, windowMs: 15 * 60_000 },
  writesPerUser: { bucket: 'writes', limit: 300, windowMs: 60_000 },
} as const satisfies Record<string, RateRule>;

/**
 * Counts one hit against a fixed window in one statement (D1 has no transactions) and throws 429
 * `rate_limited` with `Retry-After` once the window is spent. `subject` should already be a digest.
 */
export async function hitRateLimit(db: Db, rule: RateRule, subject: string, now: number): Promise<void> {
  const windowStart = now - (now % rule.windowMs);
  const windowEnds = windowStart + rule.windowMs;
  const key = `${rule.bucket}:${subject}:${windowStart}`;
  const row = await db.get<{ count: number }>(sql`
    INSERT INTO rate_limits (key, window_ends, count) VALUES (${key}, ${windowEnds}, 1)
    ON CONFLICT (key) DO UPDATE SET count = count + 1
    RETURNING count`);
  if (row && row.count > rule.limit) {
    const retryAfter = Math.max(1, Math.ceil((windowEnds - now) / 1000));
    throw new ApiError(
      429,
      'rate_limited',
      `Too many requests; try again in ${retryAfter} s`,
      {},
      {
        'retry-after': String(retryAfter),
      },
    );
  }
}
