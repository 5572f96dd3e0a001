import { describe, expect, it } from 'vitest';
import { chooseRiskThresholds, defaultRiskTargets, riskLevelOf } from './risk-levels.ts';

describe('risk levels set from outcomes', () => {
  it('finds the cut points where the levels reach 25%, 60% and 90%', () => {
    // Three groups of 100 students: 25, 60 and 90 of them reach the milestone.
    const p: number[] = [];
    const reached: number[] = [];
    for (const [prob, count] of [
      [0.2, 25],
      [0.5, 60],
      [0.9, 90],
    ] as const)
      for (let i = 0; i < 100; i++) {
        p.push(prob);
        reached.push(i < count ? 1 : 0);
      }
    const r = chooseRiskThresholds(p, reached);
    expect(r.thresholds).toEqual({ high: 0.5, low: 0.9 });
    expect(r.levels.high).toEqual({ n: 100, reached: 25, rate: 0.25 });
    expect(r.levels.moderate).toEqual({ n: 100, reached: 60, rate: 0.6 });
    expect(r.levels.low).toEqual({ n: 100, reached: 90, rate: 0.9 });
    expect(riskLevelOf(0.2, r.thresholds)).toBe('high');
    expect(riskLevelOf(0.5, r.thresholds)).toBe('moderate');
    expect(riskLevelOf(0.95, r.thresholds)).toBe('low');
  });
  it('follows configured targets and keeps each level at the minimum size', () => {
    const p = Array.from({ length: 1000 }, (_, i) => i / 1000);
    const reached = p.map((x, i) => (((i * 7919) % 1000) / 1000 < x ? 1 : 0));
    const r = chooseRiskThresholds(p, reached, { ...defaultRiskTargets, high: 0.1, low: 0.95, minShare: 0.05 });
    for (const level of ['high', 'moderate', 'low'] as const) expect(r.levels[level].n).toBeGreaterThanOrEqual(50);
    expect(Math.abs(r.levels.high.rate! - 0.1)).toBeLessThan(0.03);
    expect(Math.abs(r.levels.low.rate! - 0.95)).toBeLessThan(0.03);
  });
  it('puts everyone in moderate when there are too few students for three levels', () => {
    const r = chooseRiskThresholds([0.3, 0.6], [0, 1]);
    expect(r.levels.moderate.n).toBe(2);
    expect(riskLevelOf(0.3, r.thresholds)).toBe('moderate');
  });
});
