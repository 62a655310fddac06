import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { problemJson } from '@reel/contracts';
import { describe, expect, it } from 'vitest';
import {
  answer,
  type DeliveryDeps,
  loadObject,
  loadText,
  mediaCacheKey,
  NO_STORE,
  type ObjectRef,
  representation,
  withCors,
} from '../src/delivery/index.ts';

const HOST = 'media.reel.test';
const textOf = async (res: Response) => new TextDecoder().decode(await res.arrayBuffer());
const sha256 = async (data: BufferSource) => new Uint8Array(await crypto.subtle.digest('SHA-256', data));
const MASTER =
  '#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-STREAM-INF:BANDWIDTH=800000,RESOLUTION=640x360\nh264-360/index.m3u8\n';

/** A file under a fresh video id, and a way to run one request's loading to completion. */
async function publish(path: string, body: Uint8Array | string) {
  const videoId = `vid_text_${crypto.randomUUID().slice(0, 8)}`;
  const ref: ObjectRef = {
    r2Key: `videos/${videoId}/a/att_1/${path}`,
    cacheKey: mediaCacheKey(HOST, videoId, 'att_1', path),
  };
  await env.MEDIA.put(ref.r2Key, body);
  return ref;
}

async function withDeps<T>(fn: (deps: DeliveryDeps) => Promise<T>): Promise<T> {
  const ctx = createExecutionContext();
  const result = await fn({ bucket: env.MEDIA, cache: caches.default, waitUntil: (p) => ctx.waitUntil(p) });
  await waitOnExecutionContext(ctx);
  return result;
}

describe('playlists read through the cache and answered per request', () => {
  it('loadText reads the stored master, from R2 first and then from the cache', async () => {
    const ref = await publish('master.m3u8', MASTER);
    const first = await withDeps((deps) => loadText(deps, ref));
    expect(first).toMatchObject({ text: MASTER, contentType: 'application/vnd.apple.mpegurl', hit: false });
    expect(first?.etag).toMatch(/^"/);
    await env.MEDIA.delete(ref.r2Key);
    const second = await withDeps((deps) => loadText(deps, ref));
    expect(second).toMatchObject({ text: MASTER, hit: true, etag: first?.etag });
  });

  it('loadText is null for a missing playlist', async () => {
    const ref = await publish('master.m3u8', MASTER);
    await env.MEDIA.delete(ref.r2Key);
    expect(await withDeps((deps) => loadText(deps, ref))).toBeNull();
  });

  it('a rewritten master is private, no-store, carries no borrowed ETag, and still answers HEAD and Range', async () => {
    const rewritten = MASTER.replace('800000', '700000');
    const full = () => representation(rewritten, 'application/vnd.apple.mpegurl');
    const get = answer(new Request(`https://${HOST}/v/t/master.m3u8`), full(), {
      cacheStatus: 'hit',
      cacheControl: NO_STORE,
    });
    expect(get.status).toBe(200);
    expect(get.headers.get('cache-control')).toBe('private, no-store');
    expect(get.headers.get('etag')).toBeNull();
    expect(get.headers.get('content-length')).toBe(String(new TextEncoder().encode(rewritten).length));
    expect(get.headers.get('access-control-allow-origin')).toBe('*');
    expect(await textOf(get)).toBe(rewritten);

    const head = answer(new Request(`https://${HOST}/v/t/master.m3u8`, { method: 'HEAD' }), full(), {
      cacheStatus: 'hit',
      cacheControl: NO_STORE,
    });
    expect(await textOf(head)).toBe('');
    expect(head.headers.get('content-length')).toBe(get.headers.get('content-length'));

    const range = answer(
      new Request(`https://${HOST}/v/t/master.m3u8`, { headers: { range: 'bytes=0-6' } }),
      full(),
      { cacheStatus: 'miss', cacheControl: NO_STORE },
    );
    expect(range.status).toBe(206);
    expect(await textOf(range)).toBe('#EXTM3U');
  });

  it('keys made per request are answered private, no-store, byte for byte', async () => {
    const key = Uint8Array.from({ length: 16 }, (_, i) => 255 - i);
    const res = answer(
      new Request(`https://${HOST}/v/t/keys/sd.key`),
      representation(key, 'application/octet-stream'),
      {
        cacheStatus: 'miss',
        cacheControl: NO_STORE,
      },
    );
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(key);
  });
});

describe('large files', () => {
  it('slices a range across many stream chunks and still stores the whole file on a miss', async () => {
    const size = 3 * 1024 * 1024 + 17;
    const bytes = new Uint8Array(size);
    for (let i = 0; i < size; i++) bytes[i] = (i * 31 + (i >> 12)) % 256;
    const ref = await publish('h264-1080/seg_9.m4s', bytes);
    const start = 1_000_003;
    const end = 2_500_000;
    const served = await withDeps(async (deps) => {
      const loaded = await loadObject(deps, ref);
      if (!loaded) throw new Error('missing');
      const request = new Request(`https://${HOST}/v/t/h264-1080/seg_9.m4s`, {
        headers: { range: `bytes=${start}-${end}` },
      });
      const res = answer(request, loaded.response, { cacheStatus: 'miss' });
      return { res, body: new Uint8Array(await res.arrayBuffer()) };
    });
    expect(served.res.status).toBe(206);
    expect(served.body.byteLength).toBe(end - start + 1);
    expect(await sha256(served.body)).toEqual(await sha256(bytes.subarray(start, end + 1)));
    const stored = await caches.default.match(ref.cacheKey);
    expect(stored?.headers.get('content-length')).toBe(String(size));
    expect(await sha256((await stored?.arrayBuffer()) ?? new ArrayBuffer(0))).toEqual(await sha256(bytes));
  });
});

describe('withCors', () => {
  it('lets players on other origins read a refusal (e.g. token_expired)', async () => {
    const refusal = problemJson({ status: 403, code: 'token_expired', detail: 'Expired', instance: 'r1' });
    const res = withCors(refusal);
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ code: 'token_expired' });
  });
});
