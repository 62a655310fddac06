/**
 * Delivery of published media: asset files from R2 through the Cache API, answered per RFC 9110 (conditional
 * requests, byte ranges, HEAD) with CORS for players on other origins. Functions take their bindings as
 * arguments; the router (token, policy, revocation) decides WHAT may be served and calls these for HOW.
 *
 * A route serving an asset file:
 * ```ts
 * if (request.method === 'OPTIONS') return preflight(request);
 * const cacheKey = mediaCacheKey(url.host, claims.videoId, claims.assetVersion, path);
 * const loaded = await loadObject({ bucket: env.MEDIA, cache: caches.default, waitUntil: (p) => ctx.waitUntil(p) },
 *   { r2Key: `videos/${claims.videoId}/a/${claims.assetVersion}/${path}`, cacheKey });
 * if (!loaded) return withCors(notFound);
 * return answer(request, loaded.response, { cacheStatus: loaded.hit ? 'hit' : 'miss' });
 * ```
 * A master rewritten per request: `loadText` then
 * `answer(request, representation(rewritten, text.contentType), { cacheStatus, cacheControl: NO_STORE })`.
 */
export { type AnswerOptions, answer } from './answer.ts';
export { isNotModified, rangeStillApplies, type Validators } from './conditional.ts';
export { CORS_HEADERS, preflight, withCors } from './cors.ts';
export { contentTypeFor, mediaCacheKey } from './keys.ts';
export {
  type DeliveryDeps,
  IMMUTABLE,
  type Loaded,
  type LoadedText,
  loadObject,
  loadText,
  NO_STORE,
  type ObjectRef,
  representation,
} from './load.ts';
export { evaluateRange, type RangeRequest } from './range.ts';
