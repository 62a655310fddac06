import { sql } from 'drizzle-orm';
import type { Db } from '../db.ts';
import { ApiError } from '../errors.ts';

/** Per-creator daily limits (UTC days). */
export const DEFAULT_QUOTAS = {
  videosPerDay: 50,
  bytesPerDay: 100 * 1024 ** 3,
} as const;

const DAY_MS = 24 * 60 * 60_000;

/** The UTC day a usage row counts against, e.g. `2026-11-24`. */
export const usageDay = (now: number): string => new Date(now).toISOString().slice(0, 10);

type UsageColumn = 'videos' | 'bytes';
const COLUMNS: Record<UsageColumn, { videos: number; bytes: number }> = {
  videos: { videos: 1, bytes: 0 },
  bytes: { videos: 0, bytes: 1 },
};

/**
 * Adds `amount` to today's `column` unless that would pass `limit`, in ONE conditional upsert (D1 has no
 * transactions, so a read-then-write could be overshot by concurrent requests). Returns the new total,
 * or null when the quota would be exceeded (nothing is written then).
 */
async function reserveUsage(
  db: Db,
  column: UsageColumn,
  input: { userId: string; amount: number; now: number; limit: number },
): Promise<number | null> {
  const { userId, amount, now, limit } = input;
  const col = sql.raw(column);
  const start = COLUMNS[column];
  const row = await db.get<{ total: number }>(sql`
    INSERT INTO creator_usage (user_id, day, videos, bytes)
    SELECT ${userId}, ${usageDay(now)}, ${start.videos * amount}, ${start.bytes * amount}
    WHERE ${amount} <= ${limit}
    ON CONFLICT (user_id, day) DO UPDATE SET ${col} = ${col} + ${amount}
      WHERE ${col} + ${amount} <= ${limit}
    RETURNING ${col} AS total`);
  return row?.total ?? null;
}

function quotaExceeded(quota: string, limit: number, now: number): ApiError {
  const retryAfter = Math.max(1, Math.ceil((DAY_MS - (now % DAY_MS)) / 1000));
  return new ApiError(
    429,
    'quota_exceeded',
    `Daily ${quota} quota of ${limit} reached; it resets at 00:00 UTC`,
    { quota, limit },
    { 'retry-after': String(retryAfter) },
  );
}

/** Counts one new video against the creator's daily quota, or throws 429 `quota_exceeded`. */
export async function reserveVideo(db: Db, userId: string, now: number, limit: number): Promise<number> {
  const total = await reserveUsage(db, 'videos', { userId, amount: 1, now, limit });
  if (total === null) throw quotaExceeded('videos_per_day', limit, now);
  return total;
}

/**
 * Reserves `bytes` of today's upload allowance (for the upload routes), or throws 429 `quota_exceeded`.
 * @example await reserveBytes(db, auth.user.id, uploadLength, now, DEFAULT_QUOTAS.bytesPerDay)
 */
export async function reserveBytes(
  db: Db,
  userId: string,
  bytes: number,
  now: number,
  limit: number,
): Promise<number> {
  if (!Number.isSafeInteger(bytes) || bytes < 0)
    throw new RangeError(`bytes must be a whole number: ${bytes}`);
  const total = await reserveUsage(db, 'bytes', { userId, amount: bytes, now, limit });
  if (total === null) throw quotaExceeded('bytes_per_day', limit, now);
  return total;
}
