import { describe, expect, it } from 'vitest';
import { downloadsAt } from './test-kit.ts';
import { harmonicMean, harmonicPredictionErrors, shiftAwarePrediction } from './throughput.ts';

describe('throughput estimators', () => {
  it('harmonicPredictionErrors: |HM of the previous ≤ 5 − actual| / actual per download after the first', () => {
    // predictions: 2 (for 4), HM(2, 4) = 8/3 (for 1)
    const errors = harmonicPredictionErrors(downloadsAt([2, 4, 1]), 5);
    expect(errors[0]).toBeCloseTo(0.5, 12);
    expect(errors[1]).toBeCloseTo(5 / 3, 12);
    expect(harmonicPredictionErrors(downloadsAt([2, 4, 1]), 5, 1)).toEqual([errors[1]]);
  });

  it('shiftAwarePrediction follows a step up after one or two chunks', () => {
    const predict = (mbps: number[]) => shiftAwarePrediction(downloadsAt(mbps), 5, 2, 1.5) / 1e6;
    // one chunk at 3 > 1.5 × 1: the new level alone
    expect(predict([1, 1, 1, 1, 1, 3])).toBeCloseTo(3, 9);
    // two chunks above 1.5 × HM(1, 1, 1, 1, 1): their harmonic mean 2 / (1/3 + 1/3.5)
    expect(predict([1, 1, 1, 1, 1, 3, 3.5])).toBeCloseTo(2 / (1 / 3 + 1 / 3.5), 9);
    // 1.4 is not a step: the plain harmonic mean of the last five
    expect(predict([1, 1, 1, 1, 1, 1.4])).toBeCloseTo(harmonicMean([1, 1, 1, 1, 1.4]), 9);
    // a step down is left to the harmonic mean (it already leans to low samples)
    expect(predict([3, 3, 3, 3, 3, 1])).toBeCloseTo(harmonicMean([3, 3, 3, 3, 1]), 9);
  });
});
