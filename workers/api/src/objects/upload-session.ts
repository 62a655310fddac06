import { DurableObject } from 'cloudflare:workers';
import { createDb } from '../db.ts';
import { DEFAULT_QUOTAS } from '../domain/quotas.ts';
import { type PatchInput, type PutInput, patchUpload, putUpload } from '../domain/upload-patch.ts';
import {
  createUpload,
  expireUpload,
  openState,
  progressOf,
  type SessionDeps,
  terminateUpload,
  type UploadProgress,
} from '../domain/upload-session.ts';
import type { UploadClaims } from '../domain/upload-signing.ts';
import { ApiError } from '../errors.ts';

/** An expected failure as data: ApiError does not survive RPC, so it crosses as this and is rebuilt. */
export type UploadProblem = Pick<ApiError, 'status' | 'code' | 'detail' | 'extra' | 'headers'>;
export type UploadReply<T = UploadProgress> = { ok: true; value: T } | { ok: false; problem: UploadProblem };

/**
 * One per upload (named by the upload id). Serialises every call: R2 I/O does not hold the input gate,
 * so without the queue two PATCHes could interleave. The logic is in domain/upload-*.ts.
 */
export class UploadSession extends DurableObject<Env> {
  private queue: Promise<unknown> = Promise.resolve();

  private deps(): SessionDeps {
    return {
      storage: this.ctx.storage,
      bucket: this.env.MEDIA,
      db: createDb(this.env.DB),
      now: Date.now(),
      bytesPerDay: DEFAULT_QUOTAS.bytesPerDay,
    };
  }

  /** Runs `fn` after every earlier call finished; ApiErrors become values. */
  private serial<T>(fn: (deps: SessionDeps) => Promise<T>): Promise<UploadReply<T>> {
    const run = this.queue.then(async (): Promise<UploadReply<T>> => {
      try {
        return { ok: true, value: await fn(this.deps()) };
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        const { status, code, detail, extra, headers } = err;
        return { ok: false, problem: { status, code, detail, extra, headers } };
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  create(claims: UploadClaims, length: number) {
    return this.serial((deps) => createUpload(deps, claims, length));
  }

  head() {
    return this.serial(async (deps) => progressOf(await openState(deps)));
  }

  patch(input: PatchInput) {
    return this.serial((deps) => patchUpload(deps, input));
  }

  terminate() {
    return this.serial((deps) => terminateUpload(deps));
  }

  put(claims: UploadClaims, input: PutInput) {
    return this.serial((deps) => putUpload(deps, claims, input));
  }

  override async alarm(): Promise<void> {
    await this.serial((deps) => expireUpload(deps));
  }
}
