import { z } from '@hono/zod-openapi';
import { Timestamp } from './common.ts';

/**
 * `GET /api/me/titles/{videoId}`: what the active profile has done with one title, so a title page can
 * show its watchlist button, the profile's rating and a resume label without paging through lists.
 */
export const TitleState = z
  .object({
    onWatchlist: z.boolean(),
    rating: z.object({ score: z.number().int().min(1).max(5), review: z.string().nullable() }).nullable(),
    history: z.object({ positionS: z.number(), completed: z.boolean(), updatedAt: Timestamp }).nullable(),
  })
  .openapi('TitleState');
export type TitleState = z.infer<typeof TitleState>;

export const PlanView = z
  .object({
    id: z.string().openapi({ example: 'standard' }),
    name: z.string(),
    rank: z.number().int(),
    maxShortSide: z.number().int().openapi({ description: 'highest quality, as the short side (1080 = HD)' }),
    maxConcurrentStreams: z.number().int(),
    priceCents: z.number().int(),
    currency: z.string(),
  })
  .openapi('Plan');
export type PlanView = z.infer<typeof PlanView>;

/**
 * `GET /api/me/plan`: the plan the account streams on. Without an active subscription that is the implicit
 * Free plan and `subscription` is null (DESIGN.md "Plans").
 */
export const AccountPlan = z
  .object({
    plan: PlanView,
    subscription: z
      .object({ status: z.enum(['active', 'canceled', 'past_due']), currentPeriodEnd: Timestamp })
      .nullable(),
  })
  .openapi('AccountPlan');
export type AccountPlan = z.infer<typeof AccountPlan>;
