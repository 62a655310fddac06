/**
 * One resumable upload of a video's source over tus 1.0 (https://tus.io/protocols/resumable-upload) to
 * the signed target of `POST /api/videos/{id}/uploads` (docs/UPLOADS.md), through tus-js-client.
 *
 * What makes it survive a dropped connection:
 * - PATCH bodies of the target's `chunkSize` (a larger one is 413 `chunk_too_large`), so a failure costs
 *   at most one chunk;
 * - on any network failure or 5xx, retry with backoff; every retry first asks `HEAD` for the server's
 *   `Upload-Offset` (tus 1.0 §HEAD) and continues from there, since the server keeps whatever part of a
 *   cut-off PATCH arrived (tus 1.0 §PATCH);
 * - when the browser says it is back online, skip the rest of the backoff and resume at once;
 * - the upload URL is remembered per video and file (localStorage), so after a reload picking the same
 *   file continues where it stopped, while the URL's 24-hour signature lasts (after that the server says
 *   403 and the client starts over at the fresh endpoint).
 */
import type { UploadTarget } from '@reel/contracts';
import { type DetailedError, Upload } from 'tus-js-client';

export type UploadState =
  | { phase: 'uploading'; sent: number; total: number; bytesPerSecond: number | null }
  | { phase: 'reconnecting'; sent: number; total: number; offline: boolean; attempt: number; retryAt: number }
  | { phase: 'paused'; sent: number; total: number }
  | { phase: 'failed'; sent: number; total: number; message: string }
  | { phase: 'complete'; total: number };

/**
 * Waits between attempts: quick at first (a blip), then up to 30 s, for about ten minutes in all. The
 * library resets the count whenever an attempt moved the offset forward, so a long upload over a flaky
 * link never runs out of retries while it makes progress.
 */
export const RETRY_DELAYS_MS = [0, 1000, 2000, 4000, 8000, 15_000, 30_000, ...Array<number>(17).fill(30_000)];

/** 4xx answers that a retry can fix: timeout, offset mismatch (re-read by HEAD), locked, rate limited. */
const RETRYABLE_4XX = new Set([408, 409, 423, 429]);

/** Bytes per second over the last few seconds of progress events. */
class SpeedMeter {
  private samples: { at: number; bytes: number }[] = [];

  add(bytes: number, at = performance.now()): number | null {
    const last = this.samples.at(-1);
    // The offset moves back after a resume from the server's offset: start measuring again.
    if (last && bytes < last.bytes) this.samples = [];
    this.samples.push({ at, bytes });
    while (this.samples.length > 2 && at - (this.samples[0]?.at ?? at) > 4000) this.samples.shift();
    const first = this.samples[0];
    if (!first || at - first.at < 500) return null;
    return ((bytes - first.bytes) * 1000) / (at - first.at);
  }

  reset(): void {
    this.samples = [];
  }
}

/** The problem+json `detail` of a failed tus request, or words for a network failure. */
function describeError(err: Error | DetailedError): string {
  const response = 'originalResponse' in err ? err.originalResponse : null;
  if (!response) return 'The connection to Reel was lost.';
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(response.getBody());
  } catch {
    // Not JSON: fall back to the status below.
  }
  const detail = typeof parsed === 'object' && parsed !== null && 'detail' in parsed ? parsed.detail : null;
  return typeof detail === 'string' ? detail : `The server answered ${response.getStatus()}.`;
}

export class SourceUpload {
  private readonly upload: Upload;
  private readonly speed = new SpeedMeter();
  private state: UploadState;
  private sent = 0;

  constructor(
    private readonly file: File,
    target: UploadTarget,
    videoId: string,
    private readonly emit: (state: UploadState) => void,
  ) {
    this.state = { phase: 'uploading', sent: 0, total: file.size, bytesPerSecond: null };
    this.upload = new Upload(file, {
      endpoint: target.tusEndpoint,
      chunkSize: target.chunkSize,
      retryDelays: RETRY_DELAYS_MS,
      metadata: { filename: file.name, filetype: file.type || 'application/octet-stream' },
      // The same file for the same video resumes; another video or another file never does.
      fingerprint: async (f) => ['reel-source', videoId, f.name, f.size, f.lastModified].join(':'),
      removeFingerprintOnSuccess: true,
      onProgress: (sent) => this.onProgress(sent),
      onShouldRetry: (err, attempt) => this.onShouldRetry(err, attempt),
      onError: (err) =>
        this.set({ phase: 'failed', sent: this.sent, total: file.size, message: describeError(err) }),
      onSuccess: () => this.set({ phase: 'complete', total: file.size }),
    });
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
  }

  /** Starts, or continues an upload of this file that a reload interrupted. */
  async start(): Promise<void> {
    this.set(this.state);
    const previous = await this.upload.findPreviousUploads();
    const latest = previous.sort((a, b) => b.creationTime.localeCompare(a.creationTime))[0];
    if (latest) this.upload.resumeFromPreviousUpload(latest);
    this.upload.start();
  }

  pause(): void {
    void this.upload.abort();
    this.set({ phase: 'paused', sent: this.sent, total: this.file.size });
  }

  /** Continues after a pause or a failure: `HEAD` for the offset, then PATCH from there. */
  resume(): void {
    this.speed.reset();
    this.set({ phase: 'uploading', sent: this.sent, total: this.file.size, bytesPerSecond: null });
    this.upload.start();
  }

  /** Stops and deletes the partial upload on the server (tus 1.0 §Termination). */
  async cancel(): Promise<void> {
    this.dispose();
    await this.upload.abort(true).catch(() => undefined);
  }

  /** Stops listening and uploading (the page went away); the server keeps the bytes for a resume. */
  dispose(): void {
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    if (this.state.phase !== 'complete') void this.upload.abort();
  }

  private set(state: UploadState): void {
    this.state = state;
    this.emit(state);
  }

  private onProgress(sent: number): void {
    this.sent = sent;
    const bytesPerSecond = this.speed.add(sent);
    this.set({ phase: 'uploading', sent, total: this.file.size, bytesPerSecond });
  }

  private onShouldRetry(err: DetailedError, attempt: number): boolean {
    const status = err.originalResponse?.getStatus() ?? 0;
    if (status >= 400 && status < 500 && !RETRYABLE_4XX.has(status)) return false;
    const retryAt = Date.now() + (RETRY_DELAYS_MS[attempt] ?? 0);
    const offline = !navigator.onLine;
    this.speed.reset();
    this.set({
      phase: 'reconnecting',
      sent: this.sent,
      total: this.file.size,
      offline,
      attempt: attempt + 1,
      retryAt,
    });
    return true;
  }

  /** Back online: resume now instead of waiting out the backoff (the next attempt starts with HEAD). */
  private readonly onOnline = () => {
    if (this.state.phase !== 'reconnecting') return;
    void this.upload.abort().then(() => this.resume());
  };

  private readonly onOffline = () => {
    if (this.state.phase !== 'uploading') return;
    const { sent, total } = this.state;
    this.set({ phase: 'reconnecting', sent, total, offline: true, attempt: 0, retryAt: Date.now() });
  };
}
