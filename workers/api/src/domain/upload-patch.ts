import { ApiError } from '../errors.ts';
import { tusError } from './tus.ts';
import { sourceKeyFor } from './upload-complete.ts';
import { appendBody } from './upload-append.ts';
import {
  admitUpload,
  finalize,
  loadState,
  openState,
  partKey,
  progressOf,
  type SessionDeps,
  saveState,
  tmpPrefix,
  type UploadProgress,
  type UploadState,
} from './upload-session.ts';
import type { UploadClaims } from './upload-signing.ts';

export type PatchInput = { offset: number; contentLength: number; body: ReadableStream<Uint8Array> };

async function readTail(deps: SessionDeps, state: UploadState): Promise<Uint8Array> {
  if (state.tailKey === null) return new Uint8Array();
  const object = await deps.bucket.get(state.tailKey);
  if (!object) throw new Error(`upload ${state.uploadId}: tail ${state.tailKey} is missing`);
  return new Uint8Array(await object.arrayBuffer());
}

function checkPatch(state: UploadState, input: PatchInput): void {
  // tus 1.0 §"PATCH": the offsets must match, otherwise 409 and nothing changes.
  if (input.offset !== state.offset) {
    throw tusError(409, 'upload_offset_mismatch', `Upload-Offset must be ${state.offset}`, {
      'upload-offset': String(state.offset),
    });
  }
  if (state.offset + input.contentLength > state.length) {
    throw tusError(400, 'upload_length_exceeded', `The upload is ${state.length} bytes long`);
  }
}

/**
 * tus 1.0 §"PATCH": appends the body at `Upload-Offset`. Finished parts go to the multipart upload; the
 * rest is written as a new tail object named after its end offset, so the state saved afterwards always
 * names a complete tail (a crash in between leaves only a stray temporary, deleted at the end).
 */
export async function patchUpload(deps: SessionDeps, input: PatchInput): Promise<UploadProgress> {
  const state = await openState(deps);
  checkPatch(state, input);
  if (state.multipartId === null) throw new Error('a PUT upload has no multipart to patch');
  const multipart = deps.bucket.resumeMultipartUpload(state.sourceKey, state.multipartId);
  const appended = await appendBody({
    length: state.length,
    partSize: state.partSize,
    offset: state.offset,
    tail: await readTail(deps, state),
    body: input.body,
    writePart: (n, bytes) => multipart.uploadPart(n, bytes),
  });
  let tailKey: string | null = null;
  if (appended.tail.byteLength > 0) {
    tailKey = `${tmpPrefix(state)}tail-${appended.offset}`;
    if (tailKey !== state.tailKey) await deps.bucket.put(tailKey, appended.tail);
  }
  const finished = appended.offset === state.length;
  const next: UploadState = {
    ...state,
    offset: appended.offset,
    tailKey,
    status: finished ? 'finishing' : 'open',
  };
  await saveState(deps, next, Object.fromEntries(appended.parts.map((p) => [partKey(p.partNumber), p])));
  if (state.tailKey !== null && state.tailKey !== tailKey) await deps.bucket.delete(state.tailKey);
  return progressOf(finished ? await finalize(deps, next) : next);
}

export type PutInput = { contentLength: number; body: ReadableStream<Uint8Array> };

/**
 * The single signed PUT (files up to 95 MB): streams the body to the source key with its known length,
 * checks the stored size, then completes exactly like the last tus PATCH.
 */
export async function putUpload(
  deps: SessionDeps,
  claims: UploadClaims,
  input: PutInput,
): Promise<UploadProgress> {
  if (await loadState(deps)) {
    throw new ApiError(409, 'upload_exists', 'This upload target was already used; request a new one');
  }
  await admitUpload(deps, claims, input.contentLength);
  const sourceKey = sourceKeyFor(claims.videoId, claims.uploadId);
  const sized = new FixedLengthStream(input.contentLength);
  const incomplete = () => new ApiError(400, 'upload_incomplete', 'The body ended before its Content-Length');
  const [stored] = await Promise.all([
    deps.bucket.put(sourceKey, sized.readable),
    input.body.pipeTo(sized.writable),
  ]).catch(() => {
    throw incomplete();
  });
  if (stored?.size !== input.contentLength) throw incomplete();
  const state: UploadState = {
    ...claims,
    sourceKey,
    length: input.contentLength,
    partSize: input.contentLength,
    offset: input.contentLength,
    multipartId: null,
    status: 'finishing',
    tailKey: null,
  };
  await saveState(deps, state);
  return progressOf(await finalize(deps, state));
}
