import type { Kysely } from 'kysely';
import { AppError } from '../../core/errors.ts';
import { isOrgInScope, type OrgPlacement, type Role } from '../../core/access/roles.ts';
import { normalizeOrgCode, type OrgLevel } from '../../core/orgs/organization.ts';
import type { IndicatorDirection } from '../../core/indicators/indicator.ts';
import { diffFields, type FieldChange } from '../../core/plans/history.ts';
import { checkSmartGoal, schoolYearLabel } from '../../core/plans/smart-goal.ts';
import {
  blockFields,
  checkCover,
  emptyBlocks,
  emptyCover,
  turnaroundPractices,
  type PlanBlock,
  type PlanCover,
  type PracticeKey,
} from '../../core/plans/template.ts';
import {
  acceptsProgressUpdates,
  actionActor,
  editRefusal,
  isEditable,
  transition,
  type PlanAction,
  type PlanStatus,
} from '../../core/plans/workflow.ts';
import type { AuthUser, RequestContext } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { findOrgPlacement } from '../db/repositories/org-repository.ts';
import * as repo from '../db/repositories/plan-repository.ts';
import { isUniqueViolation } from '../ingest/bulk-load.ts';
import type {
  ActionStepBody,
  ActionStepPatch,
  ApproveBody,
  BenchmarkBody,
  BenchmarkPatch,
  CommentBody,
  GoalBody,
  GoalPatch,
  Plan,
  PlanActionStep,
  PlanBenchmark,
  PlanCreateBody,
  PlanGoal,
  PlanHistory,
  PlanList,
  PlanListQuery,
  PlanSummary,
  PlanUpdateBody,
  ReturnBody,
} from '../api/plans.ts';
import { writeAudit } from './audit-service.ts';

type Q = Kysely<Database>;
type Placement = OrgPlacement & { id: number; level: OrgLevel };

/** Roles of a plan's own team: they write and submit it, within their scope. */
const TEAM_ROLES: readonly Role[] = ['school_leader', 'district_leader'];
/** Roles that review plans: regional staff within their region, state staff everywhere. */
const REVIEWER_ROLES: readonly Role[] = ['regional_staff', 'state_staff', 'state_admin'];

function requireUser(ctx: RequestContext): AuthUser {
  if (!ctx.user) throw new AppError('not_signed_in');
  return ctx.user;
}

function inScope(user: AuthUser, placement: OrgPlacement): boolean {
  return isOrgInScope({ level: user.scope.level, orgCode: user.scope.orgCode }, placement);
}

/** Whether the user is on the plan's team (a school or district leader whose scope holds the plan's organization). */
function isTeam(user: AuthUser, placement: OrgPlacement): boolean {
  return TEAM_ROLES.includes(user.role) && inScope(user, placement);
}

/** Whether the user reviews the plan (regional staff of its region, or state staff). */
function isReviewer(user: AuthUser, placement: OrgPlacement): boolean {
  return REVIEWER_ROLES.includes(user.role) && inScope(user, placement);
}

function requireRead(user: AuthUser, placement: OrgPlacement): void {
  if (user.role === 'vendor') throw new AppError('forbidden', 'Site-visit vendors do not have access to plans');
  if (!inScope(user, placement)) throw new AppError('out_of_scope');
}

function requireTeam(user: AuthUser, placement: OrgPlacement): void {
  if (!TEAM_ROLES.includes(user.role))
    throw new AppError(
      'forbidden',
      "Only the plan's school or district team (school and district leaders) write and submit plans; reviewers comment, return or approve",
    );
  if (!inScope(user, placement)) throw new AppError('out_of_scope');
}

function requireReviewer(user: AuthUser, placement: OrgPlacement): void {
  if (!REVIEWER_ROLES.includes(user.role))
    throw new AppError(
      'forbidden',
      "Only regional staff of the plan's region and state staff comment on, return or approve plans",
    );
  if (!inScope(user, placement)) throw new AppError('out_of_scope');
}

async function placementOf(q: Q, orgCode: string): Promise<Placement> {
  const placement = await findOrgPlacement(q, orgCode);
  if (!placement) throw new AppError('not_found', `No organization has the code ${orgCode}`);
  return placement;
}

function periodLabel(start: number, end: number): string {
  return start === end ? schoolYearLabel(start) : `${schoolYearLabel(start)} to ${schoolYearLabel(end)}`;
}

