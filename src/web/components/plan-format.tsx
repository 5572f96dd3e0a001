import { Select, Tag, TextInput } from '@trussworks/react-uswds';
import { ApiError } from '../api/client.ts';
import { fieldMessage } from './ewis-format.tsx';
import { described, Field } from './improvement-format.tsx';
import type { GoalCounts, PlanSummary } from '../api/plans.ts';

/** What each plan status is called on the page. */
export const planStatusLabels: Record<PlanSummary['status'], string> = {
  draft: 'Draft',
  submitted: 'Submitted for review',
  returned: 'Returned with comments',
  approved: 'Approved',
};

// Background colours with white text at 4.5:1 or more (USWDS base-dark, primary-dark, orange-70v, green-cool-70v).
const planStatusColours: Record<PlanSummary['status'], string> = {
  draft: '#565c65',
  submitted: '#1a4480',
  returned: '#8c471c',
  approved: '#19311e',
};

/** A plan's status as a tag: the words carry it, the colour is a second cue. */
export function PlanStatusTag({ status }: { status: PlanSummary['status'] }) {
  return (
    <Tag style={{ backgroundColor: planStatusColours[status], textTransform: 'none', whiteSpace: 'nowrap' }}>
      {planStatusLabels[status]}
    </Tag>
  );
}

/** What each plan kind is called. */
export const planKindLabels: Record<PlanSummary['kind'], string> = {
  turnaround: 'Turnaround plan',
  improvement: 'Improvement plan',
};

/** A goal's progress status, and `not_linked` for a local measure. */
export type GoalStatus = keyof GoalCounts;

/** What each goal status is called. */
export const goalStatusLabels: Record<GoalStatus, string> = {
  met: 'Met',
  on_track: 'On track',
  off_track: 'Off track',
  no_data: 'No data yet',
  not_linked: 'Local measure',
};

const goalStatusColours: Record<GoalStatus, string> = {
  met: '#19311e',
  on_track: '#1a4480',
  off_track: '#b50909',
  no_data: '#565c65',
  not_linked: '#3d4551',
};

/** A goal's status as a tag. */
export function GoalStatusTag({ status }: { status: GoalStatus }) {
  return (
    <Tag style={{ backgroundColor: goalStatusColours[status], textTransform: 'none', whiteSpace: 'nowrap' }}>
      {goalStatusLabels[status]}
    </Tag>
  );
}

const countOrder: GoalStatus[] = ['met', 'on_track', 'off_track', 'no_data', 'not_linked'];

