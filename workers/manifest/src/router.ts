/**
 * Every media request: parse the path, verify the token, enforce the policy, check revocation on playlists and
 * keys, record CMCD, then serve (DESIGN.md "Playback and enforcement"; docs/PLAYBACK.md).
 */
import { sinkFor } from '@reel/metrics';
import { type KeyRing, parseKeyRing, verifyPlaybackToken } from '@reel/signing';
import { policyOf, refusalFor } from './access.ts';
import { cmcdEvent } from './cmcd.ts';
import { preflight } from './delivery/index.ts';
import { type MediaPath, type MediaResource, parseMediaPath } from './paths.ts';
import { mediaProblem, TOKEN_PROBLEMS } from './problems.ts';
import { sessionState } from './revocation.ts';
import { type ServeContext, serveFile, serveKey, serveMaster, serveMpd, servePlaylist } from './serve.ts';

const rings = new Map<string, KeyRing>();
function keyRing(text: string): KeyRing {
  let ring = rings.get(text);
  if (!ring) {
    ring = parseKeyRing(text);
    rings.set(text, ring);
  }
  return ring;
}

/** Playlists and keys consult the revocation set; segments rely on the token alone (one D1 read per playlist). */
const checksRevocation = (r: MediaResource): boolean =>
  r.kind === 'master' ||
  r.kind === 'mpd' ||
  r.kind === 'key' ||
  (r.kind === 'rendition' && r.file === 'index.m3u8') ||
  (r.kind === 'subs' && r.ext === 'm3u8');

function dispatch(s: ServeContext, m: MediaPath): Promise<Response> {
  const r = m.resource;
  switch (r.kind) {
    case 'master':
      return serveMaster(s);
    case 'mpd':
      return serveMpd(s);
    case 'key':
      return serveKey(s, r.tier);
    case 'rendition':
      return r.file === 'index.m3u8' ? servePlaylist(s, m.path) : serveFile(s, m.path);
    case 'subs':
      return r.ext === 'm3u8' ? servePlaylist(s, m.path) : serveFile(s, m.path);
    case 'thumbs':
      return serveFile(s, m.path);
  }
}

/** Answers one request to the media worker. */
export async function handleMedia(request: Request, env: MediaEnv, ctx: ExecutionContext): Promise<Response> {
  const requestId = request.headers.get('cf-ray') ?? crypto.randomUUID();
  const url = new URL(request.url);
  if (url.pathname === '/v/health') return Response.json({ ok: true, service: 'reel-manifest' });
  const media = parseMediaPath(url.pathname);
  if (!media) return mediaProblem(404, 'not_found', 'No such media route', requestId);
  if (request.method === 'OPTIONS') return preflight(request);
  const verified = await verifyPlaybackToken(
    media.token,
    keyRing(env.PLAYBACK_SIGNING_KEYS),
    Date.now() / 1000,
  );
  if (!verified.ok) {
    const { code, detail } = TOKEN_PROBLEMS[verified.reason];
    return mediaProblem(403, code, detail, requestId);
  }
  const { claims } = verified;
  const policy = policyOf(claims);
  const refusal = refusalFor(media.resource, policy);
  if (refusal) return mediaProblem(refusal.status, refusal.code, refusal.detail, requestId);
  if (checksRevocation(media.resource)) {
    const state = await sessionState(env.DB, claims.sid, claims.sub);
    if (!state.ok)
      return mediaProblem(403, state.code, 'This playback was ended or is no longer allowed', requestId);
  }
  const country = typeof request.cf?.country === 'string' ? request.cf.country : undefined;
  const event = cmcdEvent(request, {
    videoId: claims.sub,
    sessionId: claims.sid,
    path: media.path,
    deviceClass: policy.deviceClass,
    country,
  });
  if (event) ctx.waitUntil(sinkFor(env).record(event));
  const deps = {
    bucket: env.MEDIA,
    cache: caches.default,
    waitUntil: (p: Promise<unknown>) => ctx.waitUntil(p),
  };
  return dispatch(
    {
      request,
      deps,
      db: env.DB,
      mediaKeySecret: env.MEDIA_KEY_SECRET,
      videoId: claims.sub,
      assetVersion: claims.av,
      policy,
      base: media.base,
      requestId,
    },
    media,
  );
}
