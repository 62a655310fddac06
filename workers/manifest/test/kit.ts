import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { parseKeyRing, type PlaybackClaims, signPlaybackToken } from '@reel/signing';
import aac from '../../../packages/hls/src/fixtures/ladder/aac-128/index.m3u8?raw';
import h1080 from '../../../packages/hls/src/fixtures/ladder/h264-1080/index.m3u8?raw';
import h240 from '../../../packages/hls/src/fixtures/ladder/h264-240/index.m3u8?raw';
import h360 from '../../../packages/hls/src/fixtures/ladder/h264-360/index.m3u8?raw';
import h480 from '../../../packages/hls/src/fixtures/ladder/h264-480/index.m3u8?raw';
import h720 from '../../../packages/hls/src/fixtures/ladder/h264-720/index.m3u8?raw';
import master from '../../../packages/hls/src/fixtures/ladder/master.m3u8?raw';
import subs from '../../../packages/hls/src/fixtures/ladder/subs/en.m3u8?raw';
import { handleMedia } from '../src/router.ts';

/** A published title as the transcoder and the API leave it, for the media worker's tests. */

export const ring = parseKeyRing(env.PLAYBACK_SIGNING_KEYS, 'k1');
export const PLAYLISTS: Record<string, string> = {
  'master.m3u8': master,
  'aac-128/index.m3u8': aac,
  'h264-240/index.m3u8': h240,
  'h264-360/index.m3u8': h360,
  'h264-480/index.m3u8': h480,
  'h264-720/index.m3u8': h720,
  'h264-1080/index.m3u8': h1080,
  'subs/en.m3u8': subs,
};
/** Bytes that stand for a segment: the worker never looks inside media files. */
export const segmentBytes = (seed: number, size = 1000) =>
  Uint8Array.from({ length: size }, (_, i) => (i * 31 + seed) & 255);

const id16 = () => crypto.randomUUID().replaceAll('-', '').slice(0, 16);

/** The AES-KW-protected playlists of a protected title name their keys relative to the rung folder. */
const protect = (playlist: string) =>
  playlist.replace(
    '#EXT-X-MAP:URI="init.mp4"\n',
    '#EXT-X-MAP:URI="init.mp4"\n#EXT-X-KEY:METHOD=AES-128,URI="../keys/sd.key"\n',
  );

export interface Title {
  videoId: string;
  av: string;
  sid: string;
  userSessionId: string;
}

/** Rows (user, login session, channel, ready video, asset, playback session) and the ladder in R2. */
export async function seedTitle(opts: { encrypted?: boolean; privileged?: boolean } = {}): Promise<Title> {
  const [userId, channelId, videoId, assetId, userSessionId] = [id16(), id16(), id16(), id16(), id16()];
  const av = `${id16()}-1`;
  const sid = `${id16()}abcdef`;
  const now = Date.now();
  await env.DB.batch([
    env.DB.prepare(
      "INSERT INTO users (id, email, password_hash, display_name, role, created_at, updated_at) VALUES (?1, ?2, 'x', 'T', 'viewer', ?3, ?3)",
    ).bind(userId, `${userId}@example.com`, now),
    env.DB.prepare(
      'INSERT INTO sessions (id, user_id, token_hash, device_label, created_at, last_seen_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6)',
    ).bind(userSessionId, userId, `h${userSessionId}`, 'test', now, now + 86_400_000),
    env.DB.prepare(
      'INSERT INTO channels (id, owner_id, handle, name, created_at) VALUES (?1, ?2, ?3, ?4, ?5)',
    ).bind(channelId, userId, `h${channelId.toLowerCase()}`, 'C', now),
    env.DB.prepare(
      "INSERT INTO videos (id, channel_id, title, visibility, status, protected, duration_s, created_at, updated_at) VALUES (?1, ?2, 'T', 'public', 'ready', ?3, 16, ?4, ?4)",
    ).bind(videoId, channelId, opts.encrypted ? 1 : 0, now),
    env.DB.prepare(
      "INSERT INTO assets (id, video_id, prefix, status, created_at) VALUES (?1, ?2, ?3, 'published', ?4)",
    ).bind(assetId, videoId, `videos/${videoId}/a/${av}/`, now),
    env.DB.prepare(
      'INSERT INTO playback_sessions (id, video_id, asset_id, user_id, auth_session_id, privileged, device_label, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)',
    ).bind(
      sid,
      videoId,
      assetId,
      userId,
      userSessionId,
      opts.privileged ? 1 : 0,
      'test',
      now,
      now + 3_600_000,
    ),
  ]);
  const prefix = `videos/${videoId}/a/${av}/`;
  for (const [path, text] of Object.entries(PLAYLISTS)) {
    const body = opts.encrypted && path.endsWith('/index.m3u8') ? protect(text) : text;
    await env.MEDIA.put(prefix + path, body);
  }
  for (const rung of ['h264-240', 'h264-480', 'h264-720', 'h264-1080', 'aac-128']) {
    await env.MEDIA.put(`${prefix}${rung}/init.mp4`, segmentBytes(1, 64));
    await env.MEDIA.put(`${prefix}${rung}/seg_0.m4s`, segmentBytes(2));
  }
  return { videoId, av, sid, userSessionId };
}

const NOW_S = () => Math.floor(Date.now() / 1000);

/** A token for the title, with a 720p software policy unless overridden. */
export function tokenFor(t: Title, over: Partial<PlaybackClaims> = {}, keys = ring): Promise<string> {
  const now = NOW_S();
  return signPlaybackToken(
    {
      sub: t.videoId,
      av: t.av,
      sid: t.sid,
      iat: now,
      nbf: now,
      exp: now + 3600,
      ms: 720,
      pl: 0,
      dc: 0,
      cs: 1,
      ds: 0,
      en: 0,
      ...over,
    },
    keys,
  );
}

/** Calls the media worker in workerd and waits for its waitUntil work (cache stores, metrics). */
export async function media(
  path: string,
  init: RequestInit & { cf?: { country?: string } } = {},
): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await handleMedia(new Request(`https://media.reel.test${path}`, init), env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

export const codeOf = async (res: Response) => ((await res.json()) as { code: string }).code;
