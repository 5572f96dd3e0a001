import { describe, expect, it } from 'vitest';
import { applyFrameworkChanges, changeableValues, changedResults, valueAt, type ResultHeadline } from './what-if.ts';

const framework = {
  id: 'test',
  version: '1',
  minimumN: 20,
  classification: { lowestPercentile: 10, label: 'Focused/targeted support', enabled: true },
  pointRules: {
    growth: {
      kind: 'bands',
      bands: [
        { min: 60, points: 4 },
        { min: 50, points: 3 },
      ],
    },
  },
  settings: { minimumN: { status: 'unconfirmed' } },
};

describe('what-if changes to a framework', () => {
  it('changes a number, a string and a boolean by path, in a copy', () => {
    const changed = applyFrameworkChanges(framework, [
      { path: 'classification.lowestPercentile', value: 15 },
      { path: 'pointRules.growth.bands.0.min', value: 55 },
      { path: 'classification.label', value: 'Targeted' },
      { path: 'classification.enabled', value: false },
    ]);
    expect(valueAt(changed, 'classification.lowestPercentile')).toBe(15);
    expect(valueAt(changed, 'pointRules.growth.bands.0.min')).toBe(55);
    expect(changed.classification.label).toBe('Targeted');
    expect(changed.classification.enabled).toBe(false);
    // The original is untouched.
    expect(framework.classification.lowestPercentile).toBe(10);
    expect(framework.pointRules.growth.bands[0]!.min).toBe(60);
  });

  it('refuses unknown paths, whole objects, other kinds of value and non-finite numbers, naming the path', () => {
    expect(() => applyFrameworkChanges(framework, [{ path: 'classification.lowestPercentil', value: 5 }])).toThrow(
      'classification.lowestPercentil: is not a path of the framework',
    );
    expect(() => applyFrameworkChanges(framework, [{ path: 'pointRules.growth', value: 5 }])).toThrow(
      'is not a single value',
    );
    expect(() => applyFrameworkChanges(framework, [{ path: 'minimumN', value: '20' }])).toThrow(
      'minimumN: must be a number, like its current value 20',
    );
    expect(() => applyFrameworkChanges(framework, [{ path: 'minimumN', value: Infinity }])).toThrow('finite');
    expect(() => applyFrameworkChanges(framework, [{ path: '__proto__.x', value: 1 }])).toThrow('not a path');
    expect(() => applyFrameworkChanges(framework, [{ path: 'pointRules.growth.bands.7.min', value: 1 }])).toThrow(
      'not a path',
    );
  });

  it('lists the changeable values with their paths, without the settings notes', () => {
    const values = changeableValues(framework);
    expect(values).toContainEqual({ path: 'pointRules.growth.bands.1.min', value: 50 });
    expect(values).toContainEqual({ path: 'minimumN', value: 20 });
    expect(values.some((v) => v.path.startsWith('settings'))).toBe(false);
    expect(values.some((v) => v.path === 'id')).toBe(false);
  });
});

describe('changed results', () => {
  const head = (orgCode: string, classification: string, reason: string | null = null): ResultHeadline => ({
    orgCode,
    classification,
    reason,
    percentile: null,
    annualPct: null,
    cumulativePct: null,
  });

  it('lists organizations whose classification or reason differ, in code order', () => {
    const before = [head('002', 'A'), head('001', 'A', 'x'), head('003', 'B')];
    const after = [head('003', 'B'), head('001', 'A', 'y'), head('002', 'C'), head('004', 'A')];
    expect(
      changedResults(before, after).map((c) => [
        c.orgCode,
        c.before?.classification ?? null,
        c.after?.classification ?? null,
      ]),
    ).toEqual([
      ['001', 'A', 'A'],
      ['002', 'A', 'C'],
      ['004', null, 'A'],
    ]);
    expect(changedResults(before, before)).toEqual([]);
  });
});
