import { useEffect, useId, useRef, useState } from 'react';
import { Alert, AlertText, Button, Select, Table, Textarea, TextInput } from '@trussworks/react-uswds';
import { ScrollRegion } from './ewis-scroll-region.tsx';
import { turnaroundPractices } from '../../core/plans/template.ts';
import {
  useAddPlanPart,
  useDeletePlanPart,
  useUpdatePlanPart,
  type Plan,
  type PlanActionStep,
  type PlanBenchmark,
} from '../api/plans.ts';
import { ErrorAlert } from './error-alert.tsx';
import {
  actionStepStatusLabels,
  benchmarkKindLabels,
  benchmarkStatusLabels,
  describedBy,
  formatDate,
  PlanField,
  refusedField,
  type FieldChange,
} from './plan-format.tsx';

/** Whether the team may record progress (the status of steps and benchmarks): any time but during review. */
function mayRecordProgress(plan: Plan, isTeam: boolean): boolean {
  return isTeam && plan.status !== 'submitted';
}

function todayIso(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A status select with its own button: nothing changes until the reader asks for it. */
function StatusControl<S extends string>({
  label,
  value,
  labels,
  pending,
  onSave,
}: {
  label: string;
  value: S;
  labels: Record<S, string>;
  pending: boolean;
  onSave: (status: S) => void;
}) {
  const id = useId();
  const [status, setStatus] = useState<S>(value);
  useEffect(() => setStatus(value), [value]);
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: '0.5rem', alignItems: 'center', minWidth: '15rem' }}>
      <label className="usa-sr-only" htmlFor={id}>
        {label}
      </label>
      <Select
        id={id}
        name="status"
        value={status}
        style={{ marginTop: 0, width: 'auto', flex: '1 1 8rem' }}
        onChange={(e: FieldChange) => setStatus(e.target.value as S)}
      >
        {(Object.keys(labels) as S[]).map((s) => (
          <option key={s} value={s}>
            {labels[s]}
          </option>
        ))}
      </Select>
      <Button type="button" outline disabled={pending || status === value} onClick={() => onSave(status)}>
        Update<span className="usa-sr-only"> {label.toLowerCase()}</span>
      </Button>
    </div>
  );
}

function goalName(plan: Plan, goalId: number | null): string {
  if (goalId === null) return '—';
  const index = plan.goals.findIndex((g) => g.id === goalId);
  return index < 0 ? '—' : `Goal ${index + 1}`;
}

function isOverdue(dueDate: string, done: boolean): boolean {
  return !done && dueDate < todayIso();
}

