import { useEffect, useId, useRef, useState } from 'react';
import { Alert, AlertText, Button, Fieldset, Radio, Select, Textarea, TextInput } from '@trussworks/react-uswds';
import { turnaroundPractices } from '../../core/plans/template.ts';
import { useIndicators, useStudentGroups } from '../api/platform.ts';
import {
  useAddPlanPart,
  useDeletePlanPart,
  useUpdatePlanPart,
  type GoalBody,
  type Plan,
  type PlanGoal,
} from '../api/plans.ts';
import { ErrorAlert } from './error-alert.tsx';
import {
  describedBy,
  formatDate,
  formatSchoolYear,
  formatValue,
  PlanField,
  refusedField,
  SchoolYearSelect,
} from './plan-format.tsx';

type Practice = (typeof turnaroundPractices)[number]['key'];

/** The goal fields the server may name in a 400, each shown beside its input. */
const goalFields = [
  'statement',
  'practice',
  'indicatorCode',
  'studentGroup',
  'localMeasure',
  'baselineValue',
  'baselineYear',
  'targetValue',
  'targetYear',
  'targetDate',
  'owner',
] as const;
type GoalField = (typeof goalFields)[number];

interface GoalDraft {
  statement: string;
  practice: string;
  measure: 'indicator' | 'local';
  indicatorCode: string;
  studentGroup: string;
  localName: string;
  localUnit: string;
  localDirection: 'higher_is_better' | 'lower_is_better';
  baselineValue: string;
  baselineYear: string;
  targetValue: string;
  targetYear: string;
  targetDate: string;
  owner: string;
}

function draftOf(plan: Plan, goal: PlanGoal | null): GoalDraft {
  if (goal === null)
    return {
      statement: '',
      practice: '',
      measure: 'indicator',
      indicatorCode: '',
      studentGroup: 'all',
      localName: '',
      localUnit: '',
      localDirection: 'higher_is_better',
      baselineValue: '',
      baselineYear: String(plan.startYear - 1),
      targetValue: '',
      targetYear: String(plan.endYear),
      targetDate: '',
      owner: '',
    };
  return {
    statement: goal.statement,
    practice: goal.practice ?? '',
    measure: goal.localMeasure !== null ? 'local' : 'indicator',
    indicatorCode: goal.indicatorCode ?? '',
    studentGroup: goal.studentGroup ?? 'all',
    localName: goal.localMeasure?.name ?? '',
    localUnit: goal.localMeasure?.unit ?? '',
    localDirection: goal.localMeasure?.direction ?? 'higher_is_better',
    baselineValue: String(goal.baselineValue),
    baselineYear: String(goal.baselineYear),
    targetValue: String(goal.targetValue),
    targetYear: String(goal.targetYear),
    targetDate: goal.targetDate ?? '',
    owner: goal.owner,
  };
}

function parseNumber(text: string): number | undefined {
  const trimmed = text.trim().replace(/%$/, '');
  if (trimmed === '') return undefined;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : Number.NaN;
}

function bodyOf(draft: GoalDraft): GoalBody {
  const base = {
    statement: draft.statement.trim(),
    practice: draft.practice === '' ? null : (draft.practice as Practice),
    baselineValue: parseNumber(draft.baselineValue),
    baselineYear: Number(draft.baselineYear),
    targetValue: parseNumber(draft.targetValue) as number,
    targetYear: Number(draft.targetYear),
    targetDate: draft.targetDate === '' ? null : draft.targetDate,
    owner: draft.owner.trim(),
  };
  return draft.measure === 'indicator'
    ? {
        ...base,
        indicatorCode: draft.indicatorCode === '' ? null : draft.indicatorCode,
        studentGroup: draft.studentGroup,
      }
    : {
        ...base,
        indicatorCode: null,
        localMeasure: { name: draft.localName.trim(), unit: draft.localUnit.trim(), direction: draft.localDirection },
      };
}

/** What the page checks before sending: numbers that are not numbers (the server checks everything else). */
function localProblems(draft: GoalDraft): Partial<Record<GoalField, string>> {
  const problems: Partial<Record<GoalField, string>> = {};
  const target = parseNumber(draft.targetValue);
  if (target === undefined) problems.targetValue = 'Enter the target value.';
  else if (Number.isNaN(target)) problems.targetValue = 'The target value must be a number, such as 19.7.';
  const baseline = parseNumber(draft.baselineValue);
  if (baseline !== undefined && Number.isNaN(baseline))
    problems.baselineValue = 'The baseline value must be a number, such as 28.7.';
  else if (baseline === undefined && draft.measure === 'local')
    problems.baselineValue = 'Enter the baseline value of the local measure.';
  return problems;
}

/** The years a goal's baseline and target can be in, around the plan's period. */
function yearChoices(plan: Plan): number[] {
  return Array.from({ length: plan.endYear - plan.startYear + 8 }, (_, i) => plan.startYear - 4 + i);
}

