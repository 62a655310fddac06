import { env } from 'cloudflare:test';
import { sha256Hex } from '@reel/signing';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  bytesOf,
  expireLease,
  keysUnder,
  lease,
  problemCode,
  processingVideo,
  putObject,
  retireOtherJobs,
  signed,
} from './job-kit.ts';

beforeEach(retireOtherJobs);

async function leased() {
  const v = await processingVideo();
  const { job } = await lease();
  return { ...v, job, prefix: `videos/${v.videoId}/a/${job.attemptId}/` };
}

describe('object ingest (PUT /api/internal/jobs/{id}/objects/{key})', () => {
  it('stores the body under the lease’s attempt folder with its verified sha256', async () => {
    const { jobId, job, prefix } = await leased();
    const data = bytesOf('a CMAF segment');
    const res = await putObject(jobId, job.leaseToken, 'h264-360/seg_0.m4s', data);
    expect(res.status).toBe(201);
    const object = await env.MEDIA.get(`${prefix}h264-360/seg_0.m4s`);
    expect(await object?.text()).toBe('a CMAF segment');
    expect(object?.customMetadata?.sha256).toBe(await sha256Hex(data));
  });

  it('refuses a body that does not match its signed sha256 (422) and leaves nothing in R2', async () => {
    const { jobId, job, prefix } = await leased();
    const res = await signed('PUT', `/api/internal/jobs/${jobId}/objects/seg_1.m4s`, {
      raw: bytesOf('the real bytes'),
      contentSha256: await sha256Hex('other bytes'),
      headers: { 'x-reel-lease-token': String(job.leaseToken) },
    });
    expect(res.status).toBe(422);
    expect(await problemCode(res)).toBe('sha256_mismatch');
    expect(await keysUnder(prefix)).toEqual([]);
  });

  it('requires Content-Length (411) and stores nothing without it', async () => {
    const { jobId, job, prefix } = await leased();
    const text = 'streamed without a length';
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(bytesOf(text));
        c.close();
      },
    });
    const res = await signed('PUT', `/api/internal/jobs/${jobId}/objects/seg_2.m4s`, {
      raw: stream,
      contentSha256: await sha256Hex(text),
      headers: { 'x-reel-lease-token': String(job.leaseToken) },
    });
    expect(res.status).toBe(411);
    expect(await problemCode(res)).toBe('length_required');
    expect(await keysUnder(prefix)).toEqual([]);
  });

  it('refuses keys that could leave the attempt folder (400)', async () => {
    const { jobId, job, prefix } = await leased();
    for (const key of [
      'a%2F..%2F..%2Fsource',
      '%2e%2e%2fx',
      'a%5C..%5Cx',
      '/etc/passwd',
      'a//b',
      'seg%200.m4s',
    ]) {
      const res = await putObject(jobId, job.leaseToken, key, bytesOf('x'));
      expect(res.status, key).toBe(400);
      expect(await problemCode(res), key).toBe('invalid_object_key');
    }
    expect(await keysUnder(prefix)).toEqual([]);
    expect(await keysUnder(`videos/${job.videoId}/`)).toEqual([
      `videos/${job.videoId}/source/${(job.payload.sourceKey as string).split('/').pop()}`,
    ]);
  });

  it('refuses a stale lease (409 lease_lost) and writes nothing for it', async () => {
    const { jobId, job, videoId } = await leased();
    await expireLease(jobId);
    const second = await lease();
    const res = await putObject(jobId, job.leaseToken, 'master.m3u8', bytesOf('#EXTM3U\n'));
    expect(res.status).toBe(409);
    expect(await problemCode(res)).toBe('lease_lost');
    expect(await keysUnder(`videos/${videoId}/a/`)).toEqual([]);
    expect((await putObject(jobId, second.job.leaseToken, 'master.m3u8', bytesOf('#EXTM3U\n'))).status).toBe(
      201,
    );
    expect(await keysUnder(`videos/${videoId}/a/`)).toEqual([
      `videos/${videoId}/a/${second.job.attemptId}/master.m3u8`,
    ]);
  });

  it('requires the lease token header', async () => {
    const { jobId } = await leased();
    const res = await signed('PUT', `/api/internal/jobs/${jobId}/objects/x.m4s`, { raw: bytesOf('x') });
    expect(res.status).toBe(400);
    expect(await problemCode(res)).toBe('lease_token_required');
  });
});
