import { describe, expect, test } from 'vitest';
import { ApiError } from '../api/client.ts';
import {
  formatGap,
  formatGoalCounts,
  formatHistoryValue,
  formatPeriod,
  formatSchoolYear,
  formatValue,
  refusedField,
} from './plan-format.tsx';

describe('plan formatting', () => {
  test('names school years by their span and a plan period by its first and last year', () => {
    expect(formatSchoolYear(2025)).toBe('2024-25');
    expect(formatSchoolYear(2001)).toBe('2000-01');
    expect(formatPeriod({ startYear: 2026, endYear: 2028 })).toBe('2025-26 to 2027-28');
    expect(formatPeriod({ startYear: 2026, endYear: 2026 })).toBe('2025-26');
  });

  test('shows values in their unit and gaps as ahead or behind the trajectory', () => {
    expect(formatValue(28.7, 'percent')).toBe('28.7%');
    expect(formatValue(20, 'percent')).toBe('20%');
    expect(formatValue(2, 'count')).toBe('2');
    expect(formatValue(null, 'percent')).toBe('—');
    expect(formatGap(-1, 'percent')).toBe('1 point behind');
    expect(formatGap(3.2, 'percent')).toBe('3.2 points ahead');
    expect(formatGap(0, 'percent')).toBe('On the trajectory');
    expect(formatGap(null, 'percent')).toBe('—');
  });

  test('counts goals by status in words, leaving out the empty ones', () => {
    expect(formatGoalCounts({ met: 1, on_track: 2, off_track: 0, no_data: 0, not_linked: 1 })).toBe(
      '1 met, 2 on track, 1 local measure',
    );
    expect(formatGoalCounts({ met: 0, on_track: 0, off_track: 0, no_data: 0, not_linked: 0 })).toBe('No goals yet');
  });

  test('shows history values, empty ones in words', () => {
    expect(formatHistoryValue(null)).toBe('(empty)');
    expect(formatHistoryValue('')).toBe('(empty)');
    expect(formatHistoryValue(19.7)).toBe('19.7');
    expect(formatHistoryValue([{ name: 'Maria Costa', role: 'Parent' }])).toBe(
      '[{"name":"Maria Costa","role":"Parent"}]',
    );
  });

  test('puts a 400 beside the field it names, and leaves other errors to an alert', () => {
    const refused = new ApiError(
      400,
      'validation_failed',
      'targetValue: The target must be lower: lower is better',
      'targetValue',
    );
    expect(refusedField(refused, ['targetValue', 'owner'])).toEqual({
      field: 'targetValue',
      message: 'The target must be lower: lower is better',
    });
    const nested = new ApiError(400, 'validation_failed', 'Too long', 'localMeasure.name');
    expect(refusedField(nested, ['localMeasure'])?.field).toBe('localMeasure');
    expect(refusedField(refused, ['owner'])).toBeNull();
    expect(refusedField(new ApiError(409, 'conflict', 'It is approved'), ['owner'])).toBeNull();
    expect(refusedField(new Error('boom'), ['owner'])).toBeNull();
  });
});
