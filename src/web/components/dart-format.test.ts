import { describe, expect, test } from 'vitest';
import { describeChange, describeComparisonGroup, formatAxisValue, formatChangeAmount } from './dart-format.tsx';

const pct = { unit: 'percent', decimals: 1 } as const;

describe('describeChange', () => {
  test('follows the direction: a fall in chronic absence improved, a fall in graduation declined', () => {
    expect(describeChange({ ...pct, direction: 'lower_is_better' }, { fromYear: 2022, value: -2.14 })).toEqual({
      tone: 'improved',
      text: 'Improved: down 2.1 percentage points since 2022',
    });
    expect(describeChange({ ...pct, direction: 'higher_is_better' }, { fromYear: 2022, value: -3 })).toEqual({
      tone: 'declined',
      text: 'Declined: down 3.0 percentage points since 2022',
    });
    expect(describeChange({ ...pct, direction: 'lower_is_better' }, { fromYear: 2023, value: 0.7 }).tone).toBe(
      'declined',
    );
  });

  test('context indicators only go up or down, and a change that rounds to zero is no change', () => {
    expect(
      describeChange({ unit: 'count', decimals: 0, direction: 'context' }, { fromYear: 2022, value: -223 }),
    ).toEqual({ tone: 'context', text: 'Down 223 since 2022' });
    expect(describeChange({ ...pct, direction: 'higher_is_better' }, { fromYear: 2022, value: 0.04 })).toEqual({
      tone: 'unchanged',
      text: 'No change since 2022',
    });
  });
});

test('amounts carry their unit, singular for one', () => {
  expect(formatChangeAmount(pct, 1)).toBe('1.0 percentage points');
  expect(formatChangeAmount({ unit: 'percent', decimals: 0 }, -1)).toBe('1 percentage point');
  expect(formatChangeAmount({ unit: 'dollars', decimals: 0 }, 1050)).toBe('$1,050');
  expect(formatChangeAmount({ unit: 'percentile', decimals: 1 }, 2.1)).toBe('2.1 points');
});

test('axis ticks drop trailing zeros', () => {
  expect(formatAxisValue(pct, 45)).toBe('45%');
  expect(formatAxisValue(pct, 12.5)).toBe('12.5%');
  expect(formatAxisValue({ unit: 'count', decimals: 0 }, 1500)).toBe('1,500');
});

test('comparison groups read as words', () => {
  expect(describeComparisonGroup('district', 'K-12')).toBe('the K-12 group');
  expect(describeComparisonGroup('school', 'HS')).toBe('high schools');
  expect(describeComparisonGroup('school', 'ESMS')).toBe('elementary and middle schools');
});
