import { createRoute } from '@hono/zod-openapi';
import {
  CompleteInput,
  CompleteResponse,
  FailInput,
  FailResponse,
  HeartbeatInput,
  HeartbeatResponse,
  LeaseResponse,
} from '@reel/contracts';
import type { Config } from '../config.ts';
import {
  attemptIdOf,
  attemptPrefix,
  failJob,
  heartbeatJob,
  type JobRow,
  type JobTiming,
  leaseJob,
  requireLease,
} from '../domain/jobs.ts';
import { leaseContentKeys } from '../domain/content-keys.ts';
import { checkAttemptFiles, publishAttempt } from '../domain/publish.ts';
import { parseSourceKey, signSourceUrl } from '../domain/source-url.ts';
import { leasedSubtitles } from '../domain/subtitles.ts';
import type { Db } from '../db.ts';
import { ApiError } from '../errors.ts';
import { router } from '../router.ts';
import { body, ERRORS, IdParams, json, NO_CONTENT, problem } from './openapi.ts';

const tags = ['internal'];
const iso = (ms: number) => new Date(ms).toISOString();

export const jobTiming = (config: Config): JobTiming => ({
  visibilityMs: Math.round(config.JOB_VISIBILITY_S * 1000),
  backoffMs: Math.round(config.JOB_BACKOFF_S * 1000),
});

const SIGNED = {
  401: problem(
    '`signature_missing`, `signature_expired`, `signature_invalid`, `body_hash_mismatch`, `nonce_replayed`',
  ),
  409: problem('`lease_lost`: the token is not the job’s current lease'),
};

async function leaseView(db: Db, job: JobRow, config: Config, origin: string, now: number) {
  const key = config.SERVICE_SIGNING_KEY;
  const attemptId = attemptIdOf(job.id, job.lease_token);
  const payload = JSON.parse(job.payload) as Record<string, unknown>;
  const source = parseSourceKey(payload.sourceKey);
  const sourceUrl =
    source && source.videoId === job.video_id ? await signSourceUrl(key, { origin, ...source, now }) : null;
  const subtitles = await leasedSubtitles(db, key, { videoId: job.video_id, origin, now });
  const protection = await leaseContentKeys(db, config.MEDIA_KEY_SECRET, {
    videoId: job.video_id,
    attemptId,
    now,
  });
  const leaseExpiresAt = job.lease_expires_at ?? now;
  return {
    job: {
      id: job.id,
      videoId: job.video_id,
      kind: job.kind,
      leaseToken: job.lease_token,
      attempt: job.attempts,
      maxAttempts: job.max_attempts,
      attemptId,
      leaseExpiresAt: iso(leaseExpiresAt),
      payload,
    },
    sourceUrl,
    subtitles,
    protection,
  };
}

/** Transcoder job calls (mounted at /api/internal/jobs behind the service signature; docs/JOBS.md). */
export const internalJobsRoutes = router()
  .openapi(
    createRoute({
      method: 'post',
      path: '/lease',
      tags,
      summary: 'Lease the next job (a queued one, or one whose lease expired)',
      responses: {
        200: json(LeaseResponse, 'A job, its fencing token, a source URL and subtitle URLs'),
        204: NO_CONTENT,
        401: SIGNED[401],
      },
    }),
    async (c) => {
      const { db, now, config } = c.var;
      const job = await leaseJob(db, now, jobTiming(config));
      if (!job) return c.body(null, 204);
      const view = await leaseView(db, job, config, new URL(c.req.url).origin, now);
      return c.json(view, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/heartbeat',
      tags,
      summary: 'Extend the lease and report progress (0–100)',
      request: { params: IdParams, body: body(HeartbeatInput) },
      responses: { 200: json(HeartbeatResponse, 'The new lease end'), 400: ERRORS[400], ...SIGNED },
    }),
    async (c) => {
      const { leaseToken, progress } = c.req.valid('json');
      const jobId = c.req.valid('param').id;
      const input = { jobId, leaseToken, progress, now: c.var.now };
      const { leaseExpiresAt } = await heartbeatJob(c.var.db, input, jobTiming(c.var.config));
      return c.json({ leaseExpiresAt: iso(leaseExpiresAt) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/fail',
      tags,
      summary: 'End the attempt with `{retryable, code, message}`',
      request: { params: IdParams, body: body(FailInput) },
      responses: {
        200: json(FailResponse, 'Requeued with a backoff, or failed'),
        400: ERRORS[400],
        ...SIGNED,
      },
    }),
    async (c) => {
      const input = { ...c.req.valid('json'), jobId: c.req.valid('param').id, now: c.var.now };
      const out = await failJob(c.var.db, input, jobTiming(c.var.config));
      const availableAt = out.availableAt === null ? null : iso(out.availableAt);
      return c.json({ state: out.state, attempts: out.attempts, availableAt }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/complete',
      tags,
      summary: 'Verify the attempt’s files against the manifest and publish it',
      request: { params: IdParams, body: body(CompleteInput) },
      responses: {
        200: json(CompleteResponse, 'Published: the video’s current asset'),
        400: ERRORS[400],
        ...SIGNED,
        422: problem('`attempt_mismatch` or `manifest_mismatch` (with `problems: [{key, problem}]`)'),
      },
    }),
    async (c) => {
      const { db, now } = c.var;
      const jobId = c.req.valid('param').id;
      const { leaseToken, attemptId, manifest } = c.req.valid('json');
      const job = await requireLease(db, jobId, leaseToken, now);
      if (attemptId !== attemptIdOf(jobId, leaseToken))
        throw new ApiError(
          422,
          'attempt_mismatch',
          `This lease's attempt is ${attemptIdOf(jobId, leaseToken)}`,
        );
      const prefix = attemptPrefix(job.video_id, attemptId);
      const problems = await checkAttemptFiles(c.env.MEDIA, prefix, manifest.files);
      if (problems.length > 0) {
        const detail = `${problems.length} manifest file(s) do not match what was ingested`;
        throw new ApiError(422, 'manifest_mismatch', detail, { problems: problems.slice(0, 100) });
      }
      const input = { jobId, videoId: job.video_id, leaseToken, prefix, manifest, now };
      const { assetId } = await publishAttempt(db, input);
      return c.json({ assetId, videoId: job.video_id }, 200);
    },
  );
