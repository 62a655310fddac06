import { describe, expect, it } from 'vitest';
import { toFailure } from './errors.ts';
import { parseCues, subtitlePlaylist, toHlsVtt } from './subtitles.ts';
import { spriteVtt, vttTime } from './thumbs.ts';

describe('subtitles', () => {
  it('converts SRT (CRLF, commas, BOM) to WebVTT with X-TIMESTAMP-MAP', () => {
    const srt =
      '\uFEFF1\r\n00:00:01,000 --> 00:00:02,500\r\nOne\r\nline two\r\n\r\n2\r\n01:00:00,000 --> 01:00:01,000\r\nLate\r\n';
    expect(toHlsVtt(srt)).toBe(
      'WEBVTT\nX-TIMESTAMP-MAP=MPEGTS:0,LOCAL:00:00:00.000\n\n00:00:01.000 --> 00:00:02.500\nOne\nline two\n\n01:00:00.000 --> 01:00:01.000\nLate\n',
    );
  });

  it('reads WebVTT with short timestamps and cue settings', () => {
    const vtt = 'WEBVTT\n\nNOTE hi\n\nid1\n00:01.000 --> 00:02.000 align:start\nHi\n';
    expect(parseCues(vtt)).toEqual([{ startS: 1, endS: 2, text: 'Hi' }]);
  });

  it('fails with invalid_subtitles on garbage or reversed timings', () => {
    expect(() => parseCues('hello')).toThrow();
    let code = '';
    try {
      parseCues('00:00:02.000 --> 00:00:01.000\nx\n');
    } catch (error) {
      code = toFailure(error).code;
    }
    expect(code).toBe('invalid_subtitles');
  });

  it('writes a one-segment subtitles media playlist', () => {
    expect(subtitlePlaylist('en.vtt', 6.2)).toContain('#EXT-X-TARGETDURATION:7\n');
    expect(subtitlePlaylist('en.vtt', 6.2)).toContain('#EXTINF:6.2,\nen.vtt\n#EXT-X-ENDLIST');
  });
});

describe('thumbnail track', () => {
  it('formats WebVTT times', () => {
    expect(vttTime(3725.5)).toBe('01:02:05.500');
  });

  it('covers the duration and moves to the next sheet after 100 tiles', () => {
    const sprites = { intervalS: 10, tileWidth: 160, tileHeight: 90, columns: 10, rows: 10 };
    const vtt = spriteVtt(1005, sprites);
    expect(vtt).toContain('00:00:00.000 --> 00:00:10.000\nsprite_1.jpg#xywh=0,0,160,90');
    expect(vtt).toContain('00:00:10.000 --> 00:00:20.000\nsprite_1.jpg#xywh=160,0,160,90');
    expect(vtt).toContain('00:16:30.000 --> 00:16:40.000\nsprite_1.jpg#xywh=1440,810,160,90');
    expect(vtt).toContain('00:16:40.000 --> 00:16:45.000\nsprite_2.jpg#xywh=0,0,160,90');
  });
});
