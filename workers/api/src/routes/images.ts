import { createRoute, z } from '@hono/zod-openapi';
import {
  etagMatches,
  loadPoster,
  publicPosterAsset,
  UNVERSIONED_CACHE,
  VERSIONED_CACHE,
} from '../domain/images.ts';
import { ApiError } from '../errors.ts';
import { router } from '../router.ts';
import { IdParams, problem } from './openapi.ts';

const PosterQuery = z.object({
  v: z
    .string()
    .max(64)
    .optional()
    .openapi({ description: 'the asset version from `posterUrl`; a matching one may be cached for a day' }),
});

const posterRoute = createRoute({
  method: 'get',
  path: '/{id}/poster.jpg',
  tags: ['videos'],
  summary: 'The poster of a ready public or unlisted title (no sign-in; cached by asset version)',
  security: [],
  request: { params: IdParams, query: PosterQuery },
  responses: {
    200: {
      description: 'The poster, with an ETag per asset version',
      content: { 'image/jpeg': { schema: z.string().openapi({ format: 'binary' }) } },
    },
    304: { description: 'Not modified (If-None-Match named the current version)' },
    404: problem('`not_found`: unknown, private, not ready, or no media yet'),
  },
});

const noPoster = () => new ApiError(404, 'not_found', 'This title has no poster');

/**
 * Catalog images (mounted at /api/videos). Public and unlisted titles' posters are served without
 * authentication so cards, Open Graph tags and oEmbed can use them (DESIGN.md "Public contract"); the
 * visibility check runs on every request, so a title made private stops being served at once here.
 */
export const imagesRoutes = router().openapi(posterRoute, async (c) => {
  const { id } = c.req.valid('param');
  const asset = await publicPosterAsset(c.var.db, id);
  if (!asset) throw noPoster();
  const etag = `"${asset.assetId}"`;
  const cacheControl = c.req.valid('query').v === asset.assetId ? VERSIONED_CACHE : UNVERSIONED_CACHE;
  const headers = { etag, 'cache-control': cacheControl, 'x-content-type-options': 'nosniff' };
  if (etagMatches(c.req.header('if-none-match'), etag)) return c.body(null, 304, headers);
  const cacheKey = `${new URL(c.req.url).origin}/__images/posters/${id}/${asset.assetId}.jpg`;
  const deps = {
    bucket: c.env.MEDIA,
    cache: caches.default,
    waitUntil: (p: Promise<unknown>) => c.executionCtx.waitUntil(p),
  };
  const poster = await loadPoster(deps, asset, cacheKey);
  if (!poster) throw noPoster();
  // A plain Response: the typed c.body() only admits the JSON-ish bodies zod-openapi can describe.
  return new Response(poster.body, {
    status: 200,
    headers: { ...headers, 'content-type': 'image/jpeg', 'content-length': String(poster.size) },
  });
});
