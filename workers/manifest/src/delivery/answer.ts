import { problemJson } from '@reel/contracts';
import { isNotModified, rangeStillApplies, type Validators } from './conditional.ts';
import { CORS_HEADERS } from './cors.ts';
import { evaluateRange } from './range.ts';

export interface AnswerOptions {
  /** Reported as `x-reel-cache` so tests and operators can see cache behaviour. */
  cacheStatus: 'hit' | 'miss';
  /** Replaces the stored Cache-Control, e.g. `private, no-store` for rewritten masters and keys. */
  cacheControl?: string;
  /** The problem `instance` of a 405/416; a fresh UUID when absent. */
  requestId?: string;
}

/** Headers of the stored representation that every answer repeats (RFC 9110 §15.3.7, §15.4.5). */
const KEPT = ['content-type', 'etag', 'last-modified', 'cache-control', 'content-language', 'age'];

/**
 * Answers a GET or HEAD from the full 200 representation `full` (RFC 9110):
 * - 304 with the validators when If-None-Match / If-Modified-Since say the client has it (§13.2.2, §15.4.5);
 * - 206 with Content-Range for one satisfiable byte range on a GET (§14.2, §15.3.7), unless If-Range no
 *   longer matches (§13.1.5); 416 with `Content-Range: bytes *\/size` for an unsatisfiable one (§15.5.17);
 * - otherwise 200; HEAD gets the same headers with no body (§9.3.2).
 * Every answer carries `Accept-Ranges: bytes`, CORS headers and `x-reel-cache`; other methods get 405.
 * A body that is not sent is cancelled (a miss's stored copy reads its own branch of the stream).
 * @example return answer(request, loaded.response, { cacheStatus: loaded.hit ? 'hit' : 'miss' });
 */
export function answer(request: Request, full: Response, opts: AnswerOptions): Response {
  const instance = opts.requestId ?? crypto.randomUUID();
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    discard(full);
    const detail = `Media is read with GET or HEAD, not ${request.method.slice(0, 20)}`;
    const headers = { ...CORS_HEADERS, allow: 'GET, HEAD, OPTIONS' };
    return problemJson({ status: 405, code: 'method_not_allowed', detail, instance }, headers);
  }
  const headers = baseHeaders(full.headers, opts);
  const validators: Validators = {
    etag: full.headers.get('etag'),
    lastModified: full.headers.get('last-modified'),
  };
  if (isNotModified(request.headers, validators)) {
    discard(full);
    // §15.4.5: a 304 repeats the validators and caching headers, not the representation's metadata.
    headers.delete('content-type');
    return new Response(null, { status: 304, headers });
  }
  const size = contentLength(full.headers);
  // Without a known length there is no range arithmetic: the whole file is a valid answer (§14.2).
  if (size === null) return whole(request, full, headers);
  const ranged = request.method === 'GET' && rangeStillApplies(request.headers, validators);
  const range = ranged ? evaluateRange(request.headers.get('range'), size) : null;
  if (range?.kind === 'unsatisfiable') return unsatisfiable(full, size, opts.cacheStatus, instance);
  if (range?.kind === 'partial') {
    const length = range.end - range.start + 1;
    headers.set('content-range', `bytes ${range.start}-${range.end}/${size}`);
    headers.set('content-length', String(length));
    return new Response(sliceBody(full, range.start, length), { status: 206, headers });
  }
  headers.set('content-length', String(size));
  return whole(request, full, headers);
}

/** 200 with the whole body, or with none for HEAD (§9.3.2). */
function whole(request: Request, full: Response, headers: Headers): Response {
  if (request.method !== 'HEAD') return new Response(full.body, { status: 200, headers });
  discard(full);
  return new Response(null, { status: 200, headers });
}

/** 416 (§15.5.17) with an unsatisfied-range Content-Range, which tells the client the current length. */
function unsatisfiable(full: Response, size: number, cacheStatus: string, instance: string): Response {
  discard(full);
  const detail = `The requested range is outside the ${size} bytes of this file`;
  const headers = {
    ...CORS_HEADERS,
    'content-range': `bytes */${size}`,
    'accept-ranges': 'bytes',
    'x-reel-cache': cacheStatus,
  };
  return problemJson({ status: 416, code: 'range_not_satisfiable', detail, instance }, headers);
}

function baseHeaders(stored: Headers, opts: AnswerOptions): Headers {
  const headers = new Headers(CORS_HEADERS);
  for (const name of KEPT) {
    const value = stored.get(name);
    if (value !== null) headers.set(name, value);
  }
  if (opts.cacheControl !== undefined) headers.set('cache-control', opts.cacheControl);
  headers.set('accept-ranges', 'bytes');
  headers.set('x-reel-cache', opts.cacheStatus);
  return headers;
}

function contentLength(headers: Headers): number | null {
  const value = headers.get('content-length');
  return value !== null && /^\d{1,15}$/.test(value) ? Number(value) : null;
}

function discard(response: Response): void {
  response.body?.cancel().catch(() => {});
}

/**
 * The bytes `start`..`start + length - 1` of a body, streamed: bytes before the range are skipped, the
 * upstream is cancelled once the range is complete, and a FixedLengthStream gives the answer its length.
 */
function sliceBody(full: Response, start: number, length: number): ReadableStream | null {
  if (full.body === null) return null;
  const end = start + length;
  let offset = 0;
  const slicer = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      const from = Math.max(start - offset, 0);
      const to = Math.min(end - offset, chunk.byteLength);
      offset += chunk.byteLength;
      if (to > from) controller.enqueue(chunk.subarray(from, to));
      if (offset >= end) controller.terminate();
    },
  });
  const fixed = new FixedLengthStream(length);
  full.body
    .pipeThrough(slicer)
    .pipeTo(fixed.writable)
    .catch(() => {});
  return fixed.readable;
}
