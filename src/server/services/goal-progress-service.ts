import { AppError } from '../../core/errors.ts';
import { isOrgInScope } from '../../core/access/roles.ts';
import { actionStepStatuses, benchmarkStatuses } from '../../core/plans/template.ts';
import { countProgress, evaluateGoalProgress, type GoalProgress, type YearValue } from '../../core/plans/progress.ts';
import type { RequestContext } from '../context.ts';
import type { Db } from '../db/client.ts';
import { getSetting, putSetting } from '../db/repositories/catalog-repository.ts';
import { findOrgPlacement } from '../db/repositories/org-repository.ts';
import * as repo from '../db/repositories/plan-repository.ts';
import type { PlanDashboard, ProgressSettings, RegionPlans } from '../api/plans.ts';
import { writeAudit } from './audit-service.ts';
import { goalMeasure, presentPlanSummary, readablePlan } from './plan-service.ts';

/**
 * Goal progress is computed on read from the current indicator values, never stored: whatever import last wrote
 * indicator_values (the DESE importer, the synthetic generator, Ed-Fi aggregates) shows on the next read, with no
 * hook into the importers and nothing to go stale.
 */

/** The settings key of the on-track tolerance. */
export const PROGRESS_TOLERANCE_SETTING = 'plans.progress_tolerance';

/**
 * The default on-track tolerance: a goal whose latest value lags its trajectory by no more than 10% of the planned
 * change |target - baseline| is on track. An ssos choice [unconfirmed: the state sets none]; a state administrator
 * changes it with PUT /api/plans/settings/progress.
 */
export const DEFAULT_PROGRESS_TOLERANCE = 0.1;

/** How many days ahead an action step counts as due soon on the dashboard. */
export const DUE_SOON_DAYS = 30;

/** The on-track tolerance in force. */
export async function progressTolerance(db: Db): Promise<number> {
  const value = await getSetting(db.kysely, PROGRESS_TOLERANCE_SETTING);
  return typeof value === 'number' && value >= 0 && value <= 1 ? value : DEFAULT_PROGRESS_TOLERANCE;
}

/** The progress settings in force. */
export async function getProgressSettings(db: Db): Promise<ProgressSettings> {
  return { tolerance: await progressTolerance(db) };
}

/** Changes the on-track tolerance (state administrators). Audited. */
export async function setProgressSettings(ctx: RequestContext, body: ProgressSettings): Promise<ProgressSettings> {
  const before = await progressTolerance(ctx.db);
  await putSetting(ctx.db.kysely, PROGRESS_TOLERANCE_SETTING, body.tolerance);
  await writeAudit(ctx, {
    action: 'update',
    resourceType: 'setting',
    resourceId: PROGRESS_TOLERANCE_SETTING,
    detail: { before, after: body.tolerance },
  });
  return { tolerance: body.tolerance };
}

/**
 * Evaluates goals against the indicator values stored now. Goals on a local measure get null (not linked to data).
 * `orgOf` gives each goal's plan's organization id.
 */
