import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MpdError, resolveAgainst, segmentTemplate, timelineOf, timescaleFor } from './mpd-segments.ts';
import type { MediaPlaylist, MediaSegment } from './types.ts';
import type { XmlElement } from './xml.ts';

function playlist(segments: MediaSegment[]): MediaPlaylist {
  return {
    kind: 'media',
    targetDuration: 4,
    mediaSequence: 0,
    independentSegments: true,
    endList: true,
    segments,
  };
}
const numbered = (names: string[], duration = 4): MediaSegment[] =>
  names.map((uri) => ({ uri, duration, map: { uri: 'init.mp4' } }));

/** Expands S elements into one duration per segment (§5.3.9.6: `r` repeats the previous S). */
function expand(timeline: readonly XmlElement[]): number[] {
  return timeline.flatMap((s) => new Array(Number(s.attrs?.r ?? 0) + 1).fill(Number(s.attrs?.d)));
}

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof MpdError) return error.code;
    throw error;
  }
  return undefined;
}

describe('timescaleFor', () => {
  it('picks the smallest usual timescale that holds every EXTINF exactly', () => {
    expect(timescaleFor([4, 4, 4, 1])).toBe(1000);
    expect(timescaleFor([2.002, 2.002, 1.001])).toBe(1000); // 29.97 fps
    expect(timescaleFor([4.010667, 3.989333, 1.024])).toBe(90000); // AAC frames at 48 kHz, written to µs
    expect(timescaleFor([1.966667])).toBe(90000); // 59 frames at 30 fps
    expect(timescaleFor([0.1234567])).toBe(1_000_000);
  });
});

describe('timelineOf', () => {
  it('collapses equal durations into r repeats', () => {
    expect(timelineOf([4, 4, 4, 1], 1000).map((s) => s.attrs)).toEqual([
      { t: 0, d: 4000, r: 2 },
      { t: undefined, d: 1000, r: undefined },
    ]);
  });

  it('keeps the total within half a tick of the EXTINF sum, one duration per segment', () => {
    const durations = fc.array(
      fc.integer({ min: 1000, max: 12_000_000 }).map((us) => us / 1e6),
      { minLength: 1, maxLength: 200 },
    );
    fc.assert(
      fc.property(durations, (ds) => {
        const ts = timescaleFor(ds);
        const ticks = expand(timelineOf(ds, ts));
        expect(ticks).toHaveLength(ds.length);
        expect(ticks.every((d) => d > 0)).toBe(true);
        const total = ds.reduce((a, b) => a + b, 0);
        expect(Math.abs(ticks.reduce((a, b) => a + b, 0) / ts - total)).toBeLessThanOrEqual(0.5 / ts + 1e-9);
      }),
      { numRuns: 300 },
    );
  });
});

describe('segmentTemplate', () => {
  it('turns FFmpeg names into $Number$ from 0, relative to the master', () => {
    const { template } = segmentTemplate(
      'h264-720/index.m3u8',
      playlist(numbered(['seg_0.m4s', 'seg_1.m4s'])),
    );
    expect(template.attrs).toEqual({
      timescale: 1000,
      initialization: 'h264-720/init.mp4',
      media: 'h264-720/seg_$Number$.m4s',
      startNumber: 0,
    });
  });

  it('keeps zero padding and a start number other than 0, and escapes a literal $ as $$', () => {
    const names = ['a$b_00009.m4s', 'a$b_00010.m4s', 'a$b_00011.m4s'];
    const { template } = segmentTemplate('vp9-480/index.m3u8', playlist(numbered(names)));
    expect(template.attrs).toMatchObject({ media: 'vp9-480/a$$b_$Number%05d$.m4s', startNumber: 9 });
  });

  it.each([
    ['gaps in the numbering', numbered(['seg_0.m4s', 'seg_2.m4s'])],
    ['unnumbered names', numbered(['intro.m4s', 'main.m4s'])],
    ['byte ranges', [{ uri: 'all_1.m4s', duration: 4, map: { uri: 'i.mp4' }, byteRange: { length: 9 } }]],
    ['no init section', [{ uri: 'seg_1.ts', duration: 4 }]],
    [
      'a second init section',
      [...numbered(['s_1.m4s']), { uri: 's_2.m4s', duration: 4, map: { uri: 'j.mp4' } }],
    ],
    ['a key', numbered(['seg_0.m4s']).map((s) => ({ ...s, key: { method: 'AES-128' as const, uri: 'k' } }))],
    ['a parent reference', numbered(['../x/seg_0.m4s'])],
    ['an absolute URI', numbered(['https://cdn.example/seg_0.m4s'])],
    ['no segments', []],
  ])('refuses %s (unsupported_media_playlist)', (_, segments) => {
    expect(codeOf(() => segmentTemplate('h264-720/index.m3u8', playlist(segments)))).toBe(
      'unsupported_media_playlist',
    );
  });
});

describe('resolveAgainst', () => {
  it('resolves relative to the playlist folder, ignoring its query', () => {
    expect(resolveAgainst('subs/en.m3u8?x=1', 'en.vtt')).toBe('subs/en.vtt');
    expect(resolveAgainst('index.m3u8', 'seg_1.m4s')).toBe('seg_1.m4s');
  });
});
