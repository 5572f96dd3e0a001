import { sql } from 'kysely';
import { AppError } from '../../core/errors.ts';
import {
  allocateGrant,
  failedCondition,
  type AllocationCandidate,
  type AllocationFormula,
  type AllocationLine,
  type EligibilityRule,
  type IneligibleCandidate,
} from '../../core/assistance/allocation.ts';
import type { RequestContext } from '../context.ts';
import { isUniqueViolation } from '../ingest/bulk-load.ts';
import { findPlacedOrgsById } from '../db/repositories/assistance-repository.ts';
import {
  eligibilityFields,
  type Allocation,
  type AllocationList,
  type AllocationBody,
  type GrantProgram,
  type GrantProgramBody,
  type GrantProgramList,
} from '../api/assistance-grants.ts';
import { latestOfficialRun } from './accountability-service.ts';
import { seesAllRegions } from './assistance-service.ts';
import { REQUIRING_ASSISTANCE } from './assistance-teams-service.ts';
import { writeAudit } from './audit-service.ts';

/** How amounts are rounded to the cent (shown with every allocation). */
export const ROUNDING_NOTE =
  'Amounts are rounded down to the cent; the cents left over go one each to the largest remainders (ties by organization code), so the lines sum exactly to the budget.';

const parse = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

/** A program row as the API shows it. */
export function presentProgram(r: {
  id: number;
  fund_code: string;
  name: string;
  source: 'state' | 'federal';
  recipient_level: 'district' | 'school';
  eligibility: unknown;
  formula: unknown;
}): GrantProgram {
  return {
    id: r.id,
    fundCode: r.fund_code,
    name: r.name,
    source: r.source,
    recipientLevel: r.recipient_level,
    eligibility: parse<GrantProgram['eligibility']>(r.eligibility),
    formula: parse<GrantProgram['formula']>(r.formula),
  };
}

/** A grant program by id; 404 when there is none. */
export async function programOr404(ctx: RequestContext, id: number) {
  const row = await ctx.db.kysely.selectFrom('grant_programs').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not_found', `There is no grant program ${id}`);
  return row;
}

/** Every grant program, by fund code, with the attributes eligibility rules can test. */
export async function grantPrograms(ctx: RequestContext): Promise<GrantProgramList> {
  const rows = await ctx.db.kysely.selectFrom('grant_programs').selectAll().orderBy('fund_code').execute();
  return { items: rows.map(presentProgram), eligibilityFields };
}

/** A program's allocations, latest fiscal year first, with how many recipients each has. */
export async function programAllocations(ctx: RequestContext, programId: number): Promise<AllocationList> {
  await programOr404(ctx, programId);
  const rows = await ctx.db.kysely
    .selectFrom('grant_allocations as a')
    .select([
      'a.id',
      'a.fiscal_year',
      'a.budget_cents',
      'a.status',
      sql<string>`(select count(*) from grant_allocation_lines l where l.allocation_id = a.id)`.as('recipients'),
    ])
    .where('a.program_id', '=', programId)
    .orderBy('a.fiscal_year', 'desc')
    .execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      fiscalYear: r.fiscal_year,
      budgetCents: Number(r.budget_cents),
      status: r.status,
      recipients: Number(r.recipients),
    })),
  };
}

