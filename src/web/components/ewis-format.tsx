import type { RiskLevel } from '../../core/ewis/risk-levels.ts';
import { studentGroups } from '../../core/student-groups.ts';
import { milestoneLabels, type Milestone } from '../../core/students/records.ts';

/** A risk level in words: `High risk`; `N/A` when there is none. */
export function formatRiskLevel(level: RiskLevel | null): string {
  return level === null ? 'N/A' : riskLevelLabels[level];
}

/** Each risk level in words. */
export const riskLevelLabels: Record<RiskLevel, string> = {
  high: 'High risk',
  moderate: 'Moderate risk',
  low: 'Low risk',
};

/** A risk level as a tag: its words always, its colour only as a second cue. */
export function RiskLevelTag({ level }: { level: RiskLevel | null }) {
  return <span className={`ssos-risk ssos-risk--${level ?? 'na'}`}>{formatRiskLevel(level)}</span>;
}

/** A probability as a whole percentage (`3%`), `<1%` for a sliver, a dash when there is none. */
export function formatProbability(p: number | null): string {
  if (p === null) return '—';
  const pct = Math.round(p * 100);
  if (pct === 0 && p > 0) return '<1%';
  if (pct === 100 && p < 1) return '>99%';
  return `${pct}%`;
}

/** A rate (0 to 1) as a percentage with one decimal (`23.9%`), a dash when there is none. */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;
}

/** A difference of two rates (0 to 1) in percentage points, with its sign: `+7.2 points`, `−3.1 points`. */
export function formatPoints(difference: number): string {
  // Rounded as describeGap rounds, so the figure shown and the mark always agree.
  const points = (Math.round(Math.abs(difference) * 1000) / 10).toFixed(1);
  if (points === '0.0') return '0.0 points';
  return `${difference > 0 ? '+' : '−'}${points} points`;
}

/** An area under the ROC curve to two decimals (`0.78`), a dash when it could not be computed. */
export function formatAuc(auc: number | null): string {
  return auc === null ? '—' : auc.toFixed(2);
}

/** Each milestone in a few words, for tables. */
export const milestoneShortLabels: Record<Milestone, string> = {
  reading_grade3: 'Reading by grade 3',
  middle_school_ready: 'Ready for middle school',
  high_school_ready: 'Ready for high school',
  graduate_on_time: 'Graduating on time',
};

/** A milestone in words (`long`: the full sentence); an unknown code as it is. */
export function formatMilestone(milestone: string, long = false): string {
  const labels: Record<string, string> = long ? milestoneLabels : milestoneShortLabels;
  return labels[milestone] ?? milestone;
}

/** A school year named by its ending year, as people write it: 2026 is `2025-26`. */
export function formatSchoolYear(year: number): string {
  return `${year - 1}-${String(year % 100).padStart(2, '0')}`;
}

/** A grade without its leading zero: `09` is `9`; `K` and `PK` stay. */
export function formatGrade(grade: string | number): string {
  const text = String(grade);
  return /^\d+$/.test(text) ? String(Number(text)) : text;
}

/** The school year a date falls in (July to June, named by its ending year): 2025-11-03 is in 2026. */
export function schoolYearOfDate(date: string): number {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return month >= 7 ? year + 1 : year;
}

/** Whether an intervention ran during any part of a school year (July to June, named by its ending year). */
export function isActiveInSchoolYear(
  intervention: { startedOn: string; endedOn: string | null },
  year: number,
): boolean {
  const first = `${year - 1}-07-01`;
  const last = `${year}-06-30`;
  return intervention.startedOn <= last && (intervention.endedOn === null || intervention.endedOn >= first);
}

/** What each reason is about, as a short name. */
export const reasonLabels: Record<string, string> = {
  new_to_district: 'New to the district',
  attendance: 'Attendance',
  suspensions: 'Suspensions',
  mobility: 'School changes',
  retention: 'Held back',
  ela: 'ELA test score',
  math: 'Math test score',
  no_scores: 'No state test score',
  courses: 'Course marks',
  high_school_record: 'High school record',
};

// Reasons that are a yes/no condition: the student's value is 1, the typical one a share of students.
const conditionReasons = new Set(['new_to_district', 'retention', 'no_scores']);