function presentSummary(r: repo.PlanRow): PlanSummary {
  return {
    id: r.id,
    org: { code: r.org_code, name: r.org_name, level: r.org_level as PlanSummary['org']['level'] },
    regionCode: r.region_code,
    kind: r.kind,
    title: r.title,
    startYear: r.start_year,
    endYear: r.end_year,
    status: r.status,
    updatedAt: r.updated_at.toISOString(),
    submittedAt: r.submitted_at ? new Date(r.submitted_at).toISOString() : null,
    approvedAt: r.approved_at ? new Date(r.approved_at).toISOString() : null,
  };
}

/** A plan's summary as lists show it (also the dashboard and the regional caseload). */
export { presentSummary as presentPlanSummary };

/** The measure's label, unit and direction: the catalog indicator's (and group), or the local measure's. */
export function goalMeasure(g: repo.GoalRow): {
  label: string;
  unit: string;
  direction: 'higher_is_better' | 'lower_is_better';
} {
  if (g.indicator_code !== null) {
    const group = g.student_group && g.student_group !== 'all' ? ` (${g.student_group_label ?? g.student_group})` : '';
    return {
      label: `${g.indicator_label ?? g.indicator_code}${group}`,
      unit: g.indicator_unit ?? '',
      // A goal cannot be saved on a context indicator, so the catalog direction is one of the two.
      direction: g.indicator_direction as 'higher_is_better' | 'lower_is_better',
    };
  }
  return { label: g.local_measure_name ?? '', unit: g.local_measure_unit ?? '', direction: g.local_measure_direction! };
}

function presentGoal(g: repo.GoalRow): PlanGoal {
  const m = goalMeasure(g);
  return {
    id: g.id,
    practice: g.practice as PracticeKey | null,
    statement: g.statement,
    indicatorCode: g.indicator_code,
    studentGroup: g.student_group,
    localMeasure:
      g.local_measure_name !== null
        ? { name: g.local_measure_name, unit: g.local_measure_unit ?? '', direction: g.local_measure_direction! }
        : null,
    measureLabel: m.label,
    unit: m.unit,
    direction: m.direction,
    baselineValue: g.baseline_value,
    baselineYear: g.baseline_year,
    targetValue: g.target_value,
    targetYear: g.target_year,
    targetDate: g.target_date,
    owner: g.owner,
  };
}

function presentBenchmark(b: repo.BenchmarkRow): PlanBenchmark {
  return {
    id: b.id,
    goalId: b.goal_id,
    kind: b.kind,
    description: b.description,
    measure: b.measure,
    dueDate: b.due_date,
    status: b.status as PlanBenchmark['status'],
  };
}

function presentActionStep(a: repo.ActionStepRow): PlanActionStep {
  return {
    id: a.id,
    goalId: a.goal_id,
    practice: a.practice as PracticeKey | null,
    description: a.description,
    owner: a.owner,
    dueDate: a.due_date,
    status: a.status as PlanActionStep['status'],
  };
}

/** The sections of a plan as the template has them, for display and for field-level history. */
function sectionsOf(r: repo.PlanRow) {
  const blocks = emptyBlocks();
  for (const p of turnaroundPractices) Object.assign(blocks[p.key], r.blocks[p.key] ?? {});
  return {
    title: r.title,
    cover: { ...emptyCover(), ...r.cover } as PlanCover,
    executiveSummary: r.executive_summary,
    financialPlan: r.financial_plan,
    blocks,
    stakeholders: r.stakeholders,
  };
}

/** Without the id: what history compares. */
function withoutId<T extends { id: number }>(x: T): Omit<T, 'id'> {
  const { id: _id, ...rest } = x;
  return rest;
}

async function loadPlan(q: Q, id: number): Promise<repo.PlanRow> {
  const row = await repo.findPlan(q, id);
  if (!row) throw new AppError('not_found', `There is no plan ${id}`);
  return row;
}

/** Loads a plan the user may read, with where its organization sits; refuses vendors and users out of scope. */
export async function readablePlan(
  ctx: RequestContext,
  id: number,
): Promise<{ row: repo.PlanRow; placement: Placement; user: AuthUser }> {
  const user = requireUser(ctx);
  const row = await loadPlan(ctx.db.kysely, id);
  const placement = await placementOf(ctx.db.kysely, row.org_code);
  requireRead(user, placement);
  return { row, placement, user };
}

