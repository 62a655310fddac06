import { env } from 'cloudflare:test';
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createVideo } from './catalog-fixtures.ts';
import { makeUser } from './helpers.ts';
import { MiB, makeBytes, newTarget, sha256 } from './upload-kit.ts';

const put = (url: string, body: BodyInit, headers: Record<string, string> = {}) =>
  exports.default.fetch(new Request(url, { method: 'PUT', body, headers }));

describe('single signed PUT', () => {
  it('stores the body byte for byte, moves the video to processing and queues one job', async () => {
    const owner = await makeUser('creator');
    const video = await createVideo(owner.token);
    const target = await newTarget(owner.token, video.id);
    const file = makeBytes(6 * MiB + 77, 5);
    const res = await put(target.putUrl, file);
    expect(res.status).toBe(201);
    const stored = await env.MEDIA.get(`videos/${video.id}/source/${target.uploadId}`);
    expect(await sha256(await (stored as R2ObjectBody).arrayBuffer())).toBe(await sha256(file));
    const row = await env.DB.prepare('SELECT status, progress FROM videos WHERE id = ?')
      .bind(video.id)
      .first();
    expect(row).toEqual({ status: 'processing', progress: 0 });
    const jobs = await env.DB.prepare("SELECT state FROM jobs WHERE video_id = ? AND kind = 'transcode'")
      .bind(video.id)
      .all();
    expect(jobs.results).toEqual([{ state: 'queued' }]);
    // The target is spent: a second PUT (or a tus creation) on it is a conflict, not a second job.
    expect((await put(target.putUrl, file)).status).toBe(409);
  });

  it('requires Content-Length (411) and refuses bodies over 95 MB (413)', async () => {
    const owner = await makeUser('creator');
    const video = await createVideo(owner.token);
    const target = await newTarget(owner.token, video.id);
    const stream = new ReadableStream({
      start(c) {
        c.enqueue(new Uint8Array(10));
        c.close();
      },
    });
    expect((await put(target.putUrl, stream)).status).toBe(411);
    const tooBig = await put(target.putUrl, new Uint8Array(target.putMaxBytes + 1));
    expect(tooBig.status).toBe(413);
    expect(((await tooBig.json()) as { code: string }).code).toBe('upload_too_large');
  });
});
