import { sql, type Kysely } from 'kysely';
import { AppError } from '../../core/errors.ts';
import { formatCents } from '../../core/assistance/allocation.ts';
import { budgetOverAward, lineBelowSpent, periodsOverlap, spendingOverLine } from '../../core/assistance/grants.ts';
import { isoDay } from '../../core/assistance/priority.ts';
import type { RequestContext } from '../context.ts';
import type { Database } from '../db/schema.ts';
import { findPlacedOrgsById, type PlacedOrg } from '../db/repositories/assistance-repository.ts';
import { findActionStep, findPlan } from '../db/repositories/plan-repository.ts';
import type { BudgetLineBody, ExpenditureReportBody, GrantApplicationDetail } from '../api/assistance-grants.ts';
import { applicationDetail, assertGrantWriter, linesWithSpending } from './assistance-grants-applications-service.ts';
import { writeAudit } from './audit-service.ts';

/**
 * How an award is budgeted and spent (docs/assistance.md): budget lines (object code, description, amount,
 * optionally tied to a strategy of the recipient's plan) that never sum above the award, and expenditure reports
 * per period whose cumulative spending never exceeds a line. The recipient's leaders and state staff write them;
 * each change is checked with the award's row locked, so two at once cannot together pass a limit.
 */

type Q = Kysely<Database>;

interface AwardInReach {
  id: number;
  applicationId: number;
  amountCents: number;
  org: PlacedOrg;
}

/** An award the caller may write (403 otherwise), locked for the transaction when `trx` is given. */
async function awardFor(ctx: RequestContext, db: Q, id: number, lock: boolean): Promise<AwardInReach> {
  let q = db
    .selectFrom('grant_awards as w')
    .innerJoin('grant_applications as a', 'a.id', 'w.application_id')
    .select(['w.id', 'w.application_id', 'w.amount_cents', 'a.org_id'])
    .where('w.id', '=', id);
  if (lock) q = q.forUpdate(['w']);
  const row = await q.executeTakeFirst();
  if (!row) throw new AppError('not_found', `There is no grant award ${id}`);
  const [org] = await findPlacedOrgsById(db, [row.org_id]);
  assertGrantWriter(ctx, org!);
  return { id: row.id, applicationId: row.application_id, amountCents: Number(row.amount_cents), org: org! };
}

/** The award a budget line belongs to, or an expenditure report. */
async function awardOf(db: Q, table: 'grant_budget_lines' | 'grant_expenditure_reports', id: number) {
  const row = await db.selectFrom(table).select('award_id').where('id', '=', id).executeTakeFirst();
  if (!row)
    throw new AppError(
      'not_found',
      table === 'grant_budget_lines' ? `There is no budget line ${id}` : `There is no expenditure report ${id}`,
    );
  return row.award_id;
}

/** The columns of a line's plan strategy, checked against the recipient's plans (400 naming the field). */
async function strategyColumns(db: Q, award: AwardInReach, strategy: BudgetLineBody['strategy']) {
  if (strategy === null) return { plan_id: null, practice: null, action_step_id: null };
  const plan = await findPlan(db, strategy.planId);
  if (!plan || plan.org_id !== award.org.id)
    throw new AppError(
      'validation_failed',
      `Plan ${strategy.planId} is not a plan of ${award.org.name}`,
      'strategy.planId',
    );
  if (strategy.kind === 'practice') return { plan_id: plan.id, practice: strategy.practice, action_step_id: null };
  const step = await findActionStep(db, plan.id, strategy.actionStepId);
  if (!step)
    throw new AppError(
      'validation_failed',
      `Action step ${strategy.actionStepId} is not a step of the plan "${plan.title}"`,
      'strategy.actionStepId',
    );
  return { plan_id: plan.id, practice: null, action_step_id: step.id };
}

const lineLabel = (l: { object_code: string; description: string }) => `Line ${l.object_code} ${l.description}`;

/** Refuses (400, amountCents) lines that would total more than the award. */
function checkTotal(award: AwardInReach, otherLinesCents: number, amountCents: number): void {
  const over = budgetOverAward(otherLinesCents + amountCents, award.amountCents);
  if (over) throw new AppError('validation_failed', over, 'amountCents');
}

/**
 * Runs one change of an award's budget or reports in a transaction with the award's row locked (the caller must
 * write it), then audits it and returns the application as it now stands.
 */
