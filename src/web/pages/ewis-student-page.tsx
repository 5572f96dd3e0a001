import { useEffect, useId, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  Alert,
  AlertText,
  Breadcrumb,
  BreadcrumbBar,
  BreadcrumbLink,
  Button,
  Label,
  Select,
  SummaryBox,
  SummaryBoxContent,
  SummaryBoxHeading,
  Table,
  Textarea,
  TextInput,
} from '@trussworks/react-uswds';
import { useCurrentUser } from '../api/auth.ts';
import { isApiError } from '../api/client.ts';
import {
  ewisOrgPath,
  ewisProfilePdfUrl,
  ewisSectionPath,
  useAddIntervention,
  useEwisProfile,
  useUpdateIntervention,
  type EwisStudentProfile,
  type Intervention,
  type InterventionBody,
} from '../api/ewis.ts';
import { useDocumentTitle } from '../components/document-title.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { EwisAccessProblem } from '../components/ewis-access.tsx';
import {
  fieldMessage,
  formatDate,
  formatGrade,
  formatInterventionKind,
  formatMilestone,
  formatProbability,
  formatReasonValue,
  formatSchoolYear,
  interventionKindLabels,
  interventionStatusLabels,
  isActiveInSchoolYear,
  reasonLabels,
  RiskLevelTag,
  schoolYearOfDate,
} from '../components/ewis-format.tsx';
import { LoadingStatus } from '../components/loading-status.tsx';
import { ScrollRegion } from '../components/ewis-scroll-region.tsx';

/**
 * One student's early-warning profile: the risk this year and why (each reason in words, the student's value beside
 * what is typical of students who reach the milestone), the records year by year with the interventions active in
 * each, and the interventions themselves: recorded, changed, and downloadable as a two-page PDF with the rest.
 */
export function EwisStudentPage() {
  const { id = '' } = useParams();
  const profile = useEwisProfile(id);
  const data = profile.data;
  const heading = `Student ${id}: early warning`;
  useDocumentTitle(heading);

  return (
    <>
      <BreadcrumbBar>
        <Breadcrumb>
          <BreadcrumbLink asCustom={Link} to={ewisSectionPath}>
            <span>Early Warning</span>
          </BreadcrumbLink>
        </Breadcrumb>
        {data !== undefined ? (
          <Breadcrumb>
            <BreadcrumbLink asCustom={Link} to={ewisOrgPath(data.school.code)}>
              <span>{data.school.name}</span>
            </BreadcrumbLink>
          </Breadcrumb>
        ) : (
          <></>
        )}
        <Breadcrumb current>
          <span>Student {id}</span>
        </Breadcrumb>
      </BreadcrumbBar>
      <h1>{heading}</h1>
      {profile.isPending ? (
        <LoadingStatus>Loading the student’s records…</LoadingStatus>
      ) : profile.isError ? (
        <EwisAccessProblem
          error={profile.error}
          whose="this student’s records"
          failed="The student’s records could not be loaded"
        />
      ) : (
        <ProfileView data={profile.data} />
      )}
    </>
  );
}

