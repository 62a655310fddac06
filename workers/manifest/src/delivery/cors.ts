import { problemJson } from '@reel/contracts';

/**
 * CORS for players on other origins (the app, embeds, third-party players). Media URLs carry their token in
 * the path and no cookies, so `*` is safe and, being constant, needs no `Vary: Origin`: one cached response
 * serves every origin. Range and the conditionals are not CORS-safelisted in every form, hence the preflight.
 */
export const CORS_HEADERS: Readonly<Record<string, string>> = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'Content-Length, Content-Range, ETag, Accept-Ranges, Age, x-reel-cache',
  // Resource Timing details (transfer sizes, timings) for the player's throughput estimate and QoE.
  'timing-allow-origin': '*',
  // Lets pages that set Cross-Origin-Embedder-Policy: require-corp load the media too.
  'cross-origin-resource-policy': 'cross-origin',
};

const ALLOWED_METHODS = 'GET, HEAD, OPTIONS';
const ALLOWED_HEADERS = [
  'Range',
  'If-None-Match',
  'If-Modified-Since',
  'If-Range',
  'CMCD-Request',
  'CMCD-Object',
  'CMCD-Status',
  'CMCD-Session',
].join(', ');
/** Browsers cap this (Chromium at 2 h); a day lets the others reuse the preflight. */
const PREFLIGHT_MAX_AGE_S = 86_400;

/** Adds the CORS headers to any media-route response, problem responses included (so players can read the code). */
export function withCors(response: Response): Response {
  const res = new Response(response.body, response);
  for (const [name, value] of Object.entries(CORS_HEADERS)) res.headers.set(name, value);
  return res;
}

/**
 * Answers `OPTIONS` on a media path: 204 allowing GET/HEAD with Range, the conditionals and the CMCD headers
 * (CTA-5004 §2.2); a preflight for any other method is 405. The router calls it before any token check: a
 * preflight carries no credentials and reveals nothing.
 * @example if (request.method === 'OPTIONS') return preflight(request);
 */
export function preflight(request: Request): Response {
  const method = request.headers.get('access-control-request-method');
  const allow = { allow: ALLOWED_METHODS, ...CORS_HEADERS };
  if (method !== null && method !== 'GET' && method !== 'HEAD') {
    const detail = `Media is read with GET or HEAD, not ${method.slice(0, 20)}`;
    return problemJson(
      { status: 405, code: 'method_not_allowed', detail, instance: crypto.randomUUID() },
      allow,
    );
  }
  return new Response(null, {
    status: 204,
    headers: {
      ...allow,
      'access-control-allow-methods': ALLOWED_METHODS,
      'access-control-allow-headers': ALLOWED_HEADERS,
      'access-control-max-age': String(PREFLIGHT_MAX_AGE_S),
    },
  });
}
