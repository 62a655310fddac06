import { beforeAll, describe, expect, it } from 'vitest';
import { media, seedTitle, segmentBytes, type Title, tokenFor } from './kit.ts';

let title: Title;
beforeAll(async () => {
  title = await seedTitle();
});

describe('media worker: segment delivery through the token path', () => {
  it('is a cache hit for a second viewer with another token and a CMCD query', async () => {
    const fresh = await seedTitle();
    const first = await media(`/v/${await tokenFor(fresh)}/h264-480/seg_0.m4s`);
    expect(first.headers.get('x-reel-cache')).toBe('miss');
    const other = await tokenFor({ ...fresh, sid: `${fresh.sid.slice(0, 16)}zzzzzz` });
    const second = await media(`/v/${other}/h264-480/seg_0.m4s?CMCD=${encodeURIComponent('br=1400,ot=v')}`);
    expect(second.headers.get('x-reel-cache')).toBe('hit');
    expect(new Uint8Array(await second.arrayBuffer())).toEqual(segmentBytes(2));
    expect(second.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('answers byte ranges: 206, suffix, open, 416', async () => {
    const token = await tokenFor(title);
    const get = (range: string) => media(`/v/${token}/h264-720/seg_0.m4s`, { headers: { range } });
    const bytes = segmentBytes(2);
    const part = await get('bytes=10-19');
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 10-19/1000');
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(bytes.slice(10, 20));
    const suffix = await get('bytes=-100');
    expect(suffix.headers.get('content-range')).toBe('bytes 900-999/1000');
    const open = await get('bytes=990-');
    expect(new Uint8Array(await open.arrayBuffer())).toEqual(bytes.slice(990));
    const beyond = await get('bytes=1000-');
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe('bytes */1000');
  });

  it('answers HEAD and If-None-Match, with CORS for players on other origins', async () => {
    const path = `/v/${await tokenFor(title)}/h264-720/seg_0.m4s`;
    const head = await media(path, { method: 'HEAD', headers: { origin: 'https://partner.example' } });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('1000');
    expect(head.headers.get('access-control-allow-origin')).toBe('*');
    const etag = head.headers.get('etag') ?? '';
    expect((await media(path, { headers: { 'if-none-match': etag } })).status).toBe(304);
    const preflight = await media(path, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://partner.example',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'range',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('range');
  });

  it('answers 404 for files the asset does not have', async () => {
    expect((await media(`/v/${await tokenFor(title)}/h264-720/seg_99.m4s`)).status).toBe(404);
  });
});