async function planDocument(q: Q, id: number, user: AuthUser, placement: Placement): Promise<Plan> {
  const row = await loadPlan(q, id);
  const [goals, benchmarks, steps, comments] = await Promise.all([
    repo.listGoals(q, [id]),
    repo.listBenchmarks(q, id),
    repo.listActionSteps(q, id),
    repo.listComments(q, id),
  ]);
  const status = row.status as PlanStatus;
  const team = isTeam(user, placement);
  const reviewer = isReviewer(user, placement);
  const s = sectionsOf(row);
  return {
    ...presentSummary(row),
    cover: s.cover,
    executiveSummary: s.executiveSummary,
    financialPlan: s.financialPlan,
    practices: turnaroundPractices.map((p) => ({ key: p.key, number: p.number, title: p.title })),
    blocks: s.blocks,
    stakeholders: s.stakeholders,
    goals: goals.map(presentGoal),
    benchmarks: benchmarks.map(presentBenchmark),
    actionSteps: steps.map(presentActionStep),
    comments: comments.map((c) => ({
      id: c.id,
      practice: c.practice as PracticeKey | null,
      author: c.author_id !== null ? { id: c.author_id, name: c.author_name ?? '', role: c.author_role ?? '' } : null,
      strength: c.strength,
      improvement: c.improvement,
      guidingQuestions: c.guiding_questions,
      expectedOutcomes: c.expected_outcomes,
      nextSteps: c.next_steps,
      planStatus: c.plan_status as PlanStatus,
      createdAt: c.created_at.toISOString(),
    })),
    permissions: {
      edit: team && isEditable(status),
      submit: team && transition(status, 'submit').ok,
      review: reviewer && status === 'submitted',
      comment: reviewer,
    },
  };
}

/** The plans the user may see, narrowed by organization, status and year. Vendors see none. */
export async function listPlans(ctx: RequestContext, query: PlanListQuery): Promise<PlanList> {
  const user = requireUser(ctx);
  if (user.role === 'vendor') throw new AppError('forbidden', 'Site-visit vendors do not have access to plans');
  let orgId: number | undefined;
  if (query.org !== undefined) {
    const code = normalizeOrgCode(query.org);
    const placement = code ? await findOrgPlacement(ctx.db.kysely, code) : undefined;
    if (!placement) throw new AppError('validation_failed', `No organization has the code ${query.org}`, 'org');
    if (!inScope(user, placement)) throw new AppError('out_of_scope');
    orgId = placement.id;
  }
  const level = user.scope.level;
  const rows = await repo.listPlans(ctx.db.kysely, {
    within:
      level === 'region' || level === 'district' || level === 'school'
        ? { level, orgId: user.scope.orgId, orgCode: user.scope.orgCode }
        : undefined,
    orgId,
    status: query.status,
    year: query.year,
  });
  return { items: rows.map(presentSummary) };
}

/** One plan, whole, as the template lays it out. Audited: it names people (stakeholders, owners). */
export async function getPlan(ctx: RequestContext, id: number): Promise<Plan> {
  const { row, placement, user } = await readablePlan(ctx, id);
  await writeAudit(ctx, { action: 'read', resourceType: 'plan', resourceId: String(id), orgId: row.org_id });
  return planDocument(ctx.db.kysely, id, user, placement);
}

/** One change to record in a plan's history and the audit log. */
interface Change {
  event: string;
  entity: repo.HistoryValues['entity'];
  entityId: number | null;
  changes: FieldChange[];
}

/**
 * Runs a change to a plan in one transaction with the plan's row locked: checks who may make it, lets `work`
 * check the status and write, appends the history, then writes the audit log and returns the plan as it is now.
 */
async function changePlan(
  ctx: RequestContext,
  id: number,
  who: 'team' | 'reviewer',
  work: (trx: Q, plan: repo.PlanRow, status: PlanStatus) => Promise<Change[]>,
): Promise<Plan> {
  const user = requireUser(ctx);
  const { plan, placement, changes } = await ctx.db.kysely.transaction().execute(async (trx) => {
    if (!(await repo.lockPlan(trx, id))) throw new AppError('not_found', `There is no plan ${id}`);
    const plan = await loadPlan(trx, id);
    const placement = await placementOf(trx, plan.org_code);
    requireRead(user, placement);
    if (who === 'team') requireTeam(user, placement);
    else requireReviewer(user, placement);
    const changes = await work(trx, plan, plan.status as PlanStatus);
    for (const c of changes)
      await repo.insertHistory(trx, { planId: id, at: ctx.now, userId: user.id, userEmail: user.email, ...c });
    return { plan, placement, changes };
  });
  // A request that changed nothing still showed the plan (it names people): audited as a read.
  if (changes.length === 0)
    await writeAudit(ctx, { action: 'read', resourceType: 'plan', resourceId: String(id), orgId: plan.org_id });
  for (const c of changes)
    await writeAudit(ctx, {
      action: c.event.endsWith('_delete') ? 'delete' : c.event.endsWith('_create') ? 'create' : 'update',
      resourceType: 'plan',
      resourceId: String(id),
      orgId: plan.org_id,
      detail: { event: c.event, entity: c.entity, entityId: c.entityId, changes: c.changes },
    });
  return planDocument(ctx.db.kysely, id, user, placement);
}

