import type { UploadTarget } from '@reel/contracts';
import { exports } from 'cloudflare:workers';
import type { HttpRequest, HttpResponse, HttpStack, Upload, UploadOptions } from 'tus-js-client';
import { callJson } from './helpers.ts';

export const MiB = 1024 * 1024;

// The browser build probes `window.localStorage` when it loads; workerd has no `window`.
Object.assign(globalThis, { window: globalThis.window ?? {} });
declare global {
  var window: object | undefined;
}
const tus = await import('tus-js-client/lib.esm/browser/index.js');

/** `n` deterministic pseudo-random bytes (xorshift32), so every run uploads the same file. */
export function makeBytes(n: number, seed = 1): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(n);
  let x = seed || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

export async function sha256(data: ArrayBuffer | Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export const newTarget = (token: string, videoId: string) =>
  callJson<UploadTarget>('POST', `/api/videos/${videoId}/uploads`, 201, { token });

/** Decides, per PATCH, how many body bytes reach the server before the "connection drops" (null: all). */
export type Cut = (offset: number, size: number) => number | null;

class WorkerResponse implements HttpResponse {
  constructor(
    private readonly res: Response,
    private readonly text: string,
  ) {}
  getStatus = () => this.res.status;
  getHeader = (name: string) => this.res.headers.get(name) ?? undefined;
  getBody = () => this.text;
  getUnderlyingObject = () => this.res;
}

class WorkerRequest implements HttpRequest {
  private readonly headers = new Headers();
  constructor(
    private readonly method: string,
    private readonly url: string,
    private readonly cut: Cut | undefined,
    private readonly log: string[],
  ) {}
  getMethod = () => this.method;
  getURL = () => this.url;
  setHeader = (name: string, value: string) => this.headers.set(name, value);
  getHeader = (name: string) => this.headers.get(name) ?? undefined;
  setProgressHandler = () => {};
  abort = async () => {};
  getUnderlyingObject = () => null;

  async send(body: Blob | null = null): Promise<HttpResponse> {
    const offset = Number(this.headers.get('upload-offset') ?? 0);
    const keep = body && this.method === 'PATCH' ? this.cut?.(offset, body.size) : null;
    const sent = keep === null || keep === undefined || !body ? body : body.slice(0, keep);
    this.log.push(`${this.method} ${offset} ${sent?.size ?? 0}`);
    const res = await exports.default.fetch(
      new Request(this.url, { method: this.method, headers: this.headers, body: sent }),
    );
    const text = await res.text();
    // The server kept what arrived; the client only sees a dropped connection and must ask (HEAD).
    if (sent !== body) throw new Error(`connection dropped after ${keep} bytes`);
    return new WorkerResponse(res, text);
  }
}

/** A tus-js-client HttpStack that calls the API worker in-process, optionally dropping PATCHes. */
export class WorkerStack implements HttpStack {
  readonly log: string[] = [];
  constructor(private readonly cut?: Cut) {}
  createRequest = (method: string, url: string) => new WorkerRequest(method, url, this.cut, this.log);
  getName = () => 'workerd';
}

/** Runs a real tus-js-client upload to completion (or its error); resolves with the upload URL. */
export function runTus(file: Uint8Array, options: UploadOptions): Promise<{ upload: Upload; url: string }> {
  return new Promise((resolve, reject) => {
    const upload: Upload = new tus.Upload(new Blob([file]), {
      retryDelays: Array.from({ length: 20 }, () => 0),
      storeFingerprintForResuming: false,
      ...options,
      onSuccess: () => resolve({ upload, url: upload.url ?? '' }),
      onError: reject,
    });
    upload.start();
  });
}

export { tus };
