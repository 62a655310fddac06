import { createRoute } from '@hono/zod-openapi';
import { SeriesEnvelope, SeriesInput, SeriesPatch } from '@reel/contracts';
import {
  createSeries,
  deleteSeries,
  seriesForRead,
  seriesForWrite,
  toSeriesView,
  updateSeries,
} from '../domain/series.ts';
import { requireAuth } from '../middleware/session.ts';
import { router } from '../router.ts';
import { body, ERRORS, IdParams, json, NO_CONTENT, errorResponses } from './openapi.ts';
import { genresRoutes } from './genres.ts';
import { seasonsRoutes } from './seasons.ts';

const tags = ['series'];

/**
 * Series (mounted at /api): `/series`, plus `/seasons`, `/episodes` (routes/seasons.ts) and `/genres`
 * (routes/genres.ts), which live at the API root too.
 */
export const seriesRoutes = router()
  .openapi(
    createRoute({
      method: 'post',
      path: '/series',
      tags,
      summary: 'Create a series (on the caller’s default channel when none is named)',
      request: { body: body(SeriesInput) },
      responses: {
        201: json(SeriesEnvelope, 'The new series, with no seasons yet'),
        ...errorResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const auth = requireAuth(c.var.auth);
      const owned = await createSeries(c.var.db, auth, c.req.valid('json'), c.var.now);
      return c.json({ series: await toSeriesView(c.var.db, auth, owned) }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/series/{id}',
      tags,
      summary: 'A series with its seasons and the episodes the caller may see, in order',
      request: { params: IdParams },
      responses: { 200: json(SeriesEnvelope, 'The series'), 400: ERRORS[400], 404: ERRORS[404] },
    }),
    async (c) => {
      const owned = await seriesForRead(c.var.db, c.var.auth, c.req.valid('param').id);
      return c.json({ series: await toSeriesView(c.var.db, c.var.auth, owned) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/series/{id}',
      tags,
      summary: 'Change a series (owner or admin)',
      request: { params: IdParams, body: body(SeriesPatch) },
      responses: {
        200: json(SeriesEnvelope, 'The updated series'),
        ...errorResponses(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const auth = requireAuth(c.var.auth);
      const owned = await seriesForWrite(c.var.db, auth, c.req.valid('param').id);
      const updated = await updateSeries(c.var.db, auth, owned, c.req.valid('json'), c.var.now);
      return c.json({ series: await toSeriesView(c.var.db, auth, updated) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/series/{id}',
      tags,
      summary: 'Delete a series (its videos stay)',
      request: { params: IdParams },
      responses: { 204: NO_CONTENT, 401: ERRORS[401], 403: ERRORS[403], 404: ERRORS[404] },
    }),
    async (c) => {
      const auth = requireAuth(c.var.auth);
      await deleteSeries(c.var.db, await seriesForWrite(c.var.db, auth, c.req.valid('param').id), c.var.now);
      return c.body(null, 204);
    },
  )
  .route('/', seasonsRoutes)
  .route('/', genresRoutes);
