import { useEffect, useId, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Breadcrumb, BreadcrumbBar, BreadcrumbLink, Button, Select, Table } from '@trussworks/react-uswds';
import { ScrollRegion } from '../components/ewis-scroll-region.tsx';
import { isOrgInScope } from '../../core/access/roles.ts';
import { useCurrentUser } from '../api/auth.ts';
import { isApiError } from '../api/client.ts';
import { useOrg } from '../api/orgs.ts';
import {
  isPlanTeam,
  planPath,
  useCreatePlan,
  usePlanDashboard,
  usePlans,
  type PlanCreateBody,
  type PlanSummary,
} from '../api/plans.ts';
import { useDocumentTitle } from '../components/document-title.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { LoadingStatus } from '../components/loading-status.tsx';
import {
  describedBy,
  formatDate,
  formatGoalCounts,
  formatPeriod,
  planKindLabels,
  PlanField,
  PlanStatusTag,
  refusedField,
  TitleAndPeriodFields,
  type FieldChange,
} from '../components/plan-format.tsx';

/**
 * The turnaround and improvement plans of a school or district, by period, with each plan's state and goal status
 * counts; its team (the school's or district's leaders) starts a plan here from the state template.
 */
export function PlansPage() {
  const { code = '' } = useParams();
  const org = useOrg(code);
  const user = useCurrentUser();
  const name = org.data?.name ?? code;
  const heading = `${name}: improvement plans`;
  useDocumentTitle(heading);
  const plans = usePlans({ org: code }, { enabled: user !== null });
  const isTeam =
    org.data !== undefined &&
    isPlanTeam(user) &&
    user !== null &&
    isOrgInScope(
      { level: user.scope.level, orgCode: user.scope.orgCode },
      {
        code: org.data.code,
        ancestorCodes: org.data.parent !== null ? [org.data.parent.code] : [],
        regionCode: org.data.region?.code ?? null,
      },
    );

  return (
    <>
      <BreadcrumbBar>
        <Breadcrumb>
          <BreadcrumbLink asCustom={Link} to="/">
            <span>Home</span>
          </BreadcrumbLink>
        </Breadcrumb>
        <Breadcrumb>
          <BreadcrumbLink asCustom={Link} to={`/orgs/${encodeURIComponent(code)}`}>
            <span>{name}</span>
          </BreadcrumbLink>
        </Breadcrumb>
        <Breadcrumb current>
          <span>Improvement plans</span>
        </Breadcrumb>
      </BreadcrumbBar>
      <h1>{heading}</h1>
      {user === null ? (
        <p>
          <Link to={`/sign-in?next=${encodeURIComponent(`/orgs/${code}/plans`)}`} className="usa-link">
            Sign in
          </Link>{' '}
          to read this organization’s plans.
        </p>
      ) : org.isError ? (
        <ErrorAlert heading="The organization could not be loaded" error={org.error} />
      ) : plans.isPending || org.isPending ? (
        <LoadingStatus>Loading the plans…</LoadingStatus>
      ) : plans.isError ? (
        <ErrorAlert
          heading={
            isApiError(plans.error, 'forbidden', 'out_of_scope')
              ? 'You do not have access to this organization’s plans'
              : 'The plans could not be loaded'
          }
          error={plans.error}
        />
      ) : (
        <>
          <p className="ssos-readable">
            Each plan follows the state template: an executive summary, one block per Turnaround Practice, SMART goals
            linked to the indicator data, interim benchmarks and action steps. Goals linked to an indicator update
            themselves when new data arrive.
          </p>
          <PlanTable plans={plans.data.items} caption={`Plans of ${name}, most recent period first`} />
          {isTeam ? <StartPlan orgCode={code} orgName={name} plans={plans.data.items} /> : null}
        </>
      )}
    </>
  );
}

