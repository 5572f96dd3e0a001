import { sql, type Kysely } from 'kysely';
import { AppError } from '../../core/errors.ts';
import { formatCents } from '../../core/assistance/allocation.ts';
import {
  applicationEditBlock,
  applicationTransition,
  spendingFigures,
  totalFigures,
  type ApplicationAction,
  type ApplicationStatus,
} from '../../core/assistance/grants.ts';
import { practiceLabel } from '../../core/assistance/vocabulary.ts';
import { turnaroundPractices, type PracticeKey } from '../../core/plans/template.ts';
import type { RequestContext } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { findPlacedOrgsById, type PlacedOrg } from '../db/repositories/assistance-repository.ts';
import { listActionSteps, listPlans } from '../db/repositories/plan-repository.ts';
import type {
  ApplicationBody,
  ApplicationQuery,
  ApplicationUpdateBody,
  AwardBody,
  BudgetLine,
  DeclineBody,
  ExpenditureReport,
  GrantApplication,
  GrantApplicationDetail,
  GrantApplicationList,
  OrgGrants,
  ProgramDashboard,
} from '../api/assistance-grants.ts';
import {
  assertOrgInScope,
  latestPlanFirst,
  orgInScope,
  planBlocks,
  refuseDuplicate,
  resolveOrg,
} from './assistance-service.ts';
import { ineligibilityNow, presentProgram, programOr404 } from './assistance-grants-service.ts';
import { writeAudit } from './audit-service.ts';

/**
 * Grants after allocation (docs/assistance.md): applications (draft, submitted, awarded or declined), awards within
 * the recipient's final allocation line, and the spent-vs-awarded figures of programs and organizations. Budget
 * lines and expenditure reports are in assistance-grants-spending-service.ts.
 */

type Q = Kysely<Database>;

function applicationQuery(db: Q) {
  return db
    .selectFrom('grant_applications as a')
    .innerJoin('grant_programs as p', 'p.id', 'a.program_id')
    .leftJoin('grant_awards as w', 'w.application_id', 'a.id')
    .select([
      'a.id',
      'a.program_id',
      'p.fund_code',
      'p.name as program_name',
      'p.source',
      'a.fiscal_year',
      'a.org_id',
      'a.requested_cents',
      'a.narrative',
      'a.status',
      'a.decision_note',
      'a.submitted_at',
      'a.decided_at',
      'w.id as award_id',
      'w.amount_cents as award_cents',
      sql<string | null>`to_char(w.awarded_on, 'YYYY-MM-DD')`.as('awarded_on'),
    ]);
}
type ApplicationRow = Awaited<ReturnType<ReturnType<typeof applicationQuery>['execute']>>[number];

/** The budget lines of awards with what was spent on each (every report). */
export async function linesWithSpending(db: Q, awardIds: readonly number[]) {
  if (awardIds.length === 0) return [];
  const rows = await db
    .selectFrom('grant_budget_lines as l')
    .leftJoin('grant_expenditures as e', 'e.budget_line_id', 'l.id')
    .select([
      'l.id',
      'l.award_id',
      'l.object_code',
      'l.description',
      'l.amount_cents',
      'l.plan_id',
      'l.practice',
      'l.action_step_id',
      sql<string>`coalesce(sum(e.amount_cents), 0)`.as('spent'),
    ])
    .where('l.award_id', 'in', awardIds)
    .groupBy('l.id')
    .orderBy('l.object_code')
    .orderBy('l.id')
    .execute();
  return rows.map((r) => ({ ...r, amount: Number(r.amount_cents), spentCents: Number(r.spent) }));
}
type LineRow = Awaited<ReturnType<typeof linesWithSpending>>[number];

