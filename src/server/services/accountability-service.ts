import { sql } from 'kysely';
import { AppError } from '../../core/errors.ts';
import { ma2018Framework, type AccountabilityFramework2018 } from '../../core/accountability/framework-2018.ts';
import {
  runAccountability2018,
  type AccountabilityOrg,
  type AccountabilityRun2018,
  type OrgAccountability2018,
} from '../../core/accountability/engine-2018.ts';
import {
  combineTargetLookups,
  createDefaultTargetLookup,
  createStoredTargetLookup,
  indexIndicatorValues,
  type IndicatorValueLookup,
  type IndicatorValueRow,
  type StoredTarget,
} from '../../core/accountability/targets.ts';
import {
  applyFrameworkChanges,
  changeableValues,
  changedResults,
  FrameworkChangeError,
  type ChangedResult,
  type FrameworkChange,
  type ResultHeadline,
} from '../../core/accountability/what-if.ts';
import {
  levelsCutLines,
  runAndStoreLevels,
  suppressSmallLevels,
  type StoredLevelsRunSummary,
} from './accountability-2012-service.ts';
import type { Db } from '../db/client.ts';
import { tableCsv, tableXlsx } from './table-export.ts';
import type { RequestContext } from '../context.ts';
import { gradeSpanCategory, normalizeOrgCode, type GradeCode } from '../../core/orgs/organization.ts';
import type {
  AccountabilityResultRow,
  AccountabilityResults,
  AccountabilityResultsQuery,
  AccountabilityRunInfo,
  FrameworkValues,
  OrgAccountabilityReport,
  WhatIfResult,
} from '../api/accountability.ts';

/** The frameworks a run can use. */
export const accountabilityFrameworks = ['ma-2018', 'ma-2012'] as const;
export type AccountabilityFrameworkId = (typeof accountabilityFrameworks)[number];

/** Years of inputs a run reads: the accountability year and the four before it (cumulative, prior-year points). */
const YEARS_OF_INPUT = 5;

/** The stored indicator codes a framework reads (measures, their parts, participation). */
export function frameworkIndicatorCodes(framework: AccountabilityFramework2018): string[] {
  const codes = new Set<string>();
  for (const m of framework.measures) {
    codes.add(m.code);
    for (const a of m.addCodes) codes.add(a.code);
  }
  for (const list of Object.values(framework.classification.participation.codes)) for (const c of list) codes.add(c);
  for (const c of Object.values(framework.spanShares.measures)) codes.add(c);
  return [...codes].sort();
}

/** The inputs a run reads from the database, and a digest of them (the run's data version). */
export interface AccountabilityInputs {
  orgs: AccountabilityOrg[];
  rows: IndicatorValueRow[];
  /** The rows indexed for lookups (the in-memory form of the inputs). */
  values: IndicatorValueLookup;
  targets: StoredTarget[];
  dataVersion: string;
  readMs: number;
}

