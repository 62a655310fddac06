import { describe, expect, it } from 'vitest';
import { checkSubtitles, parseTimestamp } from '../src/domain/subtitle-text.ts';

const SRT =
  '1\r\n00:00:01,000 --> 00:00:02,500\r\nHello\r\n\r\n2\r\n00:00:03,000 --> 00:00:04,000\r\nWorld\r\n';
const VTT = [
  'WEBVTT - demo',
  '',
  'NOTE a comment',
  '',
  'STYLE',
  '::cue { color: yellow }',
  '',
  'intro',
  '00:01.000 --> 00:02.000 align:start line:90%',
  'Hi <b>there</b>',
  '',
  '01:00:03.000 --> 01:00:04.000',
  'Later',
  '',
].join('\n');

const err = (text: string, format: 'srt' | 'vtt') => {
  const out = checkSubtitles(text, format);
  if (out.ok) throw new Error('expected a failure');
  return out;
};

describe('subtitle validator', () => {
  it('accepts SRT (CRLF, BOM, optional cue numbers) and WebVTT (header text, NOTE/STYLE, ids, settings)', () => {
    expect(checkSubtitles(SRT, 'srt')).toEqual({ ok: true, cues: 2 });
    expect(checkSubtitles(`\uFEFF${SRT}`, 'srt')).toEqual({ ok: true, cues: 2 });
    expect(checkSubtitles('00:00:01,000 --> 00:00:02,000\nno number', 'srt')).toEqual({ ok: true, cues: 1 });
    expect(checkSubtitles(VTT, 'vtt')).toEqual({ ok: true, cues: 2 });
  });

  it('reads timestamps: SRT needs hours; minutes and seconds under 60', () => {
    expect(parseTimestamp('01:02:03,004', 'srt')).toBeCloseTo(3723.004);
    expect(parseTimestamp('02:03.500', 'vtt')).toBeCloseTo(123.5);
    expect(parseTimestamp('02:03,500', 'srt')).toBeNull();
    expect(parseTimestamp('00:60:00.000', 'vtt')).toBeNull();
    expect(parseTimestamp('00:00:01.5', 'vtt')).toBeNull();
  });

  it.each([
    ['empty', '', 'srt', 1, /no cue/],
    ['only numbers', '1\n2\n', 'srt', 1, /timing/],
    ['bad start', '1\n00:00:0x,000 --> 00:00:02,000\nHi', 'srt', 2, /start time/],
    ['bad end', '1\n00:00:01,000 --> 2\nHi', 'srt', 2, /end time/],
    ['end before start', '1\n00:00:03,000 --> 00:00:02,000\nHi', 'srt', 2, /ends before/],
    [
      'no text',
      '1\n00:00:01,000 --> 00:00:02,000\n\n2\n00:00:03,000 --> 00:00:04,000\nx',
      'srt',
      2,
      /no text/,
    ],
    ['settings in SRT', '00:00:01,000 --> 00:00:02,000 align:start\nHi', 'srt', 1, /after the end/],
    ['non-numeric SRT id', 'one\n00:00:01,000 --> 00:00:02,000\nHi', 'srt', 1, /digits/],
    [
      'out of order',
      '1\n00:00:05,000 --> 00:00:06,000\nA\n\n2\n00:00:01,000 --> 00:00:02,000\nB',
      'srt',
      6,
      /in order/,
    ],
    ['no header', '00:01.000 --> 00:02.000\nHi', 'vtt', 1, /WEBVTT/],
    ['header glued to a cue', 'WEBVTT\n00:01.000 --> 00:02.000\nHi', 'vtt', 2, /empty line/],
    ['arrow in a NOTE', 'WEBVTT\n\nNOTE\n00:01.000 --> 00:02.000\n', 'vtt', 4, /NOTE/],
    ['header only', 'WEBVTT\n\n', 'vtt', 3, /no cue/],
    ['timing on the third line', 'WEBVTT\n\na\nb\n00:01.000 --> 00:02.000\nHi', 'vtt', 4, /first or second/],
  ] as const)('refuses %s, naming the line', (_name, text, format, line, message) => {
    const out = err(text, format);
    expect(out.line).toBe(line);
    expect(out.message).toMatch(message);
  });
});
