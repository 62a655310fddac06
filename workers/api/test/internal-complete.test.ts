import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { callJson } from './helpers.ts';
import {
  complete,
  db,
  expireLease,
  jobRow,
  LADDER,
  lease,
  problemCode,
  processingVideo,
  retireOtherJobs,
  uploadLadder,
  videoRow,
} from './job-kit.ts';

beforeEach(retireOtherJobs);

const assetsOf = (videoId: string) =>
  env.DB.prepare('SELECT id, status, prefix FROM assets WHERE video_id = ? ORDER BY created_at')
    .bind(videoId)
    .all<{ id: string; status: string; prefix: string }>()
    .then((r) => r.results);

async function leasedWithLadder() {
  const v = await processingVideo();
  const { job } = await lease();
  const files = await uploadLadder(v.jobId, job.leaseToken);
  return { ...v, job, files };
}

describe('complete: verify and publish', () => {
  it('publishes the attempt atomically: asset, renditions, current_asset_id, ready, progress 100, job done', async () => {
    const { jobId, videoId, owner, job, files } = await leasedWithLadder();
    const res = await complete(jobId, {
      leaseToken: job.leaseToken,
      attemptId: job.attemptId,
      manifest: { files },
    });
    expect(res.status).toBe(200);
    const { assetId } = (await res.json()) as { assetId: string };
    const video = await videoRow(videoId);
    expect(video).toMatchObject({
      status: 'ready',
      progress: 100,
      current_asset_id: assetId,
      duration_s: 12.5,
    });
    expect(video?.published_at).toBeGreaterThan(0);
    expect(await assetsOf(videoId)).toEqual([
      { id: assetId, status: 'published', prefix: `videos/${videoId}/a/${job.attemptId}/` },
    ]);
    const rungs = await env.DB.prepare(
      'SELECT rung_id, kind, width, height, language FROM renditions WHERE asset_id = ? ORDER BY rung_id',
    )
      .bind(assetId)
      .all();
    expect(rungs.results).toEqual([
      { rung_id: 'aac', kind: 'audio', width: null, height: null, language: 'en' },
      { rung_id: 'h264-360', kind: 'video', width: 640, height: 360, language: null },
    ]);
    expect((await jobRow(jobId))?.state).toBe('done');
    const view = await callJson<{ video: { status: string; progress: number } }>(
      'GET',
      `/api/videos/${videoId}`,
      200,
      {
        token: owner.token,
      },
    );
    expect(view.video).toMatchObject({ status: 'ready', progress: 100 });
  });

  it('refuses a manifest naming a missing file (422) and publishes nothing', async () => {
    const { jobId, videoId, job, files } = await leasedWithLadder();
    const manifest = { files: [...files, { key: 'h264-360/seg_1.m4s', bytes: 3, sha256: 'a'.repeat(64) }] };
    const res = await complete(jobId, { leaseToken: job.leaseToken, attemptId: job.attemptId, manifest });
    expect(res.status).toBe(422);
    const problem = (await res.json()) as { code: string; problems: { key: string; problem: string }[] };
    expect(problem.code).toBe('manifest_mismatch');
    expect(problem.problems).toEqual([{ key: 'h264-360/seg_1.m4s', problem: 'missing' }]);
    expect(await assetsOf(videoId)).toEqual([]);
    expect(await videoRow(videoId)).toMatchObject({ status: 'processing', current_asset_id: null });
    expect((await jobRow(jobId))?.state).toBe('leased');
  });

  it('refuses a wrong size or sha256 (422) and publishes nothing', async () => {
    const { jobId, videoId, job, files } = await leasedWithLadder();
    const wrongSize = files.map((f) => (f.key === 'master.m3u8' ? { ...f, bytes: f.bytes + 1 } : f));
    const r1 = await complete(jobId, {
      leaseToken: job.leaseToken,
      attemptId: job.attemptId,
      manifest: { files: wrongSize },
    });
    expect(r1.status).toBe(422);
    expect(((await r1.json()) as { problems: unknown[] }).problems).toEqual([
      { key: 'master.m3u8', problem: 'size_mismatch' },
    ]);
    const wrongHash = files.map((f) =>
      f.key === 'h264-360/init.mp4' ? { ...f, sha256: 'b'.repeat(64) } : f,
    );
    const r2 = await complete(jobId, {
      leaseToken: job.leaseToken,
      attemptId: job.attemptId,
      manifest: { files: wrongHash },
    });
    expect(await problemCode(r2)).toBe('manifest_mismatch');
    expect(await assetsOf(videoId)).toEqual([]);
    expect((await videoRow(videoId))?.current_asset_id).toBeNull();
  });

  it('a zombie’s complete after a re-lease is 409 lease_lost and never changes current_asset_id', async () => {
    const { jobId, videoId, job: zombie, files: zombieFiles } = await leasedWithLadder();
    await expireLease(jobId);
    const { job: current } = await lease();
    const files = await uploadLadder(jobId, current.leaseToken, {
      ...LADDER,
      'master.m3u8': '#EXTM3U\n# current\n',
    });
    // While the new lease runs, the zombie (whose files are all in place) cannot publish.
    const early = await complete(jobId, {
      leaseToken: zombie.leaseToken,
      attemptId: zombie.attemptId,
      manifest: { files: zombieFiles },
    });
    expect(await problemCode(early)).toBe('lease_lost');
    expect((await videoRow(videoId))?.current_asset_id).toBeNull();
    const ok = await complete(jobId, {
      leaseToken: current.leaseToken,
      attemptId: current.attemptId,
      manifest: { files },
    });
    expect(ok.status).toBe(200);
    const { assetId } = (await ok.json()) as { assetId: string };

    const late = await complete(jobId, {
      leaseToken: zombie.leaseToken,
      attemptId: zombie.attemptId,
      manifest: { files: zombieFiles },
    });
    expect(late.status).toBe(409);
    expect(await problemCode(late)).toBe('lease_lost');
    expect((await videoRow(videoId))?.current_asset_id).toBe(assetId);
    expect((await assetsOf(videoId)).map((a) => a.id)).toEqual([assetId]);
    // The zombie's folder is queued for sweeping; the published one is not.
    const due = await env.DB.prepare('SELECT prefix FROM media_removals WHERE prefix LIKE ?')
      .bind(`videos/${videoId}/a/%`)
      .all<{ prefix: string }>();
    expect(due.results.map((r) => r.prefix)).toEqual([`videos/${videoId}/a/${zombie.attemptId}/`]);
    // A second complete by the current holder changes nothing either.
    const again = await complete(jobId, {
      leaseToken: current.leaseToken,
      attemptId: current.attemptId,
      manifest: { files },
    });
    expect(await problemCode(again)).toBe('lease_lost');
    expect((await videoRow(videoId))?.current_asset_id).toBe(assetId);
  });

  it('a zombie’s complete while its expired lease is not yet re-leased is also 409', async () => {
    const { jobId, videoId, job, files } = await leasedWithLadder();
    await expireLease(jobId);
    const res = await complete(jobId, {
      leaseToken: job.leaseToken,
      attemptId: job.attemptId,
      manifest: { files },
    });
    expect(await problemCode(res)).toBe('lease_lost');
    expect((await videoRow(videoId))?.current_asset_id).toBeNull();
  });

  it('refuses another attempt’s id (422 attempt_mismatch)', async () => {
    const { jobId, job, files } = await leasedWithLadder();
    const res = await complete(jobId, {
      leaseToken: job.leaseToken,
      attemptId: `${jobId}-99`,
      manifest: { files },
    });
    expect(await problemCode(res)).toBe('attempt_mismatch');
  });

  it('a new version supersedes the published asset and queues its folder after a grace period', async () => {
    const first = await leasedWithLadder();
    await complete(first.jobId, {
      leaseToken: first.job.leaseToken,
      attemptId: first.job.attemptId,
      manifest: { files: first.files },
    });
    const oldAsset = (await videoRow(first.videoId))?.current_asset_id;
    const publishedAt = (await videoRow(first.videoId))?.published_at;

    const { enqueueJob } = await import('../src/domain/jobs.ts');
    const { createDb } = await import('../src/db.ts');
    const jobId = await enqueueJob(createDb(env.DB), {
      videoId: first.videoId,
      payload: { sourceKey: first.sourceKey },
      now: Date.now(),
    });
    await env.DB.prepare("UPDATE videos SET status = 'processing' WHERE id = ?").bind(first.videoId).run();
    const { job } = await lease();
    expect(job.id).toBe(jobId);
    const files = await uploadLadder(jobId, job.leaseToken);
    const before = Date.now();
    const res = await complete(jobId, {
      leaseToken: job.leaseToken,
      attemptId: job.attemptId,
      manifest: { files },
    });
    expect(res.status).toBe(200);
    const { assetId } = (await res.json()) as { assetId: string };

    const assets = await assetsOf(first.videoId);
    expect(assets.map((a) => [a.id, a.status])).toEqual([
      [oldAsset, 'superseded'],
      [assetId, 'published'],
    ]);
    const video = await videoRow(first.videoId);
    expect(video).toMatchObject({ current_asset_id: assetId, status: 'ready', published_at: publishedAt });
    const removal = await env.DB.prepare('SELECT due_at FROM media_removals WHERE prefix = ?')
      .bind(`videos/${first.videoId}/a/${first.job.attemptId}/`)
      .first<{ due_at: number }>();
    expect(removal?.due_at).toBeGreaterThanOrEqual(before + 3_600_000);
  });

  it('validates the manifest (master.m3u8 required, unique rungs)', async () => {
    const { jobId, job, files } = await leasedWithLadder();
    const noMaster = files.filter((f) => f.key !== 'master.m3u8');
    const r1 = await complete(jobId, {
      leaseToken: job.leaseToken,
      attemptId: job.attemptId,
      manifest: { files: noMaster },
    });
    expect(r1.status).toBe(400);
    const dupRungs = [
      { rungId: 'aac', kind: 'audio', codecs: 'mp4a.40.2', bandwidth: 1 },
      { rungId: 'aac', kind: 'audio', codecs: 'mp4a.40.2', bandwidth: 2 },
    ];
    const r2 = await complete(jobId, {
      leaseToken: job.leaseToken,
      attemptId: job.attemptId,
      manifest: { files, renditions: dupRungs },
    });
    expect(r2.status).toBe(400);
  });
});

