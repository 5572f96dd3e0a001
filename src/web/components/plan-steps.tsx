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

/** A row's "Change" and "Remove" buttons; removing asks first. */
function PartActions({
  what,
  pending,
  onChange,
  onRemove,
}: {
  what: string;
  pending: boolean;
  onChange: () => void;
  onRemove: () => void;
}) {
  return (
    <span className="display-flex flex-wrap" style={{ gap: '0.75rem' }}>
      <Button type="button" unstyled className="usa-link" aria-label={`Change ${what}`} onClick={onChange}>
        Change
      </Button>
      <Button
        type="button"
        unstyled
        className="usa-link"
        disabled={pending}
        aria-label={`Remove ${what}`}
        onClick={() => {
          if (window.confirm(`Remove ${what}?`)) onRemove();
        }}
      >
        Remove
      </Button>
    </span>
  );
}

/** A form's heading; a form opened to change a row takes the focus, so the reader lands on it. */
function FormHeading({ id, focus, children }: { id: string; focus: boolean; children: React.ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) heading.current?.focus();
  }, [focus]);
  return (
    <h3 id={id} ref={heading} tabIndex={focus ? -1 : undefined}>
      {children}
    </h3>
  );
}

/** A form's submit button, and a cancel button when the form changes an existing row. */
function FormButtons({ pending, label, onCancel }: { pending: boolean; label: string; onCancel?: () => void }) {
  return (
    <>
      <Button type="submit" disabled={pending}>
        {pending ? 'Saving…' : label}
      </Button>
      {onCancel !== undefined ? (
        <Button type="button" outline onClick={onCancel}>
          Cancel
        </Button>
      ) : null}
    </>
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
  const [editing, setEditing] = useState<number | null>(null);
  const edited = plan.permissions.edit ? plan.benchmarks.find((b) => b.id === editing) : undefined;
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
                {plan.permissions.edit ? <th scope="col">Change or remove</th> : null}
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
                      <PartActions
                        what={`the benchmark: ${b.description}`}
                        pending={remove.isPending}
                        onChange={() => {
                          setMessage('');
                          setEditing(b.id);
                        }}
                        onRemove={() =>
                          remove.mutate(b.id, {
                            onSuccess: () => {
                              if (editing === b.id) setEditing(null);
                              setMessage('The benchmark is removed.');
                            },
                          })
                        }
                      />
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </Table>
        </ScrollRegion>
      )}
      {edited !== undefined ? (
        <BenchmarkForm
          key={`edit-${edited.id}`}
          plan={plan}
          benchmark={edited}
          onDone={(text) => {
            setEditing(null);
            setMessage(text);
          }}
        />
      ) : null}
      {plan.permissions.edit ? (
        <BenchmarkForm
          key={formKey}
          plan={plan}
          benchmark={null}
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

/** Adds an interim benchmark, or changes one; each field the server refuses shows its message beside it. */
function BenchmarkForm({
  plan,
  benchmark,
  onDone,
}: {
  plan: Plan;
  benchmark: PlanBenchmark | null;
  onDone: (message: string) => void;
}) {
  const id = useId();
  const add = useAddPlanPart(plan.id, 'benchmarks');
  const update = useUpdatePlanPart(plan.id, 'benchmarks');
  const mutation = benchmark === null ? add : update;
  const [kind, setKind] = useState<'adult' | 'student'>(benchmark?.kind ?? 'student');
  const [description, setDescription] = useState(benchmark?.description ?? '');
  const [measure, setMeasure] = useState(benchmark?.measure ?? '');
  const [dueDate, setDueDate] = useState(benchmark?.dueDate ?? '');
  const [goalId, setGoalId] = useState(
    benchmark?.goalId === null || benchmark === null ? '' : String(benchmark.goalId),
  );
  const [missingDate, setMissingDate] = useState(false);
  const refused = refusedField(mutation.error, benchmarkFields);
  const errorOf = (field: BenchmarkField) =>
    field === 'dueDate' && missingDate ? 'Enter the due date.' : refused?.field === field ? refused.message : null;
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    const field = missingDate ? 'dueDate' : refused?.field;
    if (field !== undefined) form.current?.querySelector<HTMLElement>(`[name="${field}"]`)?.focus();
  }, [refused?.field, mutation.error, missingDate]);
  const heading = benchmark === null ? 'Add an interim benchmark' : 'Change the benchmark';
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
        const fields = {
          kind,
          description: description.trim(),
          measure: measure.trim(),
          dueDate,
          goalId: goalId === '' ? null : Number(goalId),
        };
        if (benchmark === null) add.mutate(fields, { onSuccess: () => onDone('The benchmark is added.') });
        else
          update.mutate(
            { partId: benchmark.id, body: fields },
            { onSuccess: () => onDone('The benchmark is changed.') },
          );
      }}
    >
      <FormHeading id={`${id}-heading`} focus={benchmark !== null}>
        {heading}
      </FormHeading>
      {mutation.isError && refused === null ? (
        <ErrorAlert heading="The benchmark could not be saved" error={mutation.error} />
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
      <FormButtons
        pending={mutation.isPending}
        label={benchmark === null ? 'Add the benchmark' : 'Save the benchmark'}
        onCancel={benchmark === null ? undefined : () => onDone('')}
      />
    </form>
  );
}

