/**
 * The spine, end to end on the real platform: a creator uploads a file FFmpeg made, a real transcoder
 * process leases the job, builds the ladder and publishes it. A transcoder killed mid-job loses its
 * lease; another one re-leases the job and completes it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform } from './browser.ts';
import {
  type Client,
  makeClip as makeClipIn,
  type Platform,
  signUp,
  startTranscoder as startTranscoderIn,
  uploadVideo as upload,
  type Video,
  waitForVideo,
} from './media-kit.ts';

const PORT = 8796;

let platform: Platform;
let client: Client;
const scratch = mkdtempSync(path.join(tmpdir(), 'reel-pipeline-'));
const api = <T>(method: string, route: string, body?: unknown) => client.api<T>(method, route, body);
const makeClip = (name: string, seconds = 6) => makeClipIn(scratch, name, { seconds });
const uploadVideo = (title: string, file: string) => upload(client, file, { title });
const startTranscoder = () => startTranscoderIn(platform, scratch);
const waitFor = (videoId: string, done: (v: Video) => boolean, timeoutMs?: number) =>
  waitForVideo(client, videoId, done, timeoutMs);

describe('upload → transcode → publish on the real platform', () => {
  beforeAll(async () => {
    // Short leases so a killed transcoder's job comes back within seconds.
    platform = await startPlatform(PORT, { JOB_VISIBILITY_S: '3', JOB_BACKOFF_S: '1' });
    client = await signUp(platform, 'pipeline');
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
    // Progress from FFmpeg's -progress reaches the API through heartbeats; past 5 % the download is done
    // and the encode has started (containers/transcoder/src/progress.ts): kill while it is mid-ladder.
    const midway = await waitFor(videoId, (v) => (v.progress ?? 0) > 5, 60_000);
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
