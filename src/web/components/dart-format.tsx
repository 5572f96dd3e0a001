import {
  formatIndicatorValue,
  type IndicatorArea,
  type IndicatorDirection,
  type IndicatorUnit,
  type YearConvention,
} from '../../core/indicators/indicator.ts';
import { roundHalfUp } from './accountability-format.tsx';
import { gradeSpanCategoryLabels } from './org-format.ts';

/** What formatting needs to know about an indicator. */
export interface IndicatorFormat {
  unit: IndicatorUnit;
  decimals: number;
}

/** An indicator's value as the DART shows it (`48.4%`, `1,557`, `$18,250`), or a dash when there is none. */
export function formatIndicator(indicator: IndicatorFormat, value: number | null): string {
  return formatIndicatorValue(indicator, value);
}

/** A round value of a chart's axis, without trailing zeros: `45%`, `12.5%`, `1,500`, `$18,000`. */
export function formatAxisValue(indicator: IndicatorFormat, value: number): string {
  const text = value.toLocaleString('en-US', { maximumFractionDigits: Math.max(indicator.decimals, 1) });
  return indicator.unit === 'percent' ? `${text}%` : indicator.unit === 'dollars' ? `$${text}` : text;
}

/** The units, in words, as the definitions and the glossary name them. */
export const unitLabels: Record<IndicatorUnit, string> = {
  percent: 'Percent',
  count: 'Count',
  days: 'Days',
  score: 'Score',
  percentile: 'Percentile (1 to 99)',
  dollars: 'Dollars',
  ratio: 'Ratio',
  students: 'Students',
  fte: 'Full-time equivalents (FTE)',
  index: 'Index',
};

/** The directions, in words. */
export const directionLabels: Record<IndicatorDirection, string> = {
  higher_is_better: 'Higher is better',
  lower_is_better: 'Lower is better',
  context: 'Context: neither higher nor lower is better',
};

/** How the year attached to a value is named, in words (after DESE's conventions, domain/glossary.md). */
export const yearConventionLabels: Record<YearConvention, string> = {
  school_year: 'School year, named by its ending year (2025-26 is 2026)',
  fiscal_year: 'Fiscal year (July to June), named by its ending year (FY2026 is July 2025 to June 2026)',
  cohort_year: 'Graduation cohort, named by the year its students were expected to graduate',
  graduating_class: 'Graduating class, named by the year it graduated',
  october_1: 'Count on October 1, named by the ending year of that school year (October 2025 is 2026)',
};

/** The catalog's areas as the glossary heads them, in its order. */
export const areaLabels: Record<IndicatorArea, string> = {
  enrollment: 'Enrollment and populations',
  attendance: 'Attendance and chronic absence',
  discipline: 'Discipline',
  achievement: 'Achievement (MCAS)',
  growth: 'Growth (student growth percentiles)',
  english_proficiency: 'English learners',
  completion: 'Graduation, dropout and program of study',
  college_career: 'College and career readiness',
  educators: 'Educators and staffing',
  finance: 'Finance',
  accountability: 'Accountability',
};

/** How a change compares with the indicator's direction. */
export type ChangeTone = 'improved' | 'declined' | 'unchanged' | 'context';

/** A change in words: its tone, and a sentence (`Improved by 2.2 percentage points since 2022`). */
export interface ChangeDescription {
  tone: ChangeTone;
  text: string;
}

/** The size of a change with its unit: `2.2 percentage points`, `223 students`, `$1,050`, `1.3 points`. */
export function formatChangeAmount(indicator: IndicatorFormat, amount: number): string {
  const size = Math.abs(roundHalfUp(amount, indicator.decimals));
  const fixed = size.toLocaleString('en-US', {
    minimumFractionDigits: indicator.decimals,
    maximumFractionDigits: indicator.decimals,
  });
  // "1 point", but "1.0 points".
  const one = fixed === '1';
  switch (indicator.unit) {
    case 'percent':
      return `${fixed} percentage ${one ? 'point' : 'points'}`;
    case 'dollars':
      return `$${fixed}`;
    case 'days':
      return `${fixed} ${one ? 'day' : 'days'}`;
    case 'score':
    case 'percentile':
    case 'index':
      return `${fixed} ${one ? 'point' : 'points'}`;
    default:
      return fixed;
  }
}

/**
 * A change over the trend years in words that follow the indicator's direction: a fall in chronic absence "improved",
 * a fall in graduation "declined", a change in enrollment is only "up" or "down" (context).
 */
export function describeChange(
  indicator: IndicatorFormat & { direction: IndicatorDirection },
  change: { fromYear: number; value: number },
): ChangeDescription {
  const rounded = roundHalfUp(change.value, indicator.decimals);
  const since = `since ${change.fromYear}`;
  if (rounded === 0)
    return { tone: indicator.direction === 'context' ? 'context' : 'unchanged', text: `No change ${since}` };
  const amount = formatChangeAmount(indicator, rounded);
  if (indicator.direction === 'context')
    return { tone: 'context', text: `${rounded > 0 ? 'Up' : 'Down'} ${amount} ${since}` };
  const better = indicator.direction === 'higher_is_better' ? rounded > 0 : rounded < 0;
  return better
    ? { tone: 'improved', text: `Improved: ${rounded > 0 ? 'up' : 'down'} ${amount} ${since}` }
    : { tone: 'declined', text: `Declined: ${rounded > 0 ? 'up' : 'down'} ${amount} ${since}` };
}

/** The sentence that explains a withheld value. */
export function suppressedText(below: number): string {
  return `Fewer than ${below} students`;
}

/**
 * A withheld value: a dash people see and the reason beside it (never a zero). Screen readers hear only the reason.
 */
export function SuppressedValue({ below, compact = false }: { below: number; compact?: boolean }) {
  return (
    <span className="ssos-withheld">
      <span aria-hidden="true">—</span>{' '}
      <span className={compact ? 'ssos-withheld__why ssos-withheld__why--compact' : 'ssos-withheld__why'}>
        {suppressedText(below).toLowerCase()}
      </span>
    </span>
  );
}

/** One value as a cell shows it: the figure, a withheld value with its reason, or a dash for no value. */
export function DartValueText({
  indicator,
  value,
  below,
}: {
  indicator: IndicatorFormat;
  value: { value: number | null; suppressed: boolean } | null | undefined;
  below: number;
}) {
  if (value?.suppressed) return <SuppressedValue below={below} compact />;
  if (value === null || value === undefined || value.value === null)
    return (
      <>
        <span aria-hidden="true">—</span>
        <span className="usa-sr-only">no value</span>
      </>
    );
  return <>{formatIndicator(indicator, value.value)}</>;
}

/** A number of students, with thousands separators, or a dash. */
export function formatN(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : n.toLocaleString('en-US');
}

/** Why the comparison method is configurable, in words (the API's notes name the settings' keys). */
export const settingsNote =
  'DESE does not publish how it finds comparable organizations: these characteristics, scales and weights are choices of this platform, which a state administrator may change.';

/**
 * The group comparable organizations come from, in words: `the K-12 group` for a district's grade-span group,
 * `high schools` for a school's type.
 */
export function describeComparisonGroup(level: string, group: string): string {
  if (level === 'school' && group in gradeSpanCategoryLabels) {
    const label = gradeSpanCategoryLabels[group as keyof typeof gradeSpanCategoryLabels];
    return `${label.replace(/ school$/, '')} schools`;
  }
  return `the ${group} group`;
}
