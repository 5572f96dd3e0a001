import { sql } from 'kysely';
import { AppError } from '../../core/errors.ts';
import { gradeSpanCategory, normalizeOrgCode, type GradeCode } from '../../core/orgs/organization.ts';
import type { Db } from '../db/client.ts';
import type { RequestContext } from '../context.ts';
import { isUniqueViolation } from '../ingest/bulk-load.ts';
import type {
  Designation,
  DesignationBody,
  DesignationExitBody,
  DesignationList,
  EligibleLists,
} from '../api/designations.ts';
import { latestOfficialRun, officialYears } from './accountability-service.ts';
import { writeAudit } from './audit-service.ts';

/**
 * Eligibility under 603 CMR 2.05/2.06 (also listed by GET /api/accountability/eligible). Configuration, [unconfirmed] as
 * to how DESE applies it:
 * - a school is eligible for designation as underperforming when it is in the lowest `SCHOOL_SHARE` of schools with
 *   common grades (2.05). The regulation names "a measure using MCAS achievement and growth"; ssos uses the
 *   accountability percentile of the latest official run (which combines achievement and growth with the other
 *   indicators) as a documented proxy, and groups schools by grade span category (ES, MS, HS, ...).
 * - a district is eligible for designation as chronically underperforming when it is in the lowest `DISTRICT_SHARE`
 *   of districts (2.06), by the annual criterion-referenced target percentage of the latest official run.
 * The count eligible in a group of n is ceil(share x n); organizations tied with the last one eligible are eligible.
 */
export const SCHOOL_SHARE = 0.2;
export const DISTRICT_SHARE = 0.1;

const ELIGIBILITY_NOTES = [
  `[unconfirmed] Schools: the lowest ${SCHOOL_SHARE * 100}% of schools with common grades (grade span category) by accountability percentile, a proxy for the measure using MCAS achievement and growth named in 603 CMR 2.05.`,
  `[unconfirmed] Districts: the lowest ${DISTRICT_SHARE * 100}% of districts by annual criterion-referenced target percentage (603 CMR 2.06).`,
  'In a group of n, ceil(share x n) are eligible, with any tied with the last of them.',
];

type Current = { id: number; designation: 'underperforming' | 'chronically_underperforming'; designatedOn: string };

async function currentDesignations(db: Db): Promise<Map<number, Current>> {
  const rows = await db.kysely
    .selectFrom('accountability_designations')
    .select(['id', 'org_id', 'designation', sql<string>`to_char(designated_on, 'YYYY-MM-DD')`.as('designatedOn')])
    .where('exited_on', 'is', null)
    .execute();
  return new Map(rows.map((r) => [r.org_id, { id: r.id, designation: r.designation, designatedOn: r.designatedOn }]));
}

/** The lowest `share` of items by `figure` (ascending): ceil(share x n), with ties at the cut. */
export function lowestShare<T>(
  items: readonly T[],
  figure: (t: T) => number,
  share: number,
): { item: T; rank: number }[] {
  const sorted = [...items].sort((a, b) => figure(a) - figure(b));
  const count = Math.ceil(share * sorted.length);
  if (count === 0) return [];
  const cut = figure(sorted[count - 1]!);
  return sorted.flatMap((item, i) => (figure(item) <= cut ? [{ item, rank: i + 1 }] : []));
}

/** The schools and districts eligible for designation in the latest official run of a year. */
export async function eligibleLists(db: Db, year?: number): Promise<EligibleLists> {
  const rules = { schoolShare: SCHOOL_SHARE, districtShare: DISTRICT_SHARE, notes: ELIGIBILITY_NOTES };
  const run = await latestOfficialRun(db, year ?? (await officialYears(db))[0]);
  if (!run) {
    if (year !== undefined)
      throw new AppError('not_found', `There is no official accountability run for ${year}; run one first.`);
    return { run: null, rules, schools: [], districts: [] };
  }
  const rows = await db.kysely
    .selectFrom('accountability_results as r')
    .innerJoin('organizations as o', 'o.id', 'r.org_id')
    .leftJoin('organizations as d', (j) => j.onRef('d.id', '=', 'o.parent_id').on('d.level', '=', 'district'))
    .select([
      'o.id',
      'o.code',
      'o.name',
      'o.level',
      'o.grades',
      'd.code as districtCode',
      'd.name as districtName',
      'r.percentile',
      'r.annual_pct',
    ])
    .where('r.run_id', '=', run.id)
    .execute();
  const designations = await currentDesignations(db);

  const bySpan = new Map<string, { row: (typeof rows)[number]; span: string; percentile: number }[]>();
  for (const r of rows) {
    if (r.level !== 'school' || r.percentile === null) continue;
    const span = gradeSpanCategory(r.grades as GradeCode[]);
    if (!span) continue;
    const list = bySpan.get(span) ?? [];
    list.push({ row: r, span, percentile: r.percentile });
    bySpan.set(span, list);
  }
  const schools: EligibleLists['schools'] = [];
  for (const [, group] of [...bySpan].sort(([a], [b]) => a.localeCompare(b)))
    for (const { item, rank } of lowestShare(group, (s) => s.percentile, SCHOOL_SHARE))
      schools.push({
        code: item.row.code,
        name: item.row.name,
        district: item.row.districtCode
          ? { code: item.row.districtCode, name: item.row.districtName!, level: 'district' }
          : null,
        gradeSpanCategory: item.span as EligibleLists['schools'][number]['gradeSpanCategory'],
        percentile: item.percentile,
        rank,
        groupSize: group.length,
        designation: designations.get(item.row.id) ?? null,
      });

  const districtRows = rows
    .filter((r) => r.level === 'district' && r.annual_pct !== null)
    .map((r) => ({ row: r, annualPct: Number(r.annual_pct) }));
  const districts = lowestShare(districtRows, (d) => d.annualPct, DISTRICT_SHARE).map(({ item, rank }) => ({
    code: item.row.code,
    name: item.row.name,
    annualPct: item.annualPct,
    rank,
    designation: designations.get(item.row.id) ?? null,
  }));
  return { run: { id: run.id, year: run.school_year }, rules, schools, districts };
}

