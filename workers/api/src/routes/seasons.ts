import { createRoute } from '@hono/zod-openapi';
import { EpisodeEnvelope, EpisodeInput, SeasonEnvelope, SeasonInput, SeasonPatch } from '@reel/contracts';
import {
  createEpisode,
  createSeason,
  deleteEpisode,
  deleteSeason,
  seasonForWrite,
  updateSeason,
} from '../domain/seasons.ts';
import { seriesForWrite, toSeasonView } from '../domain/series.ts';
import { requireAuth } from '../middleware/session.ts';
import { router } from '../router.ts';
import { body, ERRORS, IdParams, json, NO_CONTENT } from './openapi.ts';

const tags = ['series'];
const WRITE_ERRORS = { 400: ERRORS[400], 401: ERRORS[401], 403: ERRORS[403], 404: ERRORS[404] };

/** Seasons and episodes of a series (mounted at /api through routes/series.ts). */
export const seasonsRoutes = router()
  .openapi(
    createRoute({
      method: 'post',
      path: '/series/{id}/seasons',
      tags,
      summary: 'Add a season; numbers are unique within a series',
      request: { params: IdParams, body: body(SeasonInput) },
      responses: { 201: json(SeasonEnvelope, 'The new season'), ...WRITE_ERRORS, 409: ERRORS[409] },
    }),
    async (c) => {
      const auth = requireAuth(c.var.auth);
      const owned = await seriesForWrite(c.var.db, auth, c.req.valid('param').id);
      const season = await createSeason(c.var.db, owned, c.req.valid('json'), c.var.now);
      return c.json({ season: toSeasonView(season) }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/seasons/{id}',
      tags,
      summary: 'Renumber or retitle a season',
      request: { params: IdParams, body: body(SeasonPatch) },
      responses: {
        200: json(SeasonEnvelope, 'The season (without episodes)'),
        ...WRITE_ERRORS,
        409: ERRORS[409],
      },
    }),
    async (c) => {
      const auth = requireAuth(c.var.auth);
      const owned = await seasonForWrite(c.var.db, auth, c.req.valid('param').id);
      const season = await updateSeason(c.var.db, owned, c.req.valid('json'));
      return c.json({ season: toSeasonView(season) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/seasons/{id}',
      tags,
      summary: 'Delete a season and its episodes (the videos stay)',
      request: { params: IdParams },
      responses: { 204: NO_CONTENT, ...WRITE_ERRORS },
    }),
    async (c) => {
      const auth = requireAuth(c.var.auth);
      await deleteSeason(c.var.db, await seasonForWrite(c.var.db, auth, c.req.valid('param').id));
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/seasons/{id}/episodes',
      tags,
      summary: 'Add one of the series owner’s videos as an episode',
      request: { params: IdParams, body: body(EpisodeInput) },
      responses: { 201: json(EpisodeEnvelope, 'The new episode'), ...WRITE_ERRORS, 409: ERRORS[409] },
    }),
    async (c) => {
      const auth = requireAuth(c.var.auth);
      const owned = await seasonForWrite(c.var.db, auth, c.req.valid('param').id);
      const episode = await createEpisode(c.var.db, auth, owned, c.req.valid('json'), c.var.now);
      return c.json({ episode }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/episodes/{id}',
      tags,
      summary: 'Remove an episode from its season (the video stays)',
      request: { params: IdParams },
      responses: { 204: NO_CONTENT, ...WRITE_ERRORS },
    }),
    async (c) => {
      await deleteEpisode(c.var.db, requireAuth(c.var.auth), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
