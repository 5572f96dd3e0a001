import { Link } from 'react-router';
import { Breadcrumb, BreadcrumbBar, BreadcrumbLink, Table } from '@trussworks/react-uswds';
import { ScrollRegion } from '../components/ewis-scroll-region.tsx';
import { useCurrentUser } from '../api/auth.ts';
import { isPlanReviewer, planPath, usePlans, useRegionPlans, type GoalCounts, type PlanSummary } from '../api/plans.ts';
import { useDocumentTitle } from '../components/document-title.ts';
import { ErrorAlert } from '../components/error-alert.tsx';
import { LoadingStatus } from '../components/loading-status.tsx';
import {
  formatDate,
  formatGoalCounts,
  formatPeriod,
  planKindLabels,
  PlanStatusTag,
} from '../components/plan-format.tsx';
import { GoalCountsCell } from './plans-page.tsx';

type Row = PlanSummary & { goalCounts?: GoalCounts };

/**
 * For reviewers: the plans of their region (regional staff) or of the state (state staff and administrators), those
 * awaiting review first, each with its goal status counts.
 */
export function PlansReviewPage() {
  const user = useCurrentUser();
  const regional = user?.role === 'regional_staff' && user.scope.orgCode !== null;
  const regionCode = regional ? (user.scope.orgCode ?? '') : '';
  const reviewer = isPlanReviewer(user);
  const region = useRegionPlans(regionCode, { enabled: regional });
  const all = usePlans({}, { enabled: reviewer && !regional });
  const query = regional ? region : all;
  const scopeName = regional ? (user.scope.orgName ?? regionCode) : 'the state';
  const heading = 'Plans to review';
  useDocumentTitle(heading);

  return (
    <>
      <BreadcrumbBar>
        <Breadcrumb>
          <BreadcrumbLink asCustom={Link} to="/">
            <span>Home</span>
          </BreadcrumbLink>
        </Breadcrumb>
        <Breadcrumb>
          <BreadcrumbLink asCustom={Link} to="/improvement">
            <span>Self-assessment and improvement</span>
          </BreadcrumbLink>
        </Breadcrumb>
        <Breadcrumb current>
          <span>{heading}</span>
        </Breadcrumb>
      </BreadcrumbBar>
      <h1>{heading}</h1>
      {user === null ? (
        <p>
          <Link to={`/sign-in?next=${encodeURIComponent('/improvement/plans')}`} className="usa-link">
            Sign in
          </Link>{' '}
          to review plans.
        </p>
      ) : !reviewer ? (
        <p className="ssos-readable">
          Plans are reviewed by regional staff and state staff. Your school’s or district’s plans are on its page under
          “Improvement plans”.
        </p>
      ) : query.isPending ? (
        <LoadingStatus>Loading the plans…</LoadingStatus>
      ) : query.isError ? (
        <ErrorAlert heading="The plans could not be loaded" error={query.error} />
      ) : (
        <ReviewLists items={query.data.items as Row[]} scopeName={scopeName} />
      )}
    </>
  );
}

function ReviewLists({ items, scopeName }: { items: Row[]; scopeName: string }) {
  const waiting = items
    .filter((p) => p.status === 'submitted')
    .sort((a, b) => (a.submittedAt ?? '').localeCompare(b.submittedAt ?? ''));
  const others = items.filter((p) => p.status !== 'submitted').sort((a, b) => a.org.name.localeCompare(b.org.name));
  return (
    <>
      <p className="ssos-readable">
        The turnaround and improvement plans of {scopeName}. Open a plan to read it, return it to its team with a
        coaching comment, or approve it.
      </p>
      <h2>Awaiting review ({waiting.length})</h2>
      {waiting.length === 0 ? (
        <p>No plan is waiting for review.</p>
      ) : (
        <ReviewTable rows={waiting} caption="Plans submitted for review, longest waiting first" submitted />
      )}
      <h2>Other plans ({others.length})</h2>
      {others.length === 0 ? (
        <p>There are no other plans.</p>
      ) : (
        <ReviewTable rows={others} caption="Plans in draft, returned to their team or approved" />
      )}
    </>
  );
}

function ReviewTable({ rows, caption, submitted = false }: { rows: Row[]; caption: string; submitted?: boolean }) {
  return (
    <ScrollRegion label="Plans">
      <Table bordered fullWidth>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Plan</th>
            <th scope="col">School or district</th>
            <th scope="col">Period</th>
            <th scope="col">Status</th>
            <th scope="col">Goals</th>
            <th scope="col">{submitted ? 'Submitted' : 'Last changed'}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((plan) => (
            <tr key={plan.id}>
              <th scope="row">
                <Link to={planPath(plan.id)} className="usa-link">
                  {plan.title}
                </Link>
                <div style={{ fontWeight: 'normal' }}>{planKindLabels[plan.kind]}</div>
              </th>
              <td>{plan.org.name}</td>
              <td>{formatPeriod(plan)}</td>
              <td>
                <PlanStatusTag status={plan.status} />
              </td>
              <td>
                {plan.goalCounts !== undefined ? (
                  formatGoalCounts(plan.goalCounts)
                ) : (
                  <GoalCountsCell planId={plan.id} />
                )}
              </td>
              <td>{formatDate(submitted ? (plan.submittedAt ?? plan.updatedAt) : plan.updatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </Table>
    </ScrollRegion>
  );
}