/** The applications of rows, with organization placement, the year's allocation line, the award and its figures. */
async function present(db: Q, rows: readonly ApplicationRow[]): Promise<GrantApplication[]> {
  if (rows.length === 0) return [];
  const orgs = new Map(
    (await findPlacedOrgsById(db, [...new Set(rows.map((r) => r.org_id))])).map((o) => [o.id, o] as const),
  );
  const allocations = await db
    .selectFrom('grant_allocations as g')
    .leftJoin('grant_allocation_lines as l', (j) =>
      j.onRef('l.allocation_id', '=', 'g.id').on(
        'l.org_id',
        'in',
        rows.map((r) => r.org_id),
      ),
    )
    .select(['g.id', 'g.program_id', 'g.fiscal_year', 'g.status', 'l.org_id', 'l.amount_cents'])
    .where(
      'g.program_id',
      'in',
      rows.map((r) => r.program_id),
    )
    .execute();
  const lines = await linesWithSpending(
    db,
    rows.flatMap((r) => (r.award_id === null ? [] : [r.award_id])),
  );
  return rows.map((r) => {
    const org = orgs.get(r.org_id)!;
    const ofYear = allocations.filter((a) => a.program_id === r.program_id && a.fiscal_year === r.fiscal_year);
    const line = ofYear.find((a) => a.org_id === r.org_id);
    const awardCents = r.award_cents === null ? null : Number(r.award_cents);
    return {
      id: r.id,
      program: { id: r.program_id, fundCode: r.fund_code, name: r.program_name, source: r.source },
      fiscalYear: r.fiscal_year,
      org: { code: org.code, name: org.name, level: org.level },
      district: org.district ? { code: org.district.code, name: org.district.name, level: 'district' } : null,
      region: org.region ? { code: org.region.code, name: org.region.name, level: 'region' } : null,
      requestedCents: Number(r.requested_cents),
      narrative: r.narrative,
      status: r.status,
      decisionNote: r.decision_note,
      submittedAt: r.submitted_at ? new Date(r.submitted_at).toISOString() : null,
      decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
      allocation: ofYear[0]
        ? {
            id: ofYear[0].id,
            status: ofYear[0].status,
            amountCents:
              line?.amount_cents === undefined || line.amount_cents === null ? null : Number(line.amount_cents),
          }
        : null,
      award:
        r.award_id !== null && awardCents !== null
          ? { id: r.award_id, amountCents: awardCents, awardedOn: r.awarded_on! }
          : null,
      figures:
        awardCents === null
          ? null
          : spendingFigures(
              awardCents,
              lines
                .filter((l) => l.award_id === r.award_id)
                .map((l) => ({ amountCents: l.amount, spentCents: l.spentCents })),
            ),
    };
  });
}

/** An application's row and its placed organization; 404 when there is none. */
async function applicationOr404(ctx: RequestContext, id: number): Promise<{ row: ApplicationRow; org: PlacedOrg }> {
  const row = await applicationQuery(ctx.db.kysely).where('a.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not_found', `There is no grant application ${id}`);
  const [org] = await findPlacedOrgsById(ctx.db.kysely, [row.org_id]);
  return { row, org: org! };
}

/**
 * Refuses (403) a change by someone who may only read it: regional staff read their region's grants; the
 * recipient's leaders and state staff write them.
 */
export function assertGrantWriter(ctx: RequestContext, org: PlacedOrg): void {
  if (ctx.user?.role === 'regional_staff')
    throw new AppError(
      'forbidden',
      "Regional staff read their region's grants; the recipient's leaders and state staff write them",
    );
  assertOrgInScope(ctx, org);
}

/** Applications within the caller's scope (state staff: all), filtered, by fiscal year (latest first) and code. */
export async function listApplications(ctx: RequestContext, query: ApplicationQuery): Promise<GrantApplicationList> {
  let q = applicationQuery(ctx.db.kysely);
  if (query.programId !== undefined) q = q.where('a.program_id', '=', query.programId);
  if (query.fiscalYear !== undefined) q = q.where('a.fiscal_year', '=', query.fiscalYear);
  if (query.status !== undefined) q = q.where('a.status', '=', query.status);
  const items = await present(ctx.db.kysely, await q.orderBy('a.fiscal_year', 'desc').orderBy('a.id').execute());
  return { items: visible(ctx, items).sort(byYearAndCode) };
}

const byYearAndCode = (a: GrantApplication, b: GrantApplication) =>
  b.fiscalYear - a.fiscalYear || (a.org.code < b.org.code ? -1 : a.org.code > b.org.code ? 1 : a.id - b.id);

