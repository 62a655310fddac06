import { decideReel } from '@reel/abr';
import { describe, expect, it } from 'vitest';
import { abrChoiceOf } from './config.ts';
import {
  abrStateOf,
  type FragmentLoad,
  type LevelFacts,
  ladderOf,
  levelOfRung,
  nextFragmentIndex,
  type PlayerFacts,
  rungOfLevel,
} from './state.ts';

/** hls.js sorts by height first: the 60 fps 720p rung below sits between two 30 fps ones by bitrate. */
const AVC: LevelFacts[] = [
  { bitrateBps: 420_000, codecSet: 'avc1' },
  { bitrateBps: 950_000, codecSet: 'avc1' },
  { bitrateBps: 1_600_000, codecSet: 'avc1' },
  { bitrateBps: 3_100_000, codecSet: 'avc1' },
];
const MIXED: LevelFacts[] = [
  { bitrateBps: 420_000, codecSet: 'avc1' },
  { bitrateBps: 300_000, codecSet: 'vp09' },
  { bitrateBps: 1_600_000, codecSet: 'avc1' },
  { bitrateBps: 1_100_000, codecSet: 'vp09' },
  { bitrateBps: 3_100_000, codecSet: 'avc1' },
];

/** `count` downloads of 4 s fragments of `level` at `mbps`. */
const loads = (count: number, level: number, mbps: number): FragmentLoad[] =>
  Array.from({ length: count }, () => {
    const bytes = ((AVC[level]?.bitrateBps ?? 0) * 4) / 8;
    return { level, bytes, durationS: (bytes * 8) / (mbps * 1e6) };
  });

const facts = (over: Partial<PlayerFacts> = {}): PlayerFacts => ({
  levels: AVC,
  minAutoLevel: 0,
  maxAutoLevel: 3,
  lastLevel: 1,
  bufferS: 20,
  maxBufferS: 60,
  upcomingS: [4, 4, 4, 4, 4, 4, 4, 4],
  remaining: 12,
  targetDurationS: 4,
  history: loads(5, 1, 5),
  ...over,
});

describe('the ladder Reel sees', () => {
  it('is the auto range of the playing codec family, by bitrate', () => {
    expect(ladderOf(AVC, 0, 3, 1)).toEqual({ levels: [0, 1, 2, 3], bitratesKbps: [420, 950, 1600, 3100] });
    expect(ladderOf(MIXED, 0, 4, 3)).toEqual({ levels: [1, 3], bitratesKbps: [300, 1100] });
    expect(ladderOf(MIXED, 0, 4, 0).levels).toEqual([0, 2, 4]);
  });

  it('respects min/max auto level (minAutoBitrate, autoLevelCapping, capLevelToPlayerSize)', () => {
    expect(ladderOf(AVC, 1, 2, 1).levels).toEqual([1, 2]);
    expect(ladderOf(AVC, 0, 0, 0).levels).toEqual([0]);
  });

  it('leaves out levels under an error penalty, but not the one playing', () => {
    const failing = AVC.map((l, i) => ({ ...l, penalized: i >= 2 }));
    expect(ladderOf(failing, 0, 3, 1).levels).toEqual([0, 1]);
    expect(ladderOf(failing, 0, 3, 2).levels).toEqual([0, 1, 2]);
  });

  it('maps rungs to levels and back, levels outside the ladder to the rung at or below them', () => {
    const capped = ladderOf(AVC, 0, 2, 1);
    expect(levelOfRung(capped, 2)).toBe(2);
    expect(levelOfRung(capped, 9)).toBe(2);
    expect(rungOfLevel(capped, AVC, 1)).toBe(1);
    // Playing 3100 kbps when the player shrank and the cap fell to level 2.
    expect(rungOfLevel(capped, AVC, 3)).toBe(2);
    expect(rungOfLevel(ladderOf(MIXED, 0, 4, 3), MIXED, 0)).toBe(0);
  });
});

describe('the next fragment', () => {
  const frags = [0, 4, 8, 12].map((start) => ({ start, duration: 4 }));
  it('is the one that holds the end of the buffer', () => {
    expect(nextFragmentIndex(frags, 0)).toBe(0);
    expect(nextFragmentIndex(frags, 5)).toBe(1);
    // A buffer that ends a hair before a boundary (timestamp rounding) is complete up to it.
    expect(nextFragmentIndex(frags, 7.98)).toBe(2);
    expect(nextFragmentIndex(frags, 16)).toBe(-1);
  });
});

