import { useId, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Button, Select, Table } from '@trussworks/react-uswds';
import { isStateStaff } from '../api/assistance.ts';
import { useCurrentUser } from '../api/auth.ts';
import {
  grantAllocationPath,
  grantApplicationPath,
  grantsPath,
  useAllocate,
  useApplications,
  useGrantPrograms,
  useProgramAllocations,
  useProgramDashboard,
  type GrantProgram,
} from '../api/grants.ts';
import { useDocumentTitle } from '../components/document-title.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { ScrollRegion } from '../components/ewis-scroll-region.tsx';
import { AreaCrumbs, SignInNotice } from '../components/grants-crumbs.tsx';
import {
  describeEligibility,
  describeFormula,
  formatCents,
  parseDollars,
  SpendingTable,
} from '../components/grants-format.tsx';

import { InputField } from '../components/form-field.tsx';
import { LoadingStatus } from '../components/loading-status.tsx';
import { refusedField, type FieldChange } from '../components/plan-format.tsx';

/**
 * A grant program: its eligibility rule and formula, its allocations by fiscal year (state staff compute a new one
 * here), and the spent-vs-awarded dashboard of a fiscal year (regional staff: their region's recipients).
 */
export function GrantProgramPage() {
  const { id = '' } = useParams();
  const programId = Number(id);
  const user = useCurrentUser();
  const programs = useGrantPrograms({ enabled: user !== null });
  const program = programs.data?.items.find((p) => p.id === programId);
  const title = program ? `${program.fundCode}: ${program.name}` : 'Grant program';
  useDocumentTitle(title);
  return (
    <>
      <AreaCrumbs trail={[{ to: grantsPath, label: 'Grants' }]} current={program?.fundCode ?? 'Program'} />
      <h1>{title}</h1>
      {user === null ? (
        <SignInNotice
          what="Grant programs are for agency staff and the leaders of districts and schools."
          next={`/assistance/grants/programs/${id}`}
        />
      ) : programs.isPending ? (
        <LoadingStatus>Loading the program…</LoadingStatus>
      ) : programs.isError ? (
        <ErrorAlert heading="The program could not be loaded" error={programs.error} />
      ) : program === undefined ? (
        <ErrorAlert heading="There is no such program" error={new Error(`No grant program has the id ${id}.`)} />
      ) : (
        <ProgramBody
          program={program}
          canAllocate={isStateStaff(user)}
          canReadAllocations={user.role !== 'district_leader' && user.role !== 'school_leader'}
        />
      )}
    </>
  );
}

function ProgramBody({
  program,
  canAllocate,
  canReadAllocations,
}: {
  program: GrantProgram;
  canAllocate: boolean;
  canReadAllocations: boolean;
}) {
  const id = useId();
  return (
    <>
      <dl className="ssos-facts ssos-readable">
        <div className="ssos-facts__row">
          <dt>Source</dt>
          <dd>{program.source === 'state' ? 'State funds' : 'Federal funds'}</dd>
        </div>
        <div className="ssos-facts__row">
          <dt>Who is eligible</dt>
          <dd>{describeEligibility(program)}</dd>
        </div>
        <div className="ssos-facts__row">
          <dt>Formula</dt>
          <dd>{describeFormula(program.formula)}</dd>
        </div>
      </dl>
      <p className="ssos-readable">
        One factor scales every recipient’s formula amount so that the whole budget is spread; recipients below the
        minimum get the minimum and above the maximum the maximum, and the rest is spread again over the others. Amounts
        are rounded down to the cent and the cents left over go to the largest remainders, so the lines add up exactly
        to the budget.
      </p>
      {canReadAllocations ? (
        <>
          <Allocations programId={program.id} />
          {canAllocate ? <Allocate programId={program.id} /> : null}
          <section aria-labelledby={`${id}-dash`} className="margin-top-5">
            <h2 id={`${id}-dash`}>Spent vs awarded</h2>
            <Dashboard programId={program.id} />
          </section>
        </>
      ) : (
        <p className="ssos-readable">
          <Link to={grantsPath} className="usa-link">
            Apply for this program
          </Link>{' '}
          from the grants page.
        </p>
      )}
    </>
  );
}