/** Adds a SMART goal, or changes one; each field the server refuses shows its message beside it. */
export function GoalForm({
  plan,
  goal,
  onDone,
}: {
  plan: Plan;
  goal: PlanGoal | null;
  onDone: (message: string) => void;
}) {
  const id = useId();
  const [draft, setDraft] = useState<GoalDraft>(() => draftOf(plan, goal));
  const [problems, setProblems] = useState<Partial<Record<GoalField, string>>>({});
  const add = useAddPlanPart(plan.id, 'goals');
  const update = useUpdatePlanPart(plan.id, 'goals');
  const mutation = goal === null ? add : update;
  const indicators = useIndicators();
  const groups = useStudentGroups();
  const refused = refusedField(mutation.error, goalFields);
  const errorOf = (field: GoalField) => problems[field] ?? (refused?.field === field ? refused.message : null);
  const form = useRef<HTMLFormElement>(null);
  const focusField = Object.keys(problems)[0] ?? refused?.field;
  useEffect(() => {
    if (focusField === undefined) return;
    const name = focusField === 'localMeasure' ? 'localName' : focusField;
    form.current?.querySelector<HTMLElement>(`[name="${name}"]`)?.focus();
  }, [focusField, mutation.error, problems]);
  const set =
    (field: keyof GoalDraft) =>
    (event: React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) =>
      setDraft((d) => ({ ...d, [field]: event.target.value }));
  const choices = (indicators.data?.items ?? []).filter((i) => i.direction !== 'context');
  const chosen = choices.find((i) => i.code === draft.indicatorCode);
  const years = yearChoices(plan);
  const unitHint =
    draft.measure === 'indicator'
      ? chosen !== undefined
        ? `In ${chosen.unit === 'percent' ? 'percent (0 to 100)' : chosen.unit}; ${chosen.direction === 'lower_is_better' ? 'lower is better' : 'higher is better'}`
        : 'In the indicator’s unit'
      : `In the local measure’s unit${draft.localUnit.trim() !== '' ? ` (${draft.localUnit.trim()})` : ''}`;
  const heading = goal === null ? 'Add a SMART goal' : 'Change the goal';

  return (
    <form
      ref={form}
      className="usa-form usa-form--large"
      aria-labelledby={`${id}-heading`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const found = localProblems(draft);
        setProblems(found);
        if (Object.keys(found).length > 0) return;
        const body = bodyOf(draft);
        const done = () => onDone(goal === null ? 'The goal is added.' : 'The goal is changed.');
        if (goal === null) add.mutate(body, { onSuccess: done });
        else update.mutate({ partId: goal.id, body }, { onSuccess: done });
      }}
    >
      <h3 id={`${id}-heading`}>{heading}</h3>
      {mutation.isError && refused === null ? (
        <ErrorAlert heading="The goal could not be saved" error={mutation.error} />
      ) : null}
      <PlanField
        id={`${id}-statement`}
        label="Goal statement"
        hint="Specific and measurable: what changes, for whom, by how much and by when"
        error={errorOf('statement')}
      >
        <Textarea
          id={`${id}-statement`}
          name="statement"
          value={draft.statement}
          maxLength={2000}
          onChange={set('statement')}
          {...describedBy(`${id}-statement`, true, errorOf('statement'))}
        />
      </PlanField>
      <PlanField id={`${id}-practice`} label="Turnaround Practice (optional)" error={errorOf('practice')}>
        <Select id={`${id}-practice`} name="practice" value={draft.practice} onChange={set('practice')}>
          <option value="">The whole plan</option>
          {turnaroundPractices.map((p) => (
            <option key={p.key} value={p.key}>
              {p.number}. {p.title}
            </option>
          ))}
        </Select>
      </PlanField>
      <Fieldset legend="Measure">
        <Radio
          id={`${id}-measure-indicator`}
          name={`${id}-measure`}
          label="An indicator of the state’s data (progress updates itself)"
          checked={draft.measure === 'indicator'}
          onChange={() => setDraft((d) => ({ ...d, measure: 'indicator' }))}
        />
        <Radio
          id={`${id}-measure-local`}
          name={`${id}-measure`}
          label="A local measure the team tracks"
          checked={draft.measure === 'local'}
          onChange={() => setDraft((d) => ({ ...d, measure: 'local' }))}
        />
      </Fieldset>
      {draft.measure === 'indicator' ? (
        <>
          <PlanField id={`${id}-indicator`} label="Indicator" error={errorOf('indicatorCode')}>
            <Select
              id={`${id}-indicator`}
              name="indicatorCode"
              value={draft.indicatorCode}
              onChange={set('indicatorCode')}
              {...describedBy(`${id}-indicator`, false, errorOf('indicatorCode'))}
            >
              <option value="">{indicators.isPending ? 'Loading the catalog…' : '- Select an indicator -'}</option>
              {choices.map((i) => (
                <option key={i.code} value={i.code}>
                  {i.label}
                </option>
              ))}
            </Select>
          </PlanField>
          {chosen !== undefined ? <p className="usa-hint ssos-readable">{chosen.definition}</p> : null}
          <PlanField id={`${id}-group`} label="Student group" error={errorOf('studentGroup')}>
            <Select
              id={`${id}-group`}
              name="studentGroup"
              value={draft.studentGroup}
              onChange={set('studentGroup')}
              {...describedBy(`${id}-group`, false, errorOf('studentGroup'))}
            >
              {(groups.data?.items ?? [{ code: 'all', label: 'All students' }]).map((g) => (
                <option key={g.code} value={g.code}>
                  {g.label}
                </option>
              ))}
            </Select>
          </PlanField>
        </>
      ) : (
        <>
          <PlanField
            id={`${id}-local-name`}
            label="Local measure"
            hint="What is counted, e.g. classroom observations with feedback per teacher per month"
            error={errorOf('localMeasure')}
          >
            <TextInput
              id={`${id}-local-name`}
              name="localName"
              type="text"
              value={draft.localName}
              maxLength={200}
              validationStatus={errorOf('localMeasure') !== null ? 'error' : undefined}
              onChange={set('localName')}
              {...describedBy(`${id}-local-name`, true, errorOf('localMeasure'))}
            />
          </PlanField>
          <div className="ssos-date-pair">
            <PlanField id={`${id}-local-unit`} label="Unit" hint="e.g. count, percent, days" error={null}>
              <TextInput
                id={`${id}-local-unit`}
                name="localUnit"
                type="text"
                value={draft.localUnit}
                maxLength={40}
                onChange={set('localUnit')}
                aria-describedby={`${id}-local-unit-hint`}
              />
            </PlanField>
            <PlanField id={`${id}-local-direction`} label="Better is" error={null}>
              <Select
                id={`${id}-local-direction`}
                name="localDirection"
                value={draft.localDirection}
                onChange={set('localDirection')}
              >
                <option value="higher_is_better">Higher</option>
                <option value="lower_is_better">Lower</option>
              </Select>
            </PlanField>
          </div>
        </>
      )}
      <div className="ssos-date-pair">
        <PlanField
          id={`${id}-baseline`}
          label={draft.measure === 'indicator' ? 'Baseline value (optional)' : 'Baseline value'}
          hint={
            draft.measure === 'indicator'
              ? `${unitHint}. Leave empty to take the value reported for the baseline year`
              : unitHint
          }
          error={errorOf('baselineValue')}
        >
          <TextInput
            id={`${id}-baseline`}
            name="baselineValue"
            type="text"
            inputMode="decimal"
            value={draft.baselineValue}
            validationStatus={errorOf('baselineValue') !== null ? 'error' : undefined}
            onChange={set('baselineValue')}
            {...describedBy(`${id}-baseline`, true, errorOf('baselineValue'))}
          />
        </PlanField>
        <SchoolYearSelect
          id={`${id}-baseline-year`}
          name="baselineYear"
          label="Baseline school year"
          value={draft.baselineYear}
          years={years}
          error={errorOf('baselineYear')}
          onChange={(value) => setDraft((d) => ({ ...d, baselineYear: value }))}
        />
      </div>
      <div className="ssos-date-pair">
        <PlanField id={`${id}-target`} label="Target value" hint={unitHint} error={errorOf('targetValue')}>
          <TextInput
            id={`${id}-target`}
            name="targetValue"
            type="text"
            inputMode="decimal"
            value={draft.targetValue}
            validationStatus={errorOf('targetValue') !== null ? 'error' : undefined}
            onChange={set('targetValue')}
            {...describedBy(`${id}-target`, true, errorOf('targetValue'))}
          />
        </PlanField>
        <SchoolYearSelect
          id={`${id}-target-year`}
          name="targetYear"
          label="Target school year"
          value={draft.targetYear}
          years={years}
          error={errorOf('targetYear')}
          onChange={(value) => setDraft((d) => ({ ...d, targetYear: value }))}
        />
      </div>
      <div className="ssos-date-pair">
        <PlanField
          id={`${id}-target-date`}
          label="Target date (optional)"
          hint="The day the target is to be reached"
          error={errorOf('targetDate')}
        >
          <input
            className={`usa-input${errorOf('targetDate') !== null ? ' usa-input--error' : ''}`}
            id={`${id}-target-date`}
            name="targetDate"
            type="date"
            value={draft.targetDate}
            onChange={set('targetDate')}
            {...describedBy(`${id}-target-date`, true, errorOf('targetDate'))}
          />
        </PlanField>
        <PlanField id={`${id}-owner`} label="Owner" hint="Who is accountable for the goal" error={errorOf('owner')}>
          <TextInput
            id={`${id}-owner`}
            name="owner"
            type="text"
            value={draft.owner}
            maxLength={200}
            validationStatus={errorOf('owner') !== null ? 'error' : undefined}
            onChange={set('owner')}
            {...describedBy(`${id}-owner`, true, errorOf('owner'))}
          />
        </PlanField>
      </div>
      <Button type="submit" disabled={mutation.isPending}>
        {mutation.isPending ? 'Saving…' : goal === null ? 'Add the goal' : 'Save the goal'}
      </Button>
      {goal !== null ? (
        <Button type="button" outline onClick={() => onDone('')}>
          Cancel
        </Button>
      ) : null}
    </form>
  );
}

