import { describe, expect, it } from 'vitest';
import { countProgress, evaluateGoalProgress, expectedOnTrajectory, type Trajectory } from './progress.ts';

// Chronic absence at a high school, lower is better: 28.7% in 2023-24 down to 19.7% in 2026-27 (3 points a year).
const absence: Trajectory = {
  direction: 'lower_is_better',
  baseline: { value: 28.7, year: 2024 },
  target: { value: 19.7, year: 2027 },
};
// A graduation rate, higher is better: 60% in 2022-23 up to 70% in 2024-25 (5 points a year).
const graduation: Trajectory = {
  direction: 'higher_is_better',
  baseline: { value: 60, year: 2023 },
  target: { value: 70, year: 2025 },
};

describe('expectedOnTrajectory', () => {
  it('is linear by year between baseline and target, and flat outside them', () => {
    expect(expectedOnTrajectory(absence, 2024)).toBe(28.7);
    expect(expectedOnTrajectory(absence, 2025)).toBe(25.7); // 28.7 - 9 x 1/3
    expect(expectedOnTrajectory(absence, 2026)).toBe(22.7); // 28.7 - 9 x 2/3
    expect(expectedOnTrajectory(absence, 2027)).toBe(19.7);
    expect(expectedOnTrajectory(absence, 2030)).toBe(19.7);
    expect(expectedOnTrajectory(absence, 2020)).toBe(28.7);
    expect(expectedOnTrajectory(graduation, 2024)).toBe(65);
  });
});

describe('evaluateGoalProgress, lower is better', () => {
  it('is off track 1.0 point behind the trajectory when the tolerance is 0.9 (10% of the 9-point change)', () => {
    const p = evaluateGoalProgress(
      absence,
      [
        { year: 2024, value: 28.7 },
        { year: 2025, value: 26.7 },
      ],
      0.1,
    );
    expect(p).toEqual({
      status: 'off_track',
      latest: { value: 26.7, year: 2025 },
      expected: 25.7,
      gap: -1,
      remaining: 7,
      toleranceValue: 0.9,
    });
  });
  it('is on track with the same numbers when the tolerance is 20% (1.8 points)', () => {
    const p = evaluateGoalProgress(absence, [{ year: 2025, value: 26.7 }], 0.2);
    expect(p.status).toBe('on_track');
    expect(p.toleranceValue).toBe(1.8);
    expect(p.gap).toBe(-1);
  });
  it('is on track ahead of the trajectory (25.0 against 25.7 expected)', () => {
    const p = evaluateGoalProgress(absence, [{ year: 2025, value: 25 }], 0);
    expect(p).toMatchObject({ status: 'on_track', expected: 25.7, gap: 0.7, remaining: 5.3 });
  });
  it('is met when the latest value is at or below the target, even before the target year', () => {
    const p = evaluateGoalProgress(
      absence,
      [
        { year: 2025, value: 26.7 },
        { year: 2026, value: 19.5 },
      ],
      0.1,
    );
    expect(p).toMatchObject({
      status: 'met',
      latest: { value: 19.5, year: 2026 },
      expected: 22.7,
      gap: 3.2,
      remaining: -0.2,
    });
    expect(evaluateGoalProgress(absence, [{ year: 2026, value: 19.7 }], 0).status).toBe('met');
  });
  it('has no data without a reported value after the baseline year (earlier and suppressed values do not count)', () => {
    const p = evaluateGoalProgress(
      absence,
      [
        { year: 2023, value: 20 },
        { year: 2024, value: 28.7 },
        { year: 2025, value: null },
      ],
      0.1,
    );
    expect(p).toEqual({
      status: 'no_data',
      latest: null,
      expected: null,
      gap: null,
      remaining: null,
      toleranceValue: 0.9,
    });
  });
});

describe('evaluateGoalProgress, higher is better', () => {
  it('is on track 0.5 behind the trajectory within a tolerance of 1.0 (10% of 10 points)', () => {
    const p = evaluateGoalProgress(graduation, [{ year: 2024, value: 64.5 }], 0.1);
    expect(p).toEqual({
      status: 'on_track',
      latest: { value: 64.5, year: 2024 },
      expected: 65,
      gap: -0.5,
      remaining: 5.5,
      toleranceValue: 1,
    });
  });
  it('is off track 2 points behind', () => {
    expect(evaluateGoalProgress(graduation, [{ year: 2024, value: 63 }], 0.1)).toMatchObject({
      status: 'off_track',
      gap: -2,
      remaining: 7,
    });
  });
  it('is met above the target', () => {
    expect(evaluateGoalProgress(graduation, [{ year: 2024, value: 71 }], 0.1)).toMatchObject({
      status: 'met',
      gap: 6,
      remaining: -1,
    });
  });
  it('compares values after the target year with the target itself', () => {
    expect(evaluateGoalProgress(graduation, [{ year: 2026, value: 69 }], 0.1)).toMatchObject({
      status: 'on_track',
      expected: 70,
      gap: -1,
    });
    expect(evaluateGoalProgress(graduation, [{ year: 2026, value: 68 }], 0.1).status).toBe('off_track');
  });
  it('takes the latest year, whatever the order of the values', () => {
    const p = evaluateGoalProgress(
      graduation,
      [
        { year: 2025, value: 66 },
        { year: 2024, value: 71 },
      ],
      0.1,
    );
    expect(p).toMatchObject({ status: 'off_track', latest: { value: 66, year: 2025 }, expected: 70, gap: -4 });
  });
  it('has no data with only the baseline year', () => {
    expect(evaluateGoalProgress(graduation, [{ year: 2023, value: 60 }], 0.1).status).toBe('no_data');
  });
});

describe('countProgress', () => {
  it('counts each status, goals on local measures as not linked', () => {
    expect(countProgress(['met', 'on_track', 'on_track', null, 'no_data'])).toEqual({
      met: 1,
      on_track: 2,
      off_track: 0,
      no_data: 1,
      not_linked: 1,
    });
  });
});
