import { env } from 'cloudflare:test';
import type { LeaseResponse } from '@reel/contracts';
import { beforeEach, describe, expect, it } from 'vitest';
import { leaseJob } from '../src/domain/jobs.ts';
import { call, callJson } from './helpers.ts';
import {
  db,
  expireLease,
  jobRow,
  lease,
  problemCode,
  processingVideo,
  retireOtherJobs,
  signed,
  signedJson,
  videoRow,
} from './job-kit.ts';

const TIMING = { visibilityMs: 120_000, backoffMs: 1_000 };

const heartbeat = (jobId: string, leaseToken: number, progress = 50) =>
  signed('POST', `/api/internal/jobs/${jobId}/heartbeat`, { body: { leaseToken, progress } });

const fail = (jobId: string, leaseToken: number, retryable: boolean, code = 'ffmpeg_crashed') =>
  signed('POST', `/api/internal/jobs/${jobId}/fail`, {
    body: { leaseToken, retryable, code, message: `${code} happened` },
  });

beforeEach(retireOtherJobs);

describe('leasing', () => {
  it('never gives one job to two of 20 concurrent leases (5 jobs → 5 distinct leases)', async () => {
    const videos = await Promise.all([1, 2, 3, 4, 5].map(() => processingVideo()));
    const now = Date.now();
    const results = await Promise.all(Array.from({ length: 20 }, () => leaseJob(db(), now, TIMING)));
    const leased = results.filter((j) => j !== null).map((j) => j.id);
    expect(leased).toHaveLength(5);
    expect(new Set(leased)).toEqual(new Set(videos.map((v) => v.jobId)));
  });

  it('leases over HTTP with a fencing token, attempt id and source URL; 204 when nothing is queued', async () => {
    const { jobId, videoId, sourceKey } = await processingVideo();
    const leased = await lease();
    expect(leased.job).toMatchObject({
      id: jobId,
      videoId,
      leaseToken: 1,
      attempt: 1,
      attemptId: `${jobId}-1`,
    });
    expect(leased.job.payload).toEqual({ sourceKey });
    expect(leased.sourceUrl).toMatch(new RegExp(`/api/internal/sources/${videoId}/up\\w+\\?exp=\\d+&sig=`));
    expect((await signed('POST', '/api/internal/jobs/lease')).status).toBe(204);
    expect((await videoRow(videoId))?.progress).toBe(0);
  });

  it('concurrent HTTP leases also never share a job', async () => {
    const videos = await Promise.all([1, 2, 3].map(() => processingVideo()));
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => signed('POST', '/api/internal/jobs/lease')),
    );
    const ids = [];
    for (const res of responses)
      if (res.status === 200) ids.push(((await res.json()) as LeaseResponse).job.id);
    expect(ids.sort()).toEqual(videos.map((v) => v.jobId).sort());
  });

  it('skips (fails) a queued job whose video was deleted meanwhile', async () => {
    const { jobId, videoId, owner } = await processingVideo();
    expect((await call('DELETE', `/api/videos/${videoId}`, { token: owner.token })).status).toBe(204);
    expect((await signed('POST', '/api/internal/jobs/lease')).status).toBe(204);
    expect((await jobRow(jobId))?.state).toBe('failed');
  });
});

describe('heartbeats and expired leases', () => {
  it('extends the lease and shows progress on the video', async () => {
    const { jobId, videoId, owner } = await processingVideo();
    const { job } = await lease();
    const before = (await jobRow(jobId))?.lease_expires_at ?? 0;
    await new Promise((r) => setTimeout(r, 5));
    const res = await signedJson<{ leaseExpiresAt: string }>(
      'POST',
      `/api/internal/jobs/${jobId}/heartbeat`,
      200,
      {
        body: { leaseToken: job.leaseToken, progress: 42 },
      },
    );
    expect(Date.parse(res.leaseExpiresAt)).toBeGreaterThan(before);
    const { video } = await callJson<{ video: { progress: number } }>('GET', `/api/videos/${videoId}`, 200, {
      token: owner.token,
    });
    expect(video.progress).toBe(42);
  });

  it('re-leases an expired lease with a higher token; the old token gets 409 lease_lost', async () => {
    const { jobId, videoId } = await processingVideo();
    const first = await lease();
    await expireLease(jobId);
    // Expired and not yet re-leased: the old holder is already out.
    expect(await problemCode(await heartbeat(jobId, first.job.leaseToken))).toBe('lease_lost');
    const second = await lease();
    expect(second.job).toMatchObject({ id: jobId, leaseToken: first.job.leaseToken + 1, attempt: 2 });
    const stale = await heartbeat(jobId, first.job.leaseToken);
    expect(stale.status).toBe(409);
    expect(await problemCode(stale)).toBe('lease_lost');
    expect(await problemCode(await fail(jobId, first.job.leaseToken, false))).toBe('lease_lost');
    expect((await jobRow(jobId))?.state).toBe('leased');
    expect((await heartbeat(jobId, second.job.leaseToken)).status).toBe(200);
    // The crashed attempt's folder is queued for sweeping.
    const removal = await env.DB.prepare('SELECT due_at FROM media_removals WHERE prefix = ?')
      .bind(`videos/${videoId}/a/${first.job.attemptId}/`)
      .first();
    expect(removal).not.toBeNull();
  });

  it('fails the job and the video when the last attempt’s lease expires', async () => {
    const { jobId, videoId } = await processingVideo();
    for (let i = 0; i < 3; i++) {
      await lease();
      await expireLease(jobId);
    }
    expect((await signed('POST', '/api/internal/jobs/lease')).status).toBe(204);
    expect((await jobRow(jobId))?.state).toBe('failed');
    expect(await videoRow(videoId)).toMatchObject({ status: 'failed', failure_code: 'attempts_exhausted' });
  });
});

