import { useId, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, Fieldset, Select, Table, TextInput } from '@trussworks/react-uswds';
import { isApiError } from '../api/client.ts';
import { selfAssessmentPath, useFrameworks, useSelfAssessments, useStartSelfAssessment } from '../api/improvement.ts';
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

interface MemberDraft {
  name: string;
  roleText: string;
}

/** Starts a self-assessment: the framework, the response period and the named team members. */
export function StartSelfAssessment({ code, level }: { code: string; level: string }) {
  const id = useId();
  const navigate = useNavigate();
  const frameworks = useFrameworks();
  const start = useStartSelfAssessment(code);
  const [framework, setFramework] = useState('');
  const [period, setPeriod] = useState(schoolYearOf(todayIso()));
  const [members, setMembers] = useState<MemberDraft[]>([
    { name: '', roleText: '' },
    { name: '', roleText: '' },
    { name: '', roleText: '' },
  ]);
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
  const setMember = (i: number, field: keyof MemberDraft, value: string) =>
    setMembers((ms) => ms.map((m, j) => (j === i ? { ...m, [field]: value } : m)));

  return (
    <form
      className="usa-form usa-form--large"
      aria-labelledby={`${id}-heading`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const named = members.filter((m) => m.name.trim() !== '');
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
            members: named.map((m) => ({ name: m.name.trim(), roleText: m.roleText.trim() })),
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
      <Fieldset legend="Team members" className="margin-top-3">
        <span className="usa-hint">Everyone who rates the indicators; rows left empty are ignored.</span>
        {memberError !== null ? (
          <span className="usa-error-message" role="alert">
            Team members: {memberError}
          </span>
        ) : null}
        {members.map((m, i) => (
          <div key={i} className="grid-row grid-gap">
            <div className="tablet:grid-col-6">
              <Field id={`${id}-m${i}-name`} label={`Member ${i + 1}: name`}>
                <TextInput
                  id={`${id}-m${i}-name`}
                  name={`member-${i}-name`}
                  type="text"
                  value={m.name}
                  maxLength={200}
                  autoComplete="off"
                  onChange={(e: React.ChangeEvent<HTMLInputElement>) => setMember(i, 'name', e.target.value)}
                />
              </Field>
            </div>
            <div className="tablet:grid-col-6">
              <Field id={`${id}-m${i}-role`} label={`Member ${i + 1}: role`}>
                <TextInput
                  id={`${id}-m${i}-role`}
                  name={`member-${i}-role`}
                  type="text"
                  value={m.roleText}
                  maxLength={200}
                  autoComplete="off"
                  onChange={(e: React.ChangeEvent<HTMLInputElement>) => setMember(i, 'roleText', e.target.value)}
                />
              </Field>
            </div>
          </div>
        ))}
        {members.length < 30 ? (
          <Button
            type="button"
            unstyled
            className="margin-top-2"
            onClick={() => setMembers((ms) => [...ms, { name: '', roleText: '' }])}
          >
            Add another member
          </Button>
        ) : null}
      </Fieldset>
      {start.isError && apiFieldError(start.error) === null ? (
        <ErrorAlert heading="The self-assessment could not be started" error={start.error} />
      ) : null}
      <Button type="submit" disabled={start.isPending}>
        {start.isPending ? 'Starting…' : 'Start the self-assessment'}
      </Button>
    </form>
  );
}
