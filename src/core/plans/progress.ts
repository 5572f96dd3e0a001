/**
 * Self-updating goal progress: a goal linked to an indicator is judged against its trajectory, the straight line
 * from the baseline (value in the baseline year) to the target (value in the target year), by the latest value
 * reported after the baseline year.
 */

/** The statuses a linked goal can have. */
export const progressStatuses = ['met', 'on_track', 'off_track', 'no_data'] as const;
export type ProgressStatus = (typeof progressStatuses)[number];

/** A goal's trajectory: baseline and target, and which way is better. School years by their ending year. */
export interface Trajectory {
  direction: 'higher_is_better' | 'lower_is_better';
  baseline: { value: number; year: number };
  target: { value: number; year: number };
}

/** One reported value of the measure; null when it was suppressed at the source. */
export interface YearValue {
  year: number;
  value: number | null;
}

/** The status and the numbers that led to it. */
export interface GoalProgress {
  status: ProgressStatus;
  /** The latest reported value after the baseline year, and its school year; null when there is none. */
  latest: { value: number; year: number } | null;
  /** The value on the trajectory for the latest value's year (the target from the target year on). */
  expected: number | null;
  /** How far the latest value is ahead of (+) or behind (-) the trajectory, in the measure's unit. */
  gap: number | null;
  /** How far the latest value still is from the target (positive: short of it; 0 or less: reached). */
  remaining: number | null;
  /** How far behind the trajectory still counts as on track, in the measure's unit. */
  toleranceValue: number;
}

/** Removes floating-point noise from figures computed from values with few decimals (0.1 * 3 = 0.30000000000000004). */
export function roundFigure(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** The value on the trajectory in a school year: linear between baseline and target, flat beyond them. */
export function expectedOnTrajectory(t: Trajectory, year: number): number {
  const span = t.target.year - t.baseline.year;
  const share = Math.min(1, Math.max(0, (year - t.baseline.year) / span));
  return roundFigure(t.baseline.value + (t.target.value - t.baseline.value) * share);
}

/**
 * Evaluates a goal against its trajectory.
 * - no data: no value reported (not suppressed) after the baseline year;
 * - met: the latest value reaches the target in the measure's direction;
 * - on track: the latest value is at or beyond the trajectory for its year, or behind it by no more than the
 *   tolerance, a share of the planned change |target - baseline| (configuration: `tolerance`, e.g. 0.1);
 * - off track: otherwise.
 */
export function evaluateGoalProgress(t: Trajectory, values: readonly YearValue[], tolerance: number): GoalProgress {
  const toleranceValue = roundFigure(tolerance * Math.abs(t.target.value - t.baseline.value));
  let latest: { value: number; year: number } | null = null;
  for (const v of values)
    if (v.value !== null && v.year > t.baseline.year && (latest === null || v.year > latest.year))
      latest = { value: v.value, year: v.year };
  if (latest === null)
    return { status: 'no_data', latest: null, expected: null, gap: null, remaining: null, toleranceValue };
  // Signed so that a positive difference is always the better side.
  const sign = t.direction === 'higher_is_better' ? 1 : -1;
  const expected = expectedOnTrajectory(t, latest.year);
  const gap = roundFigure(sign * (latest.value - expected));
  const remaining = roundFigure(sign * (t.target.value - latest.value));
  const status: ProgressStatus = remaining <= 0 ? 'met' : gap >= -toleranceValue ? 'on_track' : 'off_track';
  return { status, latest, expected, gap, remaining, toleranceValue };
}

/** Counts of goals by progress status (goals on local measures are counted as not linked). */
export type ProgressCounts = Record<ProgressStatus | 'not_linked', number>;

/** Counts statuses; null stands for a goal not linked to indicator data. */
export function countProgress(statuses: readonly (ProgressStatus | null)[]): ProgressCounts {
  const counts: ProgressCounts = { met: 0, on_track: 0, off_track: 0, no_data: 0, not_linked: 0 };
  for (const s of statuses) counts[s ?? 'not_linked']++;
  return counts;
}
