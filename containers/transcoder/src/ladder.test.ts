import { describe, expect, it } from 'vitest';
import { constantRate, DEFAULT_LADDER, planLadder } from './ladder.ts';

const summary = (w: number, h: number, fps: number, segmentS = 4) =>
  planLadder({ width: w, height: h, fps }, { ...DEFAULT_LADDER, segmentS }).map(
    (r) => `${r.id} ${r.width}x${r.height}@${r.rate.num}/${r.rate.den} gop${r.gop}`,
  );

describe('planLadder', () => {
  it('names rungs by codec and short side, never upscales, keeps dimensions even', () => {
    expect(summary(1920, 1080, 30)).toEqual([
      'h264-1080 1920x1080@30/1 gop120',
      'h264-720 1280x720@30/1 gop120',
      'h264-480 854x480@30/1 gop120',
      'h264-360 640x360@30/1 gop120',
      'h264-240 426x240@30/1 gop120',
    ]);
    expect(summary(1280, 544, 24).map((s) => s.split(' ')[0])).toEqual(['h264-480', 'h264-360', 'h264-240']);
  });

  it('puts the short side first for portrait sources', () => {
    expect(summary(720, 1280, 30)).toContain('h264-720 720x1280@30/1 gop120');
    expect(summary(720, 1280, 30)).toContain('h264-240 240x426@30/1 gop120');
  });

  it('gives a source smaller than every rung one rung at its own (even) size', () => {
    expect(summary(321, 181, 30, 2)).toEqual(['h264-180 320x180@30/1 gop60']);
  });

  it('keeps 60 fps on HD rungs, halves it below 720, caps anything faster at 60', () => {
    const rates = summary(1280, 720, 59.94, 2);
    expect(rates[0]).toBe('h264-720 1280x720@60000/1001 gop120');
    expect(rates[1]).toBe('h264-480 854x480@30000/1001 gop60');
    expect(summary(1280, 720, 120, 2)[0]).toBe('h264-720 1280x720@60/1 gop120');
  });

  it('snaps measured rates to constant ones', () => {
    expect(constantRate(29.97)).toEqual({ num: 30000, den: 1001 });
    expect(constantRate(23.976)).toEqual({ num: 24000, den: 1001 });
    expect(constantRate(25.02)).toEqual({ num: 25, den: 1 });
    expect(constantRate(1)).toEqual({ num: 1, den: 1 });
  });

  it('adds optional VP9/AV1 rungs at lower bitrates', () => {
    const rungs = planLadder(
      { width: 640, height: 360, fps: 30 },
      { ...DEFAULT_LADDER, codecs: ['h264', 'av1'] },
    );
    expect(rungs.map((r) => [r.id, r.bitrate])).toEqual([
      ['h264-360', 800_000],
      ['h264-240', 400_000],
      ['av1-360', 400_000],
      ['av1-240', 200_000],
    ]);
  });
});
