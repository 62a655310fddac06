import { createMiddleware } from 'hono/factory';
import { hitRateLimit, RATE_RULES } from '../domain/rate-limit.ts';
import type { AppEnv } from '../types.ts';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Every signed-in write counts against the caller's per-minute write budget (429 `rate_limited`). */
export const writeLimit = createMiddleware<AppEnv>(async (c, next) => {
  const auth = c.var.auth;
  if (auth && WRITES.has(c.req.method)) {
    await hitRateLimit(c.var.db, RATE_RULES.writesPerUser, auth.user.id, c.var.now);
  }
  await next();
});
