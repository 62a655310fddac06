import { describe, expect, it } from 'vitest';
import {
  codecFamilyOf,
  rungCodecFamily,
  rungIdOfUri,
  rungShortSide,
  shortSideOf,
  variantCodecFamily,
} from './rung.ts';

describe('codecFamilyOf (RFC 6381 sample entries)', () => {
  it.each([
    ['avc1.64001F,mp4a.40.2', 'h264'],
    ['avc3.640028', 'h264'],
    ['mp4a.40.2,hvc1.1.6.L93.B0', 'hevc'],
    ['hev1.2.4.L120.B0', 'hevc'],
    ['vp09.00.30.08', 'vp9'],
    ['av01.0.04M.08,opus', 'av1'],
    ['mp4a.40.2', undefined],
    ['dvh1.05.06,ec-3', undefined],
    ['', undefined],
  ])('%s → %s', (codecs, family) => {
    expect(codecFamilyOf(codecs)).toBe(family);
    expect(codecFamilyOf(codecs.split(','))).toBe(family);
  });
});

describe('rung ids (DESIGN.md token path layout)', () => {
  it.each([
    ['h264-720/index.m3u8', 'h264-720'],
    ['https://media.example/v/tok/av1-1080/index.m3u8?CMCD=x', 'av1-1080'],
    ['aac-128/index.m3u8', 'aac-128'],
    ['subs/en.m3u8', undefined],
    ['index.m3u8', undefined],
    ['h264-720', undefined],
    ['H264-720/index.m3u8', undefined],
    ['h264-0720/index.m3u8', undefined],
  ])('rungIdOfUri(%s) = %s', (uri, id) => {
    expect(rungIdOfUri(uri)).toBe(id);
  });

  it('reads the short side of video rungs only', () => {
    expect(['h264-1080', 'hevc-2160', 'vp9-480', 'av1-240'].map(rungShortSide)).toEqual([
      1080, 2160, 480, 240,
    ]);
    expect(['aac-128', 'opus-96', 'h264', 'h264-x', 'subs-en'].map(rungShortSide)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect([rungCodecFamily('vp9-480'), rungCodecFamily('aac-128')]).toEqual(['vp9', undefined]);
  });
});

describe('shortSideOf and variantCodecFamily', () => {
  it('takes the short side of RESOLUTION, so a portrait 720x1280 variant is a 720 rung', () => {
    expect(shortSideOf({ uri: 'x/index.m3u8', resolution: { width: 720, height: 1280 } })).toBe(720);
    expect(shortSideOf({ uri: 'x/index.m3u8', resolution: { width: 1920, height: 1080 } })).toBe(1080);
  });

  it('falls back to the rung id without RESOLUTION, and knows nothing without either', () => {
    expect(shortSideOf({ uri: 'h264-480/index.m3u8' })).toBe(480);
    expect(shortSideOf({ uri: 'aac-128/index.m3u8' })).toBeUndefined();
    expect(shortSideOf({ uri: 'video.m3u8' })).toBeUndefined();
  });

  it('prefers CODECS over the rung id for the codec family', () => {
    expect(variantCodecFamily({ uri: 'h264-480/index.m3u8', codecs: ['vp09.00.30.08'] })).toBe('vp9');
    expect(variantCodecFamily({ uri: 'av1-480/index.m3u8' })).toBe('av1');
    expect(variantCodecFamily({ uri: 'h264-480/index.m3u8', codecs: ['mp4a.40.2'] })).toBeUndefined();
  });
});