function refuseBadCover(cover: PlanCover): void {
  const problem = checkCover(cover);
  if (problem) throw new AppError('validation_failed', problem.message, problem.field);
}

function refuseUnlessEditable(status: PlanStatus, what: string): void {
  const refusal = editRefusal(status, what);
  if (refusal) throw new AppError('conflict', refusal);
}

/** Starts a plan for a school or district and a period, from the state template. Audited. */
export async function createPlan(ctx: RequestContext, body: PlanCreateBody): Promise<Plan> {
  const user = requireUser(ctx);
  const code = normalizeOrgCode(body.orgCode);
  const placement = code ? await findOrgPlacement(ctx.db.kysely, code) : undefined;
  if (!placement) throw new AppError('validation_failed', `No organization has the code ${body.orgCode}`, 'orgCode');
  if (placement.level !== 'school' && placement.level !== 'district')
    throw new AppError('validation_failed', 'Plans are written by a school or a district', 'orgCode');
  requireTeam(user, placement);
  refuseBadPeriod(body.startYear, body.endYear);
  const cover = { ...emptyCover(), ...body.cover };
  refuseBadCover(cover);
  const sections = {
    title: body.title,
    cover,
    executiveSummary: body.executiveSummary ?? '',
    financialPlan: body.financialPlan ?? '',
    blocks: emptyBlocks(),
    stakeholders: body.stakeholders ?? [],
  };
  let id: number;
  try {
    id = await ctx.db.kysely.transaction().execute(async (trx) => {
      const id = await repo.insertPlan(trx, {
        orgId: placement.id,
        kind: body.kind,
        startYear: body.startYear,
        endYear: body.endYear,
        createdBy: user.id,
        ...sections,
      });
      await repo.insertHistory(trx, {
        planId: id,
        at: ctx.now,
        userId: user.id,
        userEmail: user.email,
        event: 'plan_create',
        entity: 'plan',
        entityId: id,
        changes: diffFields(null, {
          status: 'draft',
          kind: body.kind,
          startYear: body.startYear,
          endYear: body.endYear,
          ...sections,
        }),
      });
      return id;
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    throw await duplicatePeriod(ctx.db.kysely, placement.id, body.kind, body.startYear, body.endYear);
  }
  await writeAudit(ctx, {
    action: 'create',
    resourceType: 'plan',
    resourceId: String(id),
    orgId: placement.id,
    detail: { event: 'plan_create', kind: body.kind, startYear: body.startYear, endYear: body.endYear },
  });
  return planDocument(ctx.db.kysely, id, user, placement);
}

/** Refuses a period that ends before it starts (400 naming `endYear`). */
function refuseBadPeriod(startYear: number, endYear: number): void {
  if (endYear < startYear)
    throw new AppError(
      'validation_failed',
      `The period must end (${schoolYearLabel(endYear)}) in or after the year it starts (${schoolYearLabel(startYear)})`,
      'endYear',
    );
}

/** The refusal of a second plan of one kind for an organization and period, naming the plan that holds it. */
async function duplicatePeriod(
  q: Q,
  orgId: number,
  kind: string,
  startYear: number,
  endYear: number,
  except?: number,
): Promise<AppError> {
  const existing = (await repo.listPlans(q, { orgId, year: startYear })).find(
    (p) => p.kind === kind && p.start_year === startYear && p.end_year === endYear && p.id !== except,
  );
  return new AppError(
    'conflict',
    `There is already a ${kind} plan for this organization for ${periodLabel(startYear, endYear)}${existing ? ` (plan ${existing.id}, ${existing.status})` : ''}: open and revise it instead`,
  );
}

/** Changes the plan's period and sections (title, cover, executive summary, practice blocks, financial plan, stakeholders). */
export async function updatePlan(ctx: RequestContext, id: number, body: PlanUpdateBody): Promise<Plan> {
  try {
    return await changePlan(ctx, id, 'team', async (trx, plan, status) => {
      refuseUnlessEditable(status, 'The plan');
      const before = { startYear: plan.start_year, endYear: plan.end_year, ...sectionsOf(plan) };
      const blocks = structuredClone(before.blocks);
      for (const [key, patch] of Object.entries(body.blocks ?? {}) as [PracticeKey, Partial<PlanBlock>][])
        for (const f of blockFields) if (patch[f] !== undefined) blocks[key][f] = patch[f];
      const after = {
        title: body.title ?? before.title,
        startYear: body.startYear ?? before.startYear,
        endYear: body.endYear ?? before.endYear,
        cover: { ...before.cover, ...body.cover },
        executiveSummary: body.executiveSummary ?? before.executiveSummary,
        financialPlan: body.financialPlan ?? before.financialPlan,
        blocks,
        stakeholders: body.stakeholders ?? before.stakeholders,
      };
      refuseBadPeriod(after.startYear, after.endYear);
      refuseBadCover(after.cover);
      const changes = diffFields(before, after);
      if (changes.length === 0) return [];
      await repo.updatePlanSections(trx, id, after, ctx.now);
      return [{ event: 'plan_update', entity: 'plan', entityId: id, changes }];
    });
  } catch (err) {
    // Another plan of the same kind already covers the new period (plans_one_per_period).
    if (!isUniqueViolation(err)) throw err;
    const plan = await loadPlan(ctx.db.kysely, id);
    throw await duplicatePeriod(
      ctx.db.kysely,
      plan.org_id,
      plan.kind,
      body.startYear ?? plan.start_year,
      body.endYear ?? plan.end_year,
      id,
    );
  }
}

/** The goal fields a request can set, whole. */
type GoalInput = GoalBody;

function goalInputOf(g: PlanGoal): GoalInput {
  return {
    practice: g.practice,
    statement: g.statement,
    indicatorCode: g.indicatorCode,
    ...(g.studentGroup !== null ? { studentGroup: g.studentGroup } : {}),
    localMeasure: g.localMeasure,
    baselineValue: g.baselineValue,
    baselineYear: g.baselineYear,
    targetValue: g.targetValue,
    targetYear: g.targetYear,
    targetDate: g.targetDate,
    owner: g.owner,
  };
}

/** Resolves a goal's measure and checks that it is SMART; the values to write, or a 400 naming the field. */
async function checkedGoal(q: Q, orgId: number, input: GoalInput): Promise<repo.GoalValues> {
  const indicatorCode = input.indicatorCode ?? null;
  const local = input.localMeasure ?? null;
  if (indicatorCode !== null && local !== null)
    throw new AppError(
      'validation_failed',
      'A goal measures either a catalog indicator or a local measure, not both',
      'localMeasure',
    );
  if (indicatorCode === null && local === null)
    throw new AppError(
      'validation_failed',
      'Link the goal to a catalog indicator (indicatorCode) or describe a local measure (localMeasure)',
      'indicatorCode',
    );
  let measure: {
    label: string;
    unit: string;
    direction: IndicatorDirection;
    field: 'indicatorCode' | 'localMeasure.direction';
  };
  let studentGroup: string | null = null;
  if (indicatorCode !== null) {
    const indicator = await q
      .selectFrom('indicators')
      .select(['label', 'unit', 'direction'])
      .where('code', '=', indicatorCode)
      .executeTakeFirst();
    if (!indicator)
      throw new AppError('validation_failed', `There is no indicator ${indicatorCode} in the catalog`, 'indicatorCode');
    studentGroup = input.studentGroup ?? 'all';
    const group = await q
      .selectFrom('student_groups')
      .select('code')
      .where('code', '=', studentGroup)
      .executeTakeFirst();
    if (!group) throw new AppError('validation_failed', `There is no student group ${studentGroup}`, 'studentGroup');
    measure = {
      label: indicator.label,
      unit: indicator.unit,
      direction: indicator.direction as IndicatorDirection,
      field: 'indicatorCode',
    };
  } else {
    if (input.studentGroup !== undefined)
      throw new AppError('validation_failed', 'A local measure has no student group of the catalog', 'studentGroup');
    measure = { label: local!.name, unit: local!.unit, direction: local!.direction, field: 'localMeasure.direction' };
  }
  let baselineValue = input.baselineValue;
  if (baselineValue === undefined) {
    // An indicator's baseline can come from the data itself: the value stored for the baseline year.
    const stored =
      indicatorCode !== null
        ? await q
            .selectFrom('indicator_values')
            .select('value')
            .where('indicator_code', '=', indicatorCode)
            .where('org_id', '=', orgId)
            .where('student_group', '=', studentGroup!)
            .where('school_year', '=', input.baselineYear)
            .executeTakeFirst()
        : undefined;
    if (stored?.value === null || stored?.value === undefined)
      throw new AppError(
        'validation_failed',
        indicatorCode === null
          ? 'Enter the baseline value of the local measure'
          : `No value of ${measure.label} for ${schoolYearLabel(input.baselineYear)} is stored for this organization${stored ? ' (it was suppressed)' : ''}: enter the baseline value`,
        'baselineValue',
      );
    baselineValue = stored.value;
  }
  const problem = checkSmartGoal({
    measureLabel: measure.label,
    measureField: measure.field,
    direction: measure.direction,
    unit: measure.unit,
    baselineValue,
    baselineYear: input.baselineYear,
    targetValue: input.targetValue,
    targetYear: input.targetYear,
    targetDate: input.targetDate ?? null,
  });
  if (problem) throw new AppError('validation_failed', problem.message, problem.field);
  return {
    practice: input.practice ?? null,
    statement: input.statement,
    indicator_code: indicatorCode,
    student_group: studentGroup,
    local_measure_name: local?.name ?? null,
    local_measure_unit: local?.unit ?? null,
    local_measure_direction: local ? (local.direction as 'higher_is_better' | 'lower_is_better') : null,
    baseline_value: baselineValue,
    baseline_year: input.baselineYear,
    target_value: input.targetValue,
    target_year: input.targetYear,
    target_date: input.targetDate ?? null,
    owner: input.owner,
  };
}

async function loadGoal(q: Q, planId: number, goalId: number): Promise<PlanGoal> {
  const g = await repo.findGoal(q, planId, goalId);
  if (!g) throw new AppError('not_found', `Plan ${planId} has no goal ${goalId}`);
  return presentGoal(g);
}

/** Adds a SMART goal to a plan. */
export async function addGoal(ctx: RequestContext, id: number, body: GoalBody): Promise<Plan> {
  return changePlan(ctx, id, 'team', async (trx, plan, status) => {
    refuseUnlessEditable(status, 'The plan’s goals');
    const goalId = await repo.insertGoal(trx, id, await checkedGoal(trx, plan.org_id, body));
    const after = await loadGoal(trx, id, goalId);
    return [{ event: 'goal_create', entity: 'goal', entityId: goalId, changes: diffFields(null, withoutId(after)) }];
  });
}

/** Changes a goal; the whole goal is checked again. */
export async function updateGoal(ctx: RequestContext, id: number, goalId: number, patch: GoalPatch): Promise<Plan> {
  return changePlan(ctx, id, 'team', async (trx, plan, status) => {
    refuseUnlessEditable(status, 'The plan’s goals');
    const before = await loadGoal(trx, id, goalId);
    const input: GoalInput = { ...goalInputOf(before), ...patch };
    // Switching the measure from an indicator to a local measure (or back) drops the other one.
    if (patch.indicatorCode && patch.localMeasure === undefined) input.localMeasure = null;
    if (patch.localMeasure && patch.indicatorCode === undefined) {
      input.indicatorCode = null;
      if (patch.studentGroup === undefined) delete input.studentGroup;
    }
    await repo.updateGoal(trx, goalId, await checkedGoal(trx, plan.org_id, input));
    const changes = diffFields(withoutId(before), withoutId(await loadGoal(trx, id, goalId)));
    return changes.length > 0 ? [{ event: 'goal_update', entity: 'goal', entityId: goalId, changes }] : [];
  });
}

/** Removes a goal from a plan. */
export async function deleteGoal(ctx: RequestContext, id: number, goalId: number): Promise<Plan> {
  return changePlan(ctx, id, 'team', async (trx, _plan, status) => {
    refuseUnlessEditable(status, 'The plan’s goals');
    const before = await loadGoal(trx, id, goalId);
    await repo.deleteGoal(trx, goalId);
    return [{ event: 'goal_delete', entity: 'goal', entityId: goalId, changes: diffFields(withoutId(before), null) }];
  });
}

async function checkGoalLink(q: Q, planId: number, goalId: number | null | undefined): Promise<void> {
  if (goalId === null || goalId === undefined) return;
  if (!(await repo.findGoal(q, planId, goalId)))
    throw new AppError('validation_failed', `Plan ${planId} has no goal ${goalId}`, 'goalId');
}

/**
 * Refuses a change to a benchmark or action step the plan's status does not allow: content changes need a draft or
 * a returned plan; an approved plan still takes status updates (monitoring).
 */
function refuseProgressChange(status: PlanStatus, what: string, onlyStatus: boolean): void {
  if (isEditable(status)) return;
  if (onlyStatus && acceptsProgressUpdates(status)) return;
  const refusal = editRefusal(status, what)!;
  throw new AppError(
    'conflict',
    status === 'approved' ? `${refusal.slice(0, -1)}: only the status can be updated now.` : refusal,
  );
}

async function loadBenchmark(q: Q, planId: number, id: number): Promise<PlanBenchmark> {
  const b = await repo.findBenchmark(q, planId, id);
  if (!b) throw new AppError('not_found', `Plan ${planId} has no benchmark ${id}`);
  return presentBenchmark(b);
}

/** Adds an interim benchmark (for adults or students). */
export async function addBenchmark(ctx: RequestContext, id: number, body: BenchmarkBody): Promise<Plan> {
  return changePlan(ctx, id, 'team', async (trx, _plan, status) => {
    refuseUnlessEditable(status, 'The plan’s benchmarks');
    await checkGoalLink(trx, id, body.goalId);
    const bId = await repo.insertBenchmark(trx, id, {
      goal_id: body.goalId ?? null,
      kind: body.kind,
      description: body.description,
      measure: body.measure,
      due_date: body.dueDate,
      status: body.status ?? 'not_started',
    });
    const after = await loadBenchmark(trx, id, bId);
    return [
      { event: 'benchmark_create', entity: 'benchmark', entityId: bId, changes: diffFields(null, withoutId(after)) },
    ];
  });
}

/** Changes a benchmark; on an approved plan only its status. */
export async function updateBenchmark(
  ctx: RequestContext,
  id: number,
  bId: number,
  patch: BenchmarkPatch,
): Promise<Plan> {
  return changePlan(ctx, id, 'team', async (trx, _plan, status) => {
    refuseProgressChange(
      status,
      'The plan’s benchmarks',
      Object.keys(patch).every((k) => k === 'status'),
    );
    const before = await loadBenchmark(trx, id, bId);
    await checkGoalLink(trx, id, patch.goalId);
    const next = { ...before, ...patch };
    await repo.updateBenchmark(trx, bId, {
      goal_id: next.goalId ?? null,
      kind: next.kind,
      description: next.description,
      measure: next.measure,
      due_date: next.dueDate,
      status: next.status,
    });
    const changes = diffFields(withoutId(before), withoutId(await loadBenchmark(trx, id, bId)));
    return changes.length > 0 ? [{ event: 'benchmark_update', entity: 'benchmark', entityId: bId, changes }] : [];
  });
}

/** Removes a benchmark. */
export async function deleteBenchmark(ctx: RequestContext, id: number, bId: number): Promise<Plan> {
  return changePlan(ctx, id, 'team', async (trx, _plan, status) => {
    refuseUnlessEditable(status, 'The plan’s benchmarks');
    const before = await loadBenchmark(trx, id, bId);
    await repo.deleteBenchmark(trx, bId);
    return [
      { event: 'benchmark_delete', entity: 'benchmark', entityId: bId, changes: diffFields(withoutId(before), null) },
    ];
  });
}

async function loadActionStep(q: Q, planId: number, id: number): Promise<PlanActionStep> {
  const a = await repo.findActionStep(q, planId, id);
  if (!a) throw new AppError('not_found', `Plan ${planId} has no action step ${id}`);
  return presentActionStep(a);
}

/** Adds an action step with its owner and due date. */
export async function addActionStep(ctx: RequestContext, id: number, body: ActionStepBody): Promise<Plan> {
  return changePlan(ctx, id, 'team', async (trx, _plan, status) => {
    refuseUnlessEditable(status, 'The plan’s action steps');
    await checkGoalLink(trx, id, body.goalId);
    const aId = await repo.insertActionStep(trx, id, {
      goal_id: body.goalId ?? null,
      practice: body.practice ?? null,
      description: body.description,
      owner: body.owner,
      due_date: body.dueDate,
      status: body.status ?? 'not_started',
    });
    const after = await loadActionStep(trx, id, aId);
    return [
      {
        event: 'action_step_create',
        entity: 'action_step',
        entityId: aId,
        changes: diffFields(null, withoutId(after)),
      },
    ];
  });
}

/** Changes an action step; on an approved plan only its status. */
export async function updateActionStep(
  ctx: RequestContext,
  id: number,
  aId: number,
  patch: ActionStepPatch,
): Promise<Plan> {
  return changePlan(ctx, id, 'team', async (trx, _plan, status) => {
    refuseProgressChange(
      status,
      'The plan’s action steps',
      Object.keys(patch).every((k) => k === 'status'),
    );
    const before = await loadActionStep(trx, id, aId);
    await checkGoalLink(trx, id, patch.goalId);
    const next = { ...before, ...patch };
    await repo.updateActionStep(trx, aId, {
      goal_id: next.goalId ?? null,
      practice: next.practice ?? null,
      description: next.description,
      owner: next.owner,
      due_date: next.dueDate,
      status: next.status,
    });
    const changes = diffFields(withoutId(before), withoutId(await loadActionStep(trx, id, aId)));
    return changes.length > 0 ? [{ event: 'action_step_update', entity: 'action_step', entityId: aId, changes }] : [];
  });
}

/** Removes an action step. */
export async function deleteActionStep(ctx: RequestContext, id: number, aId: number): Promise<Plan> {
  return changePlan(ctx, id, 'team', async (trx, _plan, status) => {
    refuseUnlessEditable(status, 'The plan’s action steps');
    const before = await loadActionStep(trx, id, aId);
    await repo.deleteActionStep(trx, aId);
    return [
      {
        event: 'action_step_delete',
        entity: 'action_step',
        entityId: aId,
        changes: diffFields(withoutId(before), null),
      },
    ];
  });
}

/** Writes a coaching comment and returns its history entry. */
async function writeComment(
  trx: Q,
  planId: number,
  user: AuthUser,
  status: PlanStatus,
  body: CommentBody,
): Promise<Change> {
  const fields = {
    practice: body.practice ?? null,
    strength: body.strength ?? '',
    improvement: body.improvement ?? '',
    guidingQuestions: body.guidingQuestions ?? '',
    expectedOutcomes: body.expectedOutcomes ?? '',
    nextSteps: body.nextSteps ?? '',
  };
  if (
    ![fields.strength, fields.improvement, fields.guidingQuestions, fields.expectedOutcomes, fields.nextSteps].some(
      (t) => t !== '',
    )
  )
    throw new AppError(
      'validation_failed',
      'Write at least one part of the comment: a strength, one thing to improve, guiding questions, expected outcomes or next steps',
      'strength',
    );
  const cId = await repo.insertComment(trx, planId, {
    practice: fields.practice,
    author_id: user.id,
    strength: fields.strength,
    improvement: fields.improvement,
    guiding_questions: fields.guidingQuestions,
    expected_outcomes: fields.expectedOutcomes,
    next_steps: fields.nextSteps,
    plan_status: status,
  });
  return { event: 'comment_create', entity: 'comment', entityId: cId, changes: diffFields(null, fields) };
}

/** Adds a coaching comment on the plan or one practice block (regional or state staff, in any status). */
export async function addComment(ctx: RequestContext, id: number, body: CommentBody): Promise<Plan> {
  return changePlan(ctx, id, 'reviewer', async (trx, _plan, status) => [
    await writeComment(trx, id, requireUser(ctx), status, body),
  ]);
}

async function changeStatus(
  ctx: RequestContext,
  id: number,
  action: PlanAction,
  comment: CommentBody | undefined,
): Promise<Plan> {
  return changePlan(ctx, id, actionActor[action] === 'team' ? 'team' : 'reviewer', async (trx, _plan, status) => {
    const result = transition(status, action);
    if (!result.ok) throw new AppError('conflict', result.message);
    const changes: Change[] = [];
    // The comment is made on the plan as the reviewer read it (submitted), before the status changes.
    if (comment) changes.push(await writeComment(trx, id, requireUser(ctx), status, comment));
    await repo.updatePlanStatus(trx, id, result.to, ctx.now, requireUser(ctx).id);
    changes.push({
      event: action,
      entity: 'plan',
      entityId: id,
      changes: [{ field: 'status', before: status, after: result.to }],
    });
    return changes;
  });
}

/** The team submits the plan for review (from draft, or again once returned). */
export async function submitPlan(ctx: RequestContext, id: number): Promise<Plan> {
  return changeStatus(ctx, id, 'submit', undefined);
}

/** A reviewer returns a submitted plan to the team with a coaching comment saying what to revise. */
export async function returnPlan(ctx: RequestContext, id: number, body: ReturnBody): Promise<Plan> {
  return changeStatus(ctx, id, 'return', body.comment);
}

/** A reviewer approves a submitted plan, optionally with a coaching comment. */
export async function approvePlan(ctx: RequestContext, id: number, body: ApproveBody): Promise<Plan> {
  return changeStatus(ctx, id, 'approve', body.comment);
}

/** Every change to a plan, oldest first: who, when, what (field-level before/after). Audited. */
export async function planHistory(ctx: RequestContext, id: number): Promise<PlanHistory> {
  const { row } = await readablePlan(ctx, id);
  const rows = await repo.listHistory(ctx.db.kysely, id);
  await writeAudit(ctx, { action: 'read', resourceType: 'plan_history', resourceId: String(id), orgId: row.org_id });
  return {
    items: rows.map((h) => ({
      id: Number(h.id),
      at: h.at.toISOString(),
      user: { id: h.user_id, email: h.user_email },
      event: h.event,
      entity: h.entity,
      entityId: h.entity_id,
      changes: h.changes,
    })),
  };
}
