import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unwrapContentKey, wrapContentKey } from './content-keys.ts';
import { base64url, hmacBase64url, utf8 } from './encoding.ts';
import { parseKeyRing } from './keyring.ts';
import {
  type PlaybackClaims,
  playbackTokenExpiry,
  signPlaybackToken,
  TOKEN_LEEWAY_S,
  verifyPlaybackToken,
} from './playback.ts';

// Runs inside workerd: the same WebCrypto the media worker verifies with.
const K1 = 'k1-secret-0123456789abcdefghijklmnopqrstuvwxyz';
const K2 = 'k2-secret-0123456789abcdefghijklmnopqrstuvwxyz';
const ring = parseKeyRing(`k1=${K1},k2=${K2}`, 'k1');
const NOW = 1_800_000_000;
const claims: PlaybackClaims = {
  sub: 'AAAAAAAAAAAAAAAA',
  av: 'job1-1',
  sid: 'sessionsessionAA',
  iat: NOW,
  nbf: NOW,
  exp: NOW + 3600,
  ms: 720,
  pl: 0,
  dc: 0,
  cs: 1,
  ds: 0,
  en: 0,
};

const reasonOf = async (token: string, now = NOW) => {
  const r = await verifyPlaybackToken(token, ring, now);
  return r.ok ? 'ok' : r.reason;
};

/** A token with an arbitrary header/payload, correctly signed with `secret`. */
async function forge(header: unknown, payload: unknown, secret = K1): Promise<string> {
  const input = `${base64url(utf8(JSON.stringify(header)))}.${base64url(utf8(JSON.stringify(payload)))}`;
  return `${input}.${await hmacBase64url(secret, input)}`;
}