function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function ProfileView({ data }: { data: EwisStudentProfile }) {
  const score = data.score;
  return (
    <>
      <p className="ssos-h1-kicker">
        Grade {formatGrade(data.grade)} · {data.school.name}
        {score !== null ? ` · school year ${formatSchoolYear(score.schoolYear)}` : ''}
      </p>
      <p className="ssos-report-links">
        <Link to={ewisOrgPath(data.school.code)} className="usa-link">
          {data.school.name}: roster
        </Link>
        <a href={ewisProfilePdfUrl(data.studentId)} className="usa-link">
          Download PDF (two pages)
        </a>
      </p>

      <SummaryBox className="ssos-ewis-glance">
        <SummaryBoxHeading headingLevel="h2">Risk this year</SummaryBoxHeading>
        <SummaryBoxContent>
          {score === null ? (
            <p>This student was not scored in the latest early-warning run.</p>
          ) : (
            <>
              <dl className="ssos-snapshot">
                <div className="ssos-snapshot__item">
                  <dt>Risk level</dt>
                  <dd>
                    <RiskLevelTag level={score.riskLevel} />
                  </dd>
                </div>
                <div className="ssos-snapshot__item">
                  <dt>Chance of reaching the milestone</dt>
                  <dd>{formatProbability(score.probability)}</dd>
                </div>
                <div className="ssos-snapshot__item ssos-snapshot__item--wide">
                  <dt>Milestone</dt>
                  <dd>{formatMilestone(score.milestone, true)}</dd>
                </div>
              </dl>
              {score.riskLevel === null && score.naReason !== null ? (
                <p>
                  <strong>No risk level (N/A):</strong> {score.naReason}
                </p>
              ) : null}
              <p className="ssos-glance-note">
                Estimated from what was known before the school year started. A risk level is a reason to look closer
                and act, not a prediction to accept: never a reason to track a student or lower expectations.
              </p>
            </>
          )}
        </SummaryBoxContent>
      </SummaryBox>

      {score !== null && score.riskLevel !== null ? <Reasons score={score} /> : null}
      <RecordsOverTime data={data} />
      <Interventions data={data} />
    </>
  );
}