/** Reads the organizations, indicator values, stored targets and designations a run for `year` needs. */
export async function readAccountabilityInputs(
  db: Db,
  year: number,
  framework: AccountabilityFramework2018,
): Promise<AccountabilityInputs> {
  const started = performance.now();
  const orgRows = await db.kysely
    .selectFrom('organizations as o')
    .leftJoin('organizations as p', 'p.id', 'o.parent_id')
    .select(['o.code', 'o.level', 'o.type', 'o.grades', 'p.code as parentCode', 'p.level as parentLevel'])
    .where('o.level', 'in', ['school', 'district'])
    .where((eb) => eb.or([eb('o.opened_year', 'is', null), eb('o.opened_year', '<=', year)]))
    .where((eb) => eb.or([eb('o.closed_year', 'is', null), eb('o.closed_year', '>=', year)]))
    .orderBy('o.code')
    .execute();
  const designations = await db.kysely
    .selectFrom('accountability_designations as d')
    .innerJoin('organizations as o', 'o.id', 'd.org_id')
    .select(['o.code', 'd.designation'])
    .where(sql<boolean>`d.designated_on <= make_date(${year}, 9, 30)`)
    .where((eb) => eb.or([eb('d.exited_on', 'is', null), eb(sql`d.exited_on`, '>', sql`make_date(${year}, 9, 30)`)]))
    .execute();
  const designated = new Map(designations.map((d) => [d.code, d.designation]));
  const orgs: AccountabilityOrg[] = orgRows.map((o) => ({
    code: o.code,
    level: o.level as 'school' | 'district',
    type: o.type,
    districtCode: o.level === 'school' && o.parentLevel === 'district' ? o.parentCode : null,
    grades: o.grades,
    designation:
      designated.get(o.code) === 'chronically_underperforming'
        ? 'chronically-underperforming'
        : designated.get(o.code) === 'underperforming'
          ? 'underperforming'
          : null,
  }));

  const codes = frameworkIndicatorCodes(framework);
  const minOffset = Math.min(0, ...framework.measures.map((m) => m.yearOffset));
  // Selected under the row's own names: the driver's rows are the rows (two million fewer objects) when its values
  // are numbers already, as integer and double precision columns are; otherwise they are converted.
  const values = await sql<{
    orgCode: string;
    indicator: string;
    year: number | string;
    group: string;
    value: number | string;
    n: number | string | null;
  }>`
    SELECT o.code AS "orgCode", v.indicator_code AS indicator, v.school_year AS year, v.student_group AS "group",
           v.value, v.n
    FROM indicator_values v JOIN organizations o ON o.id = v.org_id
    WHERE v.indicator_code = ANY(${codes}) AND v.value IS NOT NULL
      AND v.school_year BETWEEN ${year - YEARS_OF_INPUT + 1 + minOffset} AND ${year}
      AND o.level IN ('school', 'district')`.execute(db.kysely);
  const numeric = values.rows.every(
    (r) => typeof r.year === 'number' && typeof r.value === 'number' && (r.n === null || typeof r.n === 'number'),
  );
  const rows: IndicatorValueRow[] = numeric
    ? (values.rows as IndicatorValueRow[])
    : values.rows.map((r) => ({
        orgCode: r.orgCode,
        indicator: r.indicator,
        year: Number(r.year),
        group: r.group,
        value: Number(r.value),
        n: r.n === null ? null : Number(r.n),
      }));
  const targetRows = await db.kysely
    .selectFrom('accountability_targets as t')
    .innerJoin('organizations as o', 'o.id', 't.org_id')
    .select([
      'o.code',
      't.indicator_code',
      't.student_group',
      't.baseline_year',
      't.baseline_value',
      't.annual_increment',
    ])
    .execute();
  const targets: StoredTarget[] = targetRows.map((t) => ({
    orgCode: t.code,
    measure: t.indicator_code,
    group: t.student_group,
    baselineYear: t.baseline_year,
    baseline: Number(t.baseline_value),
    increment: Number(t.annual_increment),
  }));
  return {
    orgs,
    rows,
    values: indexIndicatorValues(rows),
    targets,
    dataVersion: digest(orgs, rows, targets),
    readMs: performance.now() - started,
  };
}

/** An order-independent digest of the inputs: the same data always gives the same version. */
function digest(
  orgs: readonly AccountabilityOrg[],
  rows: readonly IndicatorValueRow[],
  targets: readonly StoredTarget[],
): string {
  // Two 32-bit FNV-1a style hashes of each input, summed modulo 2^32: order does not matter.
  let sumA = 0;
  let sumB = 0;
  const add = (text: string) => {
    let a = 0x811c9dc5;
    let b = 0x5bd1e995;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
    }
    sumA = (sumA + (a >>> 0)) >>> 0;
    sumB = (sumB + (b >>> 0)) >>> 0;
  };
  for (const o of orgs)
    add(`o|${o.code}|${o.level}|${o.type}|${o.districtCode}|${o.grades.join(';')}|${o.designation ?? ''}`);
  for (const r of rows) add(`v|${r.orgCode}|${r.indicator}|${r.year}|${r.group}|${r.value}|${r.n ?? ''}`);
  for (const t of targets) add(`t|${t.orgCode}|${t.measure}|${t.group}|${t.baselineYear}|${t.baseline}|${t.increment}`);
  return `${orgs.length}.${rows.length}.${targets.length}.${sumA.toString(16).padStart(8, '0')}${sumB.toString(16).padStart(8, '0')}`;
}

