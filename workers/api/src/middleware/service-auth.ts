import { type NonceStore, type VerifyFailure, verifyServiceRequest } from '@reel/signing';
import { sql } from 'drizzle-orm';
import { createMiddleware } from 'hono/factory';
import type { Db } from '../db.ts';
import { ApiError } from '../errors.ts';
import type { AppEnv } from '../types.ts';

const FAILURES: Record<VerifyFailure, [code: string, detail: string]> = {
  missing_headers: [
    'signature_missing',
    'Send x-reel-timestamp, x-reel-nonce, x-reel-content-sha256 and x-reel-signature',
  ],
  timestamp_skew: ['signature_expired', 'x-reel-timestamp is more than 300 s away from the server clock'],
  bad_signature: ['signature_invalid', 'The signature does not match this request'],
  body_mismatch: ['body_hash_mismatch', 'The body does not match x-reel-content-sha256'],
  replayed: ['nonce_replayed', 'This nonce was already used'],
};

/** Nonces in D1: the insert itself is the check (a duplicate inserts nothing and returns no row). */
export const d1NonceStore = (db: Db): NonceStore => ({
  async claim(nonce, expiresAt) {
    const row = await db.get<{ nonce: string }>(sql`
      INSERT INTO service_nonces (nonce, expires_at) VALUES (${nonce}, ${expiresAt})
      ON CONFLICT (nonce) DO NOTHING RETURNING nonce`);
    return row !== undefined;
  },
});

/**
 * Service requests (transcoders) must be signed with SERVICE_SIGNING_KEY (packages/signing, docs/JOBS.md).
 * The signed path is the request target as received, query included. JSON bodies are hashed here; a PUT
 * (the object ingest) is streamed, so its handler checks the signed `x-reel-content-sha256` while storing.
 */
export const serviceAuth = createMiddleware<AppEnv>(async (c, next) => {
  const url = new URL(c.req.url);
  const streamed = c.req.method === 'PUT';
  const result = await verifyServiceRequest({
    key: c.var.config.SERVICE_SIGNING_KEY,
    method: c.req.method,
    path: url.pathname + url.search,
    headers: c.req.raw.headers,
    ...(streamed ? {} : { body: new Uint8Array(await c.req.arrayBuffer()) }),
    now: c.var.now,
    nonces: d1NonceStore(c.var.db),
  });
  if (!result.ok) {
    const [code, detail] = FAILURES[result.reason];
    throw new ApiError(401, code, detail);
  }
  await next();
});