describe('playback tokens', () => {
  it('round-trips the claims', async () => {
    const r = await verifyPlaybackToken(await signPlaybackToken(claims, ring), ring, NOW);
    expect(r).toEqual({ ok: true, claims });
  });

  it('names every failure mode', async () => {
    const good = await signPlaybackToken(claims, ring);
    const [h, p, s] = good.split('.') as [string, string, string];
    expect(await reasonOf(good, NOW + 3600 + TOKEN_LEEWAY_S)).toBe('expired');
    expect(await reasonOf(good, NOW + 3600 + TOKEN_LEEWAY_S - 1)).toBe('ok');
    expect(await reasonOf(good, NOW - TOKEN_LEEWAY_S - 1)).toBe('not_yet_valid');
    expect(await reasonOf(good, NOW - TOKEN_LEEWAY_S)).toBe('ok');
    expect(await reasonOf(`${h}.${p}.${s.slice(0, -2)}AA`)).toBe('bad_signature');
    expect(await reasonOf(await forge({ alg: 'HS256', kid: 'k1' }, claims, K2))).toBe('bad_signature');
    expect(await reasonOf(await forge({ alg: 'HS256', kid: 'k9' }, claims))).toBe('unknown_key');
    expect(await reasonOf(await forge({ alg: 'none', kid: 'k1' }, claims))).toBe('bad_alg');
    expect(await reasonOf(await forge({ alg: 'HS512', kid: 'k1' }, claims))).toBe('bad_alg');
    expect(await reasonOf(`${h}.${p}.`)).toBe('malformed');
    expect(await reasonOf(`${h}.${p}`)).toBe('malformed');
    expect(await reasonOf(`${good}.x`)).toBe('malformed');
    expect(await reasonOf(`${h}=.${p}.${s}`)).toBe('malformed');
    // Correctly signed but not our claims: wrong types, extra claims, missing ones.
    expect(await reasonOf(await forge({ alg: 'HS256', kid: 'k1' }, { ...claims, ms: '720' }))).toBe(
      'malformed',
    );
    expect(await reasonOf(await forge({ alg: 'HS256', kid: 'k1' }, { ...claims, admin: true }))).toBe(
      'malformed',
    );
    expect(await reasonOf(await forge({ alg: 'HS256', kid: 'k1' }, 'x'))).toBe('malformed');
  });

  it('rotates keys by kid: old tokens verify while the new key signs', async () => {
    const old = await signPlaybackToken(claims, ring);
    const rotated = parseKeyRing(`k2=${K2},k1=${K1}`, 'k2');
    const fresh = await signPlaybackToken(claims, rotated);
    expect(JSON.parse(atob(fresh.split('.')[0] ?? ''))).toMatchObject({ kid: 'k2' });
    expect((await verifyPlaybackToken(old, rotated, NOW)).ok).toBe(true);
    expect((await verifyPlaybackToken(fresh, rotated, NOW)).ok).toBe(true);
    // Once k1 is retired, its tokens stop working.
    const retired = parseKeyRing(`k2=${K2}`, 'k2');
    expect(await verifyPlaybackToken(old, retired, NOW)).toEqual({ ok: false, reason: 'unknown_key' });
  });

  it('never accepts a mutated token (10,000 random mutations)', async () => {
    const good = await signPlaybackToken(claims, ring);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ ';
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('replace'), at: fc.nat(), ch: fc.constantFrom(...alphabet) }),
      fc.record({ kind: fc.constant('insert'), at: fc.nat(), ch: fc.constantFrom(...alphabet) }),
      fc.record({ kind: fc.constant('delete'), at: fc.nat(), ch: fc.constant('') }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (muts) => {
        let t = good;
        for (const m of muts) {
          const at = m.at % (t.length + (m.kind === 'insert' ? 1 : 0));
          const cut = m.kind === 'insert' ? at : at + 1;
          t = t.slice(0, at) + m.ch + t.slice(cut);
        }
        if (t === good) return;
        expect((await verifyPlaybackToken(t, ring, NOW)).ok).toBe(false);
      }),
      { numRuns: 10_000 },
    );
  });

  it('refuses every non-canonical last character of the signature', async () => {
    // 32 MAC bytes are 43 base64url characters: the last one carries 4 bits and 2 zero padding bits, so
    // three other characters decode to the same bytes. Comparing strings refuses all of them.
    const good = await signPlaybackToken(claims, ring);
    const last = good.at(-1) ?? '';
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const index = alphabet.indexOf(last);
    const variants = [1, 2, 3].map((d) => alphabet[(index & ~3) + ((index + d) & 3)] ?? '');
    for (const v of variants) {
      expect(await reasonOf(good.slice(0, -1) + v)).toBe('bad_signature');
    }
  });

  it('lives min(now + 2 × duration + 30 min, now + 6 h)', () => {
    expect(playbackTokenExpiry(NOW, 600)).toBe(NOW + 1200 + 1800);
    expect(playbackTokenExpiry(NOW, 7200)).toBe(NOW + 14_400 + 1800);
    expect(playbackTokenExpiry(NOW, 10_000)).toBe(NOW + 6 * 3600);
    expect(playbackTokenExpiry(NOW, 10.2)).toBe(NOW + 21 + 1800);
  });

  it('refuses malformed key rings', () => {
    expect(() => parseKeyRing('k1=short', 'k1')).toThrow(/at least 32/);
    expect(() => parseKeyRing(`k1=${K1}`, 'k2')).toThrow(/active kid/);
    expect(() => parseKeyRing(`k1=${K1},k1=${K2}`, 'k1')).toThrow(/twice/);
    expect(() => parseKeyRing(`=${K1}`, 'k1')).toThrow(/kid/);
  });
});

describe('content key wrapping', () => {
  it('unwraps what it wrapped, and nothing under another secret', async () => {
    const raw = crypto.getRandomValues(new Uint8Array(16));
    const wrapped = await wrapContentKey(K1, raw);
    expect(await unwrapContentKey(K1, wrapped)).toEqual(raw);
    expect(await unwrapContentKey(K2, wrapped)).toBeNull();
    expect(await unwrapContentKey(K1, `${wrapped.slice(0, -2)}AA`)).toBeNull();
    expect(await unwrapContentKey(K1, 'not base64url!')).toBeNull();
  });
});
