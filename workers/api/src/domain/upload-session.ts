import type { Db } from '../db.ts';
import { ApiError } from '../errors.ts';
import { reserveBytes } from './quotas.ts';
import { tusError } from './tus.ts';
import { completeUpload, isUploadable, markUploading, sourceKeyFor } from './upload-complete.ts';
import { partSizeFor } from './upload-plan.ts';
import type { UploadClaims } from './upload-signing.ts';

/**
 * One upload's state machine, run inside its `UploadSession` Durable Object (which serialises calls).
 * Takes storage, bucket, database and clock as arguments; the class around it only wires them.
 */

export type UploadStatus = 'open' | 'finishing' | 'complete' | 'terminated' | 'expired';

export type UploadState = UploadClaims & {
  sourceKey: string;
  length: number;
  partSize: number;
  offset: number;
  /** The R2 multipart upload (tus), or null for a single PUT. */
  multipartId: string | null;
  status: UploadStatus;
  /** The temporary object holding the unfinished part's bytes, if any. */
  tailKey: string | null;
};

export type SessionDeps = {
  storage: DurableObjectStorage;
  bucket: R2Bucket;
  db: Db;
  now: number;
  bytesPerDay: number;
  /** Floor for the part size (8 MiB; a parameter so the planner's rule is testable). */
  minPartBytes?: number;
};

/** What every successful call answers: enough for tus's Upload-Offset, Upload-Length, Upload-Expires. */
export type UploadProgress = { offset: number; length: number; expiresAt: number; complete: boolean };

const STATE = 'upload';
export const partKey = (partNumber: number): string => `part:${String(partNumber).padStart(5, '0')}`;
export const tmpPrefix = (s: UploadClaims): string => `videos/${s.videoId}/tmp/${s.uploadId}/`;

export const progressOf = (s: UploadState): UploadProgress => ({
  offset: s.offset,
  length: s.length,
  expiresAt: s.expiresAt,
  complete: s.status === 'complete',
});

export const loadState = (deps: SessionDeps) => deps.storage.get<UploadState>(STATE);
export const saveState = (deps: SessionDeps, state: UploadState, more: Record<string, unknown> = {}) =>
  deps.storage.put({ [STATE]: state, ...more });

/** The live upload, or 404 (never created, terminated: tus 1.0 §"Termination") / 410 (expired). */
export async function openState(deps: SessionDeps): Promise<UploadState> {
  const state = await loadState(deps);
  if (!state || state.status === 'terminated') {
    throw tusError(404, 'upload_not_found', 'No such upload (never created, or terminated)');
  }
  if (state.status === 'expired') throw tusError(410, 'upload_gone', 'This upload expired; start a new one');
  if (state.status === 'finishing') return finalize(deps, state);
  return state;
}

/**
 * Checks the video still takes uploads and reserves `length` bytes of the creator's daily quota (429
 * `quota_exceeded`): once per upload, since the Durable Object answers a repeated creation from its state.
 */
export async function admitUpload(deps: SessionDeps, claims: UploadClaims, length: number): Promise<void> {
  if (!(await isUploadable(deps.db, claims.videoId))) {
    throw tusError(404, 'not_found', 'Video not found');
  }
  await reserveBytes(deps.db, claims.userId, length, deps.now, deps.bytesPerDay);
  await markUploading(deps.db, claims.videoId, deps.now);
}

/**
 * tus 1.0 §"Creation": opens the R2 multipart upload with the part size fixed from `Upload-Length`.
 * Creating again with the same length answers the existing upload (a client whose 201 was lost retries).
 */
export async function createUpload(
  deps: SessionDeps,
  claims: UploadClaims,
  length: number,
): Promise<UploadProgress> {
  const existing = await loadState(deps);
  if (existing) {
    if (existing.multipartId === null || existing.length !== length) {
      throw tusError(409, 'upload_exists', 'This upload target was already used; request a new one');
    }
    return progressOf(await openState(deps));
  }
  await admitUpload(deps, claims, length);
  const sourceKey = sourceKeyFor(claims.videoId, claims.uploadId);
  const multipart = await deps.bucket.createMultipartUpload(sourceKey);
  const state: UploadState = {
    ...claims,
    sourceKey,
    length,
    partSize: partSizeFor(length, deps.minPartBytes),
    offset: 0,
    multipartId: multipart.uploadId,
    status: 'open',
    tailKey: null,
  };
  await saveState(deps, state);
  // tus 1.0 §"Expiration": unfinished uploads are aborted when the target expires.
  await deps.storage.setAlarm(claims.expiresAt);
  return progressOf(state);
}

async function deleteTemporaries(deps: SessionDeps, state: UploadState): Promise<void> {
  const listed = await deps.bucket.list({ prefix: tmpPrefix(state) });
  if (listed.objects.length > 0) await deps.bucket.delete(listed.objects.map((o) => o.key));
}

async function completeMultipart(deps: SessionDeps, state: UploadState, multipartId: string) {
  const stored = await deps.storage.list<R2UploadedPart>({ prefix: 'part:' });
  const parts = [...stored.values()].sort((a, b) => a.partNumber - b.partNumber);
  try {
    await deps.bucket.resumeMultipartUpload(state.sourceKey, multipartId).complete(parts);
  } catch (err) {
    // Completed by an earlier attempt that crashed before saving: the object is there at full length.
    const head = await deps.bucket.head(state.sourceKey);
    if (head?.size !== state.length) throw err;
  }
}

/**
 * The last byte arrived: complete the multipart upload, drop the temporaries, then move the video to
 * `processing` with a queued job (one batch). Re-run from `finishing` if any step failed.
 */
export async function finalize(deps: SessionDeps, state: UploadState): Promise<UploadState> {
  if (state.multipartId !== null) await completeMultipart(deps, state, state.multipartId);
  await deleteTemporaries(deps, state);
  const { videoId, uploadId, sourceKey, length } = state;
  await completeUpload(deps.db, { videoId, uploadId, sourceKey, sourceBytes: length }, deps.now);
  const done: UploadState = { ...state, status: 'complete', tailKey: null };
  await saveState(deps, done);
  await deps.storage.deleteAlarm();
  return done;
}

/** Aborts the multipart upload and deletes the tail; the upload ends as `status`. */
async function abandon(deps: SessionDeps, state: UploadState, status: 'terminated' | 'expired') {
  if (state.multipartId !== null) {
    await deps.bucket.resumeMultipartUpload(state.sourceKey, state.multipartId).abort();
  }
  await deleteTemporaries(deps, state);
  await deps.storage.deleteAll();
  await saveState(deps, { ...state, status, tailKey: null });
}

/** tus 1.0 §"Termination": DELETE frees everything; later requests get 404. A finished upload is kept. */
export async function terminateUpload(deps: SessionDeps): Promise<void> {
  const state = await openState(deps);
  if (state.status === 'complete') {
    throw new ApiError(409, 'upload_complete', 'This upload is complete and can no longer be terminated');
  }
  await abandon(deps, state, 'terminated');
  await deps.storage.deleteAlarm();
}

/** tus 1.0 §"Expiration": the alarm at `expiresAt` aborts an unfinished upload. */
export async function expireUpload(deps: SessionDeps): Promise<void> {
  const state = await loadState(deps);
  if (state?.status === 'open') await abandon(deps, state, 'expired');
  if (state?.status === 'finishing') await finalize(deps, state);
}
