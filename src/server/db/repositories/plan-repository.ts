import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import type { FieldChange } from '../../../core/plans/history.ts';

type Q = Kysely<Database>;

/** The columns of a plan with its organization and region (a school's region is its district's). */
function planQuery(db: Q) {
  return db
    .selectFrom('plans as pl')
    .innerJoin('organizations as o', 'o.id', 'pl.org_id')
    .leftJoin('organizations as p', 'p.id', 'o.parent_id')
    .leftJoin('organizations as r', (join) => join.on(sql`r.id`, '=', sql`coalesce(o.region_id, p.region_id)`))
    .select([
      'pl.id',
      'pl.org_id',
      'o.code as org_code',
      'o.name as org_name',
      'o.level as org_level',
      'r.code as region_code',
      'pl.kind',
      'pl.title',
      'pl.start_year',
      'pl.end_year',
      'pl.status',
      'pl.cover',
      'pl.executive_summary',
      'pl.financial_plan',
      'pl.blocks',
      'pl.stakeholders',
      'pl.updated_at',
      'pl.submitted_at',
      'pl.approved_at',
    ]);
}

/** A plan row as services get it. */
export type PlanRow = Awaited<ReturnType<ReturnType<typeof planQuery>['executeTakeFirstOrThrow']>>;

/** The plan with this id, or undefined. */
export async function findPlan(db: Q, id: number): Promise<PlanRow | undefined> {
  return planQuery(db).where('pl.id', '=', id).executeTakeFirst();
}

/** Locks a plan's row for the rest of the transaction (status checks and changes must not interleave). */
export async function lockPlan(db: Q, id: number): Promise<boolean> {
  const row = await db.selectFrom('plans').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  return row !== undefined;
}

/** What plan lists can be narrowed by. */
export interface PlanFilter {
  /** Only plans within a user's scope: a region (by code), a district and its schools, or a school (by id). */
  within?: { level: 'region' | 'district' | 'school'; orgId: number | null; orgCode: string | null } | undefined;
  orgId?: number | undefined;
  regionCode?: string | undefined;
  status?: string | undefined;
  year?: number | undefined;
}

/** Plans matching a filter, by organization name and period. */
export async function listPlans(db: Q, filter: PlanFilter): Promise<PlanRow[]> {
  let q = planQuery(db);
  const w = filter.within;
  if (w?.level === 'region') q = q.where('r.code', '=', w.orgCode ?? '');
  if (w?.level === 'district')
    q = q.where((eb) => eb.or([eb('o.id', '=', w.orgId ?? -1), eb('o.parent_id', '=', w.orgId ?? -1)]));
  if (w?.level === 'school') q = q.where('o.id', '=', w.orgId ?? -1);
  if (filter.orgId !== undefined) q = q.where('pl.org_id', '=', filter.orgId);
  if (filter.regionCode !== undefined) q = q.where('r.code', '=', filter.regionCode);
  if (filter.status !== undefined) q = q.where('pl.status', '=', filter.status as PlanRow['status']);
  if (filter.year !== undefined)
    q = q.where('pl.start_year', '<=', filter.year).where('pl.end_year', '>=', filter.year);
  return q.orderBy('o.name').orderBy('pl.start_year', 'desc').orderBy('pl.id').execute();
}

