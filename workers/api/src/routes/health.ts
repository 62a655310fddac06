import { createRoute, z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import { router } from '../router.ts';
import { ApiError } from '../errors.ts';

const Health = z.object({ ok: z.literal(true), db: z.literal('ok') }).openapi('Health');

export const healthRoutes = router().openapi(
  createRoute({
    method: 'get',
    path: '/health',
    tags: ['health'],
    summary: 'Liveness: 200 when the worker and D1 answer',
    responses: {
      200: { description: 'Healthy', content: { 'application/json': { schema: Health } } },
      503: { description: 'D1 did not answer' },
    },
  }),
  async (c) => {
    try {
      await c.var.db.run(sql`SELECT 1`);
    } catch (err) {
      console.error(
        JSON.stringify({ level: 'error', requestId: c.var.requestId, message: `health: ${String(err)}` }),
      );
      throw new ApiError(503, 'database_unavailable', 'The database did not answer');
    }
    return c.json({ ok: true as const, db: 'ok' as const }, 200);
  },
);
