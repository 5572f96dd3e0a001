import { useId, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, Checkbox, Fieldset, Select, Table } from '@trussworks/react-uswds';
import { applicationStatuses } from '../../core/assistance/grants.ts';
import type { CurrentUser } from '../../server/api/auth.ts';
import { isAssistanceStaff, isStateStaff } from '../api/assistance.ts';
import { useCurrentUser, useSession } from '../api/auth.ts';
import {
  grantApplicationPath,
  grantProgramPath,
  grantsPath,
  isGrantRecipient,
  useApplications,
  useCreateApplication,
  useCreateGrantProgram,
  useGrantPrograms,
  useOrgGrants,
  type GrantApplication,
  type GrantProgram,
  type GrantProgramBody,
} from '../api/grants.ts';
import { useDocumentTitle } from '../components/document-title.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { ScrollRegion } from '../components/ewis-scroll-region.tsx';
import { AreaCrumbs, NoAccessNotice, SignInNotice } from '../components/grants-crumbs.tsx';
import {
  applicationStatusLabels,
  ApplicationStatusTag,
  describeEligibility,
  describeFormula,
  formatCents,
  formatPercent,
  parseDollars,
  SpendingTable,
} from '../components/grants-format.tsx';

import { InputField, TextAreaField } from '../components/form-field.tsx';
import { LoadingStatus } from '../components/loading-status.tsx';
import { describedBy, PlanField, refusedField, type FieldChange } from '../components/plan-format.tsx';

/**
 * Grants: the programs with their eligibility rule and formula, and the applications within the reader's scope. State
 * staff create programs; leaders see their own organization's grants and apply.
 */
export function GrantsPage() {
  useDocumentTitle('Grants');
  const session = useSession();
  const user = useCurrentUser();
  return (
    <>
      <AreaCrumbs current="Grants" />
      <h1>Grants</h1>
      <p className="usa-intro ssos-readable">
        Targeted grants build district capacity: each program states who is eligible and how its budget is allocated;
        recipients apply, budget the award against their plan’s strategies and report what they spend.
      </p>
      {session.isPending ? (
        <LoadingStatus>Checking who is signed in…</LoadingStatus>
      ) : user === null ? (
        <SignInNotice what="Grants are for agency staff and the leaders of districts and schools." next={grantsPath} />
      ) : isAssistanceStaff(user) ? (
        <StaffGrants user={user} />
      ) : isGrantRecipient(user) ? (
        <LeaderGrants user={user} />
      ) : (
        <NoAccessNotice heading="Grants are not open to your account">
          Grants are for agency staff and for the leaders of districts and schools.
        </NoAccessNotice>
      )}
    </>
  );
}

function StaffGrants({ user }: { user: CurrentUser }) {
  const [status, setStatus] = useState('');
  const applications = useApplications({ status: status === '' ? undefined : (status as GrantApplication['status']) });
  const id = useId();
  return (
    <>
      <Programs />
      {isStateStaff(user) ? <CreateProgram /> : null}
      <section aria-labelledby={`${id}-apps`} className="margin-top-5">
        <h2 id={`${id}-apps`}>Applications</h2>
        <p className="ssos-readable">
          {user.role === 'regional_staff'
            ? 'The applications of your region’s districts and schools.'
            : 'Every application, latest fiscal year first.'}
        </p>
        <div className="usa-form ssos-filter-form">
          <label className="usa-label" htmlFor={`${id}-status`}>
            Status
          </label>
          <Select
            id={`${id}-status`}
            name="status"
            value={status}
            onChange={(e: FieldChange) => setStatus(e.target.value)}
          >
            <option value="">Any status</option>
            {applicationStatuses.map((s) => (
              <option key={s} value={s}>
                {applicationStatusLabels[s]}
              </option>
            ))}
          </Select>
        </div>
        {applications.isPending ? (
          <LoadingStatus>Loading the applications…</LoadingStatus>
        ) : applications.isError ? (
          <ErrorAlert heading="The applications could not be loaded" error={applications.error} />
        ) : (
          <ApplicationsTable items={applications.data.items} caption="Grant applications" />
        )}
      </section>
      {isStateStaff(user) ? <StartApplication user={user} /> : null}
    </>
  );
}

