/**
 * The spine, end to end on the real platform: a creator uploads a file FFmpeg made, a real transcoder
 * process leases the job, builds the ladder and publishes it. A transcoder killed mid-job loses its
 * lease; another one re-leases the job and completes it.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform } from './browser.ts';

const PORT = 8796;
type Video = {
  id: string;
  status: string;
  progress: number | null;
  failureReason: { code: string } | null;
  assetVersion?: string | null;
};

let platform: Awaited<ReturnType<typeof startPlatform>>;
let token: string;
const scratch = mkdtempSync(path.join(tmpdir(), 'reel-pipeline-'));

async function api<T>(method: string, route: string, body?: unknown): Promise<T> {
  const res = await fetch(`${platform.baseUrl}${route}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** A 320×180 test pattern with a tone, made by FFmpeg. */
function makeClip(name: string, seconds = 6): string {
  const file = path.join(scratch, name);
  execFileSync('ffmpeg', [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `testsrc2=size=320x180:rate=24:duration=${seconds}`,
    '-f',
    'lavfi',
    '-i',
    `sine=frequency=440:duration=${seconds}`,
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-c:a',
    'aac',
    '-shortest',
    file,
  ]);
  return file;
}

/** Creates a video and uploads `file` through the signed single-PUT target. */
async function uploadVideo(title: string, file: string): Promise<string> {
  const { video } = await api<{ video: Video }>('POST', '/api/videos', {
    title,
    ageRating: 0,
    visibility: 'public',
  });
  const target = await api<{ putUrl: string }>('POST', `/api/videos/${video.id}/uploads`);
  const bytes = readFileSync(file);
  const res = await fetch(target.putUrl, {
    method: 'PUT',
    body: bytes,
    headers: { 'content-length': String(bytes.length) },
  });
  expect(res.status, await res.clone().text()).toBeLessThan(300);
  return video.id;
}

function startTranscoder(): ChildProcess {
  return spawn('node', ['containers/transcoder/src/main.ts'], {
    stdio: 'ignore',
    env: {
      ...process.env,
      REEL_API_URL: platform.baseUrl,
      SERVICE_SIGNING_KEY: platform.vars.SERVICE_SIGNING_KEY,
      TRANSCODER_WORK_DIR: scratch,
      TRANSCODER_HEARTBEAT_MS: '300',
      TRANSCODER_IDLE_MS: '200',
      TRANSCODER_THREADS: '2',
      REEL_H264_ENCODER: 'libx264',
    },
  });
}

async function waitFor(videoId: string, done: (v: Video) => boolean, timeoutMs = 90_000): Promise<Video> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { video } = await api<{ video: Video }>('GET', `/api/videos/${videoId}`);
    if (done(video)) return video;
    if (Date.now() > deadline) throw new Error(`video ${videoId} still ${JSON.stringify(video)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('upload → transcode → publish on the real platform', () => {
  beforeAll(async () => {
    // Short leases so a killed transcoder's job comes back within seconds.
    platform = await startPlatform(PORT, { JOB_VISIBILITY_S: '3', JOB_BACKOFF_S: '1' });
    const email = `pipeline-${Date.now()}@example.com`;
    const res = await fetch(`${platform.baseUrl}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'correct horse battery', displayName: 'Pipeline' }),
    });
    token = ((await res.json()) as { token: string }).token;
  });
  afterAll(() => {
    platform?.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('publishes an uploaded file as a ready title in the catalog', async () => {
    const videoId = await uploadVideo('Pipeline clip', makeClip('a.mp4'));
    expect((await api<{ video: Video }>('GET', `/api/videos/${videoId}`)).video.status).toBe('processing');
    const transcoder = startTranscoder();
    try {
      const ready = await waitFor(videoId, (v) => v.status === 'ready' || v.status === 'failed');
      expect(ready.status).toBe('ready');
      expect(ready.progress).toBe(100);
      const listed = await api<{ items: { id: string }[] }>('GET', '/api/videos?sort=newest&limit=100');
      expect(listed.items.map((v) => v.id)).toContain(videoId);
    } finally {
      transcoder.kill('SIGKILL');
    }
  }, 120_000);

  it('a transcoder killed mid-job loses the lease; another completes the job', async () => {
    const videoId = await uploadVideo('Crash clip', makeClip('b.mp4', 30));
    const doomed = startTranscoder();
    // Progress from FFmpeg's -progress reaches the API through heartbeats: kill while it is mid-ladder.
    const midway = await waitFor(videoId, (v) => (v.progress ?? 0) > 0, 60_000);
    doomed.kill('SIGKILL');
    expect(midway.status).toBe('processing');
    const rescuer = startTranscoder();
    try {
      const ready = await waitFor(videoId, (v) => v.status === 'ready' || v.status === 'failed', 120_000);
      expect(ready.status).toBe('ready');
    } finally {
      rescuer.kill('SIGKILL');
    }
  }, 180_000);

  it('subtitles added to a ready title publish a new asset version with a WebVTT rendition', async () => {
    const videoId = await uploadVideo('Subtitled clip', makeClip('s.mp4', 4));
    const transcoder = startTranscoder();
    try {
      const first = await waitFor(videoId, (v) => v.status === 'ready' || v.status === 'failed');
      expect(first.status).toBe('ready');
      const srt = '1\n00:00:00,500 --> 00:00:02,000\nHello\n\n2\n00:00:02,500 --> 00:00:03,500\nWorld\n';
      const added = await api<{ retranscoding: boolean }>('POST', `/api/videos/${videoId}/subtitles`, {
        language: 'en',
        label: 'English',
        format: 'srt',
        text: srt,
      });
      expect(added.retranscoding).toBe(true);
      // The old asset stays current (and the title ready) until the new one publishes.
      const second = await waitFor(
        videoId,
        (v) => v.assetVersion !== first.assetVersion || v.status !== 'ready',
      );
      expect(second.status).toBe('ready');
      expect(second.assetVersion).toEqual(expect.any(String));
      const rows = JSON.parse(
        execFileSync(
          'npx',
          [
            'wrangler',
            'd1',
            'execute',
            'DB',
            '--local',
            '--persist-to',
            platform.persistDir,
            '--json',
            '--command',
            `SELECT a.prefix, r.rung_id, r.language FROM assets a JOIN renditions r ON r.asset_id = a.id
             WHERE a.id = '${second.assetVersion}' AND r.kind = 'subtitles'`,
          ],
          { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
        ),
      ) as { results: { prefix: string; rung_id: string; language: string }[] }[];
      expect(rows[0]?.results).toEqual([{ prefix: expect.any(String), rung_id: 'subs-en', language: 'en' }]);
    } finally {
      transcoder.kill('SIGKILL');
    }
  }, 120_000);

  it('a file that is not a video fails with a reason, and nothing is published', async () => {
    const junk = path.join(scratch, 'junk.mp4');
    execFileSync('sh', ['-c', `head -c 200000 /dev/urandom > '${junk}'`]);
    const videoId = await uploadVideo('Junk', junk);
    const transcoder = startTranscoder();
    try {
      const failed = await waitFor(videoId, (v) => v.status === 'ready' || v.status === 'failed');
      expect(failed.status).toBe('failed');
      expect(failed.failureReason?.code).toMatch(/^(unsupported_container|corrupt_source|no_video_stream)$/);
    } finally {
      transcoder.kill('SIGKILL');
    }
  }, 120_000);
});