describe('publishAttempt’s own guard (the race after the route’s lease check)', () => {
  it('a stale token passed straight to the batch changes nothing; nor does a second publish by the holder', async () => {
    const { publishAttempt } = await import('../src/domain/publish.ts');
    const { jobId, videoId, job: zombie } = await leasedWithLadder();
    await expireLease(jobId);
    const { job: current } = await lease();
    const manifest = {
      files: [{ key: 'master.m3u8', bytes: 1, sha256: 'c'.repeat(64) }],
      renditions: [{ rungId: 'aac', kind: 'audio' as const, codecs: 'mp4a.40.2', bandwidth: 1 }],
      durationS: 1,
    };
    const input = (leaseToken: number, attemptId: string) => ({
      jobId,
      videoId,
      leaseToken,
      prefix: `videos/${videoId}/a/${attemptId}/`,
      manifest,
      now: Date.now(),
    });
    await expect(publishAttempt(db(), input(zombie.leaseToken, zombie.attemptId))).rejects.toMatchObject({
      code: 'lease_lost',
    });
    expect((await videoRow(videoId))?.current_asset_id).toBeNull();
    expect(await assetsOf(videoId)).toEqual([]);

    const { assetId } = await publishAttempt(db(), input(current.leaseToken, current.attemptId));
    await expect(publishAttempt(db(), input(current.leaseToken, current.attemptId))).rejects.toMatchObject({
      code: 'lease_lost',
    });
    await expect(publishAttempt(db(), input(zombie.leaseToken, zombie.attemptId))).rejects.toMatchObject({
      code: 'lease_lost',
    });
    expect((await videoRow(videoId))?.current_asset_id).toBe(assetId);
    expect((await assetsOf(videoId)).map((a) => [a.id, a.status])).toEqual([[assetId, 'published']]);
  });
});
