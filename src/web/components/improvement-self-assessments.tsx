import { useId, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, Fieldset, Select, Table, TextInput } from '@trussworks/react-uswds';
import { selfAssessmentLimits } from '../../core/frameworks/self-assessment.ts';
import { isApiError } from '../api/client.ts';
import { useFrameworks } from '../api/frameworks.ts';
import { selfAssessmentPath, useSelfAssessments, useStartSelfAssessment } from '../api/improvement.ts';
import { ErrorAlert } from './error-alert.tsx';
import {
  apiFieldError,
  described,
  Field,
  formatDate,
  schoolYearOf,
  selfAssessmentStatusLabels,
  StatusTag,
  todayIso,
} from './improvement-format.tsx';
import { LoadingStatus } from './loading-status.tsx';

/** An organization's self-assessments, latest period first, each linked to its page. */
export function SelfAssessmentTable({ code, orgName }: { code: string; orgName: string }) {
  const list = useSelfAssessments(code);
  if (list.isPending) return <LoadingStatus>Loading the self-assessments…</LoadingStatus>;
  if (list.isError)
    return isApiError(list.error, 'forbidden', 'out_of_scope') ? (
      <p>The self-assessments of {orgName} are open to its own leaders, its district, its region and the agency.</p>
    ) : (
      <ErrorAlert heading="The self-assessments could not be loaded" error={list.error} />
    );
  if (list.data.items.length === 0) return <p>{orgName} has no self-assessment yet.</p>;
  return (
    <Table fullWidth striped stackedStyle="headers" caption={`Self-assessments of ${orgName}, by response period`}>
      <thead>
        <tr>
          <th scope="col">Response period</th>
          <th scope="col">Framework</th>
          <th scope="col">Status</th>
          <th scope="col">Team</th>
          <th scope="col">Consensus recorded</th>
        </tr>
      </thead>
      <tbody>
        {list.data.items.map((s) => (
          <tr key={s.id}>
            <th scope="row" data-label="Response period">
              <Link to={selfAssessmentPath(s.id)} className="usa-link">
                {s.period}: {s.framework.code}
              </Link>
            </th>
            <td data-label="Framework">{s.framework.title}</td>
            <td data-label="Status">
              <StatusTag status={s.status} labels={selfAssessmentStatusLabels} />
              {s.completedAt !== null ? <span className="display-block">on {formatDate(s.completedAt)}</span> : null}
            </td>
            <td data-label="Team">{s.members === 1 ? '1 member' : `${s.members} members`}</td>
            <td data-label="Consensus recorded">
              {s.consensusRated} of {s.indicators}
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

/** A team member as typed into a form: a name and a role. */
export interface MemberDraft {
  name: string;
  roleText: string;
}

/** Empty rows for a team-member form. */
export function emptyMembers(count: number): MemberDraft[] {
  return Array.from({ length: count }, () => ({ name: '', roleText: '' }));
}

/** The members with a name, trimmed, as the API takes them. */
export function namedMembers(members: readonly MemberDraft[]): { name: string; roleText: string }[] {
  return members.filter((m) => m.name.trim() !== '').map((m) => ({ name: m.name.trim(), roleText: m.roleText.trim() }));
}

/**
 * Rows of team members, a name and a role each, with a button for another row (up to the number the API takes at a
 * time) and the error for the members beside them.
 */
export function MemberRows({
  legend,
  labelPrefix,
  members,
  error,
  onChange,
}: {
  legend: string;
  labelPrefix: string;
  members: MemberDraft[];
  error: string | null;
  onChange: (members: MemberDraft[]) => void;
}) {
  const id = useId();
  const setMember = (i: number, field: keyof MemberDraft, value: string) =>
    onChange(members.map((m, j) => (j === i ? { ...m, [field]: value } : m)));
  const limits = selfAssessmentLimits;
  return (
    <Fieldset legend={legend} className="margin-top-3">
      <span className="usa-hint" id={`${id}-hint`}>
        Everyone who rates the indicators: a name and a role (such as Principal, Grade 4 teacher or Parent), each up to{' '}
        {limits.nameLength} characters; up to {limits.membersPerRequest} at a time. Rows left empty are ignored.
      </span>
      {error !== null ? (
        <span className="usa-error-message" role="alert">
          {legend}: {error}
        </span>
      ) : null}
      {members.map((m, i) => (
        <div key={i} className="grid-row grid-gap">
          <div className="tablet:grid-col-6">
            <Field id={`${id}-m${i}-name`} label={`${labelPrefix} ${i + 1}: name`}>
              <TextInput
                id={`${id}-m${i}-name`}
                name={`member-${i}-name`}
                type="text"
                value={m.name}
                maxLength={limits.nameLength}
                autoComplete="off"
                onChange={(e: React.ChangeEvent<HTMLInputElement>) => setMember(i, 'name', e.target.value)}
              />
            </Field>
          </div>
          <div className="tablet:grid-col-6">
            <Field id={`${id}-m${i}-role`} label={`${labelPrefix} ${i + 1}: role`}>
              <TextInput
                id={`${id}-m${i}-role`}
                name={`member-${i}-role`}
                type="text"
                value={m.roleText}
                maxLength={limits.roleTextLength}
                autoComplete="off"
                onChange={(e: React.ChangeEvent<HTMLInputElement>) => setMember(i, 'roleText', e.target.value)}
              />
            </Field>
          </div>
        </div>
      ))}
      {members.length < limits.membersPerRequest ? (
        <Button
          type="button"
          unstyled
          className="margin-top-2"
          onClick={() => onChange([...members, ...emptyMembers(1)])}
        >
          Add another member
        </Button>
      ) : null}
    </Fieldset>
  );
}

/** Starts a self-assessment: the framework, the response period and the named team members. */
export function StartSelfAssessment({ code, level }: { code: string; level: string }) {
  const id = useId();
  const navigate = useNavigate();
  const frameworks = useFrameworks();
  const start = useStartSelfAssessment(code);
  const [framework, setFramework] = useState('');
  const [period, setPeriod] = useState(schoolYearOf(todayIso()));
  const [members, setMembers] = useState<MemberDraft[]>(() => emptyMembers(3));
  const [local, setLocal] = useState<{ field: string; message: string } | null>(null);
  const error = local ?? apiFieldError(start.error);
  const errorOf = (field: string) => (error !== null && error.field === field ? error.message : null);
  const memberError = error !== null && error.field.startsWith('members') ? error.message : null;
  const options = (frameworks.data?.items ?? []).filter(
    (f) =>
      f.status === 'published' &&
      f.uses.includes('self_assessment') &&
      (level === 'school' || level === 'district' ? f.orgLevels.includes(level) : true),
  );
  // The latest published version of each framework.
  const latest = [...new Map(options.sort((a, b) => a.version - b.version).map((f) => [f.code, f])).values()];

  return (
    <form
      className="usa-form usa-form--large"
      aria-labelledby={`${id}-heading`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const named = namedMembers(members);
        if (framework === '')
          return setLocal({ field: 'framework', message: 'Choose the framework to assess against' });
        if (period.trim() === '')
          return setLocal({ field: 'period', message: 'Enter the response period, such as 2026-27' });
        if (named.length === 0) return setLocal({ field: 'members', message: 'Name at least one team member' });
        setLocal(null);
        start.mutate(
          {
            framework,
            period: period.trim(),
            members: named,
          },
          { onSuccess: (created) => void navigate(selfAssessmentPath(created.id)) },
        );
      }}
    >
      <h3 id={`${id}-heading`}>Start a self-assessment</h3>
      <Field id={`${id}-framework`} label="Framework" error={errorOf('framework')}>
        {frameworks.isPending ? (
          <LoadingStatus>Loading the frameworks…</LoadingStatus>
        ) : frameworks.isError ? (
          <ErrorAlert heading="The frameworks could not be loaded" error={frameworks.error} />
        ) : (
          <Select
            id={`${id}-framework`}
            name="framework"
            value={framework}
            onChange={(e: React.ChangeEvent<HTMLSelectElement>) => setFramework(e.target.value)}
            {...described(`${id}-framework`, false, errorOf('framework'))}
          >
            <option value="">- Select -</option>
            {latest.map((f) => (
              <option key={f.code} value={f.code}>
                {f.title}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field
        id={`${id}-period`}
        label="Response period"
        hint="A school year, such as 2026-27"
        error={errorOf('period')}
      >
        <TextInput
          id={`${id}-period`}
          name="period"
          type="text"
          value={period}
          maxLength={7}
          autoComplete="off"
          validationStatus={errorOf('period') !== null ? 'error' : undefined}
          onChange={(e: React.ChangeEvent<HTMLInputElement>) => setPeriod(e.target.value)}
          {...described(`${id}-period`, true, errorOf('period'))}
        />
      </Field>
      <MemberRows
        legend="Team members"
        labelPrefix="Member"
        members={members}
        error={memberError}
        onChange={setMembers}
      />
      {start.isError && apiFieldError(start.error) === null ? (
        <ErrorAlert heading="The self-assessment could not be started" error={start.error} />
      ) : null}
      <Button type="submit" disabled={start.isPending}>
        {start.isPending ? 'Starting…' : 'Start the self-assessment'}
      </Button>
    </form>
  );
}
