import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseKey } from './key.ts';
import { parsePlaylist } from './parse.ts';
import { serializeMedia } from './serialize.ts';
import type { MediaPlaylist } from './types.ts';

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8');

function media(text: string): MediaPlaylist {
  const result = parsePlaylist(text);
  if (!result.ok || result.playlist.kind !== 'media') throw new Error(JSON.stringify(result));
  return result.playlist;
}

const HEAD = '#EXTM3U\n#EXT-X-TARGETDURATION:4\n';
const keyLines = (text: string) => text.split('\n').filter((l) => l.startsWith('#EXT-X-KEY:'));

describe('EXT-X-KEY (RFC 8216bis §4.4.4.4)', () => {
  it('reads a protected rung as packaged (key after the map): clear init, every segment keyed', () => {
    const playlist = media(fixture('media-aes128-fmp4.m3u8'));
    const key = { method: 'AES-128', uri: '../keys/hd.key' };
    expect(playlist.segments.map((s) => [s.uri, s.map, s.key])).toEqual([
      ['seg_0.m4s', { uri: 'init.mp4' }, key],
      ['seg_1.m4s', { uri: 'init.mp4' }, key],
      ['seg_2.m4s', { uri: 'init.mp4' }, key],
      ['seg_3.m4s', { uri: 'init.mp4' }, key],
    ]);
  });

  it('writes the protected rung back byte for byte: the key once, after EXT-X-MAP', () => {
    const text = fixture('media-aes128-fmp4.m3u8');
    expect(serializeMedia(media(text))).toBe(text);
  });

  it('keeps a key that precedes EXT-X-MAP on the init section, and writes it before the map again', () => {
    const text = `${HEAD}#EXT-X-KEY:METHOD=SAMPLE-AES,URI="skd://k",IV=0x1\n#EXT-X-MAP:URI="i.mp4"\n#EXTINF:4,\ns0.m4s\n`;
    const playlist = media(text);
    expect(playlist.segments[0]?.map?.key?.method).toBe('SAMPLE-AES');
    const lines = serializeMedia(playlist).split('\n');
    expect(lines.findIndex((l) => l.startsWith('#EXT-X-KEY:'))).toBeLessThan(
      lines.findIndex((l) => l.startsWith('#EXT-X-MAP:')),
    );
  });

  it('ends an encrypting key before a later clear init section, then resumes it after the map', () => {
    const playlist = media(fixture('media-aes128-fmp4.m3u8'));
    const [first, ...rest] = playlist.segments;
    if (first === undefined) throw new Error('empty fixture');
    const second = { uri: 'init2.mp4' };
    const changed = {
      ...playlist,
      segments: [first, ...rest.map((s) => ({ ...s, map: second, discontinuity: true }))],
    };
    const lines = serializeMedia(changed).split('\n');
    const at = lines.indexOf('#EXT-X-MAP:URI="init2.mp4"');
    expect(lines[at - 1]).toBe('#EXT-X-KEY:METHOD=NONE');
    expect(lines[at + 1]).toBe('#EXT-X-KEY:METHOD=AES-128,URI="../keys/hd.key"');
    expect(media(lines.join('\n')).segments).toEqual(changed.segments);
  });

  it('applies a key until the next key tag and writes tags only where the key changes', () => {
    const text =
      `${HEAD}#EXT-X-KEY:METHOD=AES-128,URI="a.key"\n#EXTINF:4,\ns0.ts\n#EXTINF:4,\ns1.ts\n` +
      '#EXT-X-KEY:METHOD=NONE\n#EXTINF:4,\ns2.ts\n#EXT-X-KEY:METHOD=AES-128,URI="b.key"\n#EXTINF:4,\ns3.ts\n';
    const playlist = media(text);
    expect(playlist.segments.map((s) => s.key?.uri ?? s.key?.method)).toEqual([
      'a.key',
      'a.key',
      'NONE',
      'b.key',
    ]);
    expect(keyLines(serializeMedia(playlist))).toEqual([
      '#EXT-X-KEY:METHOD=AES-128,URI="a.key"',
      '#EXT-X-KEY:METHOD=NONE',
      '#EXT-X-KEY:METHOD=AES-128,URI="b.key"',
    ]);
  });

  it('reads IVs as 16 bytes (short hexadecimal-sequences left-padded) and writes all 32 digits', () => {
    const read = parseKey('METHOD=AES-128,URI="k",IV=0X1ff,KEYFORMAT="identity",KEYFORMATVERSIONS="1"');
    if (!read.ok || read.value === undefined) throw new Error(JSON.stringify(read));
    expect(Array.from(read.value.iv ?? [])).toEqual([...new Array(14).fill(0), 1, 255]);
    const text = `${HEAD}#EXT-X-KEY:METHOD=AES-128,URI="k",IV=0x${'0a'.repeat(16)}\n#EXTINF:4,\ns.ts\n`;
    expect(keyLines(serializeMedia(media(text)))).toEqual([
      `#EXT-X-KEY:METHOD=AES-128,URI="k",IV=0x${'0a'.repeat(16)}`,
    ]);
  });

  it.each([
    ['METHOD=NONE,URI="k"', 'METHOD=NONE takes no other attribute'],
    ['METHOD=AES-128', 'METHOD=AES-128 needs a URI'],
    ['URI="k"', 'missing METHOD'],
    ['METHOD=AES-256,URI="k"', 'METHOD=AES-256 is not allowed'],
    [
      `METHOD=AES-128,URI="k",IV=0x${'f'.repeat(33)}`,
      'IV must be a hexadecimal-sequence of at most 128 bits',
    ],
    ['METHOD=AES-128,URI="k",IV="0x01"', 'IV must be a hexadecimal-sequence of at most 128 bits'],
    ['METHOD=AES-128,URI=k', 'URI must be a quoted-string'],
  ])('refuses %s', (attrs, reason) => {
    expect(parseKey(attrs)).toEqual({ ok: false, reason });
    expect(parsePlaylist(`${HEAD}#EXT-X-KEY:${attrs}\n#EXTINF:4,\ns.ts\n`)).toEqual({
      ok: false,
      line: 3,
      reason,
    });
  });

  it('refuses an AES-128 key on an init section without an IV (§4.4.4.5)', () => {
    const text = `${HEAD}#EXT-X-KEY:METHOD=AES-128,URI="k"\n#EXT-X-MAP:URI="i.mp4"\n#EXTINF:4,\ns.m4s\n`;
    expect(parsePlaylist(text)).toMatchObject({ ok: false, line: 4 });
  });

  it('refuses two key formats applying to one segment rather than keeping only one of them', () => {
    const text =
      `${HEAD}#EXT-X-KEY:METHOD=SAMPLE-AES,URI="skd://a",KEYFORMAT="com.apple.streamingkeydelivery"\n` +
      '#EXT-X-KEY:METHOD=SAMPLE-AES,URI="data:x",KEYFORMAT="urn:uuid:edef8ba9-79d6-4ace-a3c8-27dcd51d21ed"\n' +
      '#EXTINF:4,\ns.m4s\n';
    expect(parsePlaylist(text)).toEqual({
      ok: false,
      line: 4,
      reason: 'several EXT-X-KEY formats for one segment are not supported',
    });
  });
});