/** Goal status counts in words: "1 met, 2 on track"; "No goals yet" when there are none. */
export function formatGoalCounts(counts: GoalCounts): string {
  const parts = countOrder.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${goalStatusLabels[s].toLowerCase()}`);
  return parts.length === 0 ? 'No goals yet' : parts.join(', ');
}

/** What each action step status is called. */
export const actionStepStatusLabels = {
  not_started: 'Not started',
  in_progress: 'In progress',
  done: 'Done',
  blocked: 'Blocked',
} as const;

/** What each benchmark status is called. */
export const benchmarkStatusLabels = {
  not_started: 'Not started',
  in_progress: 'In progress',
  met: 'Met',
  not_met: 'Not met',
} as const;

/** Whom a benchmark measures. */
export const benchmarkKindLabels = { adult: 'Adults (practice)', student: 'Students (outcomes)' } as const;

/** A school year by its ending year: 2025 is "2024-25". */
export function formatSchoolYear(year: number): string {
  return `${year - 1}-${String(year % 100).padStart(2, '0')}`;
}

/** A plan's period: "2024-25 to 2026-27". */
export function formatPeriod(plan: Pick<PlanSummary, 'startYear' | 'endYear'>): string {
  return plan.startYear === plan.endYear
    ? formatSchoolYear(plan.startYear)
    : `${formatSchoolYear(plan.startYear)} to ${formatSchoolYear(plan.endYear)}`;
}

/** An ISO date (YYYY-MM-DD, or a timestamp) as "March 1, 2026". */
export function formatDate(iso: string): string {
  const date = new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleDateString('en-US', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
}

/** A timestamp as "March 1, 2026, 12:00 PM" in the reader's time zone. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString('en-US', { dateStyle: 'long', timeStyle: 'short' });
}

/** A value in its unit: "28.7%" for a percent, else the number and unit. */
export function formatValue(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined) return '—';
  const number = Number.isInteger(value) ? String(value) : value.toFixed(1).replace(/\.0$/, '');
  if (unit === 'percent') return `${number}%`;
  return unit === '' || unit === 'count' || unit === 'number' ? number : `${number} ${unit}`;
}

/** A gap to the trajectory: "+3.2 points ahead" / "1 point behind". */
export function formatGap(gap: number | null, unit: string): string {
  if (gap === null) return '—';
  const size = Math.abs(gap);
  const shown = Number.isInteger(size) ? String(size) : size.toFixed(1).replace(/\.0$/, '');
  const what = unit === 'percent' ? (shown === '1' ? 'point' : 'points') : unit === 'count' ? '' : unit;
  if (gap === 0) return 'On the trajectory';
  return `${shown}${what === '' ? '' : ` ${what}`} ${gap > 0 ? 'ahead' : 'behind'}`;
}

/** A change in the history: a value as text, "(empty)" for none. */
export function formatHistoryValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '(empty)';
  if (typeof value === 'string') return value.length > 300 ? `${value.slice(0, 300)}…` : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

const historyEventLabels: Record<string, string> = {
  plan_create: 'Plan started',
  plan_update: 'Sections changed',
  goal_create: 'Goal added',
  goal_update: 'Goal changed',
  goal_delete: 'Goal removed',
  benchmark_create: 'Benchmark added',
  benchmark_update: 'Benchmark changed',
  benchmark_delete: 'Benchmark removed',
  action_step_create: 'Action step added',
  action_step_update: 'Action step changed',
  action_step_delete: 'Action step removed',
  comment_create: 'Coaching comment',
  submit: 'Submitted for review',
  return: 'Returned with comments',
  approve: 'Approved',
};

/** A history event in words. */
export function formatHistoryEvent(event: string): string {
  return historyEventLabels[event] ?? event.replace(/_/g, ' ');
}

// The server's message for a field without its path, as the early-warning pages show it too.
export { fieldMessage } from './ewis-format.tsx';

/**
 * The field a 400 names and its message, when the field is one of `fields` (so it can be shown beside it); null
 * otherwise (the message then goes in an alert above the form).
 */
export function refusedField<F extends string>(
  error: unknown,
  fields: readonly F[],
): { field: F; message: string } | null {
  if (!(error instanceof ApiError) || error.field === undefined) return null;
  const named = error.field.replace(/^body\./, '');
  const field = fields.find((f) => named === f || named.startsWith(`${f}.`));
  return field === undefined ? null : { field, message: fieldMessage(error.message) };
}

/** A change in any form control: its `target.value` is what the reader entered. */
export type FieldChange = React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>;

// The form fields of plan pages are the improvement area's: one label, hint and error layout for both.
export { described as describedBy, Field as PlanField } from './improvement-format.tsx';

/** A school year chosen from a list (each named by its span, valued by its ending year), with its label and error. */
export function SchoolYearSelect({
  id,
  name,
  label,
  value,
  years,
  error,
  noneLabel,
  onChange,
}: {
  id: string;
  name: string;
  label: string;
  value: string;
  years: readonly number[];
  error: string | null;
  /** When given, an empty choice with this text comes first. */
  noneLabel?: string;
  onChange: (value: string) => void;
}) {
  return (
    <Field id={id} label={label} error={error}>
      <Select
        id={id}
        name={name}
        value={value}
        onChange={(e: FieldChange) => onChange(e.target.value)}
        {...described(id, false, error)}
      >
        {noneLabel !== undefined ? <option value="">{noneLabel}</option> : null}
        {years.map((y) => (
          <option key={y} value={y}>
            {formatSchoolYear(y)}
          </option>
        ))}
      </Select>
    </Field>
  );
}

/** A plan's title and period (its first and last school year), each with the server's error for it beside it. */
export function TitleAndPeriodFields({
  id,
  title,
  startYear,
  endYear,
  years,
  errorOf,
  onTitle,
  onStartYear,
  onEndYear,
}: {
  id: string;
  title: string;
  startYear: string;
  endYear: string;
  years: readonly number[];
  errorOf: (field: 'title' | 'startYear' | 'endYear') => string | null;
  onTitle: (title: string) => void;
  onStartYear: (year: string) => void;
  onEndYear: (year: string) => void;
}) {
  return (
    <>
      <Field id={`${id}-title`} label="Title" error={errorOf('title')}>
        <TextInput
          id={`${id}-title`}
          name="title"
          type="text"
          value={title}
          maxLength={300}
          validationStatus={errorOf('title') !== null ? 'error' : undefined}
          onChange={(e: FieldChange) => onTitle(e.target.value)}
          {...described(`${id}-title`, false, errorOf('title'))}
        />
      </Field>
      <div className="ssos-date-pair">
        <SchoolYearSelect
          id={`${id}-start`}
          name="startYear"
          label="First school year"
          value={startYear}
          years={years}
          error={errorOf('startYear')}
          onChange={onStartYear}
        />
        <SchoolYearSelect
          id={`${id}-end`}
          name="endYear"
          label="Last school year"
          value={endYear}
          years={years}
          error={errorOf('endYear')}
          onChange={onEndYear}
        />
      </div>
    </>
  );
}