/** The applications the caller's scope holds. */
function visible(ctx: RequestContext, items: readonly GrantApplication[]): GrantApplication[] {
  const user = ctx.user;
  if (!user) return [];
  return items.filter((a) =>
    orgInScope(user, {
      id: 0,
      code: a.org.code,
      name: a.org.name,
      level: a.org.level,
      district: a.district ? { id: 0, code: a.district.code, name: a.district.name } : null,
      region: a.region ? { id: 0, code: a.region.code, name: a.region.name } : null,
    }),
  );
}

/** The plans of an organization with their practice blocks and action steps, latest first. */
async function planOptions(db: Q, orgId: number): Promise<GrantApplicationDetail['planOptions']> {
  const plans = (await listPlans(db, { orgId })).sort(latestPlanFirst);
  const out: GrantApplicationDetail['planOptions'] = [];
  for (const p of plans) {
    const blocks = planBlocks(p);
    out.push({
      id: p.id,
      title: p.title,
      kind: p.kind,
      status: p.status,
      startYear: p.start_year,
      endYear: p.end_year,
      practices: turnaroundPractices.map((t) => ({
        key: t.key,
        number: t.number,
        title: t.title,
        strategies: blocks[t.key]?.strategies ?? '',
      })),
      actionSteps: (await listActionSteps(db, p.id)).map((s) => ({
        id: s.id,
        description: s.description,
        practice: (s.practice as PracticeKey | null) ?? null,
      })),
    });
  }
  return out;
}

/** How budget lines are shown: amounts, spending, and the plan strategy each funds in words. */
export async function presentLines(db: Q, lines: readonly LineRow[]): Promise<BudgetLine[]> {
  const planIds = [...new Set(lines.flatMap((l) => (l.plan_id === null ? [] : [l.plan_id])))];
  const stepIds = [...new Set(lines.flatMap((l) => (l.action_step_id === null ? [] : [l.action_step_id])))];
  const plans = new Map(
    (planIds.length === 0
      ? []
      : await db.selectFrom('plans').select(['id', 'title']).where('id', 'in', planIds).execute()
    ).map((p) => [p.id, p.title] as const),
  );
  const steps = new Map(
    (stepIds.length === 0
      ? []
      : await db.selectFrom('plan_action_steps').select(['id', 'description']).where('id', 'in', stepIds).execute()
    ).map((s) => [s.id, s.description] as const),
  );
  return lines.map((l) => {
    let strategy: BudgetLine['strategy'] = null;
    if (l.plan_id !== null) {
      const plan = { id: l.plan_id, title: plans.get(l.plan_id) ?? `Plan ${l.plan_id}` };
      const practice = turnaroundPractices.find((t) => t.key === l.practice);
      const step = l.action_step_id === null ? undefined : steps.get(l.action_step_id);
      if (practice)
        strategy = {
          kind: 'practice',
          plan,
          practice: { key: practice.key, number: practice.number, title: practice.title },
          actionStep: null,
          label: `${practiceLabel(practice.number)} in "${plan.title}"`,
        };
      else if (step !== undefined)
        strategy = {
          kind: 'action_step',
          plan,
          practice: null,
          actionStep: { id: l.action_step_id!, description: step },
          label: `Action step "${step}" of "${plan.title}"`,
        };
      else strategy = { kind: 'plan', plan, practice: null, actionStep: null, label: `"${plan.title}"` };
    }
    return {
      id: l.id,
      objectCode: l.object_code,
      description: l.description,
      amountCents: l.amount,
      spentCents: l.spentCents,
      remainingCents: l.amount - l.spentCents,
      strategy,
    };
  });
}

