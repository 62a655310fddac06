import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePlaylist } from './parse.ts';
import { serializePlaylist } from './serialize.ts';

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8');

describe('parsePlaylist on real playlists', () => {
  it('reads an Apple-style multivariant playlist with audio and subtitle groups', () => {
    const result = parsePlaylist(fixture('master-apple.m3u8'));
    if (!result.ok || result.playlist.kind !== 'master') throw new Error(JSON.stringify(result));
    const { renditions, variants, independentSegments } = result.playlist;
    expect(independentSegments).toBe(true);
    expect(renditions.map((r) => [r.type, r.groupId, r.default, r.channels])).toEqual([
      ['AUDIO', 'aud1', true, '2'],
      ['SUBTITLES', 'sub1', true, undefined],
    ]);
    expect(variants[1]).toEqual({
      uri: 'v9/prog_index.m3u8',
      bandwidth: 8001098,
      averageBandwidth: 7968416,
      codecs: ['avc1.64002a', 'mp4a.40.2'],
      resolution: { width: 1920, height: 1080 },
      frameRate: 59.94,
      audio: 'aud1',
      subtitles: 'sub1',
    });
  });

  it('reads the fMP4 media playlist FFmpeg writes, EXT-X-MAP applying to every segment', () => {
    const result = parsePlaylist(fixture('media-ffmpeg-fmp4.m3u8'));
    if (!result.ok || result.playlist.kind !== 'media') throw new Error(JSON.stringify(result));
    const media = result.playlist;
    expect([media.targetDuration, media.playlistType, media.endList, media.version]).toEqual([
      2,
      'VOD',
      true,
      7,
    ]);
    expect(media.segments.map((s) => [s.uri, s.duration, s.map?.uri])).toEqual([
      ['seg_0.m4s', 2, 'init.mp4'],
      ['seg_1.m4s', 2, 'init.mp4'],
      ['seg_2.m4s', 1.966667, 'init.mp4'],
    ]);
  });

  it('reads CRLF line endings, byte ranges, titles and discontinuities', () => {
    const result = parsePlaylist(fixture('media-byterange-crlf.m3u8'));
    if (!result.ok || result.playlist.kind !== 'media') throw new Error(JSON.stringify(result));
    const [first, second] = result.playlist.segments;
    expect(first).toMatchObject({ title: 'intro', byteRange: { length: 75232, offset: 720 } });
    expect(first?.map).toEqual({ uri: 'main.mp4', byteRange: { length: 720, offset: 0 } });
    expect(second).toMatchObject({ discontinuity: true, byteRange: { length: 82112 } });
    expect(second?.byteRange?.offset).toBeUndefined();
  });

  it('survives a serialize → parse cycle of every good fixture', () => {
    for (const name of ['master-apple.m3u8', 'media-ffmpeg-fmp4.m3u8', 'media-byterange-crlf.m3u8']) {
      const first = parsePlaylist(fixture(name));
      if (!first.ok) throw new Error(first.reason);
      expect(parsePlaylist(serializePlaylist(first.playlist))).toEqual(first);
    }
  });

  it('rejects a quoted enumerated-string and an unquoted quoted-string (§4.2), naming the line', () => {
    expect(parsePlaylist(fixture('bad-quoted-type.m3u8'))).toEqual({
      ok: false,
      line: 2,
      reason: 'TYPE is an enumerated-string and must not be quoted',
    });
    expect(parsePlaylist(fixture('bad-unquoted-codecs.m3u8'))).toEqual({
      ok: false,
      line: 2,
      reason: 'CODECS must be a quoted-string',
    });
  });
});
