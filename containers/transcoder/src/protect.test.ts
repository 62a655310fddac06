import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type MediaPlaylist, parsePlaylist, serializeMedia } from '@reel/hls';
import {
  type ContentKeys,
  decodeContentKeys,
  decryptSegment,
  encryptSegment,
  keyPlaylist,
  protectLadder,
  segmentIv,
  tierFor,
} from './protect.ts';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** What FFmpeg 5.1 writes for a CMAF rung, with a media sequence that does NOT match the file numbers. */
const playlist = (sequence: number, segments: number) =>
  [
    '#EXTM3U',
    '#EXT-X-VERSION:7',
    '#EXT-X-TARGETDURATION:2',
    `#EXT-X-MEDIA-SEQUENCE:${sequence}`,
    '#EXT-X-PLAYLIST-TYPE:VOD',
    '#EXT-X-INDEPENDENT-SEGMENTS',
    '#EXT-X-MAP:URI="init.mp4"',
    ...Array.from({ length: segments }, (_, i) => [`#EXTINF:2,`, `seg_${i}.m4s`]).flat(),
    '#EXT-X-ENDLIST',
    '',
  ].join('\n');

describe('segmentIv (RFC 8216bis §5.2)', () => {
  it('is the media sequence number as a 16-byte big-endian integer', () => {
    expect(hex(segmentIv(0))).toBe('0'.repeat(32));
    expect(hex(segmentIv(7))).toBe(`${'0'.repeat(31)}7`);
    expect(hex(segmentIv(0x0102030405))).toBe(`${'0'.repeat(22)}0102030405`);
    expect(hex(segmentIv(Number.MAX_SAFE_INTEGER))).toBe(`${'0'.repeat(18)}1fffffffffffff`);
  });

  it('refuses numbers that are not media sequence numbers', () => {
    for (const n of [-1, 1.5, Number.NaN, 2 ** 60]) expect(() => segmentIv(n)).toThrow(RangeError);
  });
});

describe('encryptSegment', () => {
  const key = Buffer.from('2b7e151628aed2a6abf7158809cf4f3c', 'hex');

  it('matches the NIST SP 800-38A F.2.1 CBC-AES128 vector, then one PKCS#7 block', () => {
    const iv = Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex');
    const out = encryptSegment(Buffer.from('6bc1bee22e409f96e93d7e117393172a', 'hex'), key, iv);
    expect(hex(out.subarray(0, 16))).toBe('7649abac8119b246cee98e9b12e9197d');
    expect(out.length).toBe(32);
  });

  it.each([0, 1, 15, 16, 17, 4096, 100_003])(
    'round-trips %i bytes and equals WebCrypto AES-CBC',
    async (n) => {
      const clear = randomBytes(n);
      const iv = segmentIv(n);
      const encrypted = encryptSegment(clear, key, iv);
      expect(encrypted.length).toBe((Math.floor(n / 16) + 1) * 16);
      expect(Buffer.compare(decryptSegment(encrypted, key, iv), clear)).toBe(0);
      const webKey = await crypto.subtle.importKey('raw', key, 'AES-CBC', false, ['encrypt']);
      const web = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-CBC', iv }, webKey, clear));
      expect(hex(encrypted)).toBe(hex(web));
    },
  );

  it('does not decrypt with another key or another IV', () => {
    const clear = randomBytes(5000);
    const encrypted = encryptSegment(clear, key, segmentIv(3));
    const other = randomBytes(16);
    let wrongKey: Uint8Array | undefined;
    try {
      wrongKey = decryptSegment(encrypted, other, segmentIv(3));
    } catch {
      // Usually the PKCS#7 padding check fails outright.
    }
    expect(wrongKey && Buffer.compare(wrongKey, clear)).not.toBe(0);
    // CBC: a wrong IV garbles exactly the first block.
    const wrongIv = decryptSegment(encrypted, key, segmentIv(4));
    expect(Buffer.compare(wrongIv.subarray(0, 16), clear.subarray(0, 16))).not.toBe(0);
    expect(Buffer.compare(wrongIv.subarray(16), clear.subarray(16))).toBe(0);
  });

  it('refuses keys that are not 16 bytes', () => {
    expect(() => encryptSegment(randomBytes(10), randomBytes(32), segmentIv(0))).toThrow(RangeError);
  });
});

describe('tierFor', () => {
  it('puts rungs up to the software cap (720) in SD and the rest in HD', () => {
    expect([144, 240, 360, 480, 720, 721, 1080, 2160].map(tierFor)).toEqual([
      ...['sd', 'sd', 'sd', 'sd', 'sd'],
      ...['hd', 'hd', 'hd'],
    ]);
  });
});

function parsed(text: string): MediaPlaylist {
  const result = parsePlaylist(text);
  if (!result.ok || result.playlist.kind !== 'media') throw new Error('not a media playlist');
  return result.playlist;
}