/** The expenditure reports of an award, by period. */
async function reportsOf(db: Q, awardId: number): Promise<ExpenditureReport[]> {
  const reports = await db
    .selectFrom('grant_expenditure_reports')
    .select([
      'id',
      sql<string>`to_char(period_start, 'YYYY-MM-DD')`.as('period_start'),
      sql<string>`to_char(period_end, 'YYYY-MM-DD')`.as('period_end'),
      'notes',
    ])
    .where('award_id', '=', awardId)
    .orderBy('period_start')
    .orderBy('id')
    .execute();
  const ids = reports.map((r) => r.id);
  const amounts =
    ids.length === 0
      ? []
      : await db
          .selectFrom('grant_expenditures as e')
          .innerJoin('grant_budget_lines as l', 'l.id', 'e.budget_line_id')
          .select(['e.report_id', 'e.budget_line_id', 'l.object_code', 'l.description', 'e.amount_cents'])
          .where('e.report_id', 'in', ids)
          .orderBy('l.object_code')
          .orderBy('l.id')
          .execute();
  return reports.map((r) => {
    const mine = amounts.filter((a) => a.report_id === r.id);
    return {
      id: r.id,
      periodStart: r.period_start,
      periodEnd: r.period_end,
      notes: r.notes,
      totalCents: mine.reduce((s, a) => s + Number(a.amount_cents), 0),
      amounts: mine.map((a) => ({
        budgetLineId: a.budget_line_id,
        objectCode: a.object_code,
        description: a.description,
        amountCents: Number(a.amount_cents),
      })),
    };
  });
}

/** One application with its award, budget lines, expenditure reports and the recipient's plans; scope-checked. */
export async function applicationDetail(ctx: RequestContext, id: number): Promise<GrantApplicationDetail> {
  const { row, org } = await applicationOr404(ctx, id);
  assertOrgInScope(ctx, org);
  const db = ctx.db.kysely;
  const [application] = await present(db, [row]);
  return {
    ...application!,
    budgetLines: row.award_id === null ? [] : await presentLines(db, await linesWithSpending(db, [row.award_id])),
    expenditureReports: row.award_id === null ? [] : await reportsOf(db, row.award_id),
    planOptions: await planOptions(db, org.id),
  };
}

/**
 * Why an organization cannot apply to a program for a fiscal year, or null: it must be of the program's level,
 * and a recipient of that year's allocation when there is one (else eligible by the program's rule today).
 */
async function ineligibility(
  ctx: RequestContext,
  program: ReturnType<typeof presentProgram>,
  fiscalYear: number,
  org: PlacedOrg,
): Promise<string | null> {
  if (org.level !== program.recipientLevel)
    return `${program.fundCode} funds ${program.recipientLevel}s; ${org.name} is a ${org.level}`;
  const allocation = await ctx.db.kysely
    .selectFrom('grant_allocations')
    .select(['id', 'ineligible'])
    .where('program_id', '=', program.id)
    .where('fiscal_year', '=', fiscalYear)
    .executeTakeFirst();
  if (allocation) {
    const line = await ctx.db.kysely
      .selectFrom('grant_allocation_lines')
      .select('org_id')
      .where('allocation_id', '=', allocation.id)
      .where('org_id', '=', org.id)
      .executeTakeFirst();
    if (line) return null;
    const ineligible = (
      typeof allocation.ineligible === 'string' ? JSON.parse(allocation.ineligible) : allocation.ineligible
    ) as { orgCode: string; reason: string }[];
    const why = ineligible.find((i) => i.orgCode === org.code)?.reason;
    return `${org.name} is not a recipient of the ${fiscalYear} allocation of ${program.fundCode}${why ? ` (${why})` : ''}`;
  }
  const why = await ineligibilityNow(ctx, program, org.id);
  return why ? `${org.name} is not eligible for ${program.fundCode}: ${why}` : null;
}

/**
 * Starts an application (a draft) of an eligible school or district for a program's fiscal year; one per
 * organization, program and year (409). Leaders apply for their own organization; state staff for any. Audited.
 */