async function changeAward(
  ctx: RequestContext,
  awardId: number,
  audit: { action: 'create' | 'update' | 'delete'; resourceType: string },
  work: (trx: Q, award: AwardInReach) => Promise<{ id: number; detail?: Record<string, unknown> }>,
): Promise<GrantApplicationDetail> {
  const { award, id, detail } = await ctx.db.kysely.transaction().execute(async (trx) => {
    const award = await awardFor(ctx, trx, awardId, true);
    return { award, ...(await work(trx, award)) };
  });
  await writeAudit(ctx, { ...audit, resourceId: String(id), orgId: award.org.id, detail: detail ?? {} });
  return applicationDetail(ctx, award.applicationId);
}

/** Adds a budget line to an award (the lines may not total more than the award). Audited. */
export async function addBudgetLine(
  ctx: RequestContext,
  awardId: number,
  body: BudgetLineBody,
): Promise<GrantApplicationDetail> {
  return changeAward(ctx, awardId, { action: 'create', resourceType: 'grant_budget_line' }, async (trx, award) => {
    const strategy = await strategyColumns(trx, award, body.strategy);
    const lines = await linesWithSpending(trx, [awardId]);
    checkTotal(
      award,
      lines.reduce((s, l) => s + l.amount, 0),
      body.amountCents,
    );
    const { id } = await trx
      .insertInto('grant_budget_lines')
      .values({
        award_id: awardId,
        object_code: body.objectCode,
        description: body.description,
        amount_cents: body.amountCents,
        ...strategy,
        created_by: ctx.user?.id ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id, detail: { awardId, ...body } };
  });
}

/**
 * Changes a budget line: the lines may not total more than the award, nor the line fall below what was spent on it
 * (400, amountCents). Audited.
 */
export async function changeBudgetLine(
  ctx: RequestContext,
  lineId: number,
  body: BudgetLineBody,
): Promise<GrantApplicationDetail> {
  const awardId = await awardOf(ctx.db.kysely, 'grant_budget_lines', lineId);
  return changeAward(ctx, awardId, { action: 'update', resourceType: 'grant_budget_line' }, async (trx, award) => {
    const strategy = await strategyColumns(trx, award, body.strategy);
    const lines = await linesWithSpending(trx, [awardId]);
    const line = lines.find((l) => l.id === lineId)!;
    checkTotal(
      award,
      lines.filter((l) => l.id !== lineId).reduce((s, l) => s + l.amount, 0),
      body.amountCents,
    );
    const below = lineBelowSpent(lineLabel(line), body.amountCents, line.spentCents);
    if (below) throw new AppError('validation_failed', below, 'amountCents');
    await trx
      .updateTable('grant_budget_lines')
      .set({
        object_code: body.objectCode,
        description: body.description,
        amount_cents: body.amountCents,
        ...strategy,
        updated_at: ctx.now,
      })
      .where('id', '=', lineId)
      .execute();
    const before = { objectCode: line.object_code, description: line.description, amountCents: line.amount };
    return { id: lineId, detail: { before, after: body } };
  });
}

/** Deletes a budget line nothing was reported spent on (409 otherwise). Audited. */
export async function removeBudgetLine(ctx: RequestContext, lineId: number): Promise<GrantApplicationDetail> {
  const awardId = await awardOf(ctx.db.kysely, 'grant_budget_lines', lineId);
  return changeAward(ctx, awardId, { action: 'delete', resourceType: 'grant_budget_line' }, async (trx) => {
    const reported = await trx
      .selectFrom('grant_expenditures')
      .select('report_id')
      .where('budget_line_id', '=', lineId)
      .limit(1)
      .executeTakeFirst();
    if (reported)
      throw new AppError(
        'conflict',
        'Expenditure reports name this budget line: correct them first, or lower the line to what was spent',
      );
    await trx.deleteFrom('grant_budget_lines').where('id', '=', lineId).execute();
    return { id: lineId };
  });
}

/**
 * Writes an expenditure report's period and amounts (a new one when `reportId` is null), checking: the period has
 * begun (400, periodStart); it overlaps no other report of the award (409); every line is the award's (400); and
 * cumulative spending on each line stays within it (400 naming the line).
 */
async function saveReport(
  ctx: RequestContext,
  trx: Q,
  award: AwardInReach,
  reportId: number | null,
  body: ExpenditureReportBody,
): Promise<number> {
  if (body.periodStart > isoDay(ctx.now))
    throw new AppError(
      'validation_failed',
      `A report covers spending that took place: its period cannot start after today (${isoDay(ctx.now)})`,
      'periodStart',
    );
  const others = await trx
    .selectFrom('grant_expenditure_reports')
    .select([
      'id',
      sql<string>`to_char(period_start, 'YYYY-MM-DD')`.as('start'),
      sql<string>`to_char(period_end, 'YYYY-MM-DD')`.as('end'),
    ])
    .where('award_id', '=', award.id)
    .where('id', '!=', reportId ?? -1)
    .execute();
  const clash = others.find((o) => periodsOverlap(o, { start: body.periodStart, end: body.periodEnd }));
  if (clash)
    throw new AppError(
      'conflict',
      `The period overlaps the report for ${clash.start} to ${clash.end}: correct that report instead`,
    );
  const lines = await linesWithSpending(trx, [award.id]);
  const own =
    reportId === null
      ? []
      : await trx
          .selectFrom('grant_expenditures')
          .select(['budget_line_id', 'amount_cents'])
          .where('report_id', '=', reportId)
          .execute();
  for (const [i, a] of body.amounts.entries())
    if (!lines.some((l) => l.id === a.budgetLineId))
      throw new AppError(
        'validation_failed',
        `Budget line ${a.budgetLineId} is not a line of this award`,
        `amounts.${i}.budgetLineId`,
      );
  const over = spendingOverLine(
    lines.map((l) => ({
      id: l.id,
      label: lineLabel(l),
      amountCents: l.amount,
      spentElsewhereCents: l.spentCents - Number(own.find((o) => o.budget_line_id === l.id)?.amount_cents ?? 0),
    })),
    body.amounts,
  );
  if (over) throw new AppError('validation_failed', over.message, `amounts.${over.index}.amountCents`);
  let id = reportId;
  if (id === null)
    id = (
      await trx
        .insertInto('grant_expenditure_reports')
        .values({
          award_id: award.id,
          period_start: body.periodStart,
          period_end: body.periodEnd,
          notes: body.notes,
          created_by: ctx.user?.id ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  else {
    await trx
      .updateTable('grant_expenditure_reports')
      .set({ period_start: body.periodStart, period_end: body.periodEnd, notes: body.notes, updated_at: ctx.now })
      .where('id', '=', id)
      .execute();
    await trx.deleteFrom('grant_expenditures').where('report_id', '=', id).execute();
  }
  await trx
    .insertInto('grant_expenditures')
    .values(body.amounts.map((a) => ({ report_id: id, budget_line_id: a.budgetLineId, amount_cents: a.amountCents })))
    .execute();
  return id;
}

const reportDetail = (body: ExpenditureReportBody) => ({
  periodStart: body.periodStart,
  periodEnd: body.periodEnd,
  total: formatCents(body.amounts.reduce((s, a) => s + a.amountCents, 0)),
});

/** Files an expenditure report for a period of an award. Audited. */
export async function addExpenditureReport(
  ctx: RequestContext,
  awardId: number,
  body: ExpenditureReportBody,
): Promise<GrantApplicationDetail> {
  return changeAward(
    ctx,
    awardId,
    { action: 'create', resourceType: 'grant_expenditure_report' },
    async (trx, award) => ({
      id: await saveReport(ctx, trx, award, null, body),
      detail: { awardId, ...reportDetail(body) },
    }),
  );
}

/** Corrects an expenditure report: its period and amounts are replaced, with the same checks. Audited. */
export async function changeExpenditureReport(
  ctx: RequestContext,
  reportId: number,
  body: ExpenditureReportBody,
): Promise<GrantApplicationDetail> {
  const awardId = await awardOf(ctx.db.kysely, 'grant_expenditure_reports', reportId);
  return changeAward(
    ctx,
    awardId,
    { action: 'update', resourceType: 'grant_expenditure_report' },
    async (trx, award) => ({
      id: await saveReport(ctx, trx, award, reportId, body),
      detail: reportDetail(body),
    }),
  );
}

/** Withdraws an expenditure report. Audited. */
export async function removeExpenditureReport(ctx: RequestContext, reportId: number): Promise<GrantApplicationDetail> {
  const awardId = await awardOf(ctx.db.kysely, 'grant_expenditure_reports', reportId);
  return changeAward(ctx, awardId, { action: 'delete', resourceType: 'grant_expenditure_report' }, async (trx) => {
    await trx.deleteFrom('grant_expenditure_reports').where('id', '=', reportId).execute();
    return { id: reportId };
  });
}
