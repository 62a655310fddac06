/**
 * What each allowed resource is answered with (DESIGN.md "Caching"): asset files straight from the cache,
 * the master rewritten per request from its cached unfiltered copy, playlists and keys `private, no-store`.
 */
import type { PlaybackPolicy } from '@reel/contracts';
import {
  buildMpd,
  MpdError,
  type MasterPlaylist,
  type MediaPlaylist,
  parsePlaylist,
  rewriteMaster,
  serializeMaster,
} from '@reel/hls';
import { unwrapContentKey } from '@reel/signing';
import { startShortSide } from './access.ts';
import {
  answer,
  type DeliveryDeps,
  loadObject,
  loadText,
  mediaCacheKey,
  NO_STORE,
  representation,
} from './delivery/index.ts';
import { mediaProblem } from './problems.ts';

/** One allowed request, after the token, policy and revocation checks. */
export interface ServeContext {
  request: Request;
  deps: DeliveryDeps;
  db: D1Database;
  mediaKeySecret: string;
  videoId: string;
  assetVersion: string;
  policy: PlaybackPolicy;
  /** `/v/{token}`, for path-absolute URIs in rewritten playlists. */
  base: string;
  requestId: string;
}

const refOf = (s: ServeContext, path: string) => ({
  r2Key: `videos/${s.videoId}/a/${s.assetVersion}/${path}`,
  cacheKey: mediaCacheKey(new URL(s.request.url).host, s.videoId, s.assetVersion, path),
});

const missing = (s: ServeContext) => mediaProblem(404, 'not_found', 'No such media file', s.requestId);

/** An immutable asset file (segment, init, thumbnail, WebVTT), ranges and all. */
export async function serveFile(s: ServeContext, path: string): Promise<Response> {
  const loaded = await loadObject(s.deps, refOf(s, path));
  if (!loaded) return missing(s);
  return answer(s.request, loaded.response, {
    cacheStatus: loaded.hit ? 'hit' : 'miss',
    requestId: s.requestId,
  });
}

async function policyMaster(s: ServeContext): Promise<{ master: MasterPlaylist; hit: boolean } | Response> {
  const text = await loadText(s.deps, refOf(s, 'master.m3u8'));
  if (!text) return missing(s);
  const parsed = parsePlaylist(text.text);
  if (!parsed.ok || parsed.playlist.kind !== 'master')
    throw new Error(`stored master of ${s.videoId} is invalid`);
  const policy = { ...s.policy, startShortSide: startShortSide(s.policy) };
  const rewritten = rewriteMaster(parsed.playlist, policy);
  if (!rewritten.ok) {
    return mediaProblem(
      403,
      'no_playable_rendition',
      'No rendition of this title fits this playback',
      s.requestId,
    );
  }
  return { master: rewritten.playlist, hit: text.hit };
}

/** The master, rewritten for this token's policy (DESIGN.md: cached unfiltered, rewritten per request). */
export async function serveMaster(s: ServeContext): Promise<Response> {
  const out = await policyMaster(s);
  if (out instanceof Response) return out;
  const body = representation(serializeMaster(out.master), 'application/vnd.apple.mpegurl');
  return answer(s.request, body, {
    cacheStatus: out.hit ? 'hit' : 'miss',
    cacheControl: NO_STORE,
    requestId: s.requestId,
  });
}

/**
 * A media playlist. Protected rungs name their key `../keys/{tier}.key` (relative to the rung folder); the
 * public layout never contains `..`, so it becomes path-absolute `/v/{token}/keys/{tier}.key` here.
 */
export async function servePlaylist(s: ServeContext, path: string): Promise<Response> {
  const text = await loadText(s.deps, refOf(s, path));
  if (!text) return missing(s);
  const body = text.text.replace(
    /^(#EXT-X-KEY:.*URI=")\.\.\/keys\/(sd|hd)\.key"/gm,
    (_, head: string, tier: string) => `${head}${s.base}/keys/${tier}.key"`,
  );
  return answer(s.request, representation(body, text.contentType), {
    cacheStatus: text.hit ? 'hit' : 'miss',
    cacheControl: NO_STORE,
    requestId: s.requestId,
  });
}

async function mediaPlaylist(s: ServeContext, uri: string): Promise<[string, MediaPlaylist] | null> {
  const text = await loadText(s.deps, refOf(s, uri));
  const parsed = text && parsePlaylist(text.text);
  return parsed?.ok && parsed.playlist.kind === 'media' ? [uri, parsed.playlist] : null;
}

/** A DASH MPD over the same CMAF segments, for the variants this policy allows (clear titles only). */
export async function serveMpd(s: ServeContext): Promise<Response> {
  const out = await policyMaster(s);
  if (out instanceof Response) return out;
  const uris = [
    ...out.master.variants.map((v) => v.uri),
    ...out.master.renditions.flatMap((r) => (r.type === 'AUDIO' && r.uri ? [r.uri] : [])),
  ];
  const media = new Map((await Promise.all(uris.map((u) => mediaPlaylist(s, u)))).filter((e) => e !== null));
  let mpd: string;
  try {
    mpd = buildMpd({ master: out.master, media });
  } catch (err) {
    if (!(err instanceof MpdError)) throw err;
    return mediaProblem(
      404,
      'dash_unavailable',
      `This title cannot be described as DASH: ${err.message}`,
      s.requestId,
    );
  }
  return answer(s.request, representation(mpd, 'application/dash+xml'), {
    cacheStatus: out.hit ? 'hit' : 'miss',
    cacheControl: NO_STORE,
    requestId: s.requestId,
  });
}

/** An AES-128 content key (RFC 8216bis §5.2: 16 raw bytes), unwrapped only after every check passed. */
export async function serveKey(s: ServeContext, tier: 'sd' | 'hd'): Promise<Response> {
  const row = await s.db
    .prepare('SELECT wrapped FROM media_keys WHERE attempt_id = ?1 AND video_id = ?2 AND tier = ?3')
    .bind(s.assetVersion, s.videoId, tier)
    .first<{ wrapped: string }>();
  const raw = row && (await unwrapContentKey(s.mediaKeySecret, row.wrapped));
  if (!raw) return mediaProblem(404, 'not_found', 'This title has no such key', s.requestId);
  return answer(s.request, representation(raw, 'application/octet-stream'), {
    cacheStatus: 'miss',
    cacheControl: NO_STORE,
    requestId: s.requestId,
  });
}