describe('failures', () => {
  it('requeues a retryable failure after an exponential backoff, then leases it again', async () => {
    const { jobId, videoId } = await processingVideo();
    const first = await lease();
    const before = Date.now();
    const out = await signedJson<{ state: string; availableAt: string }>(
      'POST',
      `/api/internal/jobs/${jobId}/fail`,
      200,
      {
        body: {
          leaseToken: first.job.leaseToken,
          retryable: true,
          code: 'ffmpeg_crashed',
          message: 'signal 9',
        },
      },
    );
    expect(out.state).toBe('queued');
    // JOB_BACKOFF_S is 1 in tests: attempt 1 waits 1 s.
    expect(Date.parse(out.availableAt) - before).toBeGreaterThanOrEqual(1000);
    expect(Date.parse(out.availableAt) - before).toBeLessThan(3000);
    expect((await signed('POST', '/api/internal/jobs/lease')).status).toBe(204);
    expect((await videoRow(videoId))?.status).toBe('processing');

    await env.DB.prepare('UPDATE jobs SET available_at = ? WHERE id = ?')
      .bind(Date.now() - 1, jobId)
      .run();
    const second = await lease();
    expect(second.job).toMatchObject({ id: jobId, leaseToken: first.job.leaseToken + 1, attempt: 2 });
    const again = await signedJson<{ availableAt: string }>('POST', `/api/internal/jobs/${jobId}/fail`, 200, {
      body: { leaseToken: second.job.leaseToken, retryable: true, code: 'ffmpeg_crashed', message: 'again' },
    });
    // Attempt 2 waits twice as long.
    expect(Date.parse(again.availableAt) - Date.now()).toBeGreaterThan(1500);
  });

  it('fails the video with the reason once retryable attempts are exhausted', async () => {
    const { jobId, videoId, owner } = await processingVideo();
    for (let attempt = 1; attempt <= 3; attempt++) {
      await env.DB.prepare('UPDATE jobs SET available_at = 0 WHERE id = ?').bind(jobId).run();
      const { job } = await lease();
      expect(job.attempt).toBe(attempt);
      const res = await fail(jobId, job.leaseToken, true);
      expect(((await res.json()) as { state: string }).state).toBe(attempt < 3 ? 'queued' : 'failed');
    }
    expect((await jobRow(jobId))?.state).toBe('failed');
    const { video } = await callJson<{
      video: { status: string; failureReason: { code: string; message: string } };
    }>('GET', `/api/videos/${videoId}`, 200, { token: owner.token });
    expect(video.status).toBe('failed');
    expect(video.failureReason.code).toBe('ffmpeg_crashed');
    expect(video.failureReason.message).toContain('after 3 attempts');
  });

  it('fails a non-retryable failure at once, without another attempt', async () => {
    const { jobId, videoId } = await processingVideo();
    const { job } = await lease();
    const out = await signedJson<{ state: string }>('POST', `/api/internal/jobs/${jobId}/fail`, 200, {
      body: {
        leaseToken: job.leaseToken,
        retryable: false,
        code: 'unsupported_source',
        message: 'Not a video',
      },
    });
    expect(out.state).toBe('failed');
    await env.DB.prepare('UPDATE jobs SET available_at = 0 WHERE id = ?').bind(jobId).run();
    expect((await signed('POST', '/api/internal/jobs/lease')).status).toBe(204);
    expect(await videoRow(videoId)).toMatchObject({
      status: 'failed',
      failure_code: 'unsupported_source',
      failure_message: 'Not a video',
    });
    // And it cannot be failed (or anything else) twice.
    expect(await problemCode(await fail(jobId, job.leaseToken, false))).toBe('lease_lost');
  });

  it('validates fail bodies', async () => {
    const { jobId } = await processingVideo();
    const { job } = await lease();
    const res = await signed('POST', `/api/internal/jobs/${jobId}/fail`, {
      body: { leaseToken: job.leaseToken, retryable: 'yes', code: 'Bad Code', message: '' },
    });
    expect(res.status).toBe(400);
  });
});
