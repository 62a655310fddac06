import { env } from 'cloudflare:test';
import { exports } from 'cloudflare:workers';
import type { LeaseResponse } from '@reel/contracts';
import { sha256Hex, signServiceRequest, utf8 } from '@reel/signing';
import { enqueueJob } from '../src/domain/jobs.ts';
import { createDb } from '../src/db.ts';
import { callJson, makeUser, ORIGIN } from './helpers.ts';

export const db = () => createDb(env.DB);

export type SignedOptions = {
  body?: unknown;
  /** A raw body for PUT (bytes or a stream); signed with `contentSha256` or the hash of the bytes. */
  raw?: Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array>;
  contentSha256?: string;
  headers?: Record<string, string>;
  now?: number;
  key?: string;
};

/** Calls the API as a transcoder: a service-signed request (packages/signing). */
export async function signed(method: string, path: string, opts: SignedOptions = {}): Promise<Response> {
  const url = new URL(ORIGIN + path);
  const text = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  const rawBytes = opts.raw instanceof Uint8Array ? opts.raw : undefined;
  const sig = await signServiceRequest({
    key: opts.key ?? env.SERVICE_SIGNING_KEY,
    method,
    path: url.pathname + url.search,
    body: text ?? rawBytes ?? null,
    ...(opts.contentSha256 ? { contentSha256: opts.contentSha256 } : {}),
    ...(opts.now === undefined ? {} : { now: opts.now }),
  });
  const headers: Record<string, string> = { ...sig, ...opts.headers };
  if (text !== undefined) headers['content-type'] = 'application/json';
  return exports.default.fetch(new Request(url, { method, headers, body: text ?? opts.raw ?? null }));
}

/** Parses a signed call's JSON, failing loudly with the body when the status is not `status`. */
export async function signedJson<T>(method: string, path: string, status: number, opts: SignedOptions = {}) {
  const res = await signed(method, path, opts);
  const text = await res.text();
  if (res.status !== status)
    throw new Error(`${method} ${path}: expected ${status}, got ${res.status}: ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

export const problemCode = async (res: Response) => ((await res.json()) as { code?: string }).code;

/** Jobs left queued or leased by earlier tests in this file would be leased first: retire them. */
export async function retireOtherJobs(): Promise<void> {
  await env.DB.prepare("UPDATE jobs SET state = 'failed' WHERE state IN ('queued', 'leased')").run();
}

/** A creator's video in `processing` with an uploaded source, and its queued job. */
export async function processingVideo(source: Uint8Array<ArrayBuffer> = utf8('source bytes 0123456789')) {
  const owner = await makeUser('creator');
  const { video } = await callJson<{ video: { id: string } }>('POST', '/api/videos', 201, {
    token: owner.token,
    body: { title: 'Transcode me', ageRating: 0, visibility: 'public' },
  });
  await env.DB.prepare("UPDATE videos SET status = 'processing' WHERE id = ?").bind(video.id).run();
  const uploadId = `up${Math.random().toString(36).slice(2, 10)}`;
  const sourceKey = `videos/${video.id}/source/${uploadId}`;
  await env.MEDIA.put(sourceKey, source);
  const jobId = await enqueueJob(db(), { videoId: video.id, payload: { sourceKey }, now: Date.now() });
  return { owner, videoId: video.id, jobId, uploadId, sourceKey, source };
}

export const lease = () => signedJson<LeaseResponse>('POST', '/api/internal/jobs/lease', 200);

/** Makes a job's lease look expired (as if the visibility timeout passed). */
export async function expireLease(jobId: string): Promise<void> {
  await env.DB.prepare('UPDATE jobs SET lease_expires_at = ? WHERE id = ?')
    .bind(Date.now() - 1, jobId)
    .run();
}

export const bytesOf = utf8;

/** Uploads one output file through the ingest. */
export async function putObject(
  jobId: string,
  leaseToken: number,
  key: string,
  data: Uint8Array<ArrayBuffer>,
) {
  return signed('PUT', `/api/internal/jobs/${jobId}/objects/${key}`, {
    raw: data,
    headers: { 'x-reel-lease-token': String(leaseToken) },
  });
}

/** A small ladder: a master, one video and one audio rung. */
export const LADDER: Record<string, string> = {
  'master.m3u8': '#EXTM3U\n#EXT-X-VERSION:7\n',
  'h264-360/index.m3u8': '#EXTM3U\n',
  'h264-360/init.mp4': 'init',
  'h264-360/seg_0.m4s': 'segment zero',
  'aac/index.m3u8': '#EXTM3U\n',
};

export const RENDITIONS = [
  {
    rungId: 'h264-360',
    kind: 'video',
    codecs: 'avc1.64001e',
    width: 640,
    height: 360,
    bandwidth: 800_000,
    frameRate: 30,
  },
  { rungId: 'aac', kind: 'audio', codecs: 'mp4a.40.2', bandwidth: 128_000, language: 'en' },
] as const;

/** Ingests the ladder and returns its manifest files. */
export async function uploadLadder(jobId: string, leaseToken: number, files = LADDER) {
  const out = [];
  for (const [key, text] of Object.entries(files)) {
    const res = await putObject(jobId, leaseToken, key, bytesOf(text));
    if (res.status !== 201) throw new Error(`PUT ${key}: ${res.status} ${await res.text()}`);
    out.push({ key, bytes: bytesOf(text).length, sha256: await sha256Hex(text) });
  }
  return out;
}

export const complete = (
  jobId: string,
  body: {
    leaseToken: number;
    attemptId: string;
    manifest: { files: unknown[]; renditions?: unknown[]; durationS?: number };
  },
) =>
  signed('POST', `/api/internal/jobs/${jobId}/complete`, {
    body: {
      ...body,
      manifest: { renditions: RENDITIONS, durationS: 12.5, ...body.manifest },
    },
  });

export const videoRow = (id: string) =>
  env.DB.prepare('SELECT * FROM videos WHERE id = ?').bind(id).first<{
    status: string;
    progress: number | null;
    failure_code: string | null;
    failure_message: string | null;
    current_asset_id: string | null;
    duration_s: number | null;
    published_at: number | null;
  }>();

export const jobRow = (id: string) =>
  env.DB.prepare('SELECT * FROM jobs WHERE id = ?').bind(id).first<{
    state: string;
    attempts: number;
    lease_token: number;
    available_at: number;
    lease_expires_at: number | null;
  }>();

export const keysUnder = async (prefix: string) =>
  (await env.MEDIA.list({ prefix })).objects.map((o) => o.key);
