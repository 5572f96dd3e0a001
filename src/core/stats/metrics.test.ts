import { describe, expect, it } from 'vitest';
import { auc, calibration, flagRates, logLoss, stratifiedFolds } from './metrics.ts';
import { createRandom } from './random.ts';

describe('model metrics', () => {
  it('computes the AUC as the share of positive-negative pairs ranked right, ties half', () => {
    // Positives 0.35 and 0.8 against negatives 0.1 and 0.4: 3 of 4 pairs right.
    expect(auc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBe(0.75);
    expect(auc([0.5, 0.5], [0, 1])).toBe(0.5);
    expect(auc([0.2, 0.5, 0.5, 0.9], [0, 0, 1, 1])).toBe(0.875);
    expect(auc([0.1, 0.2], [1, 1])).toBeNull();
  });
  it('tabulates calibration in equal-size bins with the n-weighted calibration error', () => {
    const c = calibration([0.1, 0.1, 0.9, 0.9], [0, 1, 1, 1], 2);
    expect(c.bins).toEqual([
      { lower: 0.1, upper: 0.1, n: 2, meanPredicted: 0.1, observedRate: 0.5 },
      { lower: 0.9, upper: 0.9, n: 2, meanPredicted: 0.9, observedRate: 1 },
    ]);
    expect(c.error).toBeCloseTo((2 * 0.4 + 2 * 0.1) / 4, 12);
  });
  it('computes the log loss', () => {
    expect(logLoss([0.5, 0.5], [0, 1])).toBeCloseTo(Math.log(2), 12);
    expect(logLoss([0.8, 0.4], [1, 0])).toBeCloseTo(-(Math.log(0.8) + Math.log(0.6)) / 2, 12);
  });
  it('counts flags against who missed the milestone', () => {
    // Flagged: students 0-2; missed (label 0): students 0, 1, 3.
    const r = flagRates([true, true, true, false, false], [0, 0, 1, 0, 1]);
    expect(r).toMatchObject({ truePositives: 2, falsePositives: 1, falseNegatives: 1, trueNegatives: 1 });
    expect(r.precision).toBeCloseTo(2 / 3, 12);
    expect(r.recall).toBeCloseTo(2 / 3, 12);
    expect(r.falsePositiveRate).toBe(0.5);
    expect(r.falseNegativeRate).toBeCloseTo(1 / 3, 12);
  });
  it('deals each class evenly to the folds', () => {
    const labels = Array.from({ length: 103 }, (_, i) => (i % 3 === 0 ? 1 : 0));
    const folds = stratifiedFolds(labels, 5, createRandom(1));
    for (const cls of [0, 1]) {
      const counts = [0, 0, 0, 0, 0];
      labels.forEach((l, i) => l === cls && counts[folds[i]!]!++);
      expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    }
    expect(stratifiedFolds(labels, 5, createRandom(1))).toEqual(folds);
  });
});
