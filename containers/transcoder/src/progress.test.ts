import { describe, expect, it } from 'vitest';
import { jobProgress } from './progress.ts';

describe('jobProgress', () => {
  it('starts above zero as soon as the source download begins', () => {
    expect(jobProgress('download', 0)).toBe(1);
    expect(jobProgress('download', 1)).toBe(5);
  });

  it('maps the encode onto 5–90 and the upload onto 90–99', () => {
    expect(jobProgress('encode', 0)).toBe(5);
    expect(jobProgress('encode', 0.5)).toBe(48);
    expect(jobProgress('encode', 1)).toBe(90);
    expect(jobProgress('upload', 0.5)).toBe(95);
    expect(jobProgress('upload', 1)).toBe(99);
  });

  it('clamps fractions outside 0–1 and ignores NaN', () => {
    expect(jobProgress('encode', 2)).toBe(90);
    expect(jobProgress('encode', -1)).toBe(5);
    expect(jobProgress('upload', Number.NaN)).toBe(90);
  });
});