/** The interim benchmarks for adults and students: their status, and the form to add one while editable. */
export function PlanBenchmarks({ plan, isTeam }: { plan: Plan; isTeam: boolean }) {
  const update = useUpdatePlanPart(plan.id, 'benchmarks');
  const remove = useDeletePlanPart(plan.id, 'benchmarks');
  const [message, setMessage] = useState('');
  // A confirmation belongs to the plan's state it was given in.
  useEffect(() => setMessage(''), [plan.status]);
  // A new blank form after each one added (not on every change of the plan, which would drop the confirmation).
  const [formKey, setFormKey] = useState(0);
  const progress = mayRecordProgress(plan, isTeam);
  return (
    <section aria-labelledby="plan-benchmarks">
      <h2 id="plan-benchmarks">Interim benchmarks</h2>
      <p className="ssos-readable">
        Early evidence that the plan is working: benchmarks for adults (changes in practice) and for students (changes
        in outcomes), each with the measure that shows it and a due date.
      </p>
      {message !== '' ? (
        <Alert type="success" slim headingLevel="h3" role="status">
          <AlertText>{message}</AlertText>
        </Alert>
      ) : null}
      {update.isError ? <ErrorAlert heading="The benchmark could not be updated" error={update.error} /> : null}
      {remove.isError ? <ErrorAlert heading="The benchmark could not be removed" error={remove.error} /> : null}
      {plan.benchmarks.length === 0 ? (
        <p>No benchmarks yet.</p>
      ) : (
        <ScrollRegion label="Interim benchmarks">
          <Table bordered fullWidth>
            <caption>Interim benchmarks of the plan</caption>
            <thead>
              <tr>
                <th scope="col">Benchmark</th>
                <th scope="col">For</th>
                <th scope="col">Measure</th>
                <th scope="col">Goal</th>
                <th scope="col">Due</th>
                <th scope="col">Status</th>
                {plan.permissions.edit ? <th scope="col">Remove</th> : null}
              </tr>
            </thead>
            <tbody>
              {plan.benchmarks.map((b: PlanBenchmark) => (
                <tr key={b.id}>
                  <th scope="row">{b.description}</th>
                  <td>{benchmarkKindLabels[b.kind]}</td>
                  <td>{b.measure}</td>
                  <td>{goalName(plan, b.goalId)}</td>
                  <td>
                    {formatDate(b.dueDate)}
                    {isOverdue(b.dueDate, b.status === 'met' || b.status === 'not_met') ? (
                      <strong className="ssos-plan-overdue"> (overdue)</strong>
                    ) : null}
                  </td>
                  <td>
                    {progress ? (
                      <StatusControl
                        label={`Status of the benchmark: ${b.description}`}
                        value={b.status}
                        labels={benchmarkStatusLabels}
                        pending={update.isPending}
                        onSave={(status) =>
                          update.mutate(
                            { partId: b.id, body: { status } },
                            {
                              onSuccess: () =>
                                setMessage(`The benchmark is now ${benchmarkStatusLabels[status].toLowerCase()}.`),
                            },
                          )
                        }
                      />
                    ) : (
                      benchmarkStatusLabels[b.status]
                    )}
                  </td>
                  {plan.permissions.edit ? (
                    <td>
                      <Button
                        type="button"
                        unstyled
                        className="usa-link"
                        disabled={remove.isPending}
                        aria-label={`Remove the benchmark: ${b.description}`}
                        onClick={() =>
                          remove.mutate(b.id, { onSuccess: () => setMessage('The benchmark is removed.') })
                        }
                      >
                        Remove
                      </Button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </Table>
        </ScrollRegion>
      )}
      {plan.permissions.edit ? (
        <NewBenchmark
          key={formKey}
          plan={plan}
          onDone={(text) => {
            setMessage(text);
            setFormKey((k) => k + 1);
          }}
        />
      ) : null}
    </section>
  );
}

const benchmarkFields = ['kind', 'description', 'measure', 'dueDate', 'goalId'] as const;
type BenchmarkField = (typeof benchmarkFields)[number];

function NewBenchmark({ plan, onDone }: { plan: Plan; onDone: (message: string) => void }) {
  const id = useId();
  const add = useAddPlanPart(plan.id, 'benchmarks');
  const [kind, setKind] = useState<'adult' | 'student'>('student');
  const [description, setDescription] = useState('');
  const [measure, setMeasure] = useState('');
  const [dueDate, setDueDate] = useState('');
  const [goalId, setGoalId] = useState('');
  const [missingDate, setMissingDate] = useState(false);
  const refused = refusedField(add.error, benchmarkFields);
  const errorOf = (field: BenchmarkField) =>
    field === 'dueDate' && missingDate ? 'Enter the due date.' : refused?.field === field ? refused.message : null;
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    const field = missingDate ? 'dueDate' : refused?.field;
    if (field !== undefined) form.current?.querySelector<HTMLElement>(`[name="${field}"]`)?.focus();
  }, [refused?.field, add.error, missingDate]);
  return (
    <form
      ref={form}
      className="usa-form usa-form--large"
      aria-labelledby={`${id}-heading`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setMissingDate(dueDate === '');
        if (dueDate === '') return;
        add.mutate(
          {
            kind,
            description: description.trim(),
            measure: measure.trim(),
            dueDate,
            goalId: goalId === '' ? null : Number(goalId),
          },
          { onSuccess: () => onDone('The benchmark is added.') },
        );
      }}
    >
      <h3 id={`${id}-heading`}>Add an interim benchmark</h3>
      {add.isError && refused === null ? (
        <ErrorAlert heading="The benchmark could not be added" error={add.error} />
      ) : null}
      <PlanField id={`${id}-kind`} label="For" error={errorOf('kind')}>
        <Select
          id={`${id}-kind`}
          name="kind"
          value={kind}
          onChange={(e: FieldChange) => setKind(e.target.value as 'adult' | 'student')}
        >
          <option value="student">{benchmarkKindLabels.student}</option>
          <option value="adult">{benchmarkKindLabels.adult}</option>
        </Select>
      </PlanField>
      <PlanField
        id={`${id}-description`}
        label="Benchmark"
        hint="What will be true by the due date"
        error={errorOf('description')}
      >
        <Textarea
          id={`${id}-description`}
          name="description"
          value={description}
          maxLength={2000}
          onChange={(e: FieldChange) => setDescription(e.target.value)}
          {...describedBy(`${id}-description`, true, errorOf('description'))}
        />
      </PlanField>
      <PlanField
        id={`${id}-measure`}
        label="Measure"
        hint="The evidence that shows it, e.g. the January attendance report"
        error={errorOf('measure')}
      >
        <TextInput
          id={`${id}-measure`}
          name="measure"
          type="text"
          value={measure}
          maxLength={500}
          validationStatus={errorOf('measure') !== null ? 'error' : undefined}
          onChange={(e: FieldChange) => setMeasure(e.target.value)}
          {...describedBy(`${id}-measure`, true, errorOf('measure'))}
        />
      </PlanField>
      <div className="ssos-date-pair">
        <PlanField id={`${id}-due`} label="Due date" error={errorOf('dueDate')}>
          <input
            className={`usa-input${errorOf('dueDate') !== null ? ' usa-input--error' : ''}`}
            id={`${id}-due`}
            name="dueDate"
            type="date"
            value={dueDate}
            onChange={(e: FieldChange) => setDueDate(e.target.value)}
            {...describedBy(`${id}-due`, false, errorOf('dueDate'))}
          />
        </PlanField>
        <PlanField id={`${id}-goal`} label="Goal (optional)" error={errorOf('goalId')}>
          <Select
            id={`${id}-goal`}
            name="goalId"
            value={goalId}
            onChange={(e: FieldChange) => setGoalId(e.target.value)}
          >
            <option value="">None</option>
            {plan.goals.map((g, i) => (
              <option key={g.id} value={g.id}>
                Goal {i + 1}: {g.statement.slice(0, 80)}
              </option>
            ))}
          </Select>
        </PlanField>
      </div>
      <Button type="submit" disabled={add.isPending}>
        {add.isPending ? 'Adding…' : 'Add the benchmark'}
      </Button>
    </form>
  );
}

/** The action steps: owner, due date and status, and the form to add one while editable. */
export function PlanActionSteps({ plan, isTeam }: { plan: Plan; isTeam: boolean }) {
  const update = useUpdatePlanPart(plan.id, 'action-steps');
  const remove = useDeletePlanPart(plan.id, 'action-steps');
  const [message, setMessage] = useState('');
  // A confirmation belongs to the plan's state it was given in.
  useEffect(() => setMessage(''), [plan.status]);
  // A new blank form after each one added (not on every change of the plan, which would drop the confirmation).
  const [formKey, setFormKey] = useState(0);
  const progress = mayRecordProgress(plan, isTeam);
  const sorted = [...plan.actionSteps].sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  return (
    <section aria-labelledby="plan-action-steps">
      <h2 id="plan-action-steps">Action steps</h2>
      {message !== '' ? (
        <Alert type="success" slim headingLevel="h3" role="status">
          <AlertText>{message}</AlertText>
        </Alert>
      ) : null}
      {update.isError ? <ErrorAlert heading="The action step could not be updated" error={update.error} /> : null}
      {remove.isError ? <ErrorAlert heading="The action step could not be removed" error={remove.error} /> : null}
      {sorted.length === 0 ? (
        <p>No action steps yet.</p>
      ) : (
        <ScrollRegion label="Action steps">
          <Table bordered fullWidth>
            <caption>Action steps of the plan, by due date</caption>
            <thead>
              <tr>
                <th scope="col">Action step</th>
                <th scope="col">Owner</th>
                <th scope="col">Goal</th>
                <th scope="col">Due</th>
                <th scope="col">Status</th>
                {plan.permissions.edit ? <th scope="col">Remove</th> : null}
              </tr>
            </thead>
            <tbody>
              {sorted.map((s: PlanActionStep) => (
                <tr key={s.id}>
                  <th scope="row">{s.description}</th>
                  <td>{s.owner}</td>
                  <td>{goalName(plan, s.goalId)}</td>
                  <td>
                    {formatDate(s.dueDate)}
                    {isOverdue(s.dueDate, s.status === 'done') ? <strong> (overdue)</strong> : null}
                  </td>
                  <td>
                    {progress ? (
                      <StatusControl
                        label={`Status of the action step: ${s.description}`}
                        value={s.status}
                        labels={actionStepStatusLabels}
                        pending={update.isPending}
                        onSave={(status) =>
                          update.mutate(
                            { partId: s.id, body: { status } },
                            {
                              onSuccess: () =>
                                setMessage(`The action step is now ${actionStepStatusLabels[status].toLowerCase()}.`),
                            },
                          )
                        }
                      />
                    ) : (
                      actionStepStatusLabels[s.status]
                    )}
                  </td>
                  {plan.permissions.edit ? (
                    <td>
                      <Button
                        type="button"
                        unstyled
                        className="usa-link"
                        disabled={remove.isPending}
                        aria-label={`Remove the action step: ${s.description}`}
                        onClick={() =>
                          remove.mutate(s.id, { onSuccess: () => setMessage('The action step is removed.') })
                        }
                      >
                        Remove
                      </Button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </Table>
        </ScrollRegion>
      )}
      {plan.permissions.edit ? (
        <NewActionStep
          key={formKey}
          plan={plan}
          onDone={(text) => {
            setMessage(text);
            setFormKey((k) => k + 1);
          }}
        />
      ) : null}
    </section>
  );
}

const stepFields = ['description', 'owner', 'dueDate', 'goalId', 'practice', 'status'] as const;
type StepField = (typeof stepFields)[number];

function NewActionStep({ plan, onDone }: { plan: Plan; onDone: (message: string) => void }) {
  const id = useId();
  const add = useAddPlanPart(plan.id, 'action-steps');
  const [description, setDescription] = useState('');
  const [owner, setOwner] = useState('');
  const [dueDate, setDueDate] = useState('');
  const [goalId, setGoalId] = useState('');
  const [practice, setPractice] = useState('');
  const [status, setStatus] = useState<keyof typeof actionStepStatusLabels>('not_started');
  const [missingDate, setMissingDate] = useState(false);
  const refused = refusedField(add.error, stepFields);
  const errorOf = (field: StepField) =>
    field === 'dueDate' && missingDate ? 'Enter the due date.' : refused?.field === field ? refused.message : null;
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    const field = missingDate ? 'dueDate' : refused?.field;
    if (field !== undefined) form.current?.querySelector<HTMLElement>(`[name="${field}"]`)?.focus();
  }, [refused?.field, add.error, missingDate]);
  return (
    <form
      ref={form}
      className="usa-form usa-form--large"
      aria-labelledby={`${id}-heading`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setMissingDate(dueDate === '');
        if (dueDate === '') return;
        add.mutate(
          {
            description: description.trim(),
            owner: owner.trim(),
            dueDate,
            status,
            goalId: goalId === '' ? null : Number(goalId),
            practice: practice === '' ? null : (practice as (typeof turnaroundPractices)[number]['key']),
          },
          { onSuccess: () => onDone('The action step is added.') },
        );
      }}
    >
      <h3 id={`${id}-heading`}>Add an action step</h3>
      {add.isError && refused === null ? (
        <ErrorAlert heading="The action step could not be added" error={add.error} />
      ) : null}
      <PlanField id={`${id}-description`} label="Action step" hint="What will be done" error={errorOf('description')}>
        <Textarea
          id={`${id}-description`}
          name="description"
          value={description}
          maxLength={2000}
          onChange={(e: FieldChange) => setDescription(e.target.value)}
          {...describedBy(`${id}-description`, true, errorOf('description'))}
        />
      </PlanField>
      <div className="ssos-date-pair">
        <PlanField id={`${id}-owner`} label="Owner" hint="Who does it" error={errorOf('owner')}>
          <TextInput
            id={`${id}-owner`}
            name="owner"
            type="text"
            value={owner}
            maxLength={200}
            validationStatus={errorOf('owner') !== null ? 'error' : undefined}
            onChange={(e: FieldChange) => setOwner(e.target.value)}
            {...describedBy(`${id}-owner`, true, errorOf('owner'))}
          />
        </PlanField>
        <PlanField id={`${id}-due`} label="Due date" hint="The day it is to be done" error={errorOf('dueDate')}>
          <input
            className={`usa-input${errorOf('dueDate') !== null ? ' usa-input--error' : ''}`}
            id={`${id}-due`}
            name="dueDate"
            type="date"
            value={dueDate}
            onChange={(e: FieldChange) => setDueDate(e.target.value)}
            {...describedBy(`${id}-due`, true, errorOf('dueDate'))}
          />
        </PlanField>
      </div>
      <div className="ssos-date-pair">
        <PlanField id={`${id}-goal`} label="Goal (optional)" error={errorOf('goalId')}>
          <Select
            id={`${id}-goal`}
            name="goalId"
            value={goalId}
            onChange={(e: FieldChange) => setGoalId(e.target.value)}
          >
            <option value="">None</option>
            {plan.goals.map((g, i) => (
              <option key={g.id} value={g.id}>
                Goal {i + 1}: {g.statement.slice(0, 80)}
              </option>
            ))}
          </Select>
        </PlanField>
        <PlanField id={`${id}-practice`} label="Turnaround Practice (optional)" error={errorOf('practice')}>
          <Select
            id={`${id}-practice`}
            name="practice"
            value={practice}
            onChange={(e: FieldChange) => setPractice(e.target.value)}
          >
            <option value="">None</option>
            {turnaroundPractices.map((p) => (
              <option key={p.key} value={p.key}>
                {p.number}. {p.title}
              </option>
            ))}
          </Select>
        </PlanField>
      </div>
      <PlanField id={`${id}-status`} label="Status" error={errorOf('status')}>
        <Select
          id={`${id}-status`}
          name="status"
          value={status}
          onChange={(e: FieldChange) => setStatus(e.target.value as keyof typeof actionStepStatusLabels)}
        >
          {Object.entries(actionStepStatusLabels).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </Select>
      </PlanField>
      <Button type="submit" disabled={add.isPending}>
        {add.isPending ? 'Adding…' : 'Add the action step'}
      </Button>
    </form>
  );
}
