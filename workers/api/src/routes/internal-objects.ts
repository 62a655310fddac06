import { ObjectKey } from '@reel/contracts';
import { SERVICE_HEADERS } from '@reel/signing';
import { sql } from 'drizzle-orm';
import { ingestObject } from '../domain/ingest.ts';
import { attemptIdOf, attemptPrefix, leaseLost, requireLease } from '../domain/jobs.ts';
import { ApiError } from '../errors.ts';
import { router } from '../router.ts';

/** The lease an object upload belongs to. */
export const LEASE_TOKEN_HEADER = 'x-reel-lease-token';

/** Largest object one PUT may carry (Workers' request body limit on the smaller plans is 100 MB). */
const MAX_OBJECT_BYTES = 100 * 1024 * 1024;

const OBJECT_PATH = /\/jobs\/([A-Za-z0-9_-]{16})\/objects\/(.*)$/;

const badKey = () =>
  new ApiError(400, 'invalid_object_key', 'Object keys are `/`-separated [A-Za-z0-9._-] segments, no `..`');

/** Key and job from the raw (still percent-encoded) path, so an encoded `/`, `\` or `.` is refused. */
function target(url: string): { jobId: string; key: string } {
  const m = new URL(url).pathname.match(OBJECT_PATH);
  if (!m?.[1] || m[2] === undefined || !ObjectKey.safeParse(m[2]).success) throw badKey();
  return { jobId: m[1], key: m[2] };
}

function leaseTokenOf(header: string | undefined): number {
  const token = Number(header);
  if (!header || !/^\d{1,15}$/.test(header) || token < 1)
    throw new ApiError(400, 'lease_token_required', `Send the lease token in ${LEASE_TOKEN_HEADER}`);
  return token;
}

function contentLengthOf(header: string | undefined): number {
  if (header === undefined) throw new ApiError(411, 'length_required', 'Send Content-Length');
  const length = Number(header);
  if (!/^\d{1,12}$/.test(header) || length > MAX_OBJECT_BYTES)
    throw new ApiError(413, 'object_too_large', `Objects are at most ${MAX_OBJECT_BYTES} bytes`);
  return length;
}

const emptyBody = () => new ReadableStream<Uint8Array>({ start: (c) => c.close() });

/**
 * `PUT /api/internal/jobs/{id}/objects/{key…}`: streams one output file into the lease's attempt folder
 * `videos/{videoId}/a/{attemptId}/{key}`, verifying the signed `x-reel-content-sha256` on the way. The
 * lease is checked before a byte is stored and again after, so a zombie's late write never stays.
 */
export const internalObjectsRoutes = router().put('/:id/objects/*', async (c) => {
  const { db, now } = c.var;
  const { jobId, key } = target(c.req.url);
  const leaseToken = leaseTokenOf(c.req.header(LEASE_TOKEN_HEADER));
  const length = contentLengthOf(c.req.header('content-length'));
  // The service signature already checked that this header is a signed, well-formed hex SHA-256.
  const sha256 = c.req.header(SERVICE_HEADERS.contentSha256) ?? '';
  const job = await requireLease(db, jobId, leaseToken, now);
  const objectKey = attemptPrefix(job.video_id, attemptIdOf(jobId, leaseToken)) + key;
  const contentType = c.req.header('content-type');
  const result = await ingestObject(c.env.MEDIA, {
    key: objectKey,
    body: c.req.raw.body ?? emptyBody(),
    length,
    sha256,
    ...(contentType ? { contentType } : {}),
  });
  if (!result.ok && result.reason === 'sha256_mismatch')
    throw new ApiError(
      422,
      'sha256_mismatch',
      'The body does not match x-reel-content-sha256; nothing was stored',
    );
  if (!result.ok) throw new ApiError(400, 'length_mismatch', 'The body does not match Content-Length');
  const still = await db.get(sql`
    SELECT 1 AS held FROM jobs WHERE id = ${jobId} AND lease_token = ${leaseToken} AND state = 'leased'`);
  if (!still) {
    await c.env.MEDIA.delete(objectKey);
    throw leaseLost();
  }
  return c.json({ key, bytes: result.size, sha256 }, 201);
});
