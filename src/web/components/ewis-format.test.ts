import { describe, expect, test } from 'vitest';
import {
  describeGap,
  fieldMessage,
  formatDate,
  formatGrade,
  formatMilestone,
  formatPoints,
  formatProbability,
  formatRate,
  formatReasonValue,
  formatRiskLevel,
  formatSchoolYear,
  formatSummaryGroup,
  formatValidationGroup,
  isActiveInSchoolYear,
  schoolYearOfDate,
} from './ewis-format.tsx';

test('risk levels and probabilities read as words and whole percentages', () => {
  expect(formatRiskLevel('high')).toBe('High risk');
  expect(formatRiskLevel(null)).toBe('N/A');
  expect(formatProbability(0.256)).toBe('26%');
  expect(formatProbability(0.001)).toBe('<1%');
  expect(formatProbability(0.998)).toBe('>99%');
  expect(formatProbability(null)).toBe('—');
  expect(formatRate(0.23887)).toBe('23.9%');
  expect(formatRate(null)).toBe('—');
});

test('differences in points carry their sign, rounded as the gap check rounds them', () => {
  expect(formatPoints(0.0723)).toBe('+7.2 points');
  expect(formatPoints(-0.031)).toBe('−3.1 points');
  expect(formatPoints(0.00004)).toBe('0.0 points');
});

describe('describeGap', () => {
  test('marks a group whose rate is more than 5 points from the overall one, either way', () => {
    expect(describeGap(0.3, 0.2)).toEqual({ difference: expect.closeTo(0.1), flagged: true });
    expect(describeGap(0.14, 0.2)?.flagged).toBe(true);
    expect(describeGap(0.24, 0.2)?.flagged).toBe(false);
  });

  test('a gap shown as 5.0 points is not marked; one shown as 5.1 is; none without both rates', () => {
    expect(describeGap(0.25, 0.2)?.flagged).toBe(false);
    expect(formatPoints(0.25 - 0.2)).toBe('+5.0 points');
    expect(describeGap(0.251, 0.2)?.flagged).toBe(true);
    expect(describeGap(null, 0.2)).toBeNull();
  });
});

test('milestones, school years and grades read as people write them', () => {
  expect(formatMilestone('graduate_on_time')).toBe('Graduating on time');
  expect(formatMilestone('graduate_on_time', true)).toBe('Graduating from high school in four years');
  expect(formatMilestone('something_new')).toBe('something_new');
  expect(formatSchoolYear(2026)).toBe('2025-26');
  expect(formatSchoolYear(2000)).toBe('1999-00');
  expect(formatGrade('09')).toBe('9');
  expect(formatGrade(12)).toBe('12');
  expect(formatGrade('K')).toBe('K');
  expect(formatDate('2026-11-03')).toBe('Nov 3, 2026');
  expect(formatDate(null)).toBe('—');
});

test('a reason’s values are shown in their unit; scores against 500 as scaled scores', () => {
  expect(formatReasonValue('attendance', 82.04, 'student')).toBe('82% of days');
  expect(formatReasonValue('attendance', 95.13, 'typical')).toBe('95.1% of days');
  expect(formatReasonValue('math', -60, 'student')).toBe('440');
  expect(formatReasonValue('ela', -1.2, 'typical')).toBe('499');
  expect(formatReasonValue('courses', 1.49, 'student')).toBe('GPA 1.5');
  expect(formatReasonValue('suspensions', 1, 'student')).toBe('1 day');
  expect(formatReasonValue('suspensions', 0.35, 'typical')).toBe('0.4 days');
  expect(formatReasonValue('retention', 1, 'student')).toBe('Yes');
  expect(formatReasonValue('retention', 0.062, 'typical')).toBe('6% of them');
});

describe('the school year of an intervention', () => {
  test('runs July to June and is named by its ending year', () => {
    expect(schoolYearOfDate('2025-11-03')).toBe(2026);
    expect(schoolYearOfDate('2026-06-30')).toBe(2026);
    expect(schoolYearOfDate('2026-07-01')).toBe(2027);
  });

  test('an intervention counts in every school year it overlaps; an open one in every year from its start', () => {
    const spanning = { startedOn: '2025-03-01', endedOn: '2025-10-15' };
    expect(isActiveInSchoolYear(spanning, 2025)).toBe(true);
    expect(isActiveInSchoolYear(spanning, 2026)).toBe(true);
    expect(isActiveInSchoolYear(spanning, 2024)).toBe(false);
    expect(isActiveInSchoolYear(spanning, 2027)).toBe(false);
    const open = { startedOn: '2026-09-01', endedOn: null };
    expect(isActiveInSchoolYear(open, 2026)).toBe(false);
    expect(isActiveInSchoolYear(open, 2027)).toBe(true);
    expect(isActiveInSchoolYear(open, 2030)).toBe(true);
  });
});

test('student groups read as the reports name them', () => {
  expect(formatSummaryGroup('all')).toBe('All students');
  expect(formatSummaryGroup('race:african_american')).toBe('African American/Black');
  expect(formatSummaryGroup('gender:nonbinary')).toBe('Nonbinary');
  expect(formatSummaryGroup('low_income')).toBe('Low income');
  expect(formatSummaryGroup('english_learner')).toBe('English learners');
  expect(formatValidationGroup('race', 'hispanic')).toBe('Hispanic/Latino');
  expect(formatValidationGroup('low_income', 'no')).toBe('Not low income');
  expect(formatValidationGroup('disability', 'yes')).toBe('Students with disabilities');
  expect(formatValidationGroup('gender', 'female')).toBe('Female');
});

test('a field’s message from the API drops its path', () => {
  expect(fieldMessage('body.owner: Too small: expected string to have >=1 characters')).toBe(
    'Too small: expected string to have >=1 characters',
  );
  expect(fieldMessage('endedOn: an intervention cannot end before it starts')).toBe(
    'An intervention cannot end before it starts',
  );
});
