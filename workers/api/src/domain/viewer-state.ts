import type { AccountPlan, TitleState } from '@reel/contracts';
import { and, desc, eq, gt } from 'drizzle-orm';
import { type Db, schema } from '../db.ts';
import { findEngageableVideo, iso, type Viewer } from './engagement-video.ts';

const { watchHistory, ratings, watchlist, plans, subscriptions } = schema;

/**
 * The active profile's watchlist entry, rating and position for one title, in one D1 round trip. A
 * title the profile may not see is 404 (as every engagement write), so the answer never reveals one.
 */
export async function titleState(db: Db, viewer: Viewer, videoId: string): Promise<TitleState> {
  await findEngageableVideo(db, viewer, videoId);
  const mine = <T extends typeof watchHistory | typeof ratings | typeof watchlist>(t: T) =>
    and(eq(t.profileId, viewer.profileId), eq(t.videoId, videoId));
  const [listed, rated, watched] = await db.batch([
    db.select({ addedAt: watchlist.addedAt }).from(watchlist).where(mine(watchlist)).limit(1),
    db.select({ score: ratings.score, review: ratings.review }).from(ratings).where(mine(ratings)).limit(1),
    db
      .select({
        positionS: watchHistory.positionS,
        completed: watchHistory.completed,
        updatedAt: watchHistory.updatedAt,
      })
      .from(watchHistory)
      .where(mine(watchHistory))
      .limit(1),
  ]);
  const history = watched[0];
  return {
    onWatchlist: listed.length > 0,
    rating: rated[0] ?? null,
    history: history ? { ...history, updatedAt: iso(history.updatedAt) } : null,
  };
}

const PLAN_COLUMNS = {
  id: plans.id,
  name: plans.name,
  rank: plans.rank,
  maxShortSide: plans.maxShortSide,
  maxConcurrentStreams: plans.maxConcurrentStreams,
  priceCents: plans.priceCents,
  currency: plans.currency,
};

/**
 * The account's plan: its best active, unexpired subscription (the rule playback applies,
 * playback-facts.ts `planOf`), else the implicit Free plan with no subscription.
 */
export async function accountPlan(db: Db, userId: string, now: number): Promise<AccountPlan> {
  const [paid] = await db
    .select({ plan: PLAN_COLUMNS, status: subscriptions.status, end: subscriptions.currentPeriodEnd })
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
  if (paid)
    return { plan: paid.plan, subscription: { status: paid.status, currentPeriodEnd: iso(paid.end) } };
  return { plan: await freePlan(db), subscription: null };
}

/** The implicit plan of accounts without a subscription, and of signed-out viewers (DESIGN.md: rank 0). */
export async function freePlan(db: Db): Promise<AccountPlan['plan']> {
  const [free] = await db.select(PLAN_COLUMNS).from(plans).where(eq(plans.id, 'free')).limit(1);
  if (!free) throw new Error('the Free plan row is missing (migration 0001_plans)');
  return free;
}
