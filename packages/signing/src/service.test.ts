import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from './encoding.ts';
import {
  canonicalServiceRequest,
  memoryNonceStore,
  SERVICE_HEADERS,
  signServiceRequest,
  verifyServiceRequest,
} from './service.ts';

const KEY = 'test-service-key-0123456789abcdefghijklmnopqrstuvwxyz';
const NOW = 1_767_225_600_000;
const PATH = '/api/internal/jobs/j1/heartbeat?x=1';
const BODY = '{"leaseToken":3,"progress":40}';

async function signed(overrides: { body?: string; now?: number; key?: string } = {}) {
  return new Headers(
    await signServiceRequest({
      key: overrides.key ?? KEY,
      method: 'POST',
      path: PATH,
      body: overrides.body ?? BODY,
      now: overrides.now ?? NOW,
    }),
  );
}

const verify = (
  headers: Headers,
  over: Partial<{ method: string; path: string; body: string; now: number }> = {},
) =>
  verifyServiceRequest({
    key: KEY,
    method: over.method ?? 'POST',
    path: over.path ?? PATH,
    headers,
    body: over.body ?? BODY,
    now: over.now ?? NOW,
    nonces: memoryNonceStore(),
  });

describe('service request signatures', () => {
  it('builds the canonical string documented in docs/JOBS.md', () => {
    expect(
      canonicalServiceRequest({
        method: 'post',
        path: '/api/internal/jobs/lease',
        timestamp: 1767225600,
        nonce: 'AAAAAAAAAAAAAAAAAAAAAA',
        contentSha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      }),
    ).toBe(
      'POST\n/api/internal/jobs/lease\n1767225600\nAAAAAAAAAAAAAAAAAAAAAA\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });

  it('verifies what it signed and reports the body hash', async () => {
    const result = await verify(await signed());
    expect(result).toEqual({ ok: true, contentSha256: await sha256Hex(BODY) });
  });

  it('accepts ±300 s of clock skew and refuses more', async () => {
    const headers = await signed();
    expect((await verify(headers, { now: NOW + 300_000 })).ok).toBe(true);
    expect((await verify(headers, { now: NOW - 300_000 })).ok).toBe(true);
    expect(await verify(headers, { now: NOW + 301_000 })).toEqual({ ok: false, reason: 'timestamp_skew' });
    expect(await verify(headers, { now: NOW - 301_000 })).toEqual({ ok: false, reason: 'timestamp_skew' });
  });

  it('refuses another key, method, path or a tampered body', async () => {
    expect(await verify(await signed({ key: `${KEY}x` }))).toEqual({ ok: false, reason: 'bad_signature' });
    expect(await verify(await signed(), { method: 'PUT' })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(await verify(await signed(), { path: '/api/internal/jobs/j2/heartbeat?x=1' })).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    expect(await verify(await signed(), { body: BODY.replace('40', '41') })).toEqual({
      ok: false,
      reason: 'body_mismatch',
    });
  });

  it('refuses a replayed nonce, and burns no nonce for a bad signature', async () => {
    const nonces = memoryNonceStore();
    const headers = await signed();
    const run = (h: Headers) =>
      verifyServiceRequest({
        key: KEY,
        method: 'POST',
        path: PATH,
        headers: h,
        body: BODY,
        now: NOW,
        nonces,
      });
    const forged = new Headers(headers);
    forged.set(SERVICE_HEADERS.signature, 'A'.repeat(43));
    expect(await run(forged)).toEqual({ ok: false, reason: 'bad_signature' });
    expect((await run(headers)).ok).toBe(true);
    expect(await run(headers)).toEqual({ ok: false, reason: 'replayed' });
  });

  it('refuses missing or malformed headers', async () => {
    for (const name of Object.values(SERVICE_HEADERS)) {
      const headers = await signed();
      headers.delete(name);
      expect(await verify(headers)).toEqual({ ok: false, reason: 'missing_headers' });
    }
    const upper = await signed();
    upper.set(SERVICE_HEADERS.contentSha256, (upper.get(SERVICE_HEADERS.contentSha256) ?? '').toUpperCase());
    expect(await verify(upper)).toEqual({ ok: false, reason: 'missing_headers' });
  });

  it('lets a streamed body be checked later: no body given, the signed hash comes back', async () => {
    const contentSha256 = await sha256Hex('segment bytes');
    const headers = new Headers(
      await signServiceRequest({ key: KEY, method: 'PUT', path: '/o/seg_0.m4s', contentSha256, now: NOW }),
    );
    const result = await verifyServiceRequest({
      key: KEY,
      method: 'PUT',
      path: '/o/seg_0.m4s',
      headers,
      now: NOW,
      nonces: memoryNonceStore(),
    });
    expect(result).toEqual({ ok: true, contentSha256 });
  });

  it('never verifies a request with any one signed header changed (property)', async () => {
    const base = Object.fromEntries(await signed());
    const names = Object.values(SERVICE_HEADERS);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...names),
        fc.string({ minLength: 0, maxLength: 90 }),
        async (name, value) => {
          fc.pre(value !== base[name]);
          const headers = new Headers(base);
          headers.set(name, value);
          expect((await verify(headers)).ok).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never verifies when method, path or body differ from what was signed (property)', async () => {
    const headers = Object.fromEntries(await signed());
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'post'),
          path: fc.oneof(
            fc.constant(PATH),
            fc.string({ maxLength: 40 }).map((s) => `/api/internal/${s}`),
          ),
          body: fc.oneof(fc.constant(BODY), fc.string({ maxLength: 60 })),
        }),
        async (req) => {
          const same = req.method.toUpperCase() === 'POST' && req.path === PATH && req.body === BODY;
          const result = await verify(new Headers(headers), req);
          expect(result.ok).toBe(same);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never verifies a signature with one character flipped (property)', async () => {
    const headers = await signed();
    const signature = headers.get(SERVICE_HEADERS.signature) ?? '';
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: signature.length - 1 }),
        fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'),
        async (i, ch) => {
          fc.pre(signature[i] !== ch);
          const h = new Headers(headers);
          h.set(SERVICE_HEADERS.signature, signature.slice(0, i) + ch + signature.slice(i + 1));
          expect(await verify(h)).toEqual({ ok: false, reason: 'bad_signature' });
        },
      ),
      { numRuns: 200 },
    );
  });
});
