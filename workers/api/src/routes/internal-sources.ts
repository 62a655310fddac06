import { parseRange, sourceKey, verifySourceUrl } from '../domain/source-url.ts';
import { ApiError, notFound } from '../errors.ts';
import { router } from '../router.ts';

const SEGMENT = /^[A-Za-z0-9_-]{1,64}$/;

const REASONS = {
  url_expired: 'This source URL has expired; lease again for a fresh one',
  url_invalid: 'This source URL is not valid',
} as const;

/**
 * `GET|HEAD /api/internal/sources/{videoId}/{uploadId}?exp=&sig=`: the source object for a transcoder,
 * with single-range support (RFC 9110 §14). The URL's signature is the only authentication.
 */
export const internalSourcesRoutes = router().get('/:videoId/:uploadId', async (c) => {
  const { videoId, uploadId } = c.req.param();
  if (!SEGMENT.test(videoId) || !SEGMENT.test(uploadId)) throw notFound('Source');
  const check = await verifySourceUrl(c.var.config.SERVICE_SIGNING_KEY, {
    videoId,
    uploadId,
    exp: c.req.query('exp'),
    sig: c.req.query('sig'),
    now: c.var.now,
  });
  if (!check.ok) throw new ApiError(403, check.reason, REASONS[check.reason]);
  const key = sourceKey(videoId, uploadId);
  const head = await c.env.MEDIA.head(key);
  if (!head) throw notFound('Source');
  const size = head.size;
  const range = parseRange(c.req.header('range'), size);
  const headers = new Headers({
    'accept-ranges': 'bytes',
    'content-type': head.httpMetadata?.contentType ?? 'application/octet-stream',
    etag: head.httpEtag,
    'cache-control': 'private, no-store',
  });
  if (range.kind === 'unsatisfiable')
    throw new ApiError(
      416,
      'range_not_satisfiable',
      `The source is ${size} bytes`,
      {},
      {
        'content-range': `bytes */${size}`,
      },
    );
  const partial = range.kind === 'partial';
  const length = partial ? range.length : size;
  headers.set('content-length', String(length));
  if (partial)
    headers.set('content-range', `bytes ${range.offset}-${range.offset + range.length - 1}/${size}`);
  const status = partial ? 206 : 200;
  if (c.req.method === 'HEAD') return new Response(null, { status, headers });
  // Pinned to the etag we measured, so a replaced source cannot answer with another object's bytes.
  const object = await c.env.MEDIA.get(key, {
    onlyIf: { etagMatches: head.etag },
    ...(partial ? { range: { offset: range.offset, length: range.length } } : {}),
  });
  if (!object || !('body' in object)) throw new ApiError(409, 'source_changed', 'The source changed; retry');
  return new Response(object.body, { status, headers });
});
