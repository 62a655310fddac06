import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';

describe('GET /api/health', () => {
  it('answers 200 when the worker and D1 answer', async () => {
    const res = await exports.default.fetch('http://localhost/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, db: 'ok' });
    expect(res.headers.get('x-request-id')).toBeTruthy();
  });

  it('answers unknown routes with problem+json', async () => {
    const res = await exports.default.fetch('http://localhost/api/nope');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const body = await res.json<{ code: string; instance: string }>();
    expect(body.code).toBe('not_found');
    expect(body.instance).toBe(res.headers.get('x-request-id'));
  });
});