/** The action steps: owner, due date and status, and the form to add one while editable. */
export function PlanActionSteps({ plan, isTeam }: { plan: Plan; isTeam: boolean }) {
  const update = useUpdatePlanPart(plan.id, 'action-steps');
  const remove = useDeletePlanPart(plan.id, 'action-steps');
  const [message, setMessage] = useState('');
  const [editing, setEditing] = useState<number | null>(null);
  const edited = plan.permissions.edit ? plan.actionSteps.find((a) => a.id === editing) : undefined;
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
                {plan.permissions.edit ? <th scope="col">Change or remove</th> : null}
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
                      <PartActions
                        what={`the action step: ${s.description}`}
                        pending={remove.isPending}
                        onChange={() => {
                          setMessage('');
                          setEditing(s.id);
                        }}
                        onRemove={() =>
                          remove.mutate(s.id, {
                            onSuccess: () => {
                              if (editing === s.id) setEditing(null);
                              setMessage('The action step is removed.');
                            },
                          })
                        }
                      />
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </Table>
        </ScrollRegion>
      )}
      {edited !== undefined ? (
        <ActionStepForm
          key={`edit-${edited.id}`}
          plan={plan}
          step={edited}
          onDone={(text) => {
            setEditing(null);
            setMessage(text);
          }}
        />
      ) : null}
      {plan.permissions.edit ? (
        <ActionStepForm
          key={formKey}
          plan={plan}
          step={null}
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

/** Adds an action step, or changes one; each field the server refuses shows its message beside it. */
function ActionStepForm({
  plan,
  step,
  onDone,
}: {
  plan: Plan;
  step: PlanActionStep | null;
  onDone: (message: string) => void;
}) {
  const id = useId();
  const add = useAddPlanPart(plan.id, 'action-steps');
  const update = useUpdatePlanPart(plan.id, 'action-steps');
  const mutation = step === null ? add : update;
  const [description, setDescription] = useState(step?.description ?? '');
  const [owner, setOwner] = useState(step?.owner ?? '');
  const [dueDate, setDueDate] = useState(step?.dueDate ?? '');
  const [goalId, setGoalId] = useState(step?.goalId === null || step === null ? '' : String(step.goalId));
  const [practice, setPractice] = useState(step?.practice ?? '');
  const [status, setStatus] = useState<keyof typeof actionStepStatusLabels>(step?.status ?? 'not_started');
  const [missingDate, setMissingDate] = useState(false);
  const refused = refusedField(mutation.error, stepFields);
  const errorOf = (field: StepField) =>
    field === 'dueDate' && missingDate ? 'Enter the due date.' : refused?.field === field ? refused.message : null;
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    const field = missingDate ? 'dueDate' : refused?.field;
    if (field !== undefined) form.current?.querySelector<HTMLElement>(`[name="${field}"]`)?.focus();
  }, [refused?.field, mutation.error, missingDate]);
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
        const fields = {
          description: description.trim(),
          owner: owner.trim(),
          dueDate,
          goalId: goalId === '' ? null : Number(goalId),
          practice: practice === '' ? null : (practice as (typeof turnaroundPractices)[number]['key']),
        };
        if (step === null) add.mutate({ ...fields, status }, { onSuccess: () => onDone('The action step is added.') });
        else
          update.mutate({ partId: step.id, body: fields }, { onSuccess: () => onDone('The action step is changed.') });
      }}
    >
      <FormHeading id={`${id}-heading`} focus={step !== null}>
        {step === null ? 'Add an action step' : 'Change the action step'}
      </FormHeading>
      {mutation.isError && refused === null ? (
        <ErrorAlert heading="The action step could not be saved" error={mutation.error} />
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
      {step === null ? (
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
      ) : null}
      <FormButtons
        pending={mutation.isPending}
        label={step === null ? 'Add the action step' : 'Save the action step'}
        onCancel={step === null ? undefined : () => onDone('')}
      />
    </form>
  );
}
