import { eq, lte } from 'drizzle-orm';
import { type Db, schema } from '../db.ts';
import { refreshCatalogScores } from './catalog-scores.ts';

/** Raw metrics (CMCD, beacons) are kept a week for the rollups, then deleted (DESIGN.md "QoE"). */
export const METRICS_RETENTION_MS = 7 * 86_400_000;

/** Largest number of R2 keys one delete call takes. */
const R2_DELETE_BATCH = 1000;

/**
 * The cron's work: drop expired sessions and playback sessions (their tokens are dead too), spent rate-limit
 * windows, used reset tokens and week-old raw metrics, refresh the
 * catalog's popular/top-rated snapshot, and delete the media of removed videos once due. Each step is
 * one statement or bounded, so a slow run just resumes on the next tick.
 */
export async function runHousekeeping(db: Db, media: R2Bucket, now: number): Promise<void> {
  await db.batch([
    db.delete(schema.sessions).where(lte(schema.sessions.expiresAt, now)),
    db.delete(schema.rateLimits).where(lte(schema.rateLimits.windowEnds, now)),
    db.delete(schema.passwordResets).where(lte(schema.passwordResets.expiresAt, now)),
    db.delete(schema.serviceNonces).where(lte(schema.serviceNonces.expiresAt, now)),
    db.delete(schema.playbackSessions).where(lte(schema.playbackSessions.expiresAt, now)),
    db.delete(schema.metricsEvents).where(lte(schema.metricsEvents.at, now - METRICS_RETENTION_MS)),
  ]);
  await refreshCatalogScores(db, now);
  const due = await db
    .select()
    .from(schema.mediaRemovals)
    .where(lte(schema.mediaRemovals.dueAt, now))
    .limit(20);
  for (const removal of due) {
    if (await removePrefix(media, removal.prefix)) {
      await db.delete(schema.mediaRemovals).where(eq(schema.mediaRemovals.prefix, removal.prefix));
    }
  }
}

/** Deletes up to one listing page under `prefix`; true once nothing is left. */
async function removePrefix(media: R2Bucket, prefix: string): Promise<boolean> {
  const listing = await media.list({ prefix, limit: R2_DELETE_BATCH });
  if (listing.objects.length > 0) await media.delete(listing.objects.map((o) => o.key));
  return !listing.truncated;
}
