import { describe, expect, it } from 'vitest';
import { leaveOneOut } from './loo.ts';

describe('leaveOneOut', () => {
  it('scores each trace with the candidate that is best on the others', () => {
    // candidate 0 wins big on trace 0 only; candidate 1 is steady
    const scores = [
      [10, 1, 1],
      [2, 3, 3],
    ];
    // without trace 0: 2 vs 6 → 1 (scores 2); without 1: 11 vs 5 → 0 (scores 1); without 2: 11 vs 5 → 0
    expect(leaveOneOut(scores)).toEqual({ chosen: [1, 0, 0], heldOut: [2, 1, 1] });
  });

  it('refuses ragged tables', () => {
    expect(() => leaveOneOut([[1, 2], [1]])).toThrow(/score per trace/);
  });
});
