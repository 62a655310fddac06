/**
 * Shared by the end-to-end media tests: a signed-in client of a running platform, FFmpeg-made clips, uploads
 * and a real transcoder process.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { startPlatform } from './browser.ts';

export type Platform = Awaited<ReturnType<typeof startPlatform>>;
export type Video = {
  id: string;
  status: string;
  progress: number | null;
  failureReason: { code: string } | null;
  assetVersion?: string | null;
};

/** A signed-in creator of `platform` (a fresh account). */
export async function signUp(platform: Platform, tag: string) {
  const res = await fetch(`${platform.baseUrl}/api/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: `${tag}-${Date.now()}@example.com`,
      password: 'correct horse battery',
      displayName: tag,
    }),
  });
  if (!res.ok) throw new Error(`signup: ${res.status} ${await res.text()}`);
  const token = ((await res.json()) as { token: string }).token;
  return {
    token,
    async api<T>(method: string, route: string, body?: unknown): Promise<T> {
      const r = await fetch(`${platform.baseUrl}${route}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!r.ok) throw new Error(`${method} ${route}: ${r.status} ${await r.text()}`);
      return (await r.json()) as T;
    },
  };
}
export type Client = Awaited<ReturnType<typeof signUp>>;

/** A test pattern with a tone, made by FFmpeg (H.264 + AAC). */
export function makeClip(dir: string, name: string, opts: { seconds?: number; size?: string } = {}): string {
  const file = path.join(dir, name);
  const seconds = opts.seconds ?? 6;
  execFileSync('ffmpeg', [
    ...['-v', 'error', '-y', '-f', 'lavfi', '-i'],
    `testsrc2=size=${opts.size ?? '320x180'}:rate=24:duration=${seconds}`,
    ...['-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}`],
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', '-shortest', file],
  ]);
  return file;
}

/** Creates a video and uploads `file` through the signed single-PUT target. */
export async function uploadVideo(
  client: Client,
  file: string,
  body: Record<string, unknown>,
): Promise<string> {
  const { video } = await client.api<{ video: Video }>('POST', '/api/videos', {
    ageRating: 0,
    visibility: 'public',
    ...body,
  });
  await uploadInto(client, video.id, file);
  return video.id;
}

/** Uploads `file` into an existing video through its signed single-PUT target. */
export async function uploadInto(client: Client, videoId: string, file: string): Promise<void> {
  const target = await client.api<{ putUrl: string }>('POST', `/api/videos/${videoId}/uploads`);
  const bytes = readFileSync(file);
  const res = await fetch(target.putUrl, {
    method: 'PUT',
    body: bytes,
    headers: { 'content-length': String(bytes.length) },
  });
  if (res.status >= 300) throw new Error(`upload: ${res.status} ${await res.text()}`);
}

/** The real transcoder loop, polling the platform quickly. */
export function startTranscoder(platform: Platform, workDir: string): ChildProcess {
  return spawn('node', ['containers/transcoder/src/main.ts'], {
    stdio: 'ignore',
    env: {
      ...process.env,
      REEL_API_URL: platform.baseUrl,
      SERVICE_SIGNING_KEY: platform.vars.SERVICE_SIGNING_KEY,
      TRANSCODER_WORK_DIR: workDir,
      TRANSCODER_HEARTBEAT_MS: '300',
      TRANSCODER_IDLE_MS: '200',
      TRANSCODER_THREADS: '2',
      REEL_H264_ENCODER: 'libx264',
    },
  });
}

/** Polls the video until `done` says so. */
export async function waitForVideo(
  client: Client,
  videoId: string,
  done: (v: Video) => boolean,
  timeoutMs = 90_000,
): Promise<Video> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { video } = await client.api<{ video: Video }>('GET', `/api/videos/${videoId}`);
    if (done(video)) return video;
    if (Date.now() > deadline) throw new Error(`video ${videoId} still ${JSON.stringify(video)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export const settled = (v: Video) => v.status === 'ready' || v.status === 'failed';