/** Computes a run from inputs already read (pure apart from the clock). */
export function computeRun(
  inputs: AccountabilityInputs,
  year: number,
  framework: AccountabilityFramework2018,
): { run: AccountabilityRun2018; computeMs: number } {
  const started = performance.now();
  const { values } = inputs;
  const targets = combineTargetLookups(
    createStoredTargetLookup(inputs.targets),
    createDefaultTargetLookup({ orgs: inputs.orgs, values, framework }),
  );
  const run = runAccountability2018({ year, orgs: inputs.orgs, values, targets }, framework);
  return { run, computeMs: performance.now() - started };
}

/** The headline of an organization's result (the columns the results table filters and sorts on). */
export function headlineOf(o: OrgAccountability2018): ResultHeadline {
  return {
    orgCode: o.orgCode,
    classification: o.classification.overall,
    reason: o.classification.reason,
    percentile: o.percentile?.value ?? null,
    annualPct: o.annual.percentage,
    cumulativePct: o.progress.cumulative,
  };
}

export interface RunOptions {
  year: number;
  framework?: AccountabilityFrameworkId;
  kind?: 'official' | 'what_if';
  changes?: readonly FrameworkChange[];
  label?: string | null;
}

export interface StoredRunSummary {
  id: number;
  framework: string;
  frameworkVersion: string;
  year: number;
  kind: 'official' | 'what_if';
  dataVersion: string;
  summary: AccountabilityRun2018['summary'];
  readMs: number;
  computeMs: number;
}

/** The framework with a what-if's changes, or a validation error naming the change. */
export function frameworkWith(changes: readonly FrameworkChange[] = []): AccountabilityFramework2018 {
  try {
    return applyFrameworkChanges(ma2018Framework, changes);
  } catch (err) {
    if (err instanceof FrameworkChangeError) throw new AppError('validation_failed', err.message, err.path);
    throw err;
  }
}

/**
 * Runs the accountability framework for a year over every school and district, and stores the run with its
 * framework version, data version and each organization's report.
 */
export async function runAndStore(
  ctx: RequestContext,
  options: RunOptions,
): Promise<StoredRunSummary | StoredLevelsRunSummary> {
  const frameworkId = options.framework ?? 'ma-2018';
  // The Level 1-5 system reads its own inputs (legacy CPI or student scores): accountability-2012-service.ts.
  if (frameworkId === 'ma-2012') return runAndStoreLevels(ctx, options);
  const framework = frameworkWith(options.changes);
  const inputs = await readAccountabilityInputs(ctx.db, options.year, framework);
  if (inputs.rows.length === 0)
    throw new AppError(
      'validation_failed',
      `no indicator values the ${frameworkId} framework reads are stored for ${options.year} (import or load data first)`,
    );
  const { run, computeMs } = computeRun(inputs, options.year, framework);
  const id = await storeRun(ctx, run, {
    kind: options.kind ?? 'official',
    changes: options.changes ?? [],
    dataVersion: inputs.dataVersion,
    label: options.label ?? null,
    computeMs,
  });
  return {
    id,
    framework: run.frameworkId,
    frameworkVersion: run.frameworkVersion,
    year: run.year,
    kind: options.kind ?? 'official',
    dataVersion: inputs.dataVersion,
    summary: run.summary,
    readMs: inputs.readMs,
    computeMs,
  };
}