export async function evaluateGoals(
  db: Db,
  goals: readonly repo.GoalRow[],
  orgOf: (planId: number) => number,
  tolerance: number,
): Promise<Map<number, GoalProgress | null>> {
  const linked = goals.filter((g) => g.indicator_code !== null);
  const keyOf = (org: number, code: string, group: string) => `${org}|${code}|${group}`;
  const rows = await repo.listSeriesValues(
    db.kysely,
    linked.map((g) => ({ orgId: orgOf(g.plan_id), indicatorCode: g.indicator_code!, studentGroup: g.student_group! })),
  );
  const series = new Map<string, YearValue[]>();
  for (const r of rows) {
    const k = keyOf(r.org_id, r.indicator_code, r.student_group);
    const list = series.get(k) ?? [];
    list.push({ year: r.school_year, value: r.value });
    series.set(k, list);
  }
  const out = new Map<number, GoalProgress | null>();
  for (const g of goals) {
    if (g.indicator_code === null) {
      out.set(g.id, null);
      continue;
    }
    const values = series.get(keyOf(orgOf(g.plan_id), g.indicator_code, g.student_group!)) ?? [];
    out.set(
      g.id,
      evaluateGoalProgress(
        {
          direction: goalMeasure(g).direction,
          baseline: { value: g.baseline_value, year: g.baseline_year },
          target: { value: g.target_value, year: g.target_year },
        },
        values,
        tolerance,
      ),
    );
  }
  return out;
}

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** A plan's dashboard: each goal's status with its numbers, action steps due and overdue, benchmark status. */
export async function planDashboard(ctx: RequestContext, id: number): Promise<PlanDashboard> {
  const { row } = await readablePlan(ctx, id);
  const q = ctx.db.kysely;
  const [goals, steps, benchmarks, tolerance] = await Promise.all([
    repo.listGoals(q, [id]),
    repo.listActionSteps(q, id),
    repo.listBenchmarks(q, id),
    progressTolerance(ctx.db),
  ]);
  const progress = await evaluateGoals(ctx.db, goals, () => row.org_id, tolerance);
  const today = isoDay(ctx.now);
  const soon = isoDay(new Date(ctx.now.getTime() + DUE_SOON_DAYS * 86_400_000));
  const stepsByStatus = Object.fromEntries(actionStepStatuses.map((s) => [s, 0])) as Record<
    (typeof actionStepStatuses)[number],
    number
  >;
  let dueSoon = 0;
  let overdue = 0;
  for (const s of steps) {
    stepsByStatus[s.status as keyof typeof stepsByStatus]++;
    if (s.status === 'done') continue;
    if (s.due_date < today) overdue++;
    else if (s.due_date <= soon) dueSoon++;
  }
  const benchmarksByStatus = Object.fromEntries(benchmarkStatuses.map((s) => [s, 0])) as Record<
    (typeof benchmarkStatuses)[number],
    number
  >;
  let benchmarksOverdue = 0;
  for (const b of benchmarks) {
    benchmarksByStatus[b.status as keyof typeof benchmarksByStatus]++;
    if ((b.status === 'not_started' || b.status === 'in_progress') && b.due_date < today) benchmarksOverdue++;
  }
  return {
    plan: presentPlanSummary(row),
    asOf: today,
    tolerance,
    goals: goals.map((g) => {
      const m = goalMeasure(g);
      return {
        id: g.id,
        statement: g.statement,
        measureLabel: m.label,
        indicatorCode: g.indicator_code,
        studentGroup: g.student_group,
        unit: m.unit,
        direction: m.direction,
        baseline: { value: g.baseline_value, year: g.baseline_year },
        target: { value: g.target_value, year: g.target_year, date: g.target_date },
        progress: progress.get(g.id) ?? null,
      };
    }),
    goalCounts: countProgress(goals.map((g) => progress.get(g.id)?.status ?? null)),
    actionSteps: { total: steps.length, byStatus: stepsByStatus, dueSoon, overdue },
    benchmarks: { total: benchmarks.length, byStatus: benchmarksByStatus, overdue: benchmarksOverdue },
  };
}

/** The plans of a region's districts and schools, each with its goal status counts (the regional caseload). */
export async function regionPlans(ctx: RequestContext, regionCode: string): Promise<RegionPlans> {
  if (!ctx.user) throw new AppError('not_signed_in');
  const region = await ctx.db.kysely
    .selectFrom('organizations')
    .select(['id', 'code', 'name', 'level'])
    .where('code', '=', regionCode)
    .executeTakeFirst();
  if (!region || region.level !== 'region') throw new AppError('not_found', `There is no region ${regionCode}`);
  const placement = await findOrgPlacement(ctx.db.kysely, region.code);
  if (!placement || !isOrgInScope({ level: ctx.user.scope.level, orgCode: ctx.user.scope.orgCode }, placement))
    throw new AppError('out_of_scope');
  const plans = await repo.listPlans(ctx.db.kysely, { regionCode: region.code });
  const goals = await repo.listGoals(
    ctx.db.kysely,
    plans.map((p) => p.id),
  );
  const orgByPlan = new Map(plans.map((p) => [p.id, p.org_id]));
  const tolerance = await progressTolerance(ctx.db);
  const progress = await evaluateGoals(ctx.db, goals, (planId) => orgByPlan.get(planId)!, tolerance);
  return {
    region: { code: region.code, name: region.name, level: 'region' },
    tolerance,
    items: plans.map((p) => ({
      ...presentPlanSummary(p),
      goalCounts: countProgress(goals.filter((g) => g.plan_id === p.id).map((g) => progress.get(g.id)?.status ?? null)),
    })),
  };
}