describe('EXT-X-KEY from untrusted text', () => {
  it('answers a value for any attribute text, and whatever parses survives a round trip', () => {
    const piece = fc.constantFrom(
      'METHOD=',
      'NONE',
      'AES-128',
      'SAMPLE-AES',
      ',',
      'URI=',
      '"k"',
      'IV=',
      '0x',
      'ff',
      '"',
      'KEYFORMAT=',
      '=',
    );
    const attrs = fc.oneof(
      fc.string(),
      fc.array(piece, { maxLength: 12 }).map((p) => p.join('')),
    );
    fc.assert(
      fc.property(attrs, fc.boolean(), (text, beforeMap) => {
        const key = `#EXT-X-KEY:${text.replace(/[\r\n]/g, '')}`;
        const map = '#EXT-X-MAP:URI="i.mp4"';
        const body = beforeMap ? `${key}\n${map}` : `${map}\n${key}`;
        const result = parsePlaylist(`${HEAD}${body}\n#EXTINF:4,\ns0.m4s\n`);
        if (result.ok && result.playlist.kind === 'media') {
          expect(parsePlaylist(serializeMedia(result.playlist))).toEqual(result);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('tags that may not be ignored', () => {
  it.each([
    ['#EXT-X-DEFINE:NAME="x",VALUE="y"', 'EXT-X-DEFINE'],
    ['#EXT-X-I-FRAMES-ONLY', 'EXT-X-I-FRAMES-ONLY'],
    ['#EXT-X-GAP', 'EXT-X-GAP'],
    ['#EXT-X-SKIP:SKIPPED-SEGMENTS=3', 'EXT-X-SKIP'],
  ])('refuses %s, naming the line', (tag, name) => {
    const text = `${HEAD}#EXT-X-VERSION:7\n#EXTINF:4,\ns0.ts\n${tag}\n#EXTINF:4,\ns1.ts\n`;
    expect(parsePlaylist(text)).toEqual({
      ok: false,
      line: 6,
      reason: `${name} is not supported (ignoring it would change the playlist)`,
    });
  });

  it('keeps EXT-X-DISCONTINUITY-SEQUENCE (§4.4.3.3) through a round trip', () => {
    const playlist = media(`${HEAD}#EXT-X-DISCONTINUITY-SEQUENCE:7\n#EXTINF:4,\ns0.ts\n`);
    expect(playlist.discontinuitySequence).toBe(7);
    expect(serializeMedia(playlist)).toContain('#EXT-X-DISCONTINUITY-SEQUENCE:7\n');
  });
});