async function storeRun(
  ctx: RequestContext,
  run: AccountabilityRun2018,
  meta: {
    kind: 'official' | 'what_if';
    changes: readonly FrameworkChange[];
    dataVersion: string;
    label: string | null;
    computeMs: number;
  },
): Promise<number> {
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('accountability_runs')
      .values({
        framework: run.frameworkId,
        framework_version: run.frameworkVersion,
        school_year: run.year,
        kind: meta.kind,
        overrides: JSON.stringify(Object.fromEntries(meta.changes.map((c) => [c.path, c.value]))),
        data_version: meta.dataVersion,
        label: meta.label,
        summary: JSON.stringify(run.summary),
        created_by: ctx.user?.id ?? null,
        compute_ms: Math.round(meta.computeMs),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const ids = new Map(
      (
        await trx
          .selectFrom('organizations')
          .select(['id', 'code'])
          .where('level', 'in', ['school', 'district'])
          .execute()
      ).map((o) => [o.code, o.id]),
    );
    const rows = run.orgs.map((o) => {
      const h = headlineOf(o);
      return {
        run_id: inserted.id,
        org_id: ids.get(o.orgCode)!,
        classification: h.classification,
        category: o.classification.support,
        reason: h.reason,
        percentile: h.percentile,
        annual_pct: h.annualPct,
        cumulative_pct: h.cumulativePct,
        level: null,
        report: JSON.stringify(o),
      };
    });
    for (let i = 0; i < rows.length; i += 200)
      await trx
        .insertInto('accountability_results')
        .values(rows.slice(i, i + 200))
        .execute();
    return inserted.id;
  });
}

