import { createRoute, z } from '@hono/zod-openapi';
import {
  HistoryEntry,
  HistoryInput,
  HistoryPage,
  PageQuery,
  RatingInput,
  RatingPage,
  RatingView,
  WatchlistItem,
  WatchlistPage,
} from '@reel/contracts';
import { deleteHistory, listHistory, recordPosition } from '../domain/engagement-history.ts';
import { deleteRating, listRatings, rateVideo } from '../domain/engagement-ratings.ts';
import { viewerOf } from '../domain/engagement-video.ts';
import { addToWatchlist, listWatchlist, removeFromWatchlist } from '../domain/engagement-watchlist.ts';
import { requireAuth } from '../middleware/session.ts';
import { router } from '../router.ts';
import { body, idParams, json, problem } from './openapi.ts';
import type { Auth } from '../types.ts';

const VideoParams = idParams('videoId');

const ERRORS = {
  400: problem('`validation_failed`, naming each field'),
  401: problem('`unauthenticated`: sign in first'),
  409: problem('`profile_not_selected`: this session has no active profile'),
};
const WRITE_ERRORS = {
  ...ERRORS,
  404: problem('`not_found`: no such title, or one this profile may not see'),
};

/** The active profile of a signed-in caller (401 / 409 otherwise). */
const viewer = (auth: Auth | null) => viewerOf(requireAuth(auth));

/** A list route on the active profile: `?limit=&cursor=`, newest first. */
const listRoute = <T extends z.ZodType>(path: string, page: T, summary: string) =>
  createRoute({
    method: 'get',
    path,
    tags: ['engagement'],
    summary,
    request: { query: PageQuery },
    responses: { 200: json(page, 'One page, newest first; `nextCursor` null on the last'), ...ERRORS },
  });

/** A route naming one title: PUT records, DELETE forgets (idempotent, 204). */
const titleRoute = <M extends 'put' | 'post' | 'delete'>(method: M, path: string, summary: string) => ({
  method,
  path,
  tags: ['engagement'],
  summary,
});
/** PUT, and POST for `navigator.sendBeacon` (which cannot PUT): one position write, two methods. */
const recordRoute = (method: 'put' | 'post', summary: string, description?: string) =>
  createRoute({
    ...titleRoute(method, '/history/{videoId}', summary),
    description,
    request: { params: VideoParams, body: body(HistoryInput) },
    responses: { 200: json(z.object({ entry: HistoryEntry }), 'Recorded'), ...WRITE_ERRORS },
  });
const deleted = { 204: { description: 'Gone (also when there was nothing to remove)' }, ...ERRORS };

/**
 * Per-profile engagement (mounted at /api/me): history, continue watching, ratings and watchlist, all
 * on the session's active profile. Titles the profile may not see are 404 on writes and absent from
 * every list (domain/engagement-video.ts `visibleTo`).
 */
export const engagementRoutes = router()
  .openapi(listRoute('/history', HistoryPage, 'Watch history'), async (c) => {
    return c.json(await listHistory(c.var.db, viewer(c.var.auth), c.req.valid('query')), 200);
  })
  .openapi(
    listRoute('/continue-watching', HistoryPage, 'Titles started and not finished, most recent first'),
    async (c) => {
      const q = { ...c.req.valid('query'), inProgressOnly: true };
      return c.json(await listHistory(c.var.db, viewer(c.var.auth), q), 200);
    },
  )
  .openapi(recordRoute('put', 'Record the playback position in a title'), async (c) => {
    const { videoId } = c.req.valid('param');
    const v = viewer(c.var.auth);
    const entry = await recordPosition(c.var.db, v, videoId, c.req.valid('json'), c.var.now);
    return c.json({ entry }, 200);
  })
  .openapi(
    recordRoute(
      'post',
      'Record the playback position (the same as PUT, for navigator.sendBeacon)',
      'Players save the position on exit with `navigator.sendBeacon`, which can only POST: it sends the ' +
        'session cookie, an `Origin` header and a Blob body typed `application/json`, so the usual Origin ' +
        'check and JSON validation apply unchanged.',
    ),
    async (c) => {
      const { videoId } = c.req.valid('param');
      const v = viewer(c.var.auth);
      const entry = await recordPosition(c.var.db, v, videoId, c.req.valid('json'), c.var.now);
      return c.json({ entry }, 200);
    },
  )
  .openapi(
    createRoute({
      ...titleRoute('delete', '/history/{videoId}', 'Forget a title from the history'),
      request: { params: VideoParams },
      responses: deleted,
    }),
    async (c) => {
      await deleteHistory(c.var.db, viewer(c.var.auth), c.req.valid('param').videoId);
      return c.body(null, 204);
    },
  )
  .openapi(listRoute('/ratings', RatingPage, 'Ratings given by this profile'), async (c) => {
    return c.json(await listRatings(c.var.db, viewer(c.var.auth), c.req.valid('query')), 200);
  })
  .openapi(
    createRoute({
      ...titleRoute('put', '/ratings/{videoId}', 'Rate a title 1–5, with an optional review'),
      request: { params: VideoParams, body: body(RatingInput) },
      responses: { 200: json(z.object({ rating: RatingView }), 'Saved'), ...WRITE_ERRORS },
    }),
    async (c) => {
      const { videoId } = c.req.valid('param');
      const v = viewer(c.var.auth);
      const rating = await rateVideo(c.var.db, v, videoId, c.req.valid('json'), c.var.now);
      return c.json({ rating }, 200);
    },
  )
  .openapi(
    createRoute({
      ...titleRoute('delete', '/ratings/{videoId}', 'Withdraw a rating'),
      request: { params: VideoParams },
      responses: deleted,
    }),
    async (c) => {
      await deleteRating(c.var.db, viewer(c.var.auth), c.req.valid('param').videoId);
      return c.body(null, 204);
    },
  )
  .openapi(listRoute('/watchlist', WatchlistPage, 'The watchlist, most recently added first'), async (c) => {
    return c.json(await listWatchlist(c.var.db, viewer(c.var.auth), c.req.valid('query')), 200);
  })
  .openapi(
    createRoute({
      ...titleRoute('put', '/watchlist/{videoId}', 'Add a title to the watchlist (idempotent)'),
      request: { params: VideoParams },
      responses: { 200: json(z.object({ item: WatchlistItem }), 'On the watchlist'), ...WRITE_ERRORS },
    }),
    async (c) => {
      const v = viewer(c.var.auth);
      const item = await addToWatchlist(c.var.db, v, c.req.valid('param').videoId, c.var.now);
      return c.json({ item }, 200);
    },
  )
  .openapi(
    createRoute({
      ...titleRoute('delete', '/watchlist/{videoId}', 'Take a title off the watchlist'),
      request: { params: VideoParams },
      responses: deleted,
    }),
    async (c) => {
      await removeFromWatchlist(c.var.db, viewer(c.var.auth), c.req.valid('param').videoId);
      return c.body(null, 204);
    },
  );