function decimal(value: number, digits: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

/**
 * A reason's value in its unit: the student's (`whose: 'student'`) or the typical one of students who reached the
 * milestone. Scores are stored against 500 (the "meeting expectations" line) and shown as scaled scores; a yes/no
 * reason shows `Yes` for the student and, for the typical student, the share of them it held for.
 */
export function formatReasonValue(reason: string, value: number, whose: 'student' | 'typical'): string {
  if (conditionReasons.has(reason)) {
    if (whose === 'typical') return `${Math.round(value * 100)}% of them`;
    return value >= 0.5 ? 'Yes' : 'No';
  }
  switch (reason) {
    case 'attendance':
      return `${decimal(value, 1)}% of days`;
    case 'suspensions':
      return `${decimal(value, 1)} ${value === 1 ? 'day' : 'days'}`;
    case 'mobility':
      return `${decimal(value, 1)} ${value === 1 ? 'time' : 'times'}`;
    case 'ela':
    case 'math':
      return decimal(value + 500, 0);
    case 'courses':
    case 'high_school_record':
      return `GPA ${decimal(value, 1)}`;
    default:
      return decimal(value, 1);
  }
}

/** Each kind of intervention in words. */
export const interventionKindLabels: Record<string, string> = {
  attendance: 'Attendance',
  behavior: 'Behavior',
  academic_ela: 'Academic support: ELA',
  academic_math: 'Academic support: math',
  course_recovery: 'Course recovery',
  mentoring: 'Mentoring',
  family_engagement: 'Family engagement',
  counseling: 'Counseling',
  other: 'Other',
};

/** Each intervention status in words. */
export const interventionStatusLabels: Record<string, string> = {
  planned: 'Planned',
  active: 'Active',
  completed: 'Completed',
  discontinued: 'Discontinued',
};

/** An intervention's kind (or status) in words; an unknown code as it is. */
export function formatInterventionKind(kind: string): string {
  return interventionKindLabels[kind] ?? kind;
}

/** A date `YYYY-MM-DD` as people read it: `Nov 3, 2026`. */
export function formatDate(date: string | null): string {
  if (date === null || !/^\d{4}-\d{2}-\d{2}/.test(date)) return '—';
  const [y, m, d] = date.slice(0, 10).split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-US', {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  });
}

const groupLabelOf = new Map(studentGroups.map((g) => [g.code, g.label]));

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function valueLabel(value: string): string {
  return groupLabelOf.get(value) ?? capitalize(value.replace(/_/g, ' '));
}

/**
 * A student group of the summary in words: `all`, `race:hispanic`, `gender:female`, `low_income`, `english_learner`,
 * `disability`.
 */
export function formatSummaryGroup(group: string): string {
  if (group === 'all') return 'All students';
  const [kind, value] = group.split(':') as [string, string | undefined];
  if (value !== undefined) return kind === 'gender' ? capitalize(value) : valueLabel(value);
  return groupLabelOf.get(kind) ?? capitalize(kind.replace(/_/g, ' '));
}

/** The kinds of group the validation reports error rates for, in the order shown. */
export const validationGroupKinds: readonly { group: string; label: string }[] = [
  { group: 'race', label: 'Race/ethnicity' },
  { group: 'low_income', label: 'Low income' },
  { group: 'english_learner', label: 'English learners' },
  { group: 'disability', label: 'Students with disabilities' },
  { group: 'gender', label: 'Gender' },
];

const yesNoGroups: Record<string, { yes: string; no: string }> = {
  low_income: { yes: 'Low income', no: 'Not low income' },
  english_learner: { yes: 'English learners', no: 'Not English learners' },
  disability: { yes: 'Students with disabilities', no: 'Students without disabilities' },
};

/** A group of the validation in words: (`race`, `hispanic`) is `Hispanic/Latino`, (`low_income`, `no`) `Not low income`. */
export function formatValidationGroup(group: string, value: string): string {
  const yesNo = yesNoGroups[group];
  if (yesNo !== undefined && (value === 'yes' || value === 'no')) return yesNo[value];
  return group === 'gender' ? capitalize(value) : valueLabel(value);
}

/** How far apart an error rate of a group may be from the overall one before the page points it out. */
export const gapThreshold = 0.05;

/** The fewest students an error rate may stand on (its denominator) before it is shown and compared. */
export const minRateDenominator = 10;

/** A group's error rate against the overall one: the difference, and whether it is wider than the threshold. */
export function describeGap(
  groupRate: number | null,
  overallRate: number | null,
  threshold = gapThreshold,
): { difference: number; flagged: boolean } | null {
  if (groupRate === null || overallRate === null) return null;
  const difference = groupRate - overallRate;
  // Rounded to a tenth of a point first, so a gap shown as 5.0 points is never marked and 5.1 always is.
  return { difference, flagged: Math.round(Math.abs(difference) * 1000) > Math.round(threshold * 1000) };
}

/** A field's message from the API without its path: `body.owner: Too small` reads `Too small`. */
export function fieldMessage(message: string): string {
  const stripped = message.replace(/^(body\.)?[A-Za-z0-9_.]+: /, '');
  return capitalize(stripped);
}

/** The roster filters the page keeps in its address besides grade and risk level (the server applies them all). */
export interface RosterPageFilters {
  milestone: string;
  /** `with`: at least one planned or active intervention; `without`: none. */
  interventions: '' | 'with' | 'without';
  /** Part of a student identifier. */
  q: string;
}

/** The roster's sortable columns. */
export type RosterSort = 'risk' | 'student' | 'grade' | 'attendance' | 'interventions';