/** Plans by period with their state and goal status counts. */
export function PlanTable({
  plans,
  caption,
  showOrg = false,
}: {
  plans: PlanSummary[];
  caption: string;
  showOrg?: boolean;
}) {
  if (plans.length === 0) return <p>There are no plans yet.</p>;
  const sorted = [...plans].sort((a, b) => b.endYear - a.endYear || a.kind.localeCompare(b.kind));
  return (
    <ScrollRegion label="Plans">
      <Table bordered fullWidth>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Plan</th>
            {showOrg ? <th scope="col">School or district</th> : null}
            <th scope="col">Period</th>
            <th scope="col">Status</th>
            <th scope="col">Goals</th>
            <th scope="col">Last changed</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((plan) => (
            <tr key={plan.id}>
              <th scope="row">
                <Link to={planPath(plan.id)} className="usa-link">
                  {plan.title}
                </Link>
                <div style={{ fontWeight: 'normal' }}>{planKindLabels[plan.kind]}</div>
              </th>
              {showOrg ? <td>{plan.org.name}</td> : null}
              <td>{formatPeriod(plan)}</td>
              <td>
                <PlanStatusTag status={plan.status} />
              </td>
              <td>
                <GoalCountsCell planId={plan.id} />
              </td>
              <td>{formatDate(plan.updatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </Table>
    </ScrollRegion>
  );
}

/** A plan's goal status counts, read from its dashboard. */
export function GoalCountsCell({ planId }: { planId: number }) {
  const dashboard = usePlanDashboard(planId);
  if (dashboard.isPending) return <span className="usa-hint">Loading…</span>;
  if (dashboard.isError) return <span>Not available</span>;
  return <span>{formatGoalCounts(dashboard.data.goalCounts)}</span>;
}

/** The school year in progress, by its ending year (a year starts on July 1). */
function currentSchoolYear(): number {
  const now = new Date();
  return now.getMonth() >= 6 ? now.getFullYear() + 1 : now.getFullYear();
}

type StartField = 'kind' | 'title' | 'startYear' | 'endYear';
const startFields: readonly StartField[] = ['kind', 'title', 'startYear', 'endYear'];

function StartPlan({ orgCode, orgName, plans }: { orgCode: string; orgName: string; plans: PlanSummary[] }) {
  const id = useId();
  const navigate = useNavigate();
  const create = useCreatePlan();
  const year = currentSchoolYear();
  const [kind, setKind] = useState<PlanCreateBody['kind']>(
    plans.some((p) => p.kind === 'turnaround' && p.endYear >= year) ? 'improvement' : 'turnaround',
  );
  const [title, setTitle] = useState(`${orgName} ${kind} plan`);
  const [titleTouched, setTitleTouched] = useState(false);
  const [startYear, setStartYear] = useState(String(year));
  const [endYear, setEndYear] = useState(String(year + 2));
  const refused = refusedField(create.error, startFields);
  const errorOf = (field: StartField) => (refused?.field === field ? refused.message : null);
  const form = useRef<HTMLFormElement>(null);
  const refusedName = refused?.field;
  useEffect(() => {
    if (refusedName !== undefined) form.current?.querySelector<HTMLElement>(`[name="${refusedName}"]`)?.focus();
  }, [refusedName, create.error]);
  const years = Array.from({ length: 8 }, (_, i) => year - 2 + i);

  return (
    <form
      ref={form}
      className="usa-form usa-form--large"
      aria-labelledby={`${id}-heading`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        create.mutate(
          { orgCode, kind, title: title.trim(), startYear: Number(startYear), endYear: Number(endYear) },
          { onSuccess: (plan) => void navigate(planPath(plan.id)) },
        );
      }}
    >
      <h2 id={`${id}-heading`}>Start a plan</h2>
      <p>The plan starts as a draft from the state template; the team writes it before submitting it for review.</p>
      {create.isError && refused === null ? (
        <ErrorAlert heading="The plan could not be started" error={create.error} />
      ) : null}
      <PlanField id={`${id}-kind`} label="Kind of plan" error={errorOf('kind')}>
        <Select
          id={`${id}-kind`}
          name="kind"
          value={kind}
          onChange={(e: FieldChange) => {
            const next = e.target.value as PlanCreateBody['kind'];
            setKind(next);
            if (!titleTouched) setTitle(`${orgName} ${next} plan`);
          }}
          {...describedBy(`${id}-kind`, false, errorOf('kind'))}
        >
          <option value="turnaround">{planKindLabels.turnaround}</option>
          <option value="improvement">{planKindLabels.improvement}</option>
        </Select>
      </PlanField>
      <TitleAndPeriodFields
        id={id}
        title={title}
        startYear={startYear}
        endYear={endYear}
        years={years}
        errorOf={errorOf}
        onTitle={(value) => {
          setTitle(value);
          setTitleTouched(true);
        }}
        onStartYear={setStartYear}
        onEndYear={setEndYear}
      />
      <Button type="submit" disabled={create.isPending}>
        {create.isPending ? 'Starting…' : 'Start the plan'}
      </Button>
    </form>
  );
}