export async function createApplication(ctx: RequestContext, body: ApplicationBody): Promise<GrantApplicationDetail> {
  const program = presentProgram(await programOr404(ctx, body.programId));
  const org = await resolveOrg(ctx.db, body.orgCode, 'orgCode', ['school', 'district']);
  assertGrantWriter(ctx, org);
  const why = await ineligibility(ctx, program, body.fiscalYear, org);
  if (why) throw new AppError('validation_failed', why, 'orgCode');
  const { id } = await refuseDuplicate(
    () =>
      ctx.db.kysely
        .insertInto('grant_applications')
        .values({
          program_id: program.id,
          fiscal_year: body.fiscalYear,
          org_id: org.id,
          requested_cents: body.requestedCents,
          narrative: body.narrative,
          created_by: ctx.user?.id ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow(),
    `${org.name} has an application to ${program.fundCode} for ${body.fiscalYear} already; open it instead`,
  );
  await writeAudit(ctx, {
    action: 'create',
    resourceType: 'grant_application',
    resourceId: String(id),
    orgId: org.id,
    detail: { programId: program.id, fiscalYear: body.fiscalYear, requestedCents: body.requestedCents },
  });
  return applicationDetail(ctx, id);
}

/** Changes a draft's requested amount and narrative (409 once submitted). Audited. */
export async function updateApplication(
  ctx: RequestContext,
  id: number,
  body: ApplicationUpdateBody,
): Promise<GrantApplicationDetail> {
  const { row, org } = await applicationOr404(ctx, id);
  assertGrantWriter(ctx, org);
  const blocked = applicationEditBlock(row.status);
  if (blocked) throw new AppError('conflict', blocked);
  await ctx.db.kysely
    .updateTable('grant_applications')
    .set({ requested_cents: body.requestedCents, narrative: body.narrative, updated_at: ctx.now })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .execute();
  await writeAudit(ctx, {
    action: 'update',
    resourceType: 'grant_application',
    resourceId: String(id),
    orgId: org.id,
    detail: { before: { requestedCents: Number(row.requested_cents) }, after: { requestedCents: body.requestedCents } },
  });
  return applicationDetail(ctx, id);
}

/** Moves an application by an action, refusing (409) a move its status does not allow; the row is locked. */
async function move(
  ctx: RequestContext,
  id: number,
  action: ApplicationAction,
  apply: (trx: Q, row: ApplicationRow) => Promise<Record<string, unknown>>,
): Promise<void> {
  const { org } = await applicationOr404(ctx, id);
  if (action === 'submit') assertGrantWriter(ctx, org);
  const detail = await ctx.db.kysely.transaction().execute(async (trx) => {
    await trx.selectFrom('grant_applications').select('id').where('id', '=', id).forUpdate().execute();
    const row = (await applicationQuery(trx).where('a.id', '=', id).executeTakeFirst())!;
    const t = applicationTransition(row.status as ApplicationStatus, action);
    if (!t.ok) throw new AppError('conflict', t.message);
    return apply(trx, row);
  });
  await writeAudit(ctx, {
    action: 'update',
    resourceType: 'grant_application',
    resourceId: String(id),
    orgId: org.id,
    detail: { action, ...detail },
  });
}

/** Records the state's decision on an application: its status, the note, who and when. */
async function decide(ctx: RequestContext, trx: Q, id: number, status: 'awarded' | 'declined', note: string) {
  await trx
    .updateTable('grant_applications')
    .set({ status, decision_note: note, decided_at: ctx.now, decided_by: ctx.user?.id ?? null, updated_at: ctx.now })
    .where('id', '=', id)
    .execute();
}

/** Submits a draft to the state (409 otherwise). Audited. */
export async function submitApplication(ctx: RequestContext, id: number): Promise<GrantApplicationDetail> {
  await move(ctx, id, 'submit', async (trx) => {
    await trx
      .updateTable('grant_applications')
      .set({ status: 'submitted', submitted_at: ctx.now, updated_at: ctx.now })
      .where('id', '=', id)
      .execute();
    return {};
  });
  return applicationDetail(ctx, id);
}

/**
 * Awards a submitted application (409 otherwise). When the program has an allocation for the year, it must be
 * final (409) and the amount may not exceed the recipient's line (400, amountCents); without one, any amount.
 * Audited.
 */
export async function awardApplication(
  ctx: RequestContext,
  id: number,
  body: AwardBody,
): Promise<GrantApplicationDetail> {
  await move(ctx, id, 'award', async (trx, row) => {
    const allocation = await trx
      .selectFrom('grant_allocations as g')
      .leftJoin('grant_allocation_lines as l', (j) =>
        j.onRef('l.allocation_id', '=', 'g.id').on('l.org_id', '=', row.org_id),
      )
      .select(['g.id', 'g.status', 'l.amount_cents'])
      .where('g.program_id', '=', row.program_id)
      .where('g.fiscal_year', '=', row.fiscal_year)
      .executeTakeFirst();
    if (allocation) {
      if (allocation.status !== 'final')
        throw new AppError(
          'conflict',
          `The ${row.fiscal_year} allocation of ${row.fund_code} is a draft: finalize it before awarding`,
        );
      if (allocation.amount_cents === null)
        throw new AppError(
          'conflict',
          `The recipient has no line in the ${row.fiscal_year} allocation of ${row.fund_code}: it cannot be awarded`,
        );
      const line = Number(allocation.amount_cents);
      if (body.amountCents > line)
        throw new AppError(
          'validation_failed',
          `The award (${formatCents(body.amountCents)}) is above the recipient's allocation of ${formatCents(line)}`,
          'amountCents',
        );
    }
    await trx
      .insertInto('grant_awards')
      .values({
        application_id: id,
        amount_cents: body.amountCents,
        awarded_on: body.awardedOn,
        created_by: ctx.user?.id ?? null,
      })
      .execute();
    await decide(ctx, trx, id, 'awarded', body.note);
    return { amountCents: body.amountCents, awardedOn: body.awardedOn };
  });
  return applicationDetail(ctx, id);
}

/** Declines a submitted application with the reason (409 otherwise). Audited. */
export async function declineApplication(
  ctx: RequestContext,
  id: number,
  body: DeclineBody,
): Promise<GrantApplicationDetail> {
  await move(ctx, id, 'decline', async (trx) => {
    await decide(ctx, trx, id, 'declined', body.note);
    return { note: body.note };
  });
  return applicationDetail(ctx, id);
}

/**
 * The spent-vs-awarded dashboard of a program's fiscal year: one row per awarded recipient (regional staff: their
 * region's), with the totals of the rows shown.
 */
export async function programDashboard(
  ctx: RequestContext,
  programId: number,
  fiscalYear: number,
): Promise<ProgramDashboard> {
  const program = presentProgram(await programOr404(ctx, programId));
  const rows = await applicationQuery(ctx.db.kysely)
    .where('a.program_id', '=', programId)
    .where('a.fiscal_year', '=', fiscalYear)
    .where('a.status', '=', 'awarded')
    .execute();
  const items = visible(ctx, await present(ctx.db.kysely, rows)).sort(byYearAndCode);
  const allocation = await ctx.db.kysely
    .selectFrom('grant_allocations')
    .select(['id', 'status'])
    .where('program_id', '=', programId)
    .where('fiscal_year', '=', fiscalYear)
    .executeTakeFirst();
  const figures = items.map((a) => a.figures!);
  return {
    program: { id: program.id, fundCode: program.fundCode, name: program.name },
    fiscalYear,
    allocation: allocation ? { id: allocation.id, status: allocation.status } : null,
    items: items.map((a) => ({
      applicationId: a.id,
      org: a.org,
      region: a.region,
      allocatedCents: a.allocation?.amountCents ?? null,
      figures: a.figures!,
    })),
    totals: totalFigures(figures),
  };
}

/**
 * The grants of an organization and of the organizations under it (a district's schools; a region's districts and
 * schools): every application, and the spent-vs-awarded totals of those awarded. The route has checked the scope.
 */
export async function orgGrants(ctx: RequestContext, code: string): Promise<OrgGrants> {
  const org = await resolveOrg(ctx.db, code, 'code', ['state', 'region', 'district', 'school']);
  const all = await present(
    ctx.db.kysely,
    await applicationQuery(ctx.db.kysely).orderBy('a.fiscal_year', 'desc').orderBy('a.id').execute(),
  );
  const under = (a: GrantApplication) =>
    org.level === 'state' || a.org.code === org.code || a.district?.code === org.code || a.region?.code === org.code;
  const items = visible(ctx, all.filter(under)).sort(byYearAndCode);
  return {
    org: { code: org.code, name: org.name, level: org.level },
    items,
    totals: totalFigures(items.flatMap((a) => (a.figures ? [a.figures] : []))),
  };
}
