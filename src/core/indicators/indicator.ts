/** Units an indicator can be measured in. */
export const indicatorUnits = [
  'percent',
  'count',
  'days',
  'score',
  'percentile',
  'dollars',
  'ratio',
  'students',
  'fte',
  'index',
] as const;
export type IndicatorUnit = (typeof indicatorUnits)[number];

/** Whether a higher value is better, worse, or context only. */
export const indicatorDirections = ['higher_is_better', 'lower_is_better', 'context'] as const;
export type IndicatorDirection = (typeof indicatorDirections)[number];

/**
 * How the year attached to a value is named. DESE names a school year by its ending year (2016-17 is 2017), a fiscal
 * year (July-June) by its ending year, and a graduation cohort by its expected graduation year.
 */
export const yearConventions = ['school_year', 'fiscal_year', 'cohort_year', 'graduating_class', 'october_1'] as const;
export type YearConvention = (typeof yearConventions)[number];

/** The areas indicators are grouped into (the DART sections). */
export const indicatorAreas = [
  'enrollment',
  'attendance',
  'discipline',
  'achievement',
  'growth',
  'english_proficiency',
  'completion',
  'college_career',
  'educators',
  'finance',
  'accountability',
] as const;
export type IndicatorArea = (typeof indicatorAreas)[number];

/** One entry of the indicator catalog: what a number means, in plain words, and how to read it. */
export interface IndicatorDefinition {
  code: string;
  label: string;
  /** What the indicator measures, in plain language a family member could follow. */
  definition: string;
  unit: IndicatorUnit;
  direction: IndicatorDirection;
  area: IndicatorArea;
  /** Where the figure comes from (the state collection or publication). */
  source: string;
  yearConvention: YearConvention;
  /** Decimal places to show. */
  decimals: number;
}

/** Formats a value of an indicator for display: fixed decimals and the unit's sign. */
export function formatIndicatorValue(
  def: Pick<IndicatorDefinition, 'unit' | 'decimals'>,
  value: number | null,
): string {
  if (value === null || !Number.isFinite(value)) return '—';
  const fixed = value.toLocaleString('en-US', {
    minimumFractionDigits: def.decimals,
    maximumFractionDigits: def.decimals,
  });
  switch (def.unit) {
    case 'percent':
      return `${fixed}%`;
    case 'dollars':
      return `$${fixed}`;
    default:
      return fixed;
  }
}
