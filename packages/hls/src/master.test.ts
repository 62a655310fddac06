import { describe, expect, it } from 'vitest';
import { writeMaster } from './master.ts';
import { parsePlaylist } from './parse.ts';

const video = (short: number, peak: number) => ({
  uri: `h264-${short}/index.m3u8`,
  peakBitrate: peak,
  averageBitrate: peak * 0.8,
  codec: 'avc1.64001E',
  width: Math.round((short * 16) / 9 / 2) * 2,
  height: short,
  frameRate: 29.97,
});

describe('writeMaster', () => {
  it('adds the audio peak to BANDWIDTH, lists groups, sorts variants by bandwidth', () => {
    const text = writeMaster({
      video: [video(360, 900_000), video(240, 400_000)],
      audio: {
        uri: 'aac-128/index.m3u8',
        name: 'Main',
        peakBitrate: 130_000,
        averageBitrate: 128_000,
        channels: 2,
      },
      subtitles: [{ uri: 'subs/en.m3u8', name: 'English', language: 'en' }],
    });
    const result = parsePlaylist(text);
    if (!result.ok || result.playlist.kind !== 'master') throw new Error(text);
    const { variants, renditions } = result.playlist;
    expect(variants.map((v) => [v.uri, v.bandwidth, v.averageBandwidth])).toEqual([
      ['h264-240/index.m3u8', 530_000, 448_000],
      ['h264-360/index.m3u8', 1_030_000, 848_000],
    ]);
    expect(variants[0]).toMatchObject({
      codecs: ['avc1.64001E', 'mp4a.40.2'],
      resolution: { width: 426, height: 240 },
      frameRate: 29.97,
      audio: 'audio',
      subtitles: 'subs',
    });
    expect(renditions.map((r) => [r.type, r.uri, r.default])).toEqual([
      ['AUDIO', 'aac-128/index.m3u8', true],
      ['SUBTITLES', 'subs/en.m3u8', true],
    ]);
    expect(text).toContain('#EXT-X-INDEPENDENT-SEGMENTS');
  });

  it('writes a video-only variant without an AUDIO group', () => {
    const result = parsePlaylist(writeMaster({ video: [video(240, 400_000)] }));
    if (!result.ok || result.playlist.kind !== 'master') throw new Error('unparsable');
    expect(result.playlist.variants[0]?.audio).toBeUndefined();
    expect(result.playlist.variants[0]?.codecs).toEqual(['avc1.64001E']);
    expect(result.playlist.variants[0]?.bandwidth).toBe(400_000);
  });
});