/** Inserts a plan; returns its id. */
export async function insertPlan(
  db: Q,
  values: {
    orgId: number;
    kind: 'turnaround' | 'improvement';
    title: string;
    startYear: number;
    endYear: number;
    cover: object;
    executiveSummary: string;
    financialPlan: string;
    blocks: Record<string, Record<string, string>>;
    stakeholders: { name: string; role: string }[];
    createdBy: number | null;
  },
): Promise<number> {
  const row = await db
    .insertInto('plans')
    .values({
      org_id: values.orgId,
      kind: values.kind,
      title: values.title,
      start_year: values.startYear,
      end_year: values.endYear,
      cover: JSON.stringify(values.cover),
      executive_summary: values.executiveSummary,
      financial_plan: values.financialPlan,
      blocks: JSON.stringify(values.blocks),
      stakeholders: JSON.stringify(values.stakeholders),
      created_by: values.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Changes a plan's sections. */
export async function updatePlanSections(
  db: Q,
  id: number,
  set: {
    title: string;
    startYear: number;
    endYear: number;
    cover: object;
    executiveSummary: string;
    financialPlan: string;
    blocks: Record<string, Record<string, string>>;
    stakeholders: { name: string; role: string }[];
  },
  now: Date,
): Promise<void> {
  await db
    .updateTable('plans')
    .set({
      title: set.title,
      start_year: set.startYear,
      end_year: set.endYear,
      cover: JSON.stringify(set.cover),
      executive_summary: set.executiveSummary,
      financial_plan: set.financialPlan,
      blocks: JSON.stringify(set.blocks),
      stakeholders: JSON.stringify(set.stakeholders),
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}

/** Sets a plan's status, stamping when it was submitted or approved. */
export async function updatePlanStatus(
  db: Q,
  id: number,
  status: 'draft' | 'submitted' | 'returned' | 'approved',
  now: Date,
  userId: number | null,
): Promise<void> {
  await db
    .updateTable('plans')
    .set({
      status,
      updated_at: now,
      ...(status === 'submitted' ? { submitted_at: now } : {}),
      ...(status === 'approved' ? { approved_at: now, approved_by: userId } : {}),
    })
    .where('id', '=', id)
    .execute();
}

/** Marks a plan as changed now (a goal, benchmark or action step changed). */
export async function touchPlan(db: Q, id: number, now: Date): Promise<void> {
  await db.updateTable('plans').set({ updated_at: now }).where('id', '=', id).execute();
}

function goalQuery(db: Q) {
  return db
    .selectFrom('plan_goals as g')
    .leftJoin('indicators as i', 'i.code', 'g.indicator_code')
    .leftJoin('student_groups as sg', 'sg.code', 'g.student_group')
    .select([
      'g.id',
      'g.plan_id',
      'g.practice',
      'g.statement',
      'g.indicator_code',
      'g.student_group',
      'g.local_measure_name',
      'g.local_measure_unit',
      'g.local_measure_direction',
      'g.baseline_value',
      'g.baseline_year',
      'g.target_value',
      'g.target_year',
      sql<string | null>`to_char(g.target_date, 'YYYY-MM-DD')`.as('target_date'),
      'g.owner',
      'i.label as indicator_label',
      'i.unit as indicator_unit',
      'i.direction as indicator_direction',
      'sg.label as student_group_label',
    ]);
}

/** A goal row with its indicator's label, unit and direction. */
export type GoalRow = Awaited<ReturnType<ReturnType<typeof goalQuery>['executeTakeFirstOrThrow']>>;

/** The goals of some plans, in the order they were added. */
export async function listGoals(db: Q, planIds: readonly number[]): Promise<GoalRow[]> {
  if (planIds.length === 0) return [];
  return goalQuery(db)
    .where('g.plan_id', 'in', [...planIds])
    .orderBy('g.id')
    .execute();
}

/** One goal of a plan, or undefined. */
export async function findGoal(db: Q, planId: number, id: number): Promise<GoalRow | undefined> {
  return goalQuery(db).where('g.plan_id', '=', planId).where('g.id', '=', id).executeTakeFirst();
}

/** The columns of a goal as written. */
export interface GoalValues {
  practice: string | null;
  statement: string;
  indicator_code: string | null;
  student_group: string | null;
  local_measure_name: string | null;
  local_measure_unit: string | null;
  local_measure_direction: 'higher_is_better' | 'lower_is_better' | null;
  baseline_value: number;
  baseline_year: number;
  target_value: number;
  target_year: number;
  target_date: string | null;
  owner: string;
}

/** Inserts a goal; returns its id. */
export async function insertGoal(db: Q, planId: number, values: GoalValues): Promise<number> {
  const row = await db
    .insertInto('plan_goals')
    .values({ plan_id: planId, ...values })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Rewrites a goal. */
export async function updateGoal(db: Q, id: number, values: GoalValues): Promise<void> {
  await db.updateTable('plan_goals').set(values).where('id', '=', id).execute();
}

/** Deletes a goal (benchmarks and action steps linked to it keep going, unlinked). */
export async function deleteGoal(db: Q, id: number): Promise<void> {
  await db.deleteFrom('plan_goals').where('id', '=', id).execute();
}

function benchmarkQuery(db: Q) {
  return db
    .selectFrom('plan_benchmarks')
    .select([
      'id',
      'plan_id',
      'goal_id',
      'kind',
      'description',
      'measure',
      sql<string>`to_char(due_date, 'YYYY-MM-DD')`.as('due_date'),
      'status',
    ]);
}
/** A benchmark row, due date as YYYY-MM-DD. */
export type BenchmarkRow = Awaited<ReturnType<ReturnType<typeof benchmarkQuery>['executeTakeFirstOrThrow']>>;

/** The columns of a benchmark as written. */
export interface BenchmarkValues {
  goal_id: number | null;
  kind: 'adult' | 'student';
  description: string;
  measure: string;
  due_date: string;
  status: string;
}

/** The benchmarks of a plan, by due date. */
export async function listBenchmarks(db: Q, planId: number): Promise<BenchmarkRow[]> {
  return benchmarkQuery(db).where('plan_id', '=', planId).orderBy('due_date').orderBy('id').execute();
}
/** One benchmark of a plan, or undefined. */
export async function findBenchmark(db: Q, planId: number, id: number): Promise<BenchmarkRow | undefined> {
  return benchmarkQuery(db).where('plan_id', '=', planId).where('id', '=', id).executeTakeFirst();
}
/** Inserts a benchmark; returns its id. */
export async function insertBenchmark(db: Q, planId: number, values: BenchmarkValues): Promise<number> {
  const row = await db
    .insertInto('plan_benchmarks')
    .values({ plan_id: planId, ...values })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
/** Rewrites a benchmark. */
export async function updateBenchmark(db: Q, id: number, values: BenchmarkValues): Promise<void> {
  await db.updateTable('plan_benchmarks').set(values).where('id', '=', id).execute();
}
/** Deletes a benchmark. */
export async function deleteBenchmark(db: Q, id: number): Promise<void> {
  await db.deleteFrom('plan_benchmarks').where('id', '=', id).execute();
}

function actionStepQuery(db: Q) {
  return db
    .selectFrom('plan_action_steps')
    .select([
      'id',
      'plan_id',
      'goal_id',
      'practice',
      'description',
      'owner',
      sql<string>`to_char(due_date, 'YYYY-MM-DD')`.as('due_date'),
      'status',
    ]);
}
/** An action step row, due date as YYYY-MM-DD. */
export type ActionStepRow = Awaited<ReturnType<ReturnType<typeof actionStepQuery>['executeTakeFirstOrThrow']>>;

/** The columns of an action step as written. */
export interface ActionStepValues {
  goal_id: number | null;
  practice: string | null;
  description: string;
  owner: string;
  due_date: string;
  status: string;
}

/** The action steps of a plan, by due date. */
export async function listActionSteps(db: Q, planId: number): Promise<ActionStepRow[]> {
  return actionStepQuery(db).where('plan_id', '=', planId).orderBy('due_date').orderBy('id').execute();
}
/** One action step of a plan, or undefined. */
export async function findActionStep(db: Q, planId: number, id: number): Promise<ActionStepRow | undefined> {
  return actionStepQuery(db).where('plan_id', '=', planId).where('id', '=', id).executeTakeFirst();
}
/** Inserts an action step; returns its id. */
export async function insertActionStep(db: Q, planId: number, values: ActionStepValues): Promise<number> {
  const row = await db
    .insertInto('plan_action_steps')
    .values({ plan_id: planId, ...values })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
/** Rewrites an action step. */
export async function updateActionStep(db: Q, id: number, values: ActionStepValues): Promise<void> {
  await db.updateTable('plan_action_steps').set(values).where('id', '=', id).execute();
}
/** Deletes an action step. */
export async function deleteActionStep(db: Q, id: number): Promise<void> {
  await db.deleteFrom('plan_action_steps').where('id', '=', id).execute();
}

/** The columns of a coaching comment as written. */
export interface CommentValues {
  practice: string | null;
  author_id: number | null;
  strength: string;
  improvement: string;
  guiding_questions: string;
  expected_outcomes: string;
  next_steps: string;
  plan_status: string;
}

/** Inserts a coaching comment; returns its id. */
export async function insertComment(db: Q, planId: number, values: CommentValues): Promise<number> {
  const row = await db
    .insertInto('plan_comments')
    .values({ plan_id: planId, ...values })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The coaching comments of a plan, oldest first, with their authors. */
export async function listComments(db: Q, planId: number) {
  return db
    .selectFrom('plan_comments as c')
    .leftJoin('users as u', 'u.id', 'c.author_id')
    .select([
      'c.id',
      'c.practice',
      'c.author_id',
      'u.display_name as author_name',
      'u.role as author_role',
      'c.strength',
      'c.improvement',
      'c.guiding_questions',
      'c.expected_outcomes',
      'c.next_steps',
      'c.plan_status',
      'c.created_at',
    ])
    .where('c.plan_id', '=', planId)
    .orderBy('c.id')
    .execute();
}

/** One history entry to write. */
export interface HistoryValues {
  planId: number;
  at: Date;
  userId: number | null;
  userEmail: string | null;
  event: string;
  entity: 'plan' | 'goal' | 'benchmark' | 'action_step' | 'comment';
  entityId: number | null;
  changes: FieldChange[];
}

/** Appends an entry to a plan's history. */
export async function insertHistory(db: Q, h: HistoryValues): Promise<void> {
  await db
    .insertInto('plan_history')
    .values({
      plan_id: h.planId,
      at: h.at,
      user_id: h.userId,
      user_email: h.userEmail,
      event: h.event,
      entity: h.entity,
      entity_id: h.entityId,
      changes: JSON.stringify(h.changes),
    })
    .execute();
}

/** A plan's history, oldest first. */
export async function listHistory(db: Q, planId: number) {
  return db.selectFrom('plan_history').selectAll().where('plan_id', '=', planId).orderBy('id').execute();
}

/** One series key: an indicator for a student group at an organization. */
export interface SeriesKey {
  orgId: number;
  indicatorCode: string;
  studentGroup: string;
}

/** The reported values of some series, every year (suppressed values come back with value null). */
export async function listSeriesValues(db: Q, keys: readonly SeriesKey[]) {
  if (keys.length === 0) return [];
  const orgIds = [...new Set(keys.map((k) => k.orgId))];
  const codes = [...new Set(keys.map((k) => k.indicatorCode))];
  const groups = [...new Set(keys.map((k) => k.studentGroup))];
  return db
    .selectFrom('indicator_values')
    .select(['org_id', 'indicator_code', 'student_group', 'school_year', 'value'])
    .where('org_id', 'in', orgIds)
    .where('indicator_code', 'in', codes)
    .where('student_group', 'in', groups)
    .execute();
}
