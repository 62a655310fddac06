import { exports } from 'cloudflare:workers';
import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { signSourceUrl } from '../src/domain/source-url.ts';
import { ORIGIN } from './helpers.ts';
import { bytesOf, lease, problemCode, processingVideo, retireOtherJobs } from './job-kit.ts';

const SOURCE = bytesOf('0123456789abcdefghij'); // 20 bytes

beforeEach(retireOtherJobs);

const get = (url: string, headers: Record<string, string> = {}, method = 'GET') =>
  exports.default.fetch(new Request(url, { method, headers }));

async function sourceUrl() {
  await processingVideo(SOURCE);
  const { sourceUrl } = await lease();
  if (!sourceUrl) throw new Error('no source URL');
  return sourceUrl;
}

describe('source URL (GET /api/internal/sources/{videoId}/{uploadId})', () => {
  it('serves the whole source with Accept-Ranges', async () => {
    const res = await get(await sourceUrl());
    expect(res.status).toBe(200);
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('content-length')).toBe('20');
    expect(await res.text()).toBe('0123456789abcdefghij');
  });

  it('serves byte ranges: closed, open-ended, suffix, clamped', async () => {
    const url = await sourceUrl();
    const cases: [string, string, string][] = [
      ['bytes=0-3', 'bytes 0-3/20', '0123'],
      ['bytes=10-', 'bytes 10-19/20', 'abcdefghij'],
      ['bytes=-5', 'bytes 15-19/20', 'fghij'],
      ['bytes=18-99', 'bytes 18-19/20', 'ij'],
      ['bytes=-50', 'bytes 0-19/20', '0123456789abcdefghij'],
    ];
    for (const [range, contentRange, body] of cases) {
      const res = await get(url, { range });
      expect(res.status, range).toBe(206);
      expect(res.headers.get('content-range'), range).toBe(contentRange);
      expect(res.headers.get('content-length'), range).toBe(String(body.length));
      expect(await res.text(), range).toBe(body);
    }
  });

  it('answers 416 with the size for a range past the end', async () => {
    const res = await get(await sourceUrl(), { range: 'bytes=20-' });
    expect(res.status).toBe(416);
    expect(res.headers.get('content-range')).toBe('bytes */20');
  });

  it('answers HEAD with the headers and no body', async () => {
    const url = await sourceUrl();
    const res = await get(url, { range: 'bytes=2-5' }, 'HEAD');
    expect(res.status).toBe(206);
    expect(res.headers.get('content-length')).toBe('4');
    expect(await res.text()).toBe('');
    expect((await get(url, {}, 'HEAD')).headers.get('content-length')).toBe('20');
  });

  it('refuses an expired URL (403 url_expired) and a tampered one (403 url_invalid)', async () => {
    const { videoId, uploadId } = await processingVideo(SOURCE);
    const expired = await signSourceUrl(env.SERVICE_SIGNING_KEY, {
      origin: ORIGIN,
      videoId,
      uploadId,
      now: Date.now() - 11 * 60_000,
    });
    const res = await get(expired);
    expect(res.status).toBe(403);
    expect(await problemCode(res)).toBe('url_expired');
    const fresh = await signSourceUrl(env.SERVICE_SIGNING_KEY, {
      origin: ORIGIN,
      videoId,
      uploadId,
      now: Date.now(),
    });
    expect((await get(fresh)).status).toBe(200);
    const later = fresh.replace(/exp=(\d+)/, (_, e: string) => `exp=${Number(e) + 3600}`);
    expect(await problemCode(await get(later))).toBe('url_invalid');
    expect(await problemCode(await get(fresh.replace(uploadId, 'someotherupload')))).toBe('url_invalid');
    expect(await problemCode(await get(fresh.split('?')[0] ?? ''))).toBe('url_invalid');
  });
});