/** Creates a grant program (fund code unique). Audited. */
export async function createGrantProgram(ctx: RequestContext, body: GrantProgramBody): Promise<GrantProgram> {
  try {
    const row = await ctx.db.kysely
      .insertInto('grant_programs')
      .values({
        fund_code: body.fundCode,
        name: body.name,
        source: body.source,
        recipient_level: body.recipientLevel,
        eligibility: JSON.stringify(body.eligibility),
        formula: JSON.stringify(body.formula),
        created_by: ctx.user?.id ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(ctx, {
      action: 'create',
      resourceType: 'grant_program',
      resourceId: String(row.id),
      detail: body,
    });
    return presentProgram(row);
  } catch (err) {
    if (isUniqueViolation(err))
      throw new AppError('conflict', `A grant program has the fund code ${body.fundCode} already`);
    throw err;
  }
}

/**
 * The candidates of a program: every open organization of its recipient level with the attributes rules test
 * (classification of the latest official run, percentile, enrollment of the enrollment year, type).
 */
async function candidatesOf(
  ctx: RequestContext,
  level: 'district' | 'school',
  enrollmentYear: number | null,
  runId: number | null,
  orgId?: number,
) {
  const k = ctx.db.kysely;
  let q = k
    .selectFrom('organizations as o')
    .leftJoin('accountability_results as r', (j) => j.onRef('r.org_id', '=', 'o.id').on('r.run_id', '=', runId ?? -1))
    .leftJoin('indicator_values as v', (j) =>
      j
        .onRef('v.org_id', '=', 'o.id')
        .on('v.indicator_code', '=', 'enrollment_total')
        .on('v.student_group', '=', 'all')
        .on('v.school_year', '=', enrollmentYear ?? -1),
    )
    .select([
      'o.id',
      'o.code',
      'o.name',
      'o.type',
      'r.classification',
      'r.category',
      'r.percentile',
      'v.value as enrollment',
    ])
    .where('o.level', '=', level)
    .where('o.closed_year', 'is', null);
  if (orgId !== undefined) q = q.where('o.id', '=', orgId);
  const rows = await q.orderBy('o.code').execute();
  return rows.map((r) => ({
    id: r.id,
    candidate: {
      orgCode: r.code,
      name: r.name,
      enrollment: r.enrollment === null ? 0 : Math.max(0, Math.round(r.enrollment)),
      attributes: {
        requiringAssistance: r.classification === REQUIRING_ASSISTANCE,
        classification: r.classification,
        category: r.category,
        percentile: r.percentile,
        enrollment: r.enrollment === null ? null : Math.round(r.enrollment),
        orgType: r.type,
      },
    } satisfies AllocationCandidate,
  }));
}

async function latestEnrollmentYear(ctx: RequestContext): Promise<number | null> {
  const row = await ctx.db.kysely
    .selectFrom('indicator_values')
    .select(sql<number | null>`max(school_year)`.as('year'))
    .where('indicator_code', '=', 'enrollment_total')
    .executeTakeFirst();
  return row?.year ?? null;
}

/**
 * Why an organization is not eligible for a program today (its rule over the latest official run and the latest
 * enrollment), or null when it is. For a year without an allocation, where there are no lines to go by.
 */
export async function ineligibilityNow(
  ctx: RequestContext,
  program: GrantProgram,
  orgId: number,
): Promise<string | null> {
  const run = await latestOfficialRun(ctx.db);
  const [candidate] = await candidatesOf(
    ctx,
    program.recipientLevel,
    await latestEnrollmentYear(ctx),
    run?.id ?? null,
    orgId,
  );
  if (!candidate) return 'it is closed';
  return failedCondition(program.eligibility as EligibilityRule, candidate.candidate.attributes);
}

/**
 * Computes a program's allocation of a fiscal year's budget (core/assistance/allocation.ts) and stores it as a
 * draft, replacing an earlier draft of the same year; refused (409) once that year's allocation is final, and
 * (400, budgetCents) when the budget cannot meet the caps. Audited.
 */
export async function allocateProgram(
  ctx: RequestContext,
  programId: number,
  body: AllocationBody,
): Promise<Allocation> {
  const program = presentProgram(await programOr404(ctx, programId));
  const k = ctx.db.kysely;
  const existing = await k
    .selectFrom('grant_allocations')
    .select(['id', 'status'])
    .where('program_id', '=', programId)
    .where('fiscal_year', '=', body.fiscalYear)
    .executeTakeFirst();
  if (existing?.status === 'final')
    throw new AppError(
      'conflict',
      `The ${body.fiscalYear} allocation of ${program.fundCode} is final and can no longer be recomputed`,
    );
  const run = await latestOfficialRun(ctx.db);
  const enrollmentYear = body.enrollmentYear ?? (await latestEnrollmentYear(ctx));
  const candidates = await candidatesOf(ctx, program.recipientLevel, enrollmentYear, run?.id ?? null);
  const result = allocateGrant(
    candidates.map((c) => c.candidate),
    program.eligibility as EligibilityRule,
    program.formula as AllocationFormula,
    body.budgetCents,
  );
  if (!result.ok) throw new AppError('validation_failed', result.reason, 'budgetCents');
  const idByCode = new Map(candidates.map((c) => [c.candidate.orgCode, c.id]));
  const id = await k.transaction().execute(async (trx) => {
    if (existing) await trx.deleteFrom('grant_allocations').where('id', '=', existing.id).execute();
    const { id } = await trx
      .insertInto('grant_allocations')
      .values({
        program_id: programId,
        fiscal_year: body.fiscalYear,
        budget_cents: body.budgetCents,
        scaling_factor: result.scalingFactor,
        accountability_run_id: run?.id ?? null,
        enrollment_year: enrollmentYear,
        status: 'draft',
        ineligible: JSON.stringify(result.ineligible),
        created_by: ctx.user?.id ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (let i = 0; i < result.lines.length; i += 500)
      await trx
        .insertInto('grant_allocation_lines')
        .values(
          result.lines.slice(i, i + 500).map((l) => ({
            allocation_id: id,
            org_id: idByCode.get(l.orgCode)!,
            enrollment: l.enrollment,
            amount_cents: l.amountCents,
            explanation: JSON.stringify(l),
          })),
        )
        .execute();
    return id;
  });
  await writeAudit(ctx, {
    action: 'create',
    resourceType: 'grant_allocation',
    resourceId: String(id),
    detail: { programId, fiscalYear: body.fiscalYear, budgetCents: body.budgetCents, recipients: result.lines.length },
  });
  return grantAllocation(ctx, id);
}

/** Makes an allocation final: it can no longer be recomputed. Refused (409) when final already. Audited. */
export async function finalizeAllocation(ctx: RequestContext, id: number): Promise<Allocation> {
  const row = await ctx.db.kysely
    .selectFrom('grant_allocations')
    .select(['status'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', `There is no grant allocation ${id}`);
  if (row.status === 'final') throw new AppError('conflict', `Allocation ${id} is final already`);
  await ctx.db.kysely
    .updateTable('grant_allocations')
    .set({ status: 'final', finalized_at: ctx.now })
    .where('id', '=', id)
    .execute();
  await writeAudit(ctx, {
    action: 'update',
    resourceType: 'grant_allocation',
    resourceId: String(id),
    detail: { status: 'final' },
  });
  return grantAllocation(ctx, id);
}

/**
 * An allocation with every recipient's amount explained. Regional staff see the lines of their own region only
 * (and their total); state staff everything.
 */
export async function grantAllocation(ctx: RequestContext, id: number): Promise<Allocation> {
  const k = ctx.db.kysely;
  const a = await k
    .selectFrom('grant_allocations as a')
    .innerJoin('grant_programs as p', 'p.id', 'a.program_id')
    .select([
      'a.id',
      'a.fiscal_year',
      'a.budget_cents',
      'a.scaling_factor',
      'a.status',
      'a.accountability_run_id',
      'a.enrollment_year',
      'a.ineligible',
      'p.id as program_id',
      'p.fund_code',
      'p.name',
    ])
    .where('a.id', '=', id)
    .executeTakeFirst();
  if (!a) throw new AppError('not_found', `There is no grant allocation ${id}`);
  const rows = await k
    .selectFrom('grant_allocation_lines')
    .select(['org_id', 'explanation'])
    .where('allocation_id', '=', id)
    .execute();
  const orgs = new Map(
    (
      await findPlacedOrgsById(
        k,
        rows.map((r) => r.org_id),
      )
    ).map((o) => [o.id, o]),
  );
  const all = seesAllRegions(ctx.user);
  const region = ctx.user?.scope.orgCode ?? null;
  const lines = rows
    .map((r) => ({ org: orgs.get(r.org_id)!, line: parse<AllocationLine>(r.explanation) }))
    .filter((x) => all || x.org.region?.code === region)
    .sort((x, y) => (x.org.code < y.org.code ? -1 : 1))
    .map(({ org, line }) => ({
      org: { code: org.code, name: org.name, level: org.level },
      region: org.region ? { code: org.region.code, name: org.region.name, level: 'region' as const } : null,
      enrollment: line.enrollment,
      baseCents: line.baseCents,
      perPupilPartCents: line.perPupilPartCents,
      formulaCents: line.formulaCents,
      scalingFactor: line.scalingFactor,
      scaledCents: line.scaledCents,
      cap: line.cap,
      roundedUp: line.roundedUp,
      amountCents: line.amountCents,
      explanation: line.explanation,
    }));
  return {
    id: a.id,
    program: { id: a.program_id, fundCode: a.fund_code, name: a.name },
    fiscalYear: a.fiscal_year,
    budgetCents: Number(a.budget_cents),
    scalingFactor: a.scaling_factor,
    status: a.status,
    accountabilityRunId: a.accountability_run_id,
    enrollmentYear: a.enrollment_year,
    rounding: ROUNDING_NOTE,
    totalCents: lines.reduce((s, l) => s + l.amountCents, 0),
    lines,
    ineligible: all ? parse<IneligibleCandidate[]>(a.ineligible) : [],
  };
}
