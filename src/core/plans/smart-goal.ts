import type { IndicatorDirection, IndicatorUnit } from '../indicators/indicator.ts';

/**
 * A goal of a plan as the SMART check sees it: a measure (a catalog indicator or a local measure) with its
 * direction, a baseline (value and school year), a target (value, school year, optional date) and an owner.
 * School years are named by their ending year (2024-25 is 2025), as indicator values are.
 */
export interface GoalDraft {
  /** What the goal measures, for messages: an indicator's label or a local measure's name. */
  measureLabel: string;
  /** Where the measure's direction came from: a catalog indicator's field, or the local measure's. */
  measureField: 'indicatorCode' | 'localMeasure.direction';
  direction: IndicatorDirection;
  unit: IndicatorUnit | string;
  baselineValue: number;
  baselineYear: number;
  targetValue: number;
  targetYear: number;
  /** The date by which the target is to be reached (YYYY-MM-DD), when the team names one. */
  targetDate: string | null;
}

/** Why a goal is not SMART: the request field at fault and a sentence for the team. */
export interface GoalProblem {
  field: string;
  message: string;
}

/** A school year's label, 2025 -> "2024-25". */
export function schoolYearLabel(year: number): string {
  return `${year - 1}-${String(year % 100).padStart(2, '0')}`;
}

/**
 * Checks that a goal is measurable and well ordered: the measure has a direction, the target improves on the
 * baseline in that direction, the target year comes after the baseline year and a target date after the baseline
 * school year ends (June 30), and percentages lie between 0 and 100. Returns the first problem, or null.
 */
export function checkSmartGoal(goal: GoalDraft): GoalProblem | null {
  if (goal.direction === 'context')
    return {
      field: goal.measureField,
      message: `${goal.measureLabel} is context only (neither higher nor lower is better), so progress toward a target cannot be judged: choose an indicator with a direction, or a local measure`,
    };
  if (goal.unit === 'percent') {
    for (const field of ['baselineValue', 'targetValue'] as const)
      if (goal[field] < 0 || goal[field] > 100)
        return { field, message: `${goal.measureLabel} is a percentage: the value must be between 0 and 100` };
  }
  if (goal.targetYear <= goal.baselineYear)
    return {
      field: 'targetYear',
      message: `The target year (${schoolYearLabel(goal.targetYear)}) must come after the baseline year (${schoolYearLabel(goal.baselineYear)})`,
    };
  const baselineEnds = `${goal.baselineYear}-06-30`;
  if (goal.targetDate !== null && goal.targetDate <= baselineEnds)
    return {
      field: 'targetDate',
      message: `The target date (${goal.targetDate}) must come after the baseline school year ${schoolYearLabel(goal.baselineYear)} ends (${baselineEnds})`,
    };
  const higher = goal.direction === 'higher_is_better';
  const improves = higher ? goal.targetValue > goal.baselineValue : goal.targetValue < goal.baselineValue;
  if (!improves)
    return {
      field: 'targetValue',
      message: `For ${goal.measureLabel}, ${higher ? 'higher' : 'lower'} is better: the target (${goal.targetValue}) must be ${higher ? 'above' : 'below'} the baseline (${goal.baselineValue})`,
    };
  return null;
}
