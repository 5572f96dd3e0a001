import { describe, expect, it } from 'vitest';
import { checkSmartGoal, schoolYearLabel, type GoalDraft } from './smart-goal.ts';

const absence: GoalDraft = {
  measureLabel: 'Chronic absence',
  measureField: 'indicatorCode',
  direction: 'lower_is_better',
  unit: 'percent',
  baselineValue: 28.7,
  baselineYear: 2024,
  targetValue: 19.7,
  targetYear: 2027,
  targetDate: '2027-06-30',
};

describe('checkSmartGoal', () => {
  it('accepts a measurable, well-ordered goal in either direction', () => {
    expect(checkSmartGoal(absence)).toBeNull();
    expect(
      checkSmartGoal({
        ...absence,
        direction: 'higher_is_better',
        baselineValue: 60,
        targetValue: 70,
        targetDate: null,
      }),
    ).toBeNull();
  });
  it('refuses a target that does not improve on the baseline in the measure direction', () => {
    expect(checkSmartGoal({ ...absence, targetValue: 30 })).toEqual({
      field: 'targetValue',
      message: 'For Chronic absence, lower is better: the target (30) must be below the baseline (28.7)',
    });
    expect(checkSmartGoal({ ...absence, targetValue: 28.7 })?.field).toBe('targetValue');
    expect(
      checkSmartGoal({ ...absence, direction: 'higher_is_better', baselineValue: 60, targetValue: 55 })?.message,
    ).toContain('must be above the baseline');
  });
  it('refuses a target year not after the baseline year', () => {
    expect(checkSmartGoal({ ...absence, targetYear: 2024 })).toEqual({
      field: 'targetYear',
      message: 'The target year (2023-24) must come after the baseline year (2023-24)',
    });
  });
  it('refuses a target date before the baseline school year ends', () => {
    expect(checkSmartGoal({ ...absence, targetDate: '2024-06-30' })?.field).toBe('targetDate');
    expect(checkSmartGoal({ ...absence, targetDate: '2024-07-01' })).toBeNull();
  });
  it('refuses a context measure and percentages outside 0-100', () => {
    expect(checkSmartGoal({ ...absence, direction: 'context' })?.field).toBe('indicatorCode');
    expect(checkSmartGoal({ ...absence, measureField: 'localMeasure.direction', direction: 'context' })?.field).toBe(
      'localMeasure.direction',
    );
    expect(checkSmartGoal({ ...absence, baselineValue: 101 })?.field).toBe('baselineValue');
    expect(checkSmartGoal({ ...absence, unit: 'days', baselineValue: 101 })).toBeNull();
  });
  it('labels school years by their ending year', () => {
    expect(schoolYearLabel(2025)).toBe('2024-25');
    expect(schoolYearLabel(2000)).toBe('1999-00');
  });
});
