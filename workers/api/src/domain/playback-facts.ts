/** The D1 facts a playback decision is made from: the title with its plan and asset, and the viewer's plan. */
import { eq } from 'drizzle-orm';
import { type Db, schema } from '../db.ts';
import type { PlanFacts, TitleFacts } from './entitlement.ts';
import { accountPlan, freePlan } from './viewer-state.ts';

const { videos, channels, plans, assets } = schema;

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

/** The viewer's plan: the account's (its best active subscription, else Free), Free when signed out. */
export async function planOf(db: Db, userId: string | null, now: number): Promise<PlanFacts> {
  return userId === null ? freePlan(db) : (await accountPlan(db, userId, now)).plan;
}
