import { describe, expect, it } from 'vitest';
import { aacCodecFromProbe, av1Codec, avcCodec, avcCodecFromProbe, vp9Codec, vp9LevelFor } from './codecs.ts';

describe('CODECS strings (RFC 6381)', () => {
  it('formats avc1.PPCCLL from avcC bytes and from ffprobe profile/level', () => {
    expect(avcCodec({ profileIdc: 100, constraintFlags: 0, levelIdc: 31 })).toBe('avc1.64001F');
    expect(avcCodecFromProbe('High', 40)).toBe('avc1.640028');
    expect(avcCodecFromProbe('Main', 30)).toBe('avc1.4D401E');
    expect(avcCodecFromProbe('Constrained Baseline', 30)).toBe('avc1.42E01E');
    expect(avcCodecFromProbe('High 4:4:4 Predictive', 30)).toBeUndefined();
    expect(avcCodecFromProbe('High', -99)).toBeUndefined();
  });

  it('maps AAC profiles to object types', () => {
    expect(aacCodecFromProbe('LC')).toBe('mp4a.40.2');
    expect(aacCodecFromProbe('HE-AAC')).toBe('mp4a.40.5');
    expect(aacCodecFromProbe('HE-AACv2')).toBe('mp4a.40.29');
  });

  it('formats vp09 and av01 with zero-padded fields', () => {
    expect(vp9Codec({ profile: 0, level: 21, bitDepth: 8 })).toBe('vp09.00.21.08');
    expect(av1Codec({ profile: 0, seqLevelIdx: 8, tier: 'M', bitDepth: 10 })).toBe('av01.0.08M.10');
  });

  it('picks the lowest VP9 level that fits size and rate', () => {
    expect(vp9LevelFor(640, 360, 30)).toBe(21);
    expect(vp9LevelFor(854, 480, 30)).toBe(30);
    expect(vp9LevelFor(1920, 1080, 30)).toBe(40);
    expect(vp9LevelFor(1920, 1080, 60)).toBe(41);
    expect(vp9LevelFor(426, 240, 30)).toBe(20);
  });
});
