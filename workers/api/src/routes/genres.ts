import { createRoute } from '@hono/zod-openapi';
import { GenreList } from '@reel/contracts';
import { listGenres } from '../domain/catalog.ts';
import { router } from '../router.ts';
import { json } from './openapi.ts';

/** `GET /api/genres`: the genres titles can be filed under (ids used by `?genre=` and video bodies). */
export const genresRoutes = router().openapi(
  createRoute({
    method: 'get',
    path: '/genres',
    tags: ['videos'],
    summary: 'Every genre, by name',
    responses: { 200: json(GenreList, 'The genres') },
  }),
  async (c) => c.json({ genres: await listGenres(c.var.db) }, 200),
);
