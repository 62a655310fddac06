import { createRoute, z } from '@hono/zod-openapi';
import {
  Id,
  SubtitleInput,
  SubtitleLanguage,
  SubtitleTrackEnvelope,
  SubtitleTrackList,
} from '@reel/contracts';
import { deleteTrack, listTracks, putTrack } from '../domain/subtitles.ts';
import { videoForRead, videoForWrite } from '../domain/videos.ts';
import { requireAuth } from '../middleware/session.ts';
import { router } from '../router.ts';
import { body, ERRORS, IdParams, json, NO_CONTENT, problem, errorResponses } from './openapi.ts';

const tags = ['subtitles'];

const LanguageParams = z.object({
  id: Id.openapi({ param: { name: 'id', in: 'path' } }),
  language: SubtitleLanguage.openapi({ param: { name: 'language', in: 'path' } }),
});

/** Subtitle tracks of a video (mounted at /api/videos; issue 3 "Subtitles"). */
export const subtitlesRoutes = router()
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/subtitles',
      tags,
      summary: 'Add or replace the subtitles of one language (SRT or WebVTT; owner or admin)',
      description:
        'Stored as given and rendered to WebVTT by the next transcode. On a ready title a new transcode ' +
        'starts at once; the current asset plays until the new one is published.',
      request: { params: IdParams, body: body(SubtitleInput) },
      responses: {
        201: json(SubtitleTrackEnvelope, 'The stored track'),
        400: problem('`validation_failed`, or `invalid_subtitles` naming the line (`line`)'),
        ...errorResponses(401, 403, 404, 429),
      },
    }),
    async (c) => {
      const auth = requireAuth(c.var.auth);
      const { video } = await videoForWrite(c.var.db, auth, c.req.valid('param').id);
      const out = await putTrack(c.var.db, c.env.MEDIA, video, c.req.valid('json'), c.var.now);
      return c.json(out, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}/subtitles',
      tags,
      summary: 'The subtitle tracks of a video anyone who may read it can see',
      request: { params: IdParams },
      responses: { 200: json(SubtitleTrackList, 'Tracks by language'), 400: ERRORS[400], 404: ERRORS[404] },
    }),
    async (c) => {
      const { video } = await videoForRead(c.var.db, c.var.auth, c.req.valid('param').id);
      return c.json({ tracks: await listTracks(c.var.db, video.id) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/{id}/subtitles/{language}',
      tags,
      summary: 'Remove the subtitles of one language (owner or admin); a ready title is re-transcoded',
      request: { params: LanguageParams },
      responses: {
        204: NO_CONTENT,
        ...errorResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const auth = requireAuth(c.var.auth);
      const { id, language } = c.req.valid('param');
      const { video } = await videoForWrite(c.var.db, auth, id);
      await deleteTrack(c.var.db, c.env.MEDIA, video, language, c.var.now);
      return c.body(null, 204);
    },
  );
