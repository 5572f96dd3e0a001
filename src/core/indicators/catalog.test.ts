import { describe, expect, it } from 'vitest';
import { indicatorCatalog } from './catalog.ts';
import { formatIndicatorValue } from './indicator.ts';
import { studentGroups } from '../student-groups.ts';

describe('indicator catalog', () => {
  it('has unique codes in the database format and a plain-language definition for each', () => {
    const codes = indicatorCatalog.map((i) => i.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const i of indicatorCatalog) {
      expect(i.code).toMatch(/^[a-z][a-z0-9_]{0,79}$/);
      expect(i.definition.length, i.code).toBeGreaterThan(30);
      expect(i.source.length, i.code).toBeGreaterThan(2);
    }
  });
  it('keeps low income and economically disadvantaged as different groups', () => {
    const codes = studentGroups.map((g) => g.code);
    expect(codes).toContain('low_income');
    expect(codes).toContain('econ_disadvantaged');
    expect(new Set(codes).size).toBe(codes.length);
  });
  it('formats values with the unit and decimals, and a dash for no value', () => {
    expect(formatIndicatorValue({ unit: 'percent', decimals: 1 }, 12.345)).toBe('12.3%');
    expect(formatIndicatorValue({ unit: 'count', decimals: 0 }, 1426)).toBe('1,426');
    expect(formatIndicatorValue({ unit: 'dollars', decimals: 0 }, 16321.4)).toBe('$16,321');
    expect(formatIndicatorValue({ unit: 'percent', decimals: 1 }, null)).toBe('—');
  });
});
