import { sql } from 'drizzle-orm';
import type { Db } from '../db.ts';
import { ApiError } from '../errors.ts';
import { newId } from '../ids.ts';
import { batchSql } from './d1.ts';

/**
 * Transcode jobs as D1 rows with a lease (DESIGN.md "Transcode", docs/JOBS.md). D1 has no interactive
 * transactions, so every transition is ONE conditional statement, or one `batch` (a single SQLite
 * transaction) whose statements all carry the same lease guard.
 */

export type JobTiming = {
  /** Lease length (visibility timeout). */
  visibilityMs: number;
  /** Backoff base: a retryable failure of attempt n waits base · 2^(n-1). */
  backoffMs: number;
};

/** Attempt folders of failed or abandoned attempts stay this long, so late readers and writers finish. */
export const SWEEP_GRACE_MS = 60 * 60_000;

export type JobRow = {
  id: string;
  video_id: string;
  kind: string;
  state: 'queued' | 'leased' | 'done' | 'failed';
  attempts: number;
  max_attempts: number;
  lease_token: number;
  lease_expires_at: number | null;
  available_at: number;
  payload: string;
};

/** An attempt is bound to its lease: the same job and token always name the same folder. */
export const attemptIdOf = (jobId: string, leaseToken: number): string => `${jobId}-${leaseToken}`;

/** Where an attempt's outputs live in R2 (DESIGN.md "Transcode"). */
export const attemptPrefix = (videoId: string, attemptId: string): string =>
  `videos/${videoId}/a/${attemptId}/`;

export const leaseLost = () =>
  new ApiError(
    409,
    'lease_lost',
    'This lease is no longer current: the job was re-leased, finished or expired',
  );

/** The SQL for a job's attempt folder, matching `attemptPrefix(video_id, attemptIdOf(id, lease_token))`. */
const ATTEMPT_PREFIX_SQL = sql.raw(`'videos/' || video_id || '/a/' || id || '-' || lease_token || '/'`);

/** The guard every lease-holder call carries: this job, this token, still leased and not expired. */
const held = (jobId: string, leaseToken: number, now: number) =>
  sql`id = ${jobId} AND lease_token = ${leaseToken} AND state = 'leased' AND lease_expires_at > ${now}`;

/** Queues a job (the upload engineer's completion calls this). Returns the job id. */
export async function enqueueJob(
  db: Db,
  input: { videoId: string; kind?: string; payload: Record<string, unknown>; now: number },
): Promise<string> {
  const id = newId();
  await db.run(sql`
    INSERT INTO jobs (id, video_id, kind, state, available_at, payload, created_at, updated_at)
    VALUES (${id}, ${input.videoId}, ${input.kind ?? 'transcode'}, 'queued', ${input.now},
            ${JSON.stringify(input.payload)}, ${input.now}, ${input.now})`);
  return id;
}

/**
 * Leases the oldest available job: a queued one whose backoff is over, or one whose lease expired (its
 * transcoder crashed). The lease itself is ONE `UPDATE … WHERE id = (SELECT …) RETURNING`, so two
 * concurrent callers can never get the same job; the fencing token `lease_token` grows by one each time.
 * The same batch first queues the folders of expired attempts for sweeping and fails jobs whose expired
 * attempt was their last.
 */
export async function leaseJob(db: Db, now: number, timing: JobTiming): Promise<JobRow | null> {
  const expired = sql`state = 'leased' AND lease_expires_at <= ${now}`;
  const [, , , , leased] = await batchSql(db, [
    // A video deleted after its upload completed is not transcoded (uploads leave that to the consumer).
    sql`
      UPDATE jobs SET state = 'failed', last_error = 'video_deleted', updated_at = ${now}
      WHERE state = 'queued' AND video_id IN (SELECT id FROM videos WHERE status = 'deleted')`,
    sql`
      INSERT INTO media_removals (prefix, due_at)
      SELECT ${ATTEMPT_PREFIX_SQL}, ${now + SWEEP_GRACE_MS} FROM jobs WHERE ${expired}
      ON CONFLICT (prefix) DO NOTHING`,
    sql`
      UPDATE videos SET status = 'failed', failure_code = 'attempts_exhausted',
        failure_message = 'The transcoder stopped responding on every attempt', progress = NULL,
        updated_at = ${now}
      WHERE status NOT IN ('deleted', 'ready')
        AND id IN (SELECT video_id FROM jobs WHERE ${expired} AND attempts >= max_attempts)`,
    sql`
      UPDATE jobs SET state = 'failed', lease_expires_at = NULL, updated_at = ${now},
        last_error = 'attempts_exhausted: the lease expired on the last attempt'
      WHERE ${expired} AND attempts >= max_attempts`,
    sql`
      UPDATE jobs SET state = 'leased', lease_token = lease_token + 1, attempts = attempts + 1,
        lease_expires_at = ${now + timing.visibilityMs}, progress = 0, updated_at = ${now}
      WHERE id = (
        SELECT id FROM jobs
        WHERE (state = 'queued' AND available_at <= ${now}) OR (${expired})
        ORDER BY available_at, created_at LIMIT 1)
      RETURNING id, video_id, kind, state, attempts, max_attempts, lease_token, lease_expires_at,
        available_at, payload`,
  ]);
  const job = leased?.[0] as JobRow | undefined;
  if (!job) return null;
  await db.run(sql`UPDATE videos SET progress = 0 WHERE id = ${job.video_id} AND status = 'processing'`);
  return job;
}

