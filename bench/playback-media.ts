/**
 * The real media worker (workers/manifest) alone under `wrangler dev`, as the primary config so `--var` gives
 * it its secrets (secondary configs of a multi-config `wrangler dev` read theirs from their own .dev.vars,
 * which the bench must not touch). Local D1 is migrated and seeded with one ready title (the rows of
 * workers/manifest/test/kit.ts seedTitle) and local R2 holds a 2-hour 720p media playlist and one segment.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseKeyRing, signPlaybackToken } from '../packages/signing/src/index.ts';
import { run } from '../scripts/lib.ts';
import { freePort, getOk, percentile, type Server, startGroup, tempDir, waitUp } from './playback-lib.ts';

const CONFIG = 'workers/manifest/wrangler.toml';
export const SEGMENTS = 1800;
export const SEGMENT_S = 4;
export const RUNG = 'h264-720';

/** Ids that satisfy the token grammar (sub 16, sid 16–32 of [A-Za-z0-9_-]). */
const IDS = {
  user: 'benchuser0000001',
  session: 'benchlogin000001',
  channel: 'benchchannel0001',
  video: 'BenchVideo000001',
  asset: 'benchasset000001',
  av: 'benchattempt0001-1',
  sid: 'benchplayback0000000001',
};

export interface MediaServer {
  base: string;
  token: string;
  server: Server;
  /** The segment's bytes, written beside the config for nginx as well. */
  segmentFile: string;
}

/** The media playlist of a 2-hour title: fMP4 with an init segment, VOD, 1,800 segments of 4 s. */
export function longPlaylist(): string {
  const head = [
    '#EXTM3U',
    '#EXT-X-VERSION:7',
    `#EXT-X-TARGETDURATION:${SEGMENT_S}`,
    '#EXT-X-MEDIA-SEQUENCE:0',
  ];
  const lines = [
    ...head,
    '#EXT-X-PLAYLIST-TYPE:VOD',
    '#EXT-X-INDEPENDENT-SEGMENTS',
    '#EXT-X-MAP:URI="init.mp4"',
  ];
  for (let i = 0; i < SEGMENTS; i++) lines.push(`#EXTINF:${SEGMENT_S},`, `seg_${i}.m4s`);
  return `${[...lines, '#EXT-X-ENDLIST'].join('\n')}\n`;
}

function seedSql(now: number): string {
  const { user, session, channel, video, asset, av, sid } = IDS;
  const duration = SEGMENTS * SEGMENT_S;
  return [
    `INSERT INTO users (id, email, password_hash, display_name, role, created_at, updated_at) VALUES ('${user}', 'bench@example.com', 'x', 'Bench', 'viewer', ${now}, ${now});`,
    `INSERT INTO sessions (id, user_id, token_hash, device_label, created_at, last_seen_at, expires_at) VALUES ('${session}', '${user}', 'h${session}', 'bench', ${now}, ${now}, ${now + 86_400_000});`,
    `INSERT INTO channels (id, owner_id, handle, name, created_at) VALUES ('${channel}', '${user}', 'benchchannel', 'Bench', ${now});`,
    `INSERT INTO videos (id, channel_id, title, visibility, status, protected, duration_s, created_at, updated_at) VALUES ('${video}', '${channel}', 'Two hours', 'public', 'ready', 0, ${duration}, ${now}, ${now});`,
    `INSERT INTO assets (id, video_id, prefix, status, created_at) VALUES ('${asset}', '${video}', 'videos/${video}/a/${av}/', 'published', ${now});`,
    `INSERT INTO playback_sessions (id, video_id, asset_id, user_id, auth_session_id, privileged, device_label, created_at, expires_at) VALUES ('${sid}', '${video}', '${asset}', '${user}', '${session}', 0, 'bench', ${now}, ${now + 86_400_000});`,
  ].join('\n');
}

const wrangler = (args: string[]) => run('wrangler', [...args, '-c', CONFIG], { stdio: 'ignore' });