function Reasons({ score }: { score: NonNullable<EwisStudentProfile['score']> }) {
  return (
    <section aria-labelledby="ewis-reasons" className="margin-top-5">
      <h2 id="ewis-reasons">Why</h2>
      {score.reasons.length === 0 ? (
        <p className="ssos-readable">
          No indicator stands out: the student’s records are close to those of students who reach the milestone.
        </p>
      ) : (
        <>
          <p className="ssos-readable">
            The indicators that raise this student’s risk most, measured against the typical student who reached the
            milestone. Program status, demographics and the school’s own levels are never given as reasons.
          </p>
          <ol className="ssos-reasons">
            {score.reasons.map((r) => (
              <li key={r.reason} className="ssos-reasons__item">
                <h3 className="ssos-reasons__title">
                  {reasonLabels[r.reason] ?? sentence(r.reason.replace(/_/g, ' '))}
                </h3>
                <p className="ssos-reasons__text">{sentence(r.text)}.</p>
                <dl className="ssos-reasons__values">
                  <div>
                    <dt>This student</dt>
                    <dd>{formatReasonValue(r.reason, r.value, 'student')}</dd>
                  </div>
                  <div>
                    <dt>Typical of students who reach the milestone</dt>
                    <dd>{formatReasonValue(r.reason, r.typical, 'typical')}</dd>
                  </div>
                </dl>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

function todayIso(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The school years the table shows: every year with records, and every year an intervention ran in (to this one). */
function yearsShown(data: EwisStudentProfile): number[] {
  const years = new Set(data.years.map((y) => y.schoolYear));
  const current = schoolYearOfDate(todayIso());
  for (const i of data.interventions) {
    const first = schoolYearOfDate(i.startedOn);
    const last = Math.min(i.endedOn !== null ? schoolYearOfDate(i.endedOn) : Math.max(first, current), current + 1);
    for (let y = first; y <= last; y++) years.add(y);
  }
  return [...years].sort((a, b) => a - b);
}

function achievement(level: string | null): string {
  return level === null ? '' : level.replace(/_/g, ' ');
}

function RecordsOverTime({ data }: { data: EwisStudentProfile }) {
  const byYear = new Map(data.years.map((y) => [y.schoolYear, y]));
  const testOf = (year: number, subject: string) =>
    data.tests.find((t) => t.schoolYear === year && t.subject === subject);
  const score = (year: number, subject: string) => {
    const t = testOf(year, subject);
    if (t === undefined) return '—';
    if (!t.participated || t.scaledScore === null) return 'Not tested';
    return (
      <>
        {t.scaledScore}
        {t.achievementLevel !== null ? (
          <span className="ssos-row-detail">{achievement(t.achievementLevel)}</span>
        ) : null}
      </>
    );
  };
  return (
    <section aria-labelledby="ewis-records" className="margin-top-5">
      <h2 id="ewis-records">Records over time</h2>
      <p className="ssos-readable">
        Each school year’s attendance, suspensions, course marks and state test scores, with the interventions that ran
        during the year beside them, to see whether they are working.
      </p>
      <ScrollRegion label="Records over time">
        <Table
          fullWidth
          striped
          compact
          caption={`Student ${data.studentId}: records and interventions by school year`}
          className="ssos-records-table"
        >
          <thead>
            <tr>
              <th scope="col">School year</th>
              <th scope="col">Grade and school</th>
              <th scope="col" className="ssos-num">
                Attendance
              </th>
              <th scope="col" className="ssos-num">
                Suspended
                <span className="ssos-row-detail">days</span>
              </th>
              <th scope="col" className="ssos-num">
                Failed
                <span className="ssos-row-detail">courses</span>
              </th>
              <th scope="col" className="ssos-num">
                GPA
              </th>
              <th scope="col" className="ssos-num">
                ELA
                <span className="ssos-row-detail">score</span>
              </th>
              <th scope="col" className="ssos-num">
                Math
                <span className="ssos-row-detail">score</span>
              </th>
              <th scope="col" className="ssos-records-table__interventions">
                Interventions during the year
              </th>
            </tr>
          </thead>
          <tbody>
            {yearsShown(data).map((year) => {
              const y = byYear.get(year);
              const active = data.interventions.filter((i) => isActiveInSchoolYear(i, year));
              return (
                <tr key={year}>
                  <th scope="row" className="text-no-wrap">
                    {formatSchoolYear(year)}
                  </th>
                  {y === undefined ? (
                    <td colSpan={7} className="ssos-records-table__none">
                      No records for this year yet
                    </td>
                  ) : (
                    <>
                      <td className="ssos-records-table__where">
                        Grade {formatGrade(y.grade)}
                        <span className="ssos-row-detail">
                          {y.school.name}
                          {y.retained ? '; held back this year' : ''}
                        </span>
                      </td>
                      <td className="ssos-num">
                        {y.attendanceRate === null ? '—' : `${y.attendanceRate.toFixed(1)}%`}
                      </td>
                      <td className="ssos-num">{y.suspensionDays}</td>
                      <td className="ssos-num">
                        {y.coursesFailed === null ? '—' : y.coursesFailed}
                        {y.coursesTaken !== null ? <span className="ssos-row-detail">of {y.coursesTaken}</span> : null}
                      </td>
                      <td className="ssos-num">{y.gpa === null ? '—' : y.gpa.toFixed(2)}</td>
                      <td className="ssos-num">{score(year, 'ela')}</td>
                      <td className="ssos-num">{score(year, 'math')}</td>
                    </>
                  )}
                  <td>
                    {active.length === 0 ? (
                      <span className="ssos-records-table__none">None</span>
                    ) : (
                      <ul className="ssos-reason-list">
                        {active.map((i) => (
                          <li key={i.id}>
                            {formatInterventionKind(i.kind)}
                            <span className="ssos-row-detail">
                              {interventionStatusLabels[i.status] ?? i.status}, from {formatDate(i.startedOn)}
                            </span>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      </ScrollRegion>
    </section>
  );
}

// ---- interventions ----

interface Draft {
  kind: string;
  startedOn: string;
  endedOn: string;
  owner: string;
  notes: string;
  status: string;
}

type FieldName = keyof Draft;

/** The API's field error as the form shows it beside the field, in words a person can act on. */
function fieldError(error: unknown, draft: Draft): { field: FieldName; message: string } | null {
  if (!isApiError(error, 'validation_failed') || error.field === undefined) return null;
  const field = error.field as FieldName;
  if (!['kind', 'startedOn', 'endedOn', 'owner', 'notes', 'status'].includes(field)) return null;
  const messages: Partial<Record<FieldName, string>> = {
    kind: 'Choose the type of intervention',
    status: 'Choose a status',
    ...(draft.startedOn === '' ? { startedOn: 'Enter the date it starts' } : {}),
    ...(draft.owner.trim() === '' ? { owner: 'Enter who is responsible for it' } : {}),
  };
  return { field, message: messages[field] ?? fieldMessage(error.message) };
}

function toBody(draft: Draft): InterventionBody {
  return {
    kind: draft.kind as InterventionBody['kind'],
    startedOn: draft.startedOn,
    endedOn: draft.endedOn === '' ? null : draft.endedOn,
    owner: draft.owner,
    notes: draft.notes,
    status: draft.status as InterventionBody['status'],
  };
}

function Interventions({ data }: { data: EwisStudentProfile }) {
  const [editing, setEditing] = useState<number | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const editButtons = useRef(new Map<number, HTMLButtonElement>());
  const closeEditor = (id: number, message: string | null) => {
    setEditing(null);
    setSaved(message);
    // Back to the button that opened the editor.
    requestAnimationFrame(() => editButtons.current.get(id)?.focus());
  };
  const current = data.interventions.find((i) => i.id === editing);
  return (
    <section aria-labelledby="ewis-interventions" className="margin-top-5">
      <h2 id="ewis-interventions">Interventions ({data.interventions.length})</h2>
      {saved !== null ? (
        <Alert type="success" slim role="status">
          <AlertText>{saved}</AlertText>
        </Alert>
      ) : null}
      {data.interventions.length === 0 ? (
        <p>No intervention is recorded for this student yet.</p>
      ) : (
        <ScrollRegion label="Interventions">
          <Table fullWidth striped stackedStyle="headers" caption={`Interventions for student ${data.studentId}`}>
            <thead>
              <tr>
                <th scope="col">Type</th>
                <th scope="col">Status</th>
                <th scope="col">Started</th>
                <th scope="col">Ends</th>
                <th scope="col">Responsible</th>
                <th scope="col">Notes</th>
                <th scope="col">
                  <span className="usa-sr-only">Change</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.interventions.map((i) => (
                <tr key={i.id} className={i.id === editing ? 'ssos-row-current' : undefined}>
                  <th scope="row" data-label="Type">
                    {formatInterventionKind(i.kind)}
                  </th>
                  <td data-label="Status">{interventionStatusLabels[i.status] ?? i.status}</td>
                  <td data-label="Started">{formatDate(i.startedOn)}</td>
                  <td data-label="Ends">{i.endedOn === null ? 'Open' : formatDate(i.endedOn)}</td>
                  <td data-label="Responsible">{i.owner}</td>
                  <td data-label="Notes" className="ssos-notes">
                    {i.notes === '' ? '—' : i.notes}
                  </td>
                  <td data-label="Change">
                    <Button
                      type="button"
                      unstyled
                      ref={(el: HTMLButtonElement | null) => {
                        if (el !== null) editButtons.current.set(i.id, el);
                        else editButtons.current.delete(i.id);
                      }}
                      aria-label={`Change the ${formatInterventionKind(i.kind)} intervention started ${formatDate(i.startedOn)}`}
                      onClick={() => {
                        setSaved(null);
                        setEditing(i.id);
                      }}
                    >
                      Change
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        </ScrollRegion>
      )}
      {current !== undefined ? (
        <EditIntervention
          key={current.id}
          studentId={data.studentId}
          intervention={current}
          onDone={(message) => closeEditor(current.id, message)}
        />
      ) : null}
      <NewIntervention studentId={data.studentId} onSaved={() => setSaved(null)} />
    </section>
  );
}

/** A form field with its label, hint and the API's error for it. */
function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error: string | null;
  children: React.ReactNode;
}) {
  return (
    <div className={`usa-form-group${error !== null ? ' usa-form-group--error' : ''}`}>
      <Label htmlFor={id} error={error !== null}>
        {label}
      </Label>
      {hint !== undefined ? (
        <span className="usa-hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {error !== null ? (
        <span className="usa-error-message" id={`${id}-error`} role="alert">
          {error}
        </span>
      ) : null}
      {children}
    </div>
  );
}

/** The attributes that tie an input to its hint and error. */
function described(id: string, hint: boolean, error: string | null) {
  const ids = [hint ? `${id}-hint` : null, error !== null ? `${id}-error` : null].filter(Boolean).join(' ');
  return { 'aria-describedby': ids === '' ? undefined : ids, 'aria-invalid': error !== null ? true : undefined };
}

/** A labelled date input with its hint and error, described by both. */
function DateField({
  id,
  name,
  label,
  hint,
  error,
  value,
  onChange,
}: {
  id: string;
  name: string;
  label: string;
  hint: string;
  error: string | null;
  value: string;
  onChange: (event: React.ChangeEvent<HTMLInputElement>) => void;
}) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      <input
        className={`usa-input${error !== null ? ' usa-input--error' : ''}`}
        id={id}
        name={name}
        type="date"
        value={value}
        onChange={onChange}
        {...described(id, true, error)}
      />
    </Field>
  );
}

function NewIntervention({ studentId, onSaved }: { studentId: string; onSaved: () => void }) {
  const id = useId();
  const user = useCurrentUser();
  const blank = (): Draft => ({
    kind: '',
    startedOn: todayIso(),
    endedOn: '',
    owner: user?.displayName ?? '',
    notes: '',
    status: 'active',
  });
  const [draft, setDraft] = useState<Draft>(blank);
  const [done, setDone] = useState<Intervention | null>(null);
  const add = useAddIntervention(studentId);
  const error = fieldError(add.error, draft);
  const errorOf = (field: FieldName) => (error?.field === field ? error.message : null);
  const form = useRef<HTMLFormElement>(null);
  // A field the server refused takes the focus, so the reader lands on what to fix.
  const refusedField = error?.field;
  useEffect(() => {
    if (refusedField !== undefined) form.current?.querySelector<HTMLElement>(`[name="${refusedField}"]`)?.focus();
  }, [refusedField, add.error]);
  const set =
    (field: FieldName) => (event: React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) =>
      setDraft((d) => ({ ...d, [field]: event.target.value }));

  return (
    <form
      ref={form}
      className="usa-form usa-form--large ssos-intervention-form"
      aria-labelledby={`${id}-heading`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setDone(null);
        add.mutate(toBody(draft), {
          onSuccess: (saved) => {
            setDone(saved);
            setDraft(blank());
            onSaved();
          },
        });
      }}
    >
      <h3 id={`${id}-heading`}>Record an intervention</h3>
      {done !== null ? (
        <Alert type="success" slim role="status">
          <AlertText>
            The {formatInterventionKind(done.kind).toLowerCase()} intervention starting {formatDate(done.startedOn)} is
            recorded.
          </AlertText>
        </Alert>
      ) : null}
      {add.isError && error === null ? (
        <ErrorAlert heading="The intervention could not be recorded" error={add.error} />
      ) : null}
      <Field id={`${id}-kind`} label="Type" error={errorOf('kind')}>
        <Select
          id={`${id}-kind`}
          name="kind"
          value={draft.kind}
          onChange={set('kind')}
          {...described(`${id}-kind`, false, errorOf('kind'))}
        >
          <option value="">- Select -</option>
          {Object.entries(interventionKindLabels).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </Select>
      </Field>
      <div className="ssos-date-pair">
        <DateField
          id={`${id}-start`}
          name="startedOn"
          label="Start date"
          hint="The day it begins"
          error={errorOf('startedOn')}
          value={draft.startedOn}
          onChange={set('startedOn')}
        />
        <DateField
          id={`${id}-end`}
          name="endedOn"
          label="End date (optional)"
          hint="Leave empty while it goes on"
          error={errorOf('endedOn')}
          value={draft.endedOn}
          onChange={set('endedOn')}
        />
      </div>
      <Field id={`${id}-owner`} label="Responsible" hint="The person who leads it" error={errorOf('owner')}>
        <TextInput
          id={`${id}-owner`}
          name="owner"
          type="text"
          value={draft.owner}
          maxLength={200}
          autoComplete="off"
          validationStatus={errorOf('owner') !== null ? 'error' : undefined}
          onChange={set('owner')}
          {...described(`${id}-owner`, true, errorOf('owner'))}
        />
      </Field>
      <Field id={`${id}-status`} label="Status" error={errorOf('status')}>
        <Select
          id={`${id}-status`}
          name="status"
          value={draft.status}
          onChange={set('status')}
          {...described(`${id}-status`, false, errorOf('status'))}
        >
          {Object.entries(interventionStatusLabels).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </Select>
      </Field>
      <Field
        id={`${id}-notes`}
        label="Notes (optional)"
        hint="What is done, how often, and the goal"
        error={errorOf('notes')}
      >
        <Textarea
          id={`${id}-notes`}
          name="notes"
          value={draft.notes}
          maxLength={4000}
          onChange={set('notes')}
          {...described(`${id}-notes`, true, errorOf('notes'))}
        />
      </Field>
      <Button type="submit" disabled={add.isPending}>
        {add.isPending ? 'Recording…' : 'Record the intervention'}
      </Button>
    </form>
  );
}

function EditIntervention({
  studentId,
  intervention,
  onDone,
}: {
  studentId: string;
  intervention: Intervention;
  onDone: (message: string | null) => void;
}) {
  const id = useId();
  const [draft, setDraft] = useState<Draft>({
    kind: intervention.kind,
    startedOn: intervention.startedOn,
    endedOn: intervention.endedOn ?? '',
    owner: intervention.owner,
    notes: intervention.notes,
    status: intervention.status,
  });
  const update = useUpdateIntervention(studentId);
  const error = fieldError(update.error, draft);
  const errorOf = (field: FieldName) => (error?.field === field ? error.message : null);
  const heading = useRef<HTMLHeadingElement>(null);
  const form = useRef<HTMLFormElement>(null);
  // The editor opens below the table: start the reader at its heading.
  useEffect(() => heading.current?.focus(), []);
  // A field the server refused takes the focus.
  const refusedField = error?.field;
  useEffect(() => {
    if (refusedField !== undefined) form.current?.querySelector<HTMLElement>(`[name="${refusedField}"]`)?.focus();
  }, [refusedField, update.error]);
  const set =
    (field: FieldName) => (event: React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) =>
      setDraft((d) => ({ ...d, [field]: event.target.value }));
  const name = `${formatInterventionKind(intervention.kind)} intervention started ${formatDate(intervention.startedOn)}`;

  return (
    <form
      ref={form}
      className="usa-form usa-form--large ssos-intervention-form ssos-intervention-form--edit"
      aria-labelledby={`${id}-heading`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        update.mutate(
          { id: intervention.id, body: toBody(draft) },
          { onSuccess: () => onDone(`The ${name.charAt(0).toLowerCase()}${name.slice(1)} is saved.`) },
        );
      }}
    >
      <h3 id={`${id}-heading`} ref={heading} tabIndex={-1}>
        Change the {name.charAt(0).toLowerCase()}
        {name.slice(1)}
      </h3>
      {update.isError && error === null ? (
        <ErrorAlert heading="The change could not be saved" error={update.error} />
      ) : null}
      <Field id={`${id}-status`} label="Status" error={errorOf('status')}>
        <Select id={`${id}-status`} name="status" value={draft.status} onChange={set('status')}>
          {Object.entries(interventionStatusLabels).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </Select>
      </Field>
      <DateField
        id={`${id}-end`}
        name="endedOn"
        label="End date (optional)"
        hint="Leave empty while it goes on"
        error={errorOf('endedOn')}
        value={draft.endedOn}
        onChange={set('endedOn')}
      />
      <Field id={`${id}-notes`} label="Notes (optional)" error={errorOf('notes')}>
        <Textarea id={`${id}-notes`} name="notes" value={draft.notes} maxLength={4000} onChange={set('notes')} />
      </Field>
      {error !== null && !['status', 'endedOn', 'notes'].includes(error.field) ? (
        <ErrorAlert heading="The change could not be saved" error={new Error(error.message)} />
      ) : null}
      <div className="ssos-filter-actions">
        <Button type="submit" disabled={update.isPending}>
          {update.isPending ? 'Saving…' : 'Save the change'}
        </Button>
        <Button type="button" outline onClick={() => onDone(null)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