/** The job, if `leaseToken` is its current, unexpired lease; otherwise 409 `lease_lost`. */
export async function requireLease(db: Db, jobId: string, leaseToken: number, now: number): Promise<JobRow> {
  const job = await db.get<JobRow>(sql`SELECT * FROM jobs WHERE ${held(jobId, leaseToken, now)}`);
  if (!job) throw leaseLost();
  return job;
}

/** Extends the lease and records progress (0–100) on the job and its video, or 409 `lease_lost`. */
export async function heartbeatJob(
  db: Db,
  input: { jobId: string; leaseToken: number; progress: number; now: number },
  timing: JobTiming,
): Promise<{ leaseExpiresAt: number }> {
  const { jobId, leaseToken, progress, now } = input;
  const guard = held(jobId, leaseToken, now);
  const [, rows] = await batchSql(db, [
    sql`
      UPDATE videos SET progress = ${progress}
      WHERE id = (SELECT video_id FROM jobs WHERE ${guard}) AND status = 'processing'`,
    sql`
      UPDATE jobs SET lease_expires_at = ${now + timing.visibilityMs}, progress = ${progress},
        updated_at = ${now}
      WHERE ${guard} RETURNING lease_expires_at`,
  ]);
  const row = rows?.[0] as { lease_expires_at: number } | undefined;
  if (!row) throw leaseLost();
  return { leaseExpiresAt: row.lease_expires_at };
}

export type FailOutcome = { state: 'queued' | 'failed'; attempts: number; availableAt: number | null };

/**
 * Ends an attempt that failed. Retryable failures requeue the job after a backoff until its attempts are
 * spent; a non-retryable one (corrupt or unsupported source) or the last attempt fails the job and the
 * video with `{code, message}`. The attempt's folder is queued for sweeping either way. A `ready` title
 * (re-transcoded, e.g. for new subtitles) stays ready on its published asset; the job keeps the error.
 */
export async function failJob(
  db: Db,
  input: {
    jobId: string;
    leaseToken: number;
    retryable: boolean;
    code: string;
    message: string;
    now: number;
  },
  timing: JobTiming,
): Promise<FailOutcome> {
  const { jobId, leaseToken, code, message, now } = input;
  const guard = held(jobId, leaseToken, now);
  const retry = input.retryable ? 1 : 0;
  const requeue = sql`(${retry} = 1 AND attempts < max_attempts)`;
  const [, , rows] = await batchSql(db, [
    sql`
      INSERT INTO media_removals (prefix, due_at)
      SELECT ${ATTEMPT_PREFIX_SQL}, ${now + SWEEP_GRACE_MS} FROM jobs WHERE ${guard}
      ON CONFLICT (prefix) DO NOTHING`,
    sql`
      UPDATE videos SET status = 'failed', failure_code = ${code}, progress = NULL, updated_at = ${now},
        failure_message = CASE WHEN ${retry} = 1
          THEN ${message} || ' (gave up after ' || (SELECT attempts FROM jobs WHERE id = ${jobId}) || ' attempts)'
          ELSE ${message} END
      WHERE status NOT IN ('deleted', 'ready')
        AND id = (SELECT video_id FROM jobs WHERE ${guard} AND NOT ${requeue})`,
    sql`
      UPDATE jobs SET
        state = CASE WHEN ${requeue} THEN 'queued' ELSE 'failed' END,
        available_at = CASE WHEN ${requeue}
          THEN ${now} + ${timing.backoffMs} * (1 << (attempts - 1)) ELSE available_at END,
        lease_expires_at = NULL, progress = NULL, last_error = ${`${code}: ${message}`}, updated_at = ${now}
      WHERE ${guard}
      RETURNING state, attempts, available_at`,
  ]);
  const row = rows?.[0] as { state: 'queued' | 'failed'; attempts: number; available_at: number } | undefined;
  if (!row) throw leaseLost();
  return {
    state: row.state,
    attempts: row.attempts,
    availableAt: row.state === 'queued' ? row.available_at : null,
  };
}