/** The latest official run of a framework (ma-2018 unless named) for a year (or of the latest year with one). */
export async function latestOfficialRun(db: Db, year?: number, framework: AccountabilityFrameworkId = 'ma-2018') {
  let q = db.kysely
    .selectFrom('accountability_runs')
    .selectAll()
    .where('kind', '=', 'official')
    .where('framework', '=', framework);
  if (year !== undefined) q = q.where('school_year', '=', year);
  return q.orderBy('school_year', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
}

/** Runs a what-if against the latest official run of the year: which organizations change, before and after. */
export async function whatIf(
  ctx: RequestContext,
  year: number,
  changes: readonly FrameworkChange[],
): Promise<{
  officialRunId: number;
  changed: ChangedResult[];
  summary: AccountabilityRun2018['summary'];
  officialSummary: unknown;
}> {
  const official = await latestOfficialRun(ctx.db, year);
  if (!official) throw new AppError('not_found', `There is no official accountability run for ${year}; run one first.`);
  const framework = frameworkWith(changes);
  const inputs = await readAccountabilityInputs(ctx.db, year, framework);
  const { run } = computeRun(inputs, year, framework);
  const before = await ctx.db.kysely
    .selectFrom('accountability_results as r')
    .innerJoin('organizations as o', 'o.id', 'r.org_id')
    .select(['o.code', 'r.classification', 'r.reason', 'r.percentile', 'r.annual_pct', 'r.cumulative_pct'])
    .where('r.run_id', '=', official.id)
    .execute();
  const changed = changedResults(
    before.map((r) => ({
      orgCode: r.code,
      classification: r.classification,
      reason: r.reason,
      percentile: r.percentile,
      annualPct: r.annual_pct,
      cumulativePct: r.cumulative_pct,
    })),
    run.orgs.map(headlineOf),
  );
  return { officialRunId: official.id, changed, summary: run.summary, officialSummary: official.summary };
}

// ---- reading stored runs (the statewide table, an organization's report) ----

/** Years with an official run of a framework (ma-2018 unless named), latest first. */
export async function officialYears(db: Db, framework: AccountabilityFrameworkId = 'ma-2018'): Promise<number[]> {
  const rows = await db.kysely
    .selectFrom('accountability_runs')
    .select('school_year')
    .distinct()
    .where('kind', '=', 'official')
    .where('framework', '=', framework)
    .orderBy('school_year', 'desc')
    .execute();
  return rows.map((r) => r.school_year);
}

type RunRow = NonNullable<Awaited<ReturnType<typeof latestOfficialRun>>>;

/** A run as the API shows it. */
export function presentRun(r: RunRow): AccountabilityRunInfo {
  return {
    id: r.id,
    framework: r.framework,
    frameworkVersion: r.framework_version,
    year: r.school_year,
    kind: r.kind,
    dataVersion: r.data_version,
    createdAt: new Date(r.created_at).toISOString(),
    summary: typeof r.summary === 'string' ? (JSON.parse(r.summary) as Record<string, unknown>) : r.summary,
  };
}

const sortColumns = {
  name: 'o.name',
  percentile: 'r.percentile',
  cumulative: 'r.cumulative_pct',
  annual: 'r.annual_pct',
  classification: 'r.classification',
} as const;

/** The statewide results of the latest official run of a year, filtered and sorted. */
export async function listResults(db: Db, query: AccountabilityResultsQuery): Promise<AccountabilityResults> {
  const frameworkId = query.framework ?? 'ma-2018';
  const years = await officialYears(db, frameworkId);
  const run = await latestOfficialRun(db, query.year ?? years[0], frameworkId);
  const framework = ma2018Framework;
  const cutLines =
    frameworkId === 'ma-2012'
      ? levelsCutLines()
      : [
          {
            percentile: framework.classification.lowestPercentileMax,
            label: `Lowest performing ${framework.classification.lowestPercentileMax}% of schools`,
          },
        ];
  if (!run) return { run: null, years, items: [], total: 0, percentiles: [], cutLines };
  let q = db.kysely
    .selectFrom('accountability_results as r')
    .innerJoin('organizations as o', 'o.id', 'r.org_id')
    .leftJoin('organizations as d', (j) => j.onRef('d.id', '=', 'o.parent_id').on('d.level', '=', 'district'))
    .leftJoin('organizations as g', (j) =>
      j.on((eb) => eb.or([eb('g.id', '=', eb.ref('o.region_id')), eb('g.id', '=', eb.ref('d.region_id'))])),
    )
    .where('r.run_id', '=', run.id);
  if (query.level) q = q.where('o.level', '=', query.level);
  if (query.classification) q = q.where('r.classification', '=', query.classification);
  if (query.reason) q = q.where('r.reason', 'ilike', `%${escapeLike(query.reason)}%`);
  if (query.region) q = q.where('g.code', '=', query.region);
  if (query.district) {
    const code = normalizeOrgCode(query.district) ?? query.district;
    q = q.where((eb) => eb.or([eb('o.code', '=', code), eb('d.code', '=', code)]));
  }
  if (query.q) {
    const words = query.q.split(/\s+/).filter(Boolean);
    const code = normalizeOrgCode(query.q);
    q = q.where((eb) =>
      eb.or([
        ...(code ? [eb('o.code', '=', code)] : []),
        eb.and(words.map((w) => eb('o.name', 'ilike', `%${escapeLike(w)}%`))),
      ]),
    );
  }
  const rows = await q
    .select([
      'o.code',
      'o.name',
      'o.level',
      'o.grades',
      'd.code as districtCode',
      'd.name as districtName',
      'g.code as regionCode',
      'g.name as regionName',
      'r.classification',
      'r.category',
      'r.reason',
      'r.percentile',
      'r.annual_pct',
      'r.cumulative_pct',
    ])
    .orderBy(sql.ref(sortColumns[query.sort]), (ob) => (query.order === 'asc' ? ob.asc() : ob.desc()).nullsLast())
    .orderBy('o.name')
    .orderBy('o.code')
    .execute();
  let items: AccountabilityResultRow[] = rows.map((r) => ({
    code: r.code,
    name: r.name,
    level: r.level as 'school' | 'district',
    gradeSpanCategory: r.level === 'school' ? gradeSpanCategory(r.grades as GradeCode[]) : null,
    district: r.districtCode ? { code: r.districtCode, name: r.districtName!, level: 'district' } : null,
    region: r.regionCode ? { code: r.regionCode, name: r.regionName!, level: 'region' } : null,
    classification: r.classification,
    category: r.category,
    reason: r.reason,
    percentile: r.percentile,
    annualPct: r.annual_pct === null ? null : Number(r.annual_pct),
    cumulativePct: r.cumulative_pct === null ? null : Number(r.cumulative_pct),
  }));
  if (query.schoolType) items = items.filter((i) => i.gradeSpanCategory === query.schoolType);
  const percentiles = (
    await db.kysely
      .selectFrom('accountability_results')
      .select('percentile')
      .where('run_id', '=', run.id)
      .where('percentile', 'is not', null)
      .execute()
  ).map((r) => r.percentile!);
  const total = items.length;
  return {
    run: presentRun(run),
    years,
    items: query.format === 'json' ? items.slice(query.offset, query.offset + query.limit) : items,
    total,
    percentiles,
    cutLines,
  };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The columns of the results export, in order, with their headers. */
export const resultColumns: readonly {
  header: string;
  cell: (r: AccountabilityResultRow) => string | number | null;
}[] = [
  { header: 'org_code', cell: (r) => r.code },
  { header: 'org_name', cell: (r) => r.name },
  { header: 'org_type', cell: (r) => (r.level === 'school' ? 'School' : 'District') },
  { header: 'school_type', cell: (r) => r.gradeSpanCategory },
  { header: 'dist_code', cell: (r) => r.district?.code ?? null },
  { header: 'dist_name', cell: (r) => r.district?.name ?? null },
  { header: 'region', cell: (r) => r.region?.name ?? null },
  { header: 'classification_overall', cell: (r) => r.classification },
  { header: 'classification_category', cell: (r) => r.category },
  { header: 'classification_reason', cell: (r) => r.reason },
  { header: 'accntblty_pctle', cell: (r) => r.percentile },
  { header: 'curr_year_tgt_pct', cell: (r) => (r.annualPct === null ? null : Math.round(r.annualPct)) },
  { header: 'cumulative_prgrss_pct', cell: (r) => (r.cumulativePct === null ? null : Math.round(r.cumulativePct)) },
];

/** The results as CSV (the state open-data column names, with the year first). */
export function resultsCsv(year: number, items: readonly AccountabilityResultRow[]): string {
  return tableCsv(
    ['sy', ...resultColumns.map((c) => c.header)],
    items.map((r) => [String(year), ...resultColumns.map((c) => c.cell(r))]),
  );
}

/** The results as an XLSX workbook. */
export async function resultsXlsx(year: number, items: readonly AccountabilityResultRow[]): Promise<Buffer> {
  return tableXlsx(
    `Accountability ${year}`,
    ['sy', ...resultColumns.map((c) => c.header)],
    items.map((r) => [year, ...resultColumns.map((c) => c.cell(r))]),
  );
}

/**
 * An organization's report in the latest official run of a year. For the public, a value of fewer students than the
 * reporting minimum is withheld (value and n removed, `suppressed: true`).
 */
export async function getOrgReport(
  db: Db,
  rawCode: string,
  year: number | undefined,
  signedIn: boolean,
  reportingMinimum: number,
  framework: AccountabilityFrameworkId = 'ma-2018',
): Promise<OrgAccountabilityReport> {
  const code = normalizeOrgCode(rawCode);
  const org = code
    ? await db.kysely
        .selectFrom('organizations')
        .select(['id', 'code', 'name', 'level'])
        .where('code', '=', code)
        .executeTakeFirst()
    : undefined;
  if (!org) throw new AppError('not_found', `No organization has the code ${rawCode}`);
  if (org.level !== 'school' && org.level !== 'district')
    throw new AppError('not_found', `Accountability results are for schools and districts; ${org.name} is neither`);
  const years = await officialYears(db, framework);
  const run = await latestOfficialRun(db, year ?? years[0], framework);
  const ref = { code: org.code, name: org.name, level: org.level as 'school' | 'district' };
  if (!run) return { run: null, years, org: ref, result: null, report: null, suppressedBelow: reportingMinimum };
  const filtered = await listResults(db, {
    framework,
    year: run.school_year,
    district: undefined,
    q: org.code,
    sort: 'name',
    order: 'asc',
    format: 'csv',
    limit: 1,
    offset: 0,
  });
  const result = filtered.items.find((i) => i.code === org.code) ?? null;
  const stored = await db.kysely
    .selectFrom('accountability_results')
    .select('report')
    .where('run_id', '=', run.id)
    .where('org_id', '=', org.id)
    .executeTakeFirst();
  let report: Record<string, unknown> | null = stored
    ? typeof stored.report === 'string'
      ? (JSON.parse(stored.report) as Record<string, unknown>)
      : stored.report
    : null;
  if (report && !signedIn)
    report =
      framework === 'ma-2012'
        ? suppressSmallLevels(report, reportingMinimum)
        : suppressSmallValues(report, reportingMinimum);
  return { run: presentRun(run), years, org: ref, result, report, suppressedBelow: reportingMinimum };
}

/**
 * Withholds every figure of fewer students than the minimum from the public report: indicator values (value, n and
 * prior removed, `suppressed: true`), the explanation steps that quote them, a small graduation cohort and small
 * participation counts.
 */
export function suppressSmallValues(report: Record<string, unknown>, minimum: number): Record<string, unknown> {
  type Step = { text: string; value: number | null };
  const copy = structuredClone(report) as {
    columns?: { indicators?: Record<string, unknown>[] }[];
    explanation?: Step[];
    annual?: { explanation?: Step[] };
    progress?: { explanation?: Step[] };
    graduationRate?: { value: number | null; n: number | null } | null;
    lowParticipation?: { rates?: { value: number | null; n: number | null }[] }[];
  };
  const withheld = `Fewer than ${minimum} students: not reported.`;
  for (const column of copy.columns ?? [])
    for (const indicator of column.indicators ?? []) {
      const n = indicator.n;
      if (typeof n === 'number' && n < minimum) {
        indicator.value = null;
        indicator.n = null;
        indicator.prior = null;
        indicator.text = withheld;
        indicator.suppressed = true;
      }
    }
  // A step quoting a figure of few students ("12.3 (n 8)", "from 8 students") says only that it is withheld.
  const small = (text: string) =>
    [...text.matchAll(/\(n (\d+)\)|from (\d+) students?/g)].some((m) => Number(m[1] ?? m[2]) < minimum);
  for (const steps of [copy.explanation, copy.annual?.explanation, copy.progress?.explanation])
    for (const step of steps ?? [])
      if (typeof step.text === 'string' && small(step.text)) {
        step.text = withheld;
        step.value = null;
      }
  if (copy.graduationRate && typeof copy.graduationRate.n === 'number' && copy.graduationRate.n < minimum)
    copy.graduationRate = { ...copy.graduationRate, value: null, n: null };
  for (const finding of copy.lowParticipation ?? [])
    for (const rate of finding.rates ?? [])
      if (typeof rate.n === 'number' && rate.n < minimum) {
        rate.value = null;
        rate.n = null;
      }
  return copy as Record<string, unknown>;
}

/** The framework's changeable values and its settings notes (for the what-if form). */
export function frameworkValues(): FrameworkValues {
  return {
    id: ma2018Framework.id,
    version: ma2018Framework.version,
    values: changeableValues(ma2018Framework).map((v) => ({ path: v.path, value: v.value })),
    settings: Object.fromEntries(
      Object.entries(ma2018Framework.settings).map(([k, s]) => [k, { status: s.status, note: s.note }]),
    ),
  };
}

/** A what-if as the API returns it: each changed organization named, before and after. */
export async function whatIfReport(
  ctx: RequestContext,
  year: number,
  changes: readonly FrameworkChange[],
): Promise<WhatIfResult> {
  const result = await whatIf(ctx, year, changes);
  const codes = result.changed.map((c) => c.orgCode);
  const names = new Map(
    codes.length === 0
      ? []
      : (
          await ctx.db.kysely
            .selectFrom('organizations')
            .select(['code', 'name', 'level'])
            .where('code', 'in', codes)
            .execute()
        ).map((o) => [o.code, o]),
  );
  const strip = (h: ResultHeadline | null) =>
    h && {
      classification: h.classification,
      reason: h.reason,
      percentile: h.percentile,
      annualPct: h.annualPct,
      cumulativePct: h.cumulativePct,
    };
  return {
    officialRunId: result.officialRunId,
    year,
    changes: changes.map((c) => ({ path: c.path, value: c.value })),
    changed: result.changed.map((c) => {
      const o = names.get(c.orgCode);
      return {
        org: { code: c.orgCode, name: o?.name ?? c.orgCode, level: (o?.level ?? 'school') as 'school' | 'district' },
        before: strip(c.before),
        after: strip(c.after),
      };
    }),
    summary: result.summary as unknown as Record<string, unknown>,
    officialSummary: (typeof result.officialSummary === 'string'
      ? JSON.parse(result.officialSummary)
      : result.officialSummary) as Record<string, unknown>,
  };
}
