import { env, evictDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { createVideo } from './catalog-fixtures.ts';
import { makeUser } from './helpers.ts';
import { type Cut, MiB, makeBytes, newTarget, runTus, sha256, WorkerStack } from './upload-kit.ts';

/** A seeded generator (mulberry32), so a failing run replays. */
function seeded(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function creatorWithVideo() {
  const owner = await makeUser('creator');
  const video = await createVideo(owner.token);
  return { owner, videoId: video.id };
}

async function storedSha(videoId: string, uploadId: string): Promise<string | null> {
  const object = await env.MEDIA.get(`videos/${videoId}/source/${uploadId}`);
  return object ? sha256(await object.arrayBuffer()) : null;
}

const jobsFor = (videoId: string) =>
  env.DB.prepare('SELECT id, kind, state, payload FROM jobs WHERE video_id = ?').bind(videoId).all();

const videoRow = (videoId: string) =>
  env.DB.prepare('SELECT status, progress, failure_code FROM videos WHERE id = ?').bind(videoId).first();

const temporaries = async (videoId: string) =>
  (await env.MEDIA.list({ prefix: `videos/${videoId}/tmp/` })).objects.length;

// Each test moves 17–21 MiB through workerd's R2: give them room beyond vitest's 5 s default.
describe('tus uploads with the real tus-js-client', { timeout: 30_000 }, () => {
  it('resumes PATCHes cut at random offsets (HEAD) and stores exactly the source bytes', async () => {
    const { owner, videoId } = await creatorWithVideo();
    const file = makeBytes(21 * MiB + 12_345, 7);
    const random = seeded(20261124);
    const cut: Cut = (_offset, size) => (random() < 0.6 ? Math.floor(random() * size) : null);
    const stack = new WorkerStack(cut);
    const target = await newTarget(owner.token, videoId);
    const { url } = await runTus(file, {
      endpoint: target.tusEndpoint,
      chunkSize: 5 * MiB,
      httpStack: stack,
    });

    expect(url).toBe(target.tusEndpoint);
    expect(stack.log.filter((l) => l.startsWith('HEAD')).length).toBeGreaterThan(0);
    expect(await storedSha(videoId, target.uploadId)).toBe(await sha256(file));
    expect(await temporaries(videoId)).toBe(0);
    expect(await videoRow(videoId)).toEqual({ status: 'processing', progress: 0, failure_code: null });
    const jobs = await jobsFor(videoId);
    expect(jobs.results).toHaveLength(1);
    expect(jobs.results[0]).toMatchObject({ id: target.uploadId, kind: 'transcode', state: 'queued' });
    expect(JSON.parse(String(jobs.results[0]?.payload))).toEqual({
      sourceKey: `videos/${videoId}/source/${target.uploadId}`,
      sourceBytes: file.byteLength,
      uploadId: target.uploadId,
    });
  });

  it('resumes after the Durable Object is evicted, from a new client that knows only the URL', async () => {
    const { owner, videoId } = await creatorWithVideo();
    const file = makeBytes(17 * MiB + 3, 11);
    const target = await newTarget(owner.token, videoId);
    // The first client sends data with the creation POST, then dies mid-way through its second PATCH.
    const dying = new WorkerStack((offset) => (offset >= 6 * MiB ? 1_000_000 : null));
    const first = runTus(file, {
      endpoint: target.tusEndpoint,
      chunkSize: 6 * MiB,
      uploadDataDuringCreation: true,
      retryDelays: [],
      httpStack: dying,
    });
    await expect(first).rejects.toThrow(/connection dropped/);
    expect(await videoRow(videoId)).toMatchObject({ status: 'uploading' });
    await evictDurableObject(env.UPLOAD_SESSION.getByName(target.uploadId));

    const stack = new WorkerStack();
    await runTus(file, { uploadUrl: target.tusEndpoint, chunkSize: 6 * MiB, httpStack: stack });
    expect(stack.log[0]).toBe('HEAD 0 0');
    expect(stack.log[1]).toBe(`PATCH ${6 * MiB + 1_000_000} ${6 * MiB}`);
    expect(await storedSha(videoId, target.uploadId)).toBe(await sha256(file));
    expect((await jobsFor(videoId)).results).toHaveLength(1);
  });
});