/** The plan's SMART goals, with their change and removal while the plan is editable, and the form to add one. */
export function PlanGoals({ plan }: { plan: Plan }) {
  const [editing, setEditing] = useState<number | null>(null);
  const [message, setMessage] = useState('');
  // A confirmation belongs to the plan's state it was given in.
  useEffect(() => setMessage(''), [plan.status]);
  // A new blank form after each goal added (not on every change of the plan, which would drop the confirmation).
  const [formKey, setFormKey] = useState(0);
  const remove = useDeletePlanPart(plan.id, 'goals');
  const practiceTitle = (key: string | null) => turnaroundPractices.find((p) => p.key === key);
  return (
    <section aria-labelledby="plan-goals">
      <h2 id="plan-goals">SMART goals</h2>
      {message !== '' ? (
        <Alert type="success" slim headingLevel="h3" role="status">
          <AlertText>{message}</AlertText>
        </Alert>
      ) : null}
      {remove.isError ? <ErrorAlert heading="The goal could not be removed" error={remove.error} /> : null}
      {plan.goals.length === 0 ? (
        <p>No goals yet.{plan.permissions.edit ? ' Add the plan’s first goal below.' : ''}</p>
      ) : (
        <ol className="usa-list ssos-plan-goal-list">
          {plan.goals.map((goal) => {
            const practice = practiceTitle(goal.practice);
            return (
              <li key={goal.id}>
                <p>
                  <strong>{goal.statement}</strong>
                </p>
                <dl className="ssos-facts">
                  <div className="ssos-facts__row">
                    <dt>Measure</dt>
                    <dd>
                      {goal.measureLabel}
                      {goal.localMeasure !== null ? ' (local measure)' : ''}
                    </dd>
                  </div>
                  <div className="ssos-facts__row">
                    <dt>Baseline</dt>
                    <dd>
                      {formatValue(goal.baselineValue, goal.unit)} in {formatSchoolYear(goal.baselineYear)}
                    </dd>
                  </div>
                  <div className="ssos-facts__row">
                    <dt>Target</dt>
                    <dd>
                      {formatValue(goal.targetValue, goal.unit)} in {formatSchoolYear(goal.targetYear)}
                      {goal.targetDate !== null ? `, by ${formatDate(goal.targetDate)}` : ''}
                    </dd>
                  </div>
                  <div className="ssos-facts__row">
                    <dt>Owner</dt>
                    <dd>{goal.owner}</dd>
                  </div>
                  {practice !== undefined ? (
                    <div className="ssos-facts__row">
                      <dt>Practice</dt>
                      <dd>
                        {practice.number}. {practice.title}
                      </dd>
                    </div>
                  ) : null}
                </dl>
                {plan.permissions.edit ? (
                  <p>
                    <Button
                      type="button"
                      unstyled
                      className="usa-link"
                      aria-label={`Change the goal: ${goal.statement}`}
                      onClick={() => {
                        setMessage('');
                        setEditing(goal.id);
                      }}
                    >
                      Change
                    </Button>{' '}
                    <Button
                      type="button"
                      unstyled
                      className="usa-link"
                      aria-label={`Remove the goal: ${goal.statement}`}
                      disabled={remove.isPending}
                      onClick={() => {
                        if (window.confirm(`Remove the goal “${goal.statement}”?`))
                          remove.mutate(goal.id, { onSuccess: () => setMessage('The goal is removed.') });
                      }}
                    >
                      Remove
                    </Button>
                  </p>
                ) : null}
                {editing === goal.id && plan.permissions.edit ? (
                  <GoalForm
                    key={goal.id}
                    plan={plan}
                    goal={goal}
                    onDone={(text) => {
                      setEditing(null);
                      setMessage(text);
                    }}
                  />
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
      {plan.permissions.edit ? (
        <GoalForm
          key={formKey}
          plan={plan}
          goal={null}
          onDone={(text) => {
            setMessage(text);
            setFormKey((k) => k + 1);
          }}
        />
      ) : null}
    </section>
  );
}