describe('abrStateOf', () => {
  it('builds a window from the next fragment with sizes from level bitrate × duration', () => {
    const built = abrStateOf(facts({ upcomingS: [4, 4, 2], remaining: 3, bufferS: 12.5 }), 8);
    expect(built).not.toBeNull();
    const state = built?.state;
    expect(state?.nextChunk).toBe(0);
    expect(state?.chunkCount).toBe(3);
    expect(state?.bufferS).toBe(12.5);
    expect(state?.lastRung).toBe(1);
    expect(state?.video.bitratesKbps).toEqual([420, 950, 1600, 3100]);
    expect(state?.video.chunkBytes[0]).toEqual([210_000, 475_000, 800_000, 1_550_000]);
    expect(state?.video.chunkBytes[2]).toEqual([105_000, 237_500, 400_000, 775_000]);
    expect(state?.video.chunkS).toBeCloseTo(10 / 3, 9);
    expect(state?.history).toHaveLength(5);
    expect(state?.history[0]).toEqual({ rung: 1, bytes: 475_000, durationS: 0.76 });
  });

  it('keeps how many fragments remain beyond the window, and pads a live window', () => {
    expect(abrStateOf(facts({ remaining: 40 }), 8)?.state.chunkCount).toBe(40);
    const live = abrStateOf(
      facts({ upcomingS: [6], remaining: Number.POSITIVE_INFINITY, targetDurationS: 6 }),
      8,
    );
    expect(live?.state.video.chunkBytes).toHaveLength(8);
    expect(live?.state.chunkCount).toBe(16);
  });

  it('clamps the buffer to the cap and never passes a zero-time download', () => {
    const built = abrStateOf(facts({ bufferS: 75, history: [{ level: 1, bytes: 0, durationS: 0 }] }), 8);
    expect(built?.state.bufferS).toBe(60);
    expect(built?.state.history[0]).toEqual({ rung: 1, bytes: 1, durationS: 0.001 });
  });

  it('leaves the choice to hls.js with nothing measured, one rung, or nothing left to load', () => {
    expect(abrStateOf(facts({ history: [] }), 8)).toBeNull();
    expect(abrStateOf(facts({ maxAutoLevel: 0, lastLevel: 0 }), 8)).toBeNull();
    expect(abrStateOf(facts({ upcomingS: [], remaining: 0 }), 8)).toBeNull();
  });
});

describe('Reel on states built from hls.js facts', () => {
  const decide = (f: PlayerFacts) => {
    const built = abrStateOf(f, 8);
    if (!built) throw new Error('no state');
    return levelOfRung(built.ladder, decideReel(built.state));
  };

  it('climbs to the top level on a fast link with a full buffer', () => {
    expect(decide(facts({ history: loads(5, 2, 20), lastLevel: 2, bufferS: 30 }))).toBe(3);
  });

  it('steps down when the link falls to 0.6 Mbit/s', () => {
    const history = [...loads(5, 3, 20), ...loads(2, 3, 0.6)];
    expect(decide(facts({ history, lastLevel: 3, bufferS: 16 }))).toBeLessThanOrEqual(1);
  });

  it('never picks a level outside the ladder hls.js allows', () => {
    expect(decide(facts({ history: loads(5, 2, 50), lastLevel: 2, bufferS: 40, maxAutoLevel: 2 }))).toBe(2);
    expect(decide(facts({ history: loads(5, 2, 0.2), lastLevel: 2, bufferS: 2, minAutoLevel: 1 }))).toBe(1);
  });
});

describe('abrChoiceOf', () => {
  it("runs Reel unless the URL or the stored preference asks for hls.js's own", () => {
    expect(abrChoiceOf('', null)).toBe('reel');
    expect(abrChoiceOf('?t=30&abr=hlsjs', null)).toBe('hlsjs');
    expect(abrChoiceOf('', 'hlsjs')).toBe('hlsjs');
    expect(abrChoiceOf('?abr=reel', 'hlsjs')).toBe('reel');
    expect(abrChoiceOf('?abr=bogus', null)).toBe('reel');
  });
});
