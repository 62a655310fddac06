/**
 * The job loop: lease → download the source and subtitle texts → transcode → upload the attempt → complete, with a
 * heartbeat carrying progress. Failures are reported with `{code, message}` and whether a retry could
 * help; a lost lease (409 `lease_lost`) stops the work without touching anything published.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { LeaseResponse } from '@reel/contracts';
import { ApiCallError, type ApiClient } from './api-client.ts';
import { downloadSource, downloadSubtitles } from './download.ts';
import { toFailure } from './errors.ts';
import type { H264Encoder } from './ffmpeg-args.ts';
import { toJobManifest } from './job-manifest.ts';
import type { Manifest } from './manifest.ts';
import { jobProgress, type Stage } from './progress.ts';
import { type ContentKeys, decodeContentKeys } from './protect.ts';
import type { AttemptStorage, AttemptTarget } from './storage.ts';
import { transcode } from './transcode.ts';

export type WorkerOptions = {
  api: ApiClient;
  storage: AttemptStorage;
  workDir: string;
  h264: H264Encoder;
  heartbeatMs: number;
  threads?: number;
  uploadConcurrency?: number;
  log?: (line: string) => void;
};

export type Outcome = 'idle' | 'published' | 'failed' | 'lease_lost';

/** Sends progress every `heartbeatMs`; remembers when the API says the lease is gone. */
function startHeartbeat(o: WorkerOptions, t: AttemptTarget) {
  const state = { progress: 0, lost: false };
  const timer = setInterval(() => {
    o.api.heartbeat(t.jobId, t.leaseToken, state.progress).catch((err: unknown) => {
      if (err instanceof ApiCallError && err.leaseLost) state.lost = true;
      o.log?.(`heartbeat ${t.jobId}: ${String(err)}`);
    });
  }, o.heartbeatMs);
  return { state, stop: () => clearInterval(timer) };
}

type Progress = (stage: Stage, fraction: number) => void;

async function uploadAttempt(
  o: WorkerOptions,
  t: AttemptTarget,
  files: { outDir: string; manifest: Manifest },
  progress: Progress,
): Promise<void> {
  const queue = [...files.manifest.files];
  let done = 0;
  const worker = async () => {
    for (let f = queue.shift(); f; f = queue.shift()) {
      const bytes = new Uint8Array(await readFile(path.join(files.outDir, f.key)));
      await o.storage.put(t, { key: f.key, sha256: f.sha256, bytes });
      progress('upload', ++done / files.manifest.files.length);
    }
  };
  await Promise.all(Array.from({ length: o.uploadConcurrency ?? 4 }, worker));
}

async function reportFailure(o: WorkerOptions, t: AttemptTarget, err: unknown): Promise<Outcome> {
  if (err instanceof ApiCallError && err.leaseLost) return 'lease_lost';
  const { code, message, retryable } = toFailure(err);
  o.log?.(`job ${t.jobId} failed: ${code}: ${message}`);
  try {
    await o.api.fail(t.jobId, { leaseToken: t.leaseToken, retryable, code, message: message.slice(0, 1000) });
  } catch (failErr) {
    if (failErr instanceof ApiCallError && failErr.leaseLost) return 'lease_lost';
    throw failErr;
  }
  return 'failed';
}

/**
 * Downloads the source and subtitle texts into `dir` and transcodes them into `{dir}/out`, encrypting with the
 * lease's content keys when the title is protected.
 */
async function produceAttempt(
  o: WorkerOptions,
  lease: LeaseResponse,
  dir: string,
  run: { keys: ContentKeys | null; progress: Progress },
): Promise<{ outDir: string; manifest: Manifest }> {
  if (!lease.sourceUrl) throw new Error('the job names no source');
  const source = path.join(dir, 'source');
  run.progress('download', 0);
  await downloadSource(lease.sourceUrl, source);
  const subtitles = await downloadSubtitles(lease.subtitles);
  run.progress('download', 1);
  const outDir = path.join(dir, 'out');
  const manifest = await transcode(source, outDir, {
    h264: o.h264,
    threads: o.threads ?? 2,
    onProgress: (percent) => run.progress('encode', percent / 100),
    subtitles,
    protection: run.keys ?? undefined,
  });
  return { outDir, manifest };
}

/** Leases and runs at most one job. */
export async function runOnce(o: WorkerOptions): Promise<Outcome> {
  const lease = await o.api.lease();
  if (!lease) return 'idle';
  const { job } = lease;
  const t: AttemptTarget = {
    jobId: job.id,
    leaseToken: job.leaseToken,
    videoId: job.videoId,
    attemptId: job.attemptId,
  };
  const dir = await mkdtemp(path.join(o.workDir, `${job.id}-`));
  const beat = startHeartbeat(o, t);
  // Raw keys live only in this call's memory: never logged, never written, wiped when the attempt ends.
  let keys: ContentKeys | null = null;
  try {
    keys = decodeContentKeys(lease.protection);
    const progress: Progress = (stage, fraction) => {
      beat.state.progress = jobProgress(stage, fraction);
    };
    const { outDir, manifest } = await produceAttempt(o, lease, dir, { keys, progress });
    if (beat.state.lost) return 'lease_lost';
    await uploadAttempt(o, t, { outDir, manifest }, progress);
    await o.api.complete(job.id, {
      leaseToken: t.leaseToken,
      attemptId: t.attemptId,
      manifest: toJobManifest(manifest),
    });
    const mode = keys ? 'AES-128' : 'clear';
    o.log?.(`job ${job.id}: published ${job.videoId} (${manifest.files.length} files, ${mode})`);
    return 'published';
  } catch (err) {
    return reportFailure(o, t, err);
  } finally {
    beat.stop();
    keys?.sd.fill(0);
    keys?.hd.fill(0);
    await rm(dir, { recursive: true, force: true });
  }
}

/** Polls until `signal` aborts: work back to back while jobs exist, wait `idleMs` when none. */
export async function runLoop(o: WorkerOptions & { idleMs: number; signal: AbortSignal }): Promise<void> {
  while (!o.signal.aborted) {
    let outcome: Outcome = 'idle';
    try {
      outcome = await runOnce(o);
    } catch (err) {
      o.log?.(`lease failed: ${String(err)}`);
    }
    if (outcome === 'idle') await new Promise((r) => setTimeout(r, o.idleMs));
  }
}