/** D1 migrated and seeded, the playlist and a segment of `segmentBytes` random bytes in local R2. */
function seed(dir: string, persist: string, segmentBytes: number): string {
  wrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persist]);
  const sql = path.join(dir, 'seed.sql');
  writeFileSync(sql, seedSql(Date.now()));
  wrangler(['d1', 'execute', 'DB', '--local', '--persist-to', persist, '--file', sql]);
  const playlist = path.join(dir, 'index.m3u8');
  writeFileSync(playlist, longPlaylist());
  // Random bytes: nothing on the path can compress them.
  const segment = path.join(dir, 'www', 'seg_0.m4s');
  writeFileSync(segment, randomBytes(segmentBytes));
  const prefix = `reel-media/videos/${IDS.video}/a/${IDS.av}/${RUNG}`;
  for (const [key, file] of [
    [`${prefix}/index.m3u8`, playlist],
    [`${prefix}/seg_0.m4s`, segment],
  ] as const) {
    wrangler(['r2', 'object', 'put', key, '--local', '--persist-to', persist, '--file', file]);
  }
  return segment;
}

/** A token like the API's for a Free-plan desktop viewer: 720p cap, H.264, software protection. */
async function token(keys: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const claims = { sub: IDS.video, av: IDS.av, sid: IDS.sid, iat: now, nbf: now, exp: now + 6 * 3600 };
  return signPlaybackToken(
    { ...claims, ms: 720, pl: 0, dc: 0, cs: 1, ds: 0, en: 0 },
    parseKeyRing(keys, 'k1'),
  );
}

export async function startMedia(segmentBytes: number): Promise<MediaServer> {
  const dir = tempDir('bench-media');
  mkdirSync(path.join(dir, 'www'));
  const persist = path.join(dir, 'state');
  const segmentFile = seed(dir, persist, segmentBytes);
  const keys = `k1=${randomBytes(32).toString('base64url')}`;
  const [port, inspector] = [await freePort(), await freePort()];
  const vars = [`PLAYBACK_SIGNING_KEYS:${keys}`, `MEDIA_KEY_SECRET:${randomBytes(32).toString('base64url')}`];
  const server = startGroup('wrangler', [
    ...['dev', '-c', CONFIG, '--persist-to', persist, ...vars.flatMap((v) => ['--var', v])],
    ...['--port', String(port), '--inspector-port', String(inspector), '--ip', '127.0.0.1'],
  ]);
  const base = `http://127.0.0.1:${port}/v`;
  await waitUp(`${base}/health`, server);
  return { base, token: await token(keys), server, segmentFile };
}

export interface LatencyFigures {
  p50: number;
  p99: number;
  requests: number;
}

export interface PlaylistResult {
  playlist: LatencyFigures;
  health: LatencyFigures;
  bytes: number;
}

const figures = (ms: number[]): LatencyFigures => ({
  p50: percentile(ms, 50),
  p99: percentile(ms, 99),
  requests: ms.length,
});

/** Alternates playlist and /v/health requests on one keep-alive socket; checks the playlist is the full one. */
export async function timePlaylist(media: MediaServer, opts: { warmup: number; requests: number }) {
  const url = `${media.base}/${media.token}/${RUNG}/index.m3u8`;
  const first = await getOk(url);
  const segments = first.body.toString().match(/^seg_\d+\.m4s$/gm)?.length ?? 0;
  if (segments !== SEGMENTS) throw new Error(`the playlist served has ${segments} segments, not ${SEGMENTS}`);
  const playlist: number[] = [];
  const health: number[] = [];
  for (let i = 0; i < opts.warmup + opts.requests; i++) {
    const p = await getOk(url);
    const h = await getOk(`${media.base}/health`);
    if (i < opts.warmup) continue;
    if (p.headers['x-reel-cache'] !== 'hit') throw new Error('the playlist was not served from the cache');
    playlist.push(p.ms);
    health.push(h.ms);
  }
  return {
    playlist: figures(playlist),
    health: figures(health),
    bytes: first.body.length,
  } satisfies PlaylistResult;
}
