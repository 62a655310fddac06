import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { answer, loadObject, mediaCacheKey, type ObjectRef, preflight } from '../src/delivery/index.ts';

const HOST = 'media.reel.test';
const SIZE = 1000;
const BYTES = Uint8Array.from({ length: SIZE }, (_, i) => (i * 7) % 251);
const IMMUTABLE = 'public, max-age=31536000, immutable';

let seq = 0;
/** A fresh published file (own video id, so no test sees another's cache entry). */
async function publish(path = 'h264-360/seg_1.m4s', body: Uint8Array | string = BYTES) {
  const videoId = `vid_delivery_${++seq}_${crypto.randomUUID().slice(0, 8)}`;
  const r2Key = `videos/${videoId}/a/att_1/${path}`;
  const object = await env.MEDIA.put(r2Key, body);
  if (!object) throw new Error(`R2 refused ${r2Key}`);
  const url = `https://${HOST}/v/tok.en.sig/${path}`;
  return { videoId, path, url, r2Key, etag: object.httpEtag, uploaded: object.uploaded };
}

type Published = Awaited<ReturnType<typeof publish>>;

/** What the router does for an asset file: cache key from the path (never the query), load, answer. */
async function serve(file: Published, init: RequestInit & { query?: string } = {}) {
  const request = new Request(`${file.url}${init.query ?? ''}`, init);
  const path = new URL(request.url).pathname.replace(/^\/v\/[^/]+\//, '');
  const ref: ObjectRef = { r2Key: file.r2Key, cacheKey: mediaCacheKey(HOST, file.videoId, 'att_1', path) };
  const ctx = createExecutionContext();
  const loaded = await loadObject(
    { bucket: env.MEDIA, cache: caches.default, waitUntil: (p) => ctx.waitUntil(p) },
    ref,
  );
  if (!loaded) return null;
  const res = answer(request, loaded.response, { cacheStatus: loaded.hit ? 'hit' : 'miss' });
  const body = new Uint8Array(await res.arrayBuffer());
  await waitOnExecutionContext(ctx);
  return { res, body, cacheKey: ref.cacheKey };
}

async function must(file: Published, init: RequestInit & { query?: string } = {}) {
  const served = await serve(file, init);
  if (!served) throw new Error(`no object at ${file.r2Key}`);
  return served;
}

function expectCors(res: Response) {
  expect(res.headers.get('access-control-allow-origin')).toBe('*');
  const exposed = (res.headers.get('access-control-expose-headers') ?? '').toLowerCase();
  for (const h of ['content-range', 'etag', 'accept-ranges', 'x-reel-cache']) expect(exposed).toContain(h);
}

describe('loading and answering a full GET', () => {
  it('answers 200 with the whole file, its validators, immutable caching, Accept-Ranges and CORS', async () => {
    const file = await publish();
    const { res, body } = await must(file);
    expect(res.status).toBe(200);
    expect(body).toEqual(BYTES);
    expect(res.headers.get('content-length')).toBe(String(SIZE));
    expect(res.headers.get('content-type')).toBe('video/iso.segment');
    expect(res.headers.get('etag')).toBe(file.etag);
    expect(res.headers.get('last-modified')).toBe(file.uploaded.toUTCString());
    expect(res.headers.get('cache-control')).toBe(IMMUTABLE);
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('x-reel-cache')).toBe('miss');
    expectCors(res);
  });

  it('labels each kind of asset with its media type', async () => {
    const types: Record<string, string> = {
      'master.m3u8': 'application/vnd.apple.mpegurl',
      'manifest.mpd': 'application/dash+xml',
      'h264-720/init.mp4': 'video/mp4',
      'h264-720/seg_0.m4s': 'video/iso.segment',
      'subs/en.vtt': 'text/vtt',
      'thumbs/0001.jpg': 'image/jpeg',
      'keys/sd.key': 'application/octet-stream',
      'thumbs/index.json': 'application/json',
    };
    for (const [path, type] of Object.entries(types)) {
      const { res } = await must(await publish(path, 'x'));
      expect(res.headers.get('content-type')?.split(';')[0], path).toBe(type);
    }
  });

  it('answers HEAD with the same headers and Content-Length, and no body', async () => {
    const file = await publish();
    const { res, body } = await must(file, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(body.byteLength).toBe(0);
    expect(res.headers.get('content-length')).toBe(String(SIZE));
    expect(res.headers.get('etag')).toBe(file.etag);
    expectCors(res);
  });

  it('is null when R2 has no such object, and caches nothing', async () => {
    const file = await publish();
    await env.MEDIA.delete(file.r2Key);
    expect(await serve(file)).toBeNull();
    expect(await caches.default.match(mediaCacheKey(HOST, file.videoId, 'att_1', file.path))).toBeUndefined();
  });

  it('refuses other methods with 405 naming GET and HEAD', async () => {
    const { res } = await must(await publish(), { method: 'DELETE' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toContain('GET');
    expectCors(res);
  });
});

describe('byte ranges (RFC 9110 §14)', () => {
  const cases: [string, number, number][] = [
    ['bytes=0-0', 0, 0],
    ['bytes=100-199', 100, 199],
    ['bytes=900-', 900, 999],
    ['bytes=-100', 900, 999],
    ['bytes=990-5000', 990, 999],
    ['bytes=-5000', 0, 999],
    ['BYTES = 5-9', 5, 9],
  ];
  for (const [range, start, end] of cases) {
    it(`answers ${range} with 206 bytes ${start}-${end}, on a miss and on a hit`, async () => {
      const file = await publish();
      for (const cache of ['miss', 'hit']) {
        const { res, body } = await must(file, { headers: { range } });
        expect(res.status).toBe(206);
        expect(res.headers.get('x-reel-cache')).toBe(cache);
        expect(res.headers.get('content-range')).toBe(`bytes ${start}-${end}/${SIZE}`);
        expect(res.headers.get('content-length')).toBe(String(end - start + 1));
        expect(body).toEqual(BYTES.slice(start, end + 1));
        expect(res.headers.get('etag')).toBe(file.etag);
        expectCors(res);
      }
    });
  }

  for (const range of ['bytes=1000-', 'bytes=5000-6000', 'bytes=-0']) {
    it(`answers ${range} with 416 and Content-Range bytes */size as problem+json`, async () => {
      const { res, body } = await must(await publish(), { headers: { range } });
      expect(res.status).toBe(416);
      expect(res.headers.get('content-range')).toBe(`bytes */${SIZE}`);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(JSON.parse(new TextDecoder().decode(body))).toMatchObject({
        status: 416,
        code: 'range_not_satisfiable',
      });
      expectCors(res);
    });
  }

  for (const range of ['bytes=0-1,5-9', 'bytes=abc', 'items=0-9', 'bytes=9-5', 'bytes=', 'bytes=1-2-3']) {
    it(`answers ${range} with the whole file (several ranges, or a Range to ignore)`, async () => {
      const { res, body } = await must(await publish(), { headers: { range } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-range')).toBeNull();
      expect(body).toEqual(BYTES);
    });
  }

  it('ignores Range on HEAD', async () => {
    const { res } = await must(await publish(), { method: 'HEAD', headers: { range: 'bytes=0-9' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(SIZE));
  });

  it('applies Range only when If-Range still matches (strong ETag or exact date)', async () => {
    const file = await publish();
    const ranged = (ifRange: string) => must(file, { headers: { range: 'bytes=0-9', 'if-range': ifRange } });
    expect((await ranged(file.etag)).res.status).toBe(206);
    expect((await ranged(file.uploaded.toUTCString())).res.status).toBe(206);
    const stale = await ranged('"something-else"');
    expect(stale.res.status).toBe(200);
    expect(stale.body).toEqual(BYTES);
    expect((await ranged(`W/${file.etag}`)).res.status).toBe(200);
  });
});

describe('conditional requests (RFC 9110 §13)', () => {
  it('answers a matching If-None-Match with 304, the ETag and no body', async () => {
    const file = await publish();
    for (const inm of [file.etag, `W/${file.etag}`, `"nope", ${file.etag}`, '*']) {
      const { res, body } = await must(file, { headers: { 'if-none-match': inm } });
      expect(res.status, inm).toBe(304);
      expect(res.headers.get('etag')).toBe(file.etag);
      expect(res.headers.get('cache-control')).toBe(IMMUTABLE);
      expect(body.byteLength).toBe(0);
      expectCors(res);
    }
  });

  it('answers a non-matching If-None-Match with the full 200, even alongside a fresh If-Modified-Since', async () => {
    const file = await publish();
    const headers = {
      'if-none-match': '"other"',
      'if-modified-since': new Date(Date.now() + 86_400_000).toUTCString(),
    };
    const { res, body } = await must(file, { headers });
    expect(res.status).toBe(200);
    expect(body).toEqual(BYTES);
  });

  it('uses If-Modified-Since when there is no If-None-Match', async () => {
    const file = await publish();
    const at = (ms: number) => ({ headers: { 'if-modified-since': new Date(ms).toUTCString() } });
    expect((await must(file, at(file.uploaded.getTime() + 60_000))).res.status).toBe(304);
    expect((await must(file, at(file.uploaded.getTime() - 60_000))).res.status).toBe(200);
  });
});

describe('the cache', () => {
  it('serves the second request from the cache whatever the query (CMCD never splits the key)', async () => {
    const file = await publish();
    const first = await must(file, { query: '?CMCD=br%3D800%2Cot%3Dv' });
    const second = await must(file, { query: '?CMCD=br%3D3200%2Cot%3Dv%2Csu' });
    expect(first.res.headers.get('x-reel-cache')).toBe('miss');
    expect(second.res.headers.get('x-reel-cache')).toBe('hit');
    expect(second.body).toEqual(BYTES);
    expect(second.res.headers.get('etag')).toBe(file.etag);
    // Served from the cache: R2 no longer has it.
    await env.MEDIA.delete(file.r2Key);
    expect((await must(file, { query: '?CMCD=bl%3D100' })).body).toEqual(BYTES);
  });

  it('answers a Range miss with 206 and stores the whole 200, so a full GET is then a hit', async () => {
    const file = await publish();
    const ranged = await must(file, { headers: { range: 'bytes=10-19' } });
    expect(ranged.res.status).toBe(206);
    expect(ranged.res.headers.get('x-reel-cache')).toBe('miss');
    const stored = await caches.default.match(ranged.cacheKey);
    expect(stored?.status).toBe(200);
    expect(new Uint8Array((await stored?.arrayBuffer()) ?? new ArrayBuffer(0))).toEqual(BYTES);
    const full = await must(file);
    expect(full.res.status).toBe(200);
    expect(full.res.headers.get('x-reel-cache')).toBe('hit');
    expect(full.body).toEqual(BYTES);
  });

  it('keys by host, video, asset version and path only', () => {
    expect(mediaCacheKey(HOST, 'vid_1', 'att_7', 'h264-720/seg_3.m4s?CMCD=br%3D1')).toBe(
      `https://${HOST}/c/vid_1/att_7/h264-720/seg_3.m4s`,
    );
    expect(mediaCacheKey(HOST, 'vid_1', 'att_8', '/master.m3u8')).toBe(
      `https://${HOST}/c/vid_1/att_8/master.m3u8`,
    );
  });
});

describe('CORS preflight', () => {
  it('allows GET and HEAD with Range, the conditionals and the CMCD headers', () => {
    const res = preflight(
      new Request(`https://${HOST}/v/tok/master.m3u8`, {
        method: 'OPTIONS',
        headers: { origin: 'https://player.example', 'access-control-request-method': 'GET' },
      }),
    );
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')).toContain('HEAD');
    const allowed = (res.headers.get('access-control-allow-headers') ?? '').toLowerCase();
    for (const h of [
      'range',
      'if-none-match',
      'cmcd-request',
      'cmcd-object',
      'cmcd-status',
      'cmcd-session',
    ]) {
      expect(allowed).toContain(h);
    }
    expect(Number(res.headers.get('access-control-max-age'))).toBeGreaterThan(0);
  });

  it('refuses a preflight for a method media does not take', () => {
    const res = preflight(
      new Request(`https://${HOST}/v/tok/master.m3u8`, {
        method: 'OPTIONS',
        headers: { origin: 'https://player.example', 'access-control-request-method': 'PUT' },
      }),
    );
    expect(res.status).toBe(405);
    expect(res.headers.get('access-control-allow-methods')).toBeNull();
  });
});
