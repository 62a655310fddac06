import { env } from 'cloudflare:test';
import { parseKeyRing, TOKEN_LEEWAY_S } from '@reel/signing';
import { beforeAll, describe, expect, it } from 'vitest';
import { codeOf, media, seedTitle, type Title, tokenFor } from './kit.ts';

let title: Title;
beforeAll(async () => {
  title = await seedTitle();
});

const now = () => Math.floor(Date.now() / 1000);

describe('media worker: every request verifies the token', () => {
  it('serves a valid token and answers health without one', async () => {
    expect((await media(`/v/${await tokenFor(title)}/h264-720/seg_0.m4s`)).status).toBe(200);
    expect(await (await media('/v/health')).json()).toEqual({ ok: true, service: 'reel-manifest' });
  });

  it('refuses each failure mode with its own code', async () => {
    const good = await tokenFor(title);
    const seg = (t: string) => media(`/v/${t}/h264-720/seg_0.m4s`);
    const cases: [string, Promise<string>][] = [
      [
        'token_expired',
        tokenFor(title, { iat: now() - 7200, nbf: now() - 7200, exp: now() - TOKEN_LEEWAY_S - 1 }),
      ],
      ['token_not_yet_valid', tokenFor(title, { nbf: now() + TOKEN_LEEWAY_S + 30 })],
      ['token_invalid', Promise.resolve(`${good.slice(0, -3)}${good.endsWith('A') ? 'BBB' : 'AAA'}`)],
      ['token_unknown_key', tokenFor(title, {}, parseKeyRing(`k9=${'z'.repeat(40)}`))],
      [
        'token_malformed',
        Promise.resolve(`${btoa('{"x":1}').replace(/=+$/, '')}.${good.split('.').slice(1).join('.')}`),
      ],
    ];
    for (const [code, token] of cases) {
      const res = await seg(await token);
      expect(res.status, code).toBe(403);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(await codeOf(res)).toBe(code);
    }
  });

  it('accepts tokens of every key in the ring (rotation)', async () => {
    const k2 = parseKeyRing(env.PLAYBACK_SIGNING_KEYS, 'k2');
    expect((await media(`/v/${await tokenFor(title, {}, k2)}/h264-720/seg_0.m4s`)).status).toBe(200);
  });

  it('refuses a session of another video (token_wrong_video) on playlists', async () => {
    const other = await seedTitle();
    const token = await tokenFor(title, { sid: other.sid });
    expect(await codeOf(await media(`/v/${token}/master.m3u8`))).toBe('token_wrong_video');
  });

  it('never lets a path escape the asset folder', async () => {
    const token = await tokenFor(title);
    const other = await seedTitle();
    const escapes = [
      `/v/${token}/../../videos/${other.videoId}/a/${other.av}/master.m3u8`,
      `/v/${token}/..%2F..%2Fvideos%2F${other.videoId}%2Fa%2F${other.av}%2Fmaster.m3u8`,
      `/v/${token}/h264-720%2Fseg_0.m4s`,
      `/v/${token}/a/${other.av}/master.m3u8`,
      `/v/${token}/h264-720/seg_0.m4s/`,
      `/v/${token}/h264-720/seg_00.m4s`,
      `/v/${token}/manifest.json`,
      `/v/${token}//master.m3u8`,
    ];
    for (const path of escapes) {
      const res = await media(path);
      expect(res.status, path).toBe(404);
      expect(await codeOf(res)).toBe('not_found');
    }
    // Dot segments, even percent-encoded, are resolved by the URL parser before routing (WHATWG URL), so the
    // request lands on another rung of the same asset, where the policy still applies.
    const dotted = await media(`/v/${token}/h264-720/%2e%2e/h264-1080/seg_0.m4s`);
    expect(await codeOf(dotted)).toBe('rendition_not_allowed');
    // Another asset version in the token: its files are not under this video, so nothing is found.
    const foreign = await tokenFor(title, { av: other.av });
    expect((await media(`/v/${foreign}/h264-720/seg_0.m4s`)).status).toBe(404);
  });
});
