import { describe, expect, it } from 'vitest';
import relay from '../src/index.ts';

describe('live relay', () => {
  it('answers its health route', async () => {
    const res = await relay.fetch(new Request('http://live.localhost/live/health'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, service: 'reel-live-relay' });
  });

  it('answers anything else with a problem+json 404', async () => {
    const res = await relay.fetch(new Request('http://live.localhost/live/nope'));
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect((await res.json<{ code: string }>()).code).toBe('not_found');
  });
});
