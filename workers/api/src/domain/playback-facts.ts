/** The D1 facts a playback decision is made from: the title with its plan and asset, and the viewer's plan. */
import { and, desc, eq, gt } from 'drizzle-orm';
import { type Db, schema } from '../db.ts';
import type { PlanFacts, TitleFacts } from './entitlement.ts';

const { videos, channels, plans, assets, subscriptions } = schema;

/** An account without an active subscription is on the implicit Free plan (rank 0; DESIGN.md). */
const FREE_PLAN_ID = 'free';

export async function loadTitle(
  db: Db,
  videoId: string,
): Promise<(TitleFacts & { durationS: number }) | null> {
  const [row] = await db
    .select({
      video: videos,
      ownerId: channels.ownerId,
      planRank: plans.rank,
      assetId: assets.id,
      assetPrefix: assets.prefix,
    })
    .from(videos)
    .innerJoin(channels, eq(channels.id, videos.channelId))
    .innerJoin(plans, eq(plans.id, videos.minimumPlanId))
    .leftJoin(assets, eq(assets.id, videos.currentAssetId))
    .where(eq(videos.id, videoId))
    .limit(1);
  if (!row) return null;
  const v = row.video;
  return {
    videoId: v.id,
    ownerId: row.ownerId,
    status: v.status,
    deletedAt: v.deletedAt,
    visibility: v.visibility,
    ageRating: v.ageRating,
    minimumPlanRank: row.planRank,
    minimumPlanId: v.minimumPlanId,
    allowedCountries: v.allowedCountries,
    protected: v.protected,
    asset: row.assetId && row.assetPrefix ? { id: row.assetId, prefix: row.assetPrefix } : null,
    durationS: v.durationS ?? 0,
  };
}

/** The viewer's plan: the best active, unexpired subscription, else Free (also for signed-out viewers). */
export async function planOf(db: Db, userId: string | null, now: number): Promise<PlanFacts> {
  const columns = {
    rank: plans.rank,
    maxShortSide: plans.maxShortSide,
    maxConcurrentStreams: plans.maxConcurrentStreams,
  };
  if (userId !== null) {
    const [paid] = await db
      .select(columns)
      .from(subscriptions)
      .innerJoin(plans, eq(plans.id, subscriptions.planId))
      .where(
        and(
          eq(subscriptions.userId, userId),
          eq(subscriptions.status, 'active'),
          gt(subscriptions.currentPeriodEnd, now),
        ),
      )
      .orderBy(desc(plans.rank))
      .limit(1);
    if (paid) return paid;
  }
  const [free] = await db.select(columns).from(plans).where(eq(plans.id, FREE_PLAN_ID)).limit(1);
  if (!free) throw new Error('the Free plan row is missing (migration 0001_plans)');
  return free;
}
