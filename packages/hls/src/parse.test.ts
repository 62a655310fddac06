import { describe, expect, it } from 'vitest';
import { parsePlaylist } from './parse.ts';

const reasonOf = (text: string) => {
  const result = parsePlaylist(text);
  return result.ok ? 'ok' : result.reason;
};

describe('parsePlaylist rejects malformed input as a value', () => {
  it('needs #EXTM3U first (§4.4.1.1)', () => {
    expect(reasonOf('#EXT-X-TARGETDURATION:2\n')).toMatch(/EXTM3U/);
    expect(reasonOf('')).toMatch(/EXTM3U/);
  });

  it('refuses master and media tags in one playlist (§4.1)', () => {
    expect(reasonOf('#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\na.m3u8\n#EXTINF:1,\na.ts\n')).toMatch(
      /master and media/,
    );
  });

  it('needs BANDWIDTH on EXT-X-STREAM-INF and a URI line after it (§4.4.6.2)', () => {
    expect(reasonOf('#EXTM3U\n#EXT-X-STREAM-INF:CODECS="avc1.64001f"\na.m3u8\n')).toBe('missing BANDWIDTH');
    expect(reasonOf('#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\n')).toMatch(/without a URI/);
  });

  it('needs EXT-X-TARGETDURATION in a media playlist (§4.4.3.1)', () => {
    expect(reasonOf('#EXTM3U\n#EXTINF:2,\nseg.m4s\n')).toMatch(/TARGETDURATION/);
  });

  it('refuses an unterminated quoted-string, a duplicate attribute and a bad DEFAULT', () => {
    const media = (attrs: string) => `#EXTM3U\n#EXT-X-MEDIA:${attrs}\n`;
    expect(reasonOf(media('TYPE=AUDIO,GROUP-ID="a,NAME="x"'))).toBe('malformed attribute list');
    expect(reasonOf(media('TYPE=AUDIO,TYPE=AUDIO,GROUP-ID="a",NAME="x"'))).toBe('malformed attribute list');
    expect(reasonOf(media('TYPE=AUDIO,GROUP-ID="a",NAME="x",DEFAULT=MAYBE'))).toMatch(/DEFAULT=MAYBE/);
  });

  it('refuses a SUBTITLES rendition without URI and a negative EXTINF', () => {
    expect(reasonOf('#EXTM3U\n#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="s",NAME="en"\n')).toMatch(/URI/);
    expect(reasonOf('#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:-1,\nseg.m4s\n')).toMatch(/EXTINF/);
  });
});
