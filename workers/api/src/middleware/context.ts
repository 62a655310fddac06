import { createMiddleware } from 'hono/factory';
import { readConfig } from '../config.ts';
import { createDb } from '../db.ts';
import type { AppEnv } from '../types.ts';

/** Per-request context: request id (echoed as `x-request-id`), clock, parsed config and the database. */
export const context = createMiddleware<AppEnv>(async (c, next) => {
  const requestId = c.req.header('cf-ray') ?? crypto.randomUUID();
  c.set('requestId', requestId);
  c.set('now', Date.now());
  c.set('config', readConfig(c.env));
  c.set('db', createDb(c.env.DB));
  c.set('auth', null);
  await next();
  c.header('x-request-id', requestId);
});