function LeaderGrants({ user }: { user: CurrentUser }) {
  const code = user.scope.orgCode;
  const grants = useOrgGrants(code);
  const id = useId();
  return (
    <>
      <section aria-labelledby={`${id}-own`}>
        <h2 id={`${id}-own`}>Grants of {user.scope.orgName ?? 'your organization'}</h2>
        {grants.isPending ? (
          <LoadingStatus>Loading your grants…</LoadingStatus>
        ) : grants.isError ? (
          <ErrorAlert heading="Your grants could not be loaded" error={grants.error} />
        ) : (
          <>
            <ApplicationsTable items={grants.data.items} caption="Your applications and awards" />
            {grants.data.items.some((a) => a.figures !== null) ? (
              <SpendingTable
                caption="Spent vs awarded, per award"
                label="Award"
                items={grants.data.items.filter((a) => a.figures !== null)}
                rowHeader={(a) => `${a.program.fundCode} ${a.fiscalYear}, ${a.org.name}`}
                figuresOf={(a) => a.figures!}
                totals={grants.data.totals}
              />
            ) : null}
          </>
        )}
      </section>
      <Programs />
      <StartApplication user={user} />
    </>
  );
}

/** The programs with their rule and formula. */
function Programs() {
  const programs = useGrantPrograms();
  const id = useId();
  return (
    <section aria-labelledby={`${id}-programs`} className="margin-top-4">
      <h2 id={`${id}-programs`}>Programs</h2>
      {programs.isPending ? (
        <LoadingStatus>Loading the programs…</LoadingStatus>
      ) : programs.isError ? (
        <ErrorAlert heading="The programs could not be loaded" error={programs.error} />
      ) : programs.data.items.length === 0 ? (
        <p>There are no grant programs yet.</p>
      ) : (
        <ScrollRegion label="Grant programs">
          <Table bordered fullWidth>
            <caption>Grant programs by fund code</caption>
            <thead>
              <tr>
                <th scope="col">Fund code</th>
                <th scope="col">Program</th>
                <th scope="col">Source</th>
                <th scope="col">Who is eligible</th>
                <th scope="col">Formula</th>
              </tr>
            </thead>
            <tbody>
              {programs.data.items.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    <Link to={grantProgramPath(p.id)} className="usa-link">
                      {p.fundCode}
                    </Link>
                  </th>
                  <td>{p.name}</td>
                  <td>{p.source === 'state' ? 'State' : 'Federal'}</td>
                  <td>{describeEligibility(p)}</td>
                  <td>{describeFormula(p.formula)}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        </ScrollRegion>
      )}
    </section>
  );
}

/** Applications with their status, request, award and spending. */
export function ApplicationsTable({ items, caption }: { items: readonly GrantApplication[]; caption: string }) {
  if (items.length === 0) return <p>There are no applications.</p>;
  return (
    <ScrollRegion label="Applications">
      <Table bordered fullWidth>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">School or district</th>
            <th scope="col">Program</th>
            <th scope="col">Fiscal year</th>
            <th scope="col">Status</th>
            <th scope="col" className="ssos-num">
              Requested
            </th>
            <th scope="col" className="ssos-num">
              Awarded
            </th>
            <th scope="col" className="ssos-num">
              Spent
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((a) => (
            <tr key={a.id}>
              <th scope="row">
                <Link to={grantApplicationPath(a.id)} className="usa-link">
                  {a.org.name}
                </Link>
                {a.region ? <span className="display-block text-base-dark">{a.region.name}</span> : null}
              </th>
              <td>{a.program.fundCode}</td>
              <td>FY{a.fiscalYear}</td>
              <td>
                <ApplicationStatusTag status={a.status} />
              </td>
              <td className="ssos-num">{formatCents(a.requestedCents)}</td>
              <td className="ssos-num">{a.award ? formatCents(a.award.amountCents) : '—'}</td>
              <td className="ssos-num">{a.figures ? formatPercent(a.figures.percentSpent) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </Table>
    </ScrollRegion>
  );
}

type ProgramField = 'fundCode' | 'name' | 'source' | 'recipientLevel' | 'eligibility' | 'formula';
const programFields: readonly ProgramField[] = [
  'fundCode',
  'name',
  'source',
  'recipientLevel',
  'eligibility',
  'formula',
];

/** State staff: a new program with a simple rule (requiring assistance, a minimum enrollment) and the formula. */
function CreateProgram() {
  const id = useId();
  const navigate = useNavigate();
  const create = useCreateGrantProgram();
  const [draft, setDraft] = useState({
    fundCode: '',
    name: '',
    source: 'state' as GrantProgramBody['source'],
    recipientLevel: 'district' as GrantProgramBody['recipientLevel'],
    requiring: true,
    minEnrollment: '',
    base: '',
    perPupil: '0',
    min: '',
    max: '',
  });
  const [local, setLocal] = useState<string | null>(null);
  const refused = refusedField(create.error, programFields);
  const errorOf = (f: ProgramField) => (refused?.field === f ? refused.message : null);
  const set = (key: keyof typeof draft) => (value: string) => setDraft({ ...draft, [key]: value });
  const money = (text: string) => (text.trim() === '' ? null : parseDollars(text));

  return (
    <form
      className="usa-form usa-form--large margin-top-4"
      aria-labelledby={`${id}-heading`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const base = money(draft.base);
        const perPupil = money(draft.perPupil);
        const min = money(draft.min);
        const max = money(draft.max);
        const enrollment = draft.minEnrollment.trim() === '' ? null : Number(draft.minEnrollment);
        if (
          base === null ||
          perPupil === null ||
          (draft.min !== '' && min === null) ||
          (draft.max !== '' && max === null)
        )
          return setLocal('Write the amounts in dollars, e.g. 50000 or 50,000.00.');
        if (enrollment !== null && !(Number.isInteger(enrollment) && enrollment >= 0))
          return setLocal('The minimum enrollment is a whole number of students.');
        setLocal(null);
        const all: GrantProgramBody['eligibility']['all'] = [];
        if (draft.requiring) all.push({ field: 'requiringAssistance', op: 'eq', value: true });
        if (enrollment !== null) all.push({ field: 'enrollment', op: 'gte', value: enrollment });
        create.mutate(
          {
            fundCode: draft.fundCode.trim(),
            name: draft.name.trim(),
            source: draft.source,
            recipientLevel: draft.recipientLevel,
            eligibility: { all },
            formula: { baseCents: base, perPupilCents: perPupil, minCents: min, maxCents: max },
          },
          { onSuccess: (program: GrantProgram) => void navigate(grantProgramPath(program.id)) },
        );
      }}
    >
      <h2 id={`${id}-heading`}>Create a program</h2>
      {local !== null ? <ErrorAlert heading="Check the amounts" error={new Error(local)} /> : null}
      {create.isError && refused === null ? (
        <ErrorAlert heading="The program could not be created" error={create.error} />
      ) : null}
      <InputField
        id={`${id}-fund`}
        label="Fund code"
        hint="Letters, digits and dashes, e.g. FC-511"
        error={errorOf('fundCode')}
        name="fundCode"
        value={draft.fundCode}
        maxLength={20}
        onChange={set('fundCode')}
      />
      <InputField
        id={`${id}-name`}
        label="Name"
        error={errorOf('name')}
        name="name"
        value={draft.name}
        maxLength={200}
        onChange={set('name')}
      />
      <PlanField id={`${id}-source`} label="Source of funds" error={errorOf('source')}>
        <Select
          id={`${id}-source`}
          name="source"
          value={draft.source}
          onChange={(e: FieldChange) => set('source')(e.target.value)}
        >
          <option value="state">State</option>
          <option value="federal">Federal</option>
        </Select>
      </PlanField>
      <PlanField id={`${id}-level`} label="Recipients" error={errorOf('recipientLevel')}>
        <Select
          id={`${id}-level`}
          name="recipientLevel"
          value={draft.recipientLevel}
          onChange={(e: FieldChange) => set('recipientLevel')(e.target.value)}
        >
          <option value="district">Districts</option>
          <option value="school">Schools</option>
        </Select>
      </PlanField>
      <Fieldset legend="Who is eligible">
        <Checkbox
          id={`${id}-requiring`}
          name="requiring"
          label="Only those the latest official accountability run classifies as requiring assistance"
          checked={draft.requiring}
          onChange={(e: React.ChangeEvent<HTMLInputElement>) => setDraft({ ...draft, requiring: e.target.checked })}
        />
        <InputField
          id={`${id}-enrollment`}
          label="Minimum enrollment (optional)"
          error={errorOf('eligibility')}
          name="eligibility"
          value={draft.minEnrollment}
          onChange={set('minEnrollment')}
        />
      </Fieldset>
      <Fieldset legend="Formula, in dollars">
        <InputField
          id={`${id}-base`}
          label="Base amount per recipient"
          error={errorOf('formula')}
          name="formula"
          value={draft.base}
          onChange={set('base')}
        />
        <InputField
          id={`${id}-pp`}
          label="Per pupil"
          hint="May hold fractions of a cent"
          error={null}
          name="perPupil"
          value={draft.perPupil}
          onChange={set('perPupil')}
        />
        <InputField
          id={`${id}-min`}
          label="Minimum award (optional)"
          error={null}
          name="min"
          value={draft.min}
          onChange={set('min')}
        />
        <InputField
          id={`${id}-max`}
          label="Maximum award (optional)"
          error={null}
          name="max"
          value={draft.max}
          onChange={set('max')}
        />
      </Fieldset>
      <Button type="submit" disabled={create.isPending}>
        {create.isPending ? 'Creating…' : 'Create the program'}
      </Button>
    </form>
  );
}

type ApplyField = 'programId' | 'fiscalYear' | 'orgCode' | 'requestedCents' | 'narrative';
const applyFields: readonly ApplyField[] = ['programId', 'fiscalYear', 'orgCode', 'requestedCents', 'narrative'];

/** The fiscal year in progress: Massachusetts' fiscal year runs July to June and is named by its ending year. */
function currentFiscalYear(): number {
  const now = new Date();
  return now.getMonth() >= 6 ? now.getFullYear() + 1 : now.getFullYear();
}

/** Starts an application: leaders for their own organization (or a school of their district), state staff for any. */
function StartApplication({ user }: { user: CurrentUser }) {
  const id = useId();
  const navigate = useNavigate();
  const programs = useGrantPrograms();
  const create = useCreateApplication();
  const year = currentFiscalYear();
  const [draft, setDraft] = useState({
    programId: '',
    fiscalYear: String(year + 1),
    orgCode: isGrantRecipient(user) ? (user.scope.orgCode ?? '') : '',
    requested: '',
    narrative: '',
  });
  const [local, setLocal] = useState<string | null>(null);
  const refused = refusedField(create.error, applyFields);
  const errorOf = (f: ApplyField) =>
    f === 'requestedCents' && local !== null ? local : refused?.field === f ? refused.message : null;
  const set = (key: keyof typeof draft) => (value: string) => setDraft({ ...draft, [key]: value });
  if (programs.isPending || programs.isError || programs.data.items.length === 0) return null;
  return (
    <form
      className="usa-form usa-form--large margin-top-5"
      aria-labelledby={`${id}-heading`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const requested = parseDollars(draft.requested);
        if (requested === null) return setLocal('Write the amount in dollars, e.g. 75000 or 75,000.00.');
        setLocal(null);
        create.mutate(
          {
            programId: Number(draft.programId || programs.data.items[0]!.id),
            fiscalYear: Number(draft.fiscalYear),
            orgCode: draft.orgCode.trim(),
            requestedCents: requested,
            narrative: draft.narrative,
          },
          { onSuccess: (detail) => void navigate(grantApplicationPath(detail.id)) },
        );
      }}
    >
      <h2 id={`${id}-heading`}>Apply for a grant</h2>
      <p>
        The application starts as a draft; {isGrantRecipient(user) ? 'you' : 'the recipient or state staff'} submit it
        when it is ready.
      </p>
      {create.isError && refused === null ? (
        <ErrorAlert heading="The application could not be started" error={create.error} />
      ) : null}
      <PlanField id={`${id}-program`} label="Program" error={errorOf('programId')}>
        <Select
          id={`${id}-program`}
          name="programId"
          value={draft.programId || String(programs.data.items[0]!.id)}
          onChange={(e: FieldChange) => set('programId')(e.target.value)}
        >
          {programs.data.items.map((p) => (
            <option key={p.id} value={p.id}>
              {p.fundCode}: {p.name}
            </option>
          ))}
        </Select>
      </PlanField>
      <PlanField
        id={`${id}-fy`}
        label="Fiscal year"
        hint="Named by its ending year: FY2027 runs July 2026 to June 2027"
        error={errorOf('fiscalYear')}
      >
        <Select
          id={`${id}-fy`}
          name="fiscalYear"
          value={draft.fiscalYear}
          onChange={(e: FieldChange) => set('fiscalYear')(e.target.value)}
          {...describedBy(`${id}-fy`, true, errorOf('fiscalYear'))}
        >
          {[year - 1, year, year + 1, year + 2].map((y) => (
            <option key={y} value={y}>
              FY{y}
            </option>
          ))}
        </Select>
      </PlanField>
      <InputField
        id={`${id}-org`}
        label="School or district code"
        hint="8-digit DESE code"
        error={errorOf('orgCode')}
        name="orgCode"
        value={draft.orgCode}
        maxLength={40}
        onChange={set('orgCode')}
      />
      <InputField
        id={`${id}-requested`}
        label="Amount requested, in dollars"
        error={errorOf('requestedCents')}
        name="requestedCents"
        value={draft.requested}
        onChange={set('requested')}
      />
      <TextAreaField
        id={`${id}-narrative`}
        label="Narrative"
        hint="What the funds are for and why"
        error={errorOf('narrative')}
        name="narrative"
        value={draft.narrative}
        maxLength={20000}
        onChange={set('narrative')}
      />
      <Button type="submit" disabled={create.isPending}>
        {create.isPending ? 'Starting…' : 'Start the application'}
      </Button>
    </form>
  );
}
