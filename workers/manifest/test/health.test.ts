import { describe, expect, it } from 'vitest';
import media from '../src/index.ts';

describe('media worker', () => {
  it('answers its health route', async () => {
    const res = await media.fetch(new Request('http://media.localhost/v/health'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, service: 'reel-manifest' });
  });

  it('answers anything else with a problem+json 404', async () => {
    const res = await media.fetch(new Request('http://media.localhost/v/x/master.m3u8'));
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect((await res.json<{ code: string }>()).code).toBe('not_found');
  });
});
