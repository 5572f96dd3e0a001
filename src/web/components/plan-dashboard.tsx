import { SummaryBox, SummaryBoxContent, SummaryBoxHeading, Table } from '@trussworks/react-uswds';
import { ScrollRegion } from './ewis-scroll-region.tsx';
import { usePlanDashboard, type DashboardGoal } from '../api/plans.ts';
import { ErrorAlert } from './error-alert.tsx';
import { LoadingStatus } from './loading-status.tsx';
import {
  actionStepStatusLabels,
  benchmarkStatusLabels,
  formatDate,
  formatGap,
  formatGoalCounts,
  formatSchoolYear,
  formatValue,
  GoalStatusTag,
} from './plan-format.tsx';

function goalStatus(goal: DashboardGoal) {
  return goal.progress === null ? 'not_linked' : goal.progress.status;
}

/**
 * The plan's dashboard: each goal's status against its trajectory with the numbers behind it (latest value and
 * year, the value expected on the trajectory, the gap), and the action steps and benchmarks due and overdue.
 */
export function PlanDashboardSection({ planId }: { planId: number }) {
  const dashboard = usePlanDashboard(planId);
  return (
    <section aria-labelledby="plan-dashboard">
      <h2 id="plan-dashboard">Progress dashboard</h2>
      {dashboard.isPending ? (
        <LoadingStatus>Loading the progress of the goals…</LoadingStatus>
      ) : dashboard.isError ? (
        <ErrorAlert heading="The progress could not be loaded" error={dashboard.error} />
      ) : (
        <DashboardView data={dashboard.data} />
      )}
    </section>
  );
}

function DashboardView({ data }: { data: NonNullable<ReturnType<typeof usePlanDashboard>['data']> }) {
  const { actionSteps, benchmarks } = data;
  const tolerancePct = Math.round(data.tolerance * 100);
  return (
    <>
      <SummaryBox>
        <SummaryBoxHeading headingLevel="h3">At a glance, {formatDate(data.asOf)}</SummaryBoxHeading>
        <SummaryBoxContent>
          <dl className="ssos-facts">
            <div className="ssos-facts__row">
              <dt>Goals</dt>
              <dd>{formatGoalCounts(data.goalCounts)}</dd>
            </div>
            <div className="ssos-facts__row">
              <dt>Action steps</dt>
              <dd>
                {actionSteps.total === 0
                  ? 'None yet'
                  : `${actionSteps.total} in all: ${Object.entries(actionSteps.byStatus)
                      .filter(([, n]) => n > 0)
                      .map(
                        ([s, n]) =>
                          `${n} ${actionStepStatusLabels[s as keyof typeof actionStepStatusLabels].toLowerCase()}`,
                      )
                      .join(', ')}`}
              </dd>
            </div>
            <div className="ssos-facts__row">
              <dt>Due within 30 days</dt>
              <dd>
                {actionSteps.dueSoon} action {actionSteps.dueSoon === 1 ? 'step' : 'steps'} not done
              </dd>
            </div>
            <div className="ssos-facts__row">
              <dt>Overdue</dt>
              <dd>
                {actionSteps.overdue} action {actionSteps.overdue === 1 ? 'step' : 'steps'}, {benchmarks.overdue}{' '}
                {benchmarks.overdue === 1 ? 'benchmark' : 'benchmarks'}
              </dd>
            </div>
            <div className="ssos-facts__row">
              <dt>Benchmarks</dt>
              <dd>
                {benchmarks.total === 0
                  ? 'None yet'
                  : `${benchmarks.total} in all: ${Object.entries(benchmarks.byStatus)
                      .filter(([, n]) => n > 0)
                      .map(
                        ([s, n]) =>
                          `${n} ${benchmarkStatusLabels[s as keyof typeof benchmarkStatusLabels].toLowerCase()}`,
                      )
                      .join(', ')}`}
              </dd>
            </div>
          </dl>
        </SummaryBoxContent>
      </SummaryBox>
      {data.goals.length === 0 ? (
        <p>The plan has no goals yet: their progress shows here once they are added.</p>
      ) : (
        <>
          <ScrollRegion label="Goals against their trajectories">
            <Table bordered fullWidth>
              <caption>Each goal against its trajectory from the baseline to the target</caption>
              <thead>
                <tr>
                  <th scope="col">Goal</th>
                  <th scope="col">Status</th>
                  <th scope="col">Baseline</th>
                  <th scope="col">Target</th>
                  <th scope="col">Latest value</th>
                  <th scope="col">Expected on the trajectory</th>
                  <th scope="col">Gap</th>
                  <th scope="col">Still to go</th>
                </tr>
              </thead>
              <tbody>
                {data.goals.map((goal) => {
                  const p = goal.progress;
                  return (
                    <tr key={goal.id}>
                      <th scope="row">
                        {goal.statement}
                        <div style={{ fontWeight: 'normal' }}>{goal.measureLabel}</div>
                      </th>
                      <td>
                        <GoalStatusTag status={goalStatus(goal)} />
                      </td>
                      <td>
                        {formatValue(goal.baseline.value, goal.unit)} in {formatSchoolYear(goal.baseline.year)}
                      </td>
                      <td>
                        {formatValue(goal.target.value, goal.unit)} in {formatSchoolYear(goal.target.year)}
                      </td>
                      <td>
                        {p === null
                          ? 'Tracked by the team'
                          : p.latest === null
                            ? `None reported after ${formatSchoolYear(goal.baseline.year)}`
                            : `${formatValue(p.latest.value, goal.unit)} in ${formatSchoolYear(p.latest.year)}`}
                      </td>
                      <td>{p === null ? '—' : formatValue(p.expected, goal.unit)}</td>
                      <td>{p === null ? '—' : formatGap(p.gap, goal.unit)}</td>
                      <td>
                        {p === null || p.remaining === null
                          ? '—'
                          : p.remaining <= 0
                            ? 'Reached'
                            : formatValue(p.remaining, goal.unit === 'percent' ? 'points' : goal.unit)}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </Table>
          </ScrollRegion>
          <p className="usa-hint ssos-readable">
            A goal is on track when its latest value is on or ahead of the straight line from the baseline to the
            target, or behind it by no more than {tolerancePct}% of the planned change; met when it reaches the target.
            Progress is worked out from the latest indicator data each time the page is read. Goals on a local measure
            are tracked by the team.
          </p>
        </>
      )}
    </>
  );
}