describe('keyPlaylist', () => {
  const uri = '../keys/sd.key';

  it('writes EXT-X-KEY after EXT-X-MAP and before the first segment, so the init section stays clear', () => {
    const text = serializeMedia(keyPlaylist(parsed(playlist(0, 2)), uri));
    const lines = text.split('\n');
    const key = lines.indexOf('#EXT-X-KEY:METHOD=AES-128,URI="../keys/sd.key"');
    expect(key).toBe(lines.indexOf('#EXT-X-MAP:URI="init.mp4"') + 1);
    expect(key).toBeLessThan(lines.findIndex((l) => l.startsWith('#EXTINF')));
    expect(lines.filter((l) => l.startsWith('#EXT-X-KEY'))).toHaveLength(1);
    // Read back (RFC 8216bis §4.4.4.4/§4.4.4.5): every segment keyed, no IV attribute, the map clear.
    const back = parsed(text);
    expect(back.segments.map((s) => s.key)).toEqual([
      { method: 'AES-128', uri },
      { method: 'AES-128', uri },
    ]);
    expect(back.segments.every((s) => s.map?.key === undefined)).toBe(true);
  });

  it('refuses a keyed playlist and segments without an init section', () => {
    const keyed = keyPlaylist(parsed(playlist(0, 2)), uri);
    expect(() => keyPlaylist(keyed, uri)).toThrow(/already keyed/);
    const noMap = parsed(playlist(0, 2).replace('#EXT-X-MAP:URI="init.mp4"\n', ''));
    expect(() => keyPlaylist(noMap, uri)).toThrow(/EXT-X-MAP/);
  });
});

async function fakeRung(dir: string, sequence: number, segments: number): Promise<Buffer[]> {
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'index.m3u8'), playlist(sequence, segments));
  await writeFile(path.join(dir, 'init.mp4'), 'ftyp-init-stays-clear');
  const clear = Array.from({ length: segments }, (_, i) => randomBytes(1000 + i * 37));
  await Promise.all(clear.map((c, i) => writeFile(path.join(dir, `seg_${i}.m4s`), c)));
  return clear;
}

describe('protectLadder', () => {
  it('encrypts each rung with its tier key and sequence IVs, keys its playlist, leaves init clear', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'reel-protect-'));
    const keys: ContentKeys = { sd: randomBytes(16), hd: randomBytes(16) };
    const rungs = { 'h264-1080': 'hd', 'h264-720': 'sd', 'h264-240': 'sd', 'aac-128': 'sd' } as const;
    const clear = new Map<string, Buffer[]>();
    for (const id of Object.keys(rungs)) clear.set(id, await fakeRung(path.join(out, id), 5, 3));
    const video = [1080, 720, 240].map((s) => ({ id: `h264-${s}`, shortSide: s }));
    const stats = await protectLadder(out, { video, audio: 'aac-128' }, keys);
    expect(stats.segments).toBe(12);
    for (const [id, tier] of Object.entries(rungs)) {
      const dir = path.join(out, id);
      const text = await readFile(path.join(dir, 'index.m3u8'), 'utf8');
      expect(text).toContain(
        `#EXT-X-MAP:URI="init.mp4"\n#EXT-X-KEY:METHOD=AES-128,URI="../keys/${tier}.key"\n`,
      );
      expect(await readFile(path.join(dir, 'init.mp4'), 'utf8')).toBe('ftyp-init-stays-clear');
      for (const [i, original] of (clear.get(id) ?? []).entries()) {
        const encrypted = await readFile(path.join(dir, `seg_${i}.m4s`));
        // EXT-X-MEDIA-SEQUENCE is 5, so seg_0 is media sequence number 5 (RFC 8216bis §6.3.2).
        expect(
          Buffer.compare(decryptSegment(encrypted, keys[tier], segmentIv(5 + i)), original),
          `${id} ${i}`,
        ).toBe(0);
        expect(Buffer.compare(decryptSegment(encrypted, keys[tier], segmentIv(i)), original)).not.toBe(0);
      }
    }
    expect((await readdir(out)).sort()).toEqual(Object.keys(rungs).sort());
    await expect(protectLadder(out, { video: [], audio: 'aac-128' }, keys)).rejects.toThrow(/already keyed/);
  });
});

describe('decodeContentKeys', () => {
  it('decodes the lease keys and refuses anything but 16 bytes of base64url', () => {
    const sd = randomBytes(16);
    const hd = randomBytes(16);
    const keys = decodeContentKeys({ sd: sd.toString('base64url'), hd: hd.toString('base64url') });
    expect(keys && hex(keys.sd)).toBe(hex(sd));
    expect(keys && hex(keys.hd)).toBe(hex(hd));
    expect(decodeContentKeys(null)).toBeNull();
    const bad = ['', randomBytes(15).toString('base64url'), `${sd.toString('base64url')}A`, 'A!'.repeat(11)];
    for (const text of bad) {
      expect(() => decodeContentKeys({ sd: text, hd: hd.toString('base64url') })).toThrow(/sd content key/);
    }
  });

  it('never echoes a key in its error', () => {
    const text = `${randomBytes(16).toString('base64url')}x`;
    let message = '';
    try {
      decodeContentKeys({ sd: text, hd: text });
    } catch (err) {
      message = String(err);
    }
    expect(message).toMatch(/content key/);
    expect(message).not.toContain(text.slice(0, 8));
  });
});
