import { sql } from 'drizzle-orm';
import type { Db } from '../db.ts';

/** Plays counted by `popular`: the last 7 days. */
export const POPULARITY_WINDOW_MS = 7 * 24 * 60 * 60_000;
/** Weight of the prior in the Bayesian average: a title needs ~C ratings before its own mean dominates. */
export const RATING_PRIOR_WEIGHT = 10;

/**
 * The scheduled snapshot behind the `popular` and `top_rated` sorts (DESIGN.md "Pagination"): one
 * UPDATE statement each, writing only rows whose score changed (D1 bills rows written).
 * - popularity_score: plays in the last 7 days = distinct profiles whose watch_history row for the title
 *   was updated in the window (the table's key is (profile, video), so COUNT(*) counts profiles).
 * - rating_score: Bayesian average (C·m + Σ scores) / (C + n), m = mean of all ratings, C = 10.
 */
export async function refreshCatalogScores(db: Db, now: number): Promise<void> {
  const since = now - POPULARITY_WINDOW_MS;
  await db.run(sql`
      UPDATE videos SET popularity_score = fresh.score
      FROM (
        SELECT v.id, (SELECT COUNT(*) FROM watch_history w WHERE w.video_id = v.id AND w.updated_at > ${since})
          AS score
        FROM videos v WHERE v.deleted_at IS NULL
      ) AS fresh
      WHERE videos.id = fresh.id AND videos.popularity_score IS NOT fresh.score`);
  await db.run(sql`
      UPDATE videos SET rating_score = fresh.score
      FROM (
        SELECT v.id,
          (${RATING_PRIOR_WEIGHT} * prior.m + COALESCE(SUM(r.score), 0)) / (${RATING_PRIOR_WEIGHT} + COUNT(r.score))
          AS score
        FROM videos v
        CROSS JOIN (SELECT COALESCE(AVG(score), 0.0) AS m FROM ratings) AS prior
        LEFT JOIN ratings r ON r.video_id = v.id
        WHERE v.deleted_at IS NULL
        GROUP BY v.id
      ) AS fresh
      WHERE videos.id = fresh.id AND videos.rating_score IS NOT fresh.score`);
}
