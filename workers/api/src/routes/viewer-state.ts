import { createRoute } from '@hono/zod-openapi';
import { AccountPlan, TitleState } from '@reel/contracts';
import { viewerOf } from '../domain/engagement-video.ts';
import { accountPlan, titleState } from '../domain/viewer-state.ts';
import { requireAuth } from '../middleware/session.ts';
import { router } from '../router.ts';
import { idParams, json, problem } from './openapi.ts';

const titleStateRoute = createRoute({
  method: 'get',
  path: '/titles/{videoId}',
  tags: ['engagement'],
  summary: 'What the active profile has done with one title: watchlist, rating, position',
  request: { params: idParams('videoId') },
  responses: {
    200: json(TitleState, 'The profile’s state for this title'),
    400: problem('`validation_failed`: malformed id'),
    401: problem('`unauthenticated`: sign in first'),
    404: problem('`not_found`: no such title, or one this profile may not see'),
    409: problem('`profile_not_selected`: this session has no active profile'),
  },
});

const planRoute = createRoute({
  method: 'get',
  path: '/plan',
  tags: ['auth'],
  summary: 'The plan this account streams on (the implicit Free plan without a subscription)',
  responses: {
    200: json(AccountPlan, 'The plan, and the subscription behind it if any'),
    401: problem('`unauthenticated`: sign in first'),
  },
});

/**
 * Per-viewer facts the app's pages need in one request each (mounted at /api/me beside the engagement
 * lists): the title page's state and the account page's plan. Both are private and never cached.
 */
export const viewerStateRoutes = router()
  .openapi(titleStateRoute, async (c) => {
    const viewer = viewerOf(requireAuth(c.var.auth));
    c.header('cache-control', 'private, no-store');
    return c.json(await titleState(c.var.db, viewer, c.req.valid('param').videoId), 200);
  })
  .openapi(planRoute, async (c) => {
    const auth = requireAuth(c.var.auth);
    c.header('cache-control', 'private, no-store');
    return c.json(await accountPlan(c.var.db, auth.user.id, c.var.now), 200);
  });