function designationQuery(db: Db) {
  return db.kysely
    .selectFrom('accountability_designations as x')
    .innerJoin('organizations as o', 'o.id', 'x.org_id')
    .select([
      'x.id',
      'o.code',
      'o.name',
      'o.level',
      'x.designation',
      sql<string>`to_char(x.designated_on, 'YYYY-MM-DD')`.as('designatedOn'),
      'x.rationale',
      sql<string | null>`to_char(x.exited_on, 'YYYY-MM-DD')`.as('exitedOn'),
      'x.exit_rationale',
    ]);
}

type DesignationRow = Awaited<ReturnType<ReturnType<typeof designationQuery>['executeTakeFirstOrThrow']>>;

function present(r: DesignationRow): Designation {
  return {
    id: r.id,
    org: { code: r.code, name: r.name, level: r.level as Designation['org']['level'] },
    designation: r.designation,
    designatedOn: r.designatedOn,
    rationale: r.rationale,
    exitedOn: r.exitedOn,
    exitRationale: r.exit_rationale,
    current: r.exitedOn === null,
  };
}

/** Every designation, current and past, latest first (public records). */
export async function listDesignations(db: Db): Promise<DesignationList> {
  const rows = await designationQuery(db).orderBy('x.designated_on', 'desc').orderBy('x.id', 'desc').execute();
  return { items: rows.map(present) };
}

/**
 * Designates a school underperforming or chronically underperforming (603 CMR 2.05), or a district chronically
 * underperforming (2.06). Refused when the organization is designated already. Audited.
 */
export async function designate(ctx: RequestContext, body: DesignationBody): Promise<Designation> {
  const code = normalizeOrgCode(body.orgCode);
  const org = code
    ? await ctx.db.kysely
        .selectFrom('organizations')
        .select(['id', 'code', 'name', 'level'])
        .where('code', '=', code)
        .executeTakeFirst()
    : undefined;
  if (!org) throw new AppError('validation_failed', `No organization has the code ${body.orgCode}`, 'orgCode');
  if (org.level !== 'school' && org.level !== 'district')
    throw new AppError('validation_failed', `${org.name} is neither a school nor a district`, 'orgCode');
  if (org.level === 'district' && body.designation !== 'chronically_underperforming')
    throw new AppError(
      'validation_failed',
      'A district is designated chronically underperforming (603 CMR 2.06), not underperforming',
      'designation',
    );
  const open = await ctx.db.kysely
    .selectFrom('accountability_designations')
    .select(['id', 'designation', sql<string>`to_char(designated_on, 'YYYY-MM-DD')`.as('designatedOn')])
    .where('org_id', '=', org.id)
    .where('exited_on', 'is', null)
    .executeTakeFirst();
  const already = (d: { designation: string; designatedOn: string }) =>
    new AppError(
      'conflict',
      `${org.name} is already designated ${d.designation.replace('_', ' ')} (since ${d.designatedOn}); record its exit before designating it again`,
    );
  if (open) throw already(open);
  let id: number;
  try {
    id = (
      await ctx.db.kysely
        .insertInto('accountability_designations')
        .values({
          org_id: org.id,
          designation: body.designation,
          designated_on: body.designatedOn,
          rationale: body.rationale,
          created_by: ctx.user?.id ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  } catch (err) {
    if (isUniqueViolation(err)) throw already({ designation: body.designation, designatedOn: body.designatedOn });
    throw err;
  }
  await writeAudit(ctx, {
    action: 'create',
    resourceType: 'accountability_designation',
    resourceId: String(id),
    orgId: org.id,
    detail: { designation: body.designation, designatedOn: body.designatedOn, rationale: body.rationale },
  });
  return present(await designationQuery(ctx.db).where('x.id', '=', id).executeTakeFirstOrThrow());
}

/** Records the exit review of a designation: the date it ends and the finding. Audited. */
export async function exitDesignation(
  ctx: RequestContext,
  id: number,
  body: DesignationExitBody,
): Promise<Designation> {
  const row = await designationQuery(ctx.db).select('o.id as orgId').where('x.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not_found', `There is no designation ${id}`);
  if (row.exitedOn !== null)
    throw new AppError('conflict', `The designation of ${row.name} ended already, on ${row.exitedOn}`);
  if (body.exitedOn < row.designatedOn)
    throw new AppError(
      'validation_failed',
      `The exit date must not be before the designation date (${row.designatedOn})`,
      'exitedOn',
    );
  const updated = await ctx.db.kysely
    .updateTable('accountability_designations')
    .set({ exited_on: body.exitedOn, exit_rationale: body.rationale })
    .where('id', '=', id)
    .where('exited_on', 'is', null)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1)
    throw new AppError('conflict', `The designation of ${row.name} ended already`);
  await writeAudit(ctx, {
    action: 'update',
    resourceType: 'accountability_designation',
    resourceId: String(id),
    orgId: row.orgId,
    detail: { exitedOn: body.exitedOn, rationale: body.rationale },
  });
  return present(await designationQuery(ctx.db).where('x.id', '=', id).executeTakeFirstOrThrow());
}
