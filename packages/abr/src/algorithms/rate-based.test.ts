import { describe, expect, it } from 'vitest';
import { downloadsAt, ladderState } from '../test-kit.ts';
import { createRateBased, highestRungUnder } from './rate-based.ts';

const decide = (mbps: number[]) => createRateBased().decide(ladderState({ history: downloadsAt(mbps) }));

describe('rate-based', () => {
  it('uses the harmonic mean, not the arithmetic mean', () => {
    // last 5: 1, 4, 4, 4, 4 Mbit/s → harmonic 5 / (1 + 4 × 0.25) = 2.5 → 1850 (arithmetic 3.4 → 2850)
    expect(decide([1, 4, 4, 4, 4])).toBe(3);
  });

  it('looks at the last 5 chunks only', () => {
    // the 0.5 Mbit/s chunk is the 6th from the end: the mean of the last five is 4 → 2850
    expect(decide([0.5, 4, 4, 4, 4, 4])).toBe(4);
  });

  it('picks the highest rung at or under the estimate, and the lowest when none fits', () => {
    const ladder = [300, 750, 1200];
    expect([highestRungUnder(ladder, 750_000), highestRungUnder(ladder, 749_999)]).toEqual([1, 0]);
    expect(highestRungUnder(ladder, 100_000)).toBe(0);
  });
});