function Allocations({ programId }: { programId: number }) {
  const allocations = useProgramAllocations(programId);
  const id = useId();
  return (
    <section aria-labelledby={`${id}-alloc`} className="margin-top-4">
      <h2 id={`${id}-alloc`}>Allocations</h2>
      {allocations.isPending ? (
        <LoadingStatus>Loading the allocations…</LoadingStatus>
      ) : allocations.isError ? (
        <ErrorAlert heading="The allocations could not be loaded" error={allocations.error} />
      ) : allocations.data.items.length === 0 ? (
        <p>No allocation has been computed yet.</p>
      ) : (
        <ScrollRegion label="Allocations">
          <Table bordered fullWidth>
            <caption>Allocations by fiscal year, latest first</caption>
            <thead>
              <tr>
                <th scope="col">Fiscal year</th>
                <th scope="col" className="ssos-num">
                  Budget
                </th>
                <th scope="col" className="ssos-num">
                  Recipients
                </th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {allocations.data.items.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    <Link to={grantAllocationPath(a.id)} className="usa-link">
                      FY{a.fiscalYear}
                    </Link>
                  </th>
                  <td className="ssos-num">{formatCents(a.budgetCents)}</td>
                  <td className="ssos-num">{a.recipients}</td>
                  <td>{a.status === 'final' ? 'Final' : 'Draft (can be recomputed)'}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        </ScrollRegion>
      )}
    </section>
  );
}

type AllocateField = 'fiscalYear' | 'budgetCents' | 'enrollmentYear';

/** State staff: compute a fiscal year's allocation (a draft until finalized; recomputing replaces it). */
function Allocate({ programId }: { programId: number }) {
  const id = useId();
  const navigate = useNavigate();
  const allocate = useAllocate(programId);
  const [fiscalYear, setFiscalYear] = useState(String(new Date().getFullYear() + 1));
  const [budget, setBudget] = useState('');
  const [enrollmentYear, setEnrollmentYear] = useState('');
  const [local, setLocal] = useState<string | null>(null);
  const refused = refusedField<AllocateField>(allocate.error, ['fiscalYear', 'budgetCents', 'enrollmentYear']);
  const errorOf = (f: AllocateField) =>
    f === 'budgetCents' && local !== null ? local : refused?.field === f ? refused.message : null;
  return (
    <form
      className="usa-form margin-top-4"
      aria-labelledby={`${id}-heading`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const cents = parseDollars(budget);
        if (cents === null) return setLocal('Write the budget in dollars, e.g. 600000 or 600,000.00.');
        setLocal(null);
        allocate.mutate(
          {
            fiscalYear: Number(fiscalYear),
            budgetCents: cents,
            ...(enrollmentYear.trim() === '' ? {} : { enrollmentYear: Number(enrollmentYear) }),
          },
          { onSuccess: (a) => void navigate(grantAllocationPath(a.id)) },
        );
      }}
    >
      <h2 id={`${id}-heading`}>Compute an allocation</h2>
      {allocate.isError && refused === null ? (
        <ErrorAlert heading="The allocation could not be computed" error={allocate.error} />
      ) : null}
      <InputField
        id={`${id}-fy`}
        label="Fiscal year"
        error={errorOf('fiscalYear')}
        name="fiscalYear"
        value={fiscalYear}
        onChange={setFiscalYear}
      />
      <InputField
        id={`${id}-budget`}
        label="Budget, in dollars"
        error={errorOf('budgetCents')}
        name="budgetCents"
        value={budget}
        onChange={setBudget}
      />
      <InputField
        id={`${id}-enrollment`}
        label="Enrollment year (optional)"
        hint="School year of the enrollment counts, by its ending year; the latest with any when left empty"
        error={errorOf('enrollmentYear')}
        name="enrollmentYear"
        value={enrollmentYear}
        onChange={setEnrollmentYear}
      />
      <Button type="submit" disabled={allocate.isPending}>
        {allocate.isPending ? 'Computing…' : 'Compute the allocation'}
      </Button>
    </form>
  );
}

/** Spent vs awarded per recipient for a fiscal year the program has applications or allocations in. */
function Dashboard({ programId }: { programId: number }) {
  const id = useId();
  const allocations = useProgramAllocations(programId);
  const applications = useApplications({ programId });
  const years = [
    ...new Set([
      ...(allocations.data?.items.map((a) => a.fiscalYear) ?? []),
      ...(applications.data?.items.map((a) => a.fiscalYear) ?? []),
    ]),
  ].sort((a, b) => b - a);
  const [chosen, setChosen] = useState<number | null>(null);
  const year = chosen ?? years[0] ?? null;
  const dashboard = useProgramDashboard(programId, year);
  if (allocations.isPending || applications.isPending) return <LoadingStatus>Loading…</LoadingStatus>;
  if (year === null) return <p>Nothing has been awarded yet.</p>;
  return (
    <>
      <div className="usa-form ssos-filter-form">
        <label className="usa-label" htmlFor={`${id}-year`}>
          Fiscal year
        </label>
        <Select
          id={`${id}-year`}
          name="fiscalYear"
          value={year}
          onChange={(e: FieldChange) => setChosen(Number(e.target.value))}
        >
          {years.map((y) => (
            <option key={y} value={y}>
              FY{y}
            </option>
          ))}
        </Select>
      </div>
      {dashboard.isPending ? (
        <LoadingStatus>Loading the dashboard…</LoadingStatus>
      ) : dashboard.isError ? (
        <ErrorAlert heading="The dashboard could not be loaded" error={dashboard.error} />
      ) : dashboard.data.items.length === 0 ? (
        <p>
          No award for FY{year} yet{dashboard.data.allocation ? '' : ', and no allocation'}.
        </p>
      ) : (
        <SpendingTable
          caption={`Spent vs awarded, FY${year}: per recipient; percent spent of the awarded amount`}
          label="Recipient"
          items={dashboard.data.items}
          rowHeader={(row) => (
            <Link to={grantApplicationPath(row.applicationId)} className="usa-link">
              {row.org.name}
            </Link>
          )}
          extra={{
            header: 'Allocated',
            numeric: true,
            cell: (row) => (row.allocatedCents === null ? '—' : formatCents(row.allocatedCents)),
          }}
          figuresOf={(row) => row.figures}
          totals={dashboard.data.totals}
        />
      )}
    </>
  );
}
