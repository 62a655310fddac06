import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64url, sha256Hex, timingSafeEqual } from './encoding.ts';

describe('encoding helpers', () => {
  it('hashes like the SHA-256 test vector', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('encodes base64url without padding', () => {
    expect(base64url(new Uint8Array([0xfb, 0xff]))).toBe('-_8');
  });

  it('timingSafeEqual agrees with === (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(timingSafeEqual(a, b)).toBe(a === b);
        expect(timingSafeEqual(a, a)).toBe(true);
      }),
    );
  });
});
