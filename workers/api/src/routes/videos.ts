import { createRoute } from '@hono/zod-openapi';
import { CatalogQuery, VideoEnvelope, VideoInput, VideoPage, VideoPatch } from '@reel/contracts';
import { listCatalog } from '../domain/catalog.ts';
import { mayManage } from '../domain/channels.ts';
import { createVideo, deleteVideo, updateVideo } from '../domain/video-writes.ts';
import { toVideoView, videoForRead, videoForWrite } from '../domain/videos.ts';
import { requireAuth } from '../middleware/session.ts';
import { router } from '../router.ts';
import { body, ERRORS, IdParams, json, NO_CONTENT, problem, errorResponses } from './openapi.ts';

const tags = ['videos'];

/** Videos (mounted at /api/videos): the public catalog listing and each title's lifecycle. */
export const videosRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags,
      summary: 'The catalog: ready public titles within the caller’s age limit',
      request: { query: CatalogQuery },
      responses: {
        200: json(VideoPage, 'One page; pass `nextCursor` back as `cursor` for the next'),
        400: problem('`validation_failed` or `invalid_cursor`'),
      },
    }),
    async (c) => c.json(await listCatalog(c.var.db, c.var.auth, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags,
      summary: 'Create a draft video (on the caller’s default channel when none is named)',
      request: { body: body(VideoInput) },
      responses: {
        201: json(VideoEnvelope, 'The new draft'),
        ...errorResponses(400, 401, 403, 404, 429),
      },
    }),
    async (c) => {
      const auth = requireAuth(c.var.auth);
      const video = await createVideo(c.var.db, auth, c.req.valid('json'), c.var.now);
      return c.json({ video: await toVideoView(c.var.db, video) }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      tags,
      summary: 'A video: any status for its owner or an admin; ready public/unlisted titles for others',
      request: { params: IdParams },
      responses: { 200: json(VideoEnvelope, 'The video'), 400: ERRORS[400], 404: ERRORS[404] },
    }),
    async (c) => {
      const { video, ownerId } = await videoForRead(c.var.db, c.var.auth, c.req.valid('param').id);
      const view = await toVideoView(c.var.db, video);
      const manager = c.var.auth !== null && mayManage(c.var.auth, ownerId);
      return c.json({ video: manager ? { ...view, assetVersion: video.currentAssetId } : view }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/{id}',
      tags,
      summary: 'Change a video’s metadata (owner or admin; never its status)',
      request: { params: IdParams, body: body(VideoPatch) },
      responses: {
        200: json(VideoEnvelope, 'The updated video'),
        ...errorResponses(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const auth = requireAuth(c.var.auth);
      const owned = await videoForWrite(c.var.db, auth, c.req.valid('param').id);
      const video = await updateVideo(c.var.db, auth, owned, c.req.valid('json'), c.var.now);
      return c.json({ video: await toVideoView(c.var.db, video) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/{id}',
      tags,
      summary: 'Delete a video; its media is removed after a 7-day grace period',
      request: { params: IdParams },
      responses: { 204: NO_CONTENT, 401: ERRORS[401], 403: ERRORS[403], 404: ERRORS[404] },
    }),
    async (c) => {
      const auth = requireAuth(c.var.auth);
      const owned = await videoForWrite(c.var.db, auth, c.req.valid('param').id);
      await deleteVideo(c.var.db, owned, c.var.now);
      return c.body(null, 204);
    },
  );
