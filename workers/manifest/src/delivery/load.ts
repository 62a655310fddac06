import { contentTypeFor } from './keys.ts';

/** What loading needs: the media bucket, the cache (`caches.default`) and the request's `waitUntil`. */
export interface DeliveryDeps {
  bucket: R2Bucket;
  cache: Cache;
  waitUntil: (promise: Promise<unknown>) => void;
}

/** Where an asset file lives in R2 and under which key it is cached (`mediaCacheKey`). */
export interface ObjectRef {
  r2Key: string;
  cacheKey: string;
}

/** A full 200 representation of an asset file and whether it came from the cache. */
export interface Loaded {
  response: Response;
  hit: boolean;
}

/** Asset paths are versioned, so a stored file never changes under its key (DESIGN.md "Caching"). */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * The full 200 of an asset file: from the Cache API on a hit; on a miss the WHOLE object from R2 (never
 * a ranged read, even for a Range request: the caller slices the range and the complete 200 is stored in
 * `waitUntil`, so the next request of any range is a hit). Null when R2 has no such object.
 * @example const loaded = await loadObject({ bucket: env.MEDIA, cache: caches.default, waitUntil }, ref);
 */
export async function loadObject(deps: DeliveryDeps, ref: ObjectRef): Promise<Loaded | null> {
  const cached = await matchCache(deps.cache, ref.cacheKey);
  if (cached) return { response: cached, hit: true };
  const object = await deps.bucket.get(ref.r2Key);
  if (object === null) return null;
  const response = new Response(object.body, { status: 200, headers: objectHeaders(object, ref.r2Key) });
  deps.waitUntil(
    deps.cache.put(ref.cacheKey, response.clone()).catch((err: unknown) => {
      // A failed store only costs the next request a trip to R2.
      console.warn('media cache put failed', ref.cacheKey, String(err));
    }),
  );
  return { response, hit: false };
}

/** A cache that fails (or does nothing, as on workers.dev) is a miss, never an error. */
async function matchCache(cache: Cache, key: string): Promise<Response | undefined> {
  try {
    return await cache.match(key);
  } catch (err) {
    console.warn('media cache match failed', key, String(err));
    return undefined;
  }
}

function objectHeaders(object: R2Object, r2Key: string): Headers {
  return new Headers({
    'content-type': contentTypeFor(r2Key),
    'content-length': String(object.size),
    etag: object.httpEtag,
    'last-modified': object.uploaded.toUTCString(),
    'cache-control': IMMUTABLE,
  });
}

/** A text file (a playlist) read through the same cache, with the validators of the stored copy. */
export interface LoadedText {
  text: string;
  contentType: string;
  etag: string | null;
  hit: boolean;
}

/**
 * Reads a text asset through the cache, e.g. the unfiltered master that is rewritten per request
 * (DESIGN.md "Caching"). Null when R2 has no such object.
 * @example const master = await loadText(deps, { r2Key: `${prefix}/master.m3u8`, cacheKey });
 */
export async function loadText(deps: DeliveryDeps, ref: ObjectRef): Promise<LoadedText | null> {
  const loaded = await loadObject(deps, ref);
  if (!loaded) return null;
  const { headers } = loaded.response;
  return {
    // Decoded by hand: workerd warns on .text() of a body whose type is not text/* (playlists are not).
    text: new TextDecoder().decode(await loaded.response.arrayBuffer()),
    contentType: headers.get('content-type') ?? contentTypeFor(ref.r2Key),
    etag: headers.get('etag'),
    hit: loaded.hit,
  };
}

/**
 * A full 200 for bytes made per request (a rewritten master, an unwrapped key), to pass to `answer` with a
 * `cacheControl` of `private, no-store`. It has no validators: a rewritten body must not borrow the
 * stored file's ETag.
 * @example answer(request, representation(rewritten, master.contentType), { cacheStatus, cacheControl: NO_STORE })
 */
export function representation(body: string | Uint8Array, contentType: string): Response {
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  return new Response(bytes, {
    status: 200,
    headers: { 'content-type': contentType, 'content-length': String(bytes.byteLength) },
  });
}

/** For responses made for one viewer: rewritten masters and keys (DESIGN.md "Caching"). */
export const NO_STORE = 'private, no-store';
