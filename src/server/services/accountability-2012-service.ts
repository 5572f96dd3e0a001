import { sql } from 'kysely';
import { AppError } from '../../core/errors.ts';
import { ma2012Framework, type LevelsFramework, type Subject2012 } from '../../core/accountability/framework-2012.ts';
import {
  classifyLevels,
  groupLevels,
  nextGenCpiTable,
  type DistrictInput2012,
  type GroupInput2012,
  type GroupLevelResult,
  type GroupYearFigures,
  type LevelsResult,
  type SchoolInput2012,
} from '../../core/accountability/levels-2012.ts';
import type { ExplanationStep } from '../../core/accountability/points.ts';
import {
  applyFrameworkChanges,
  changeableValues,
  FrameworkChangeError,
  type FrameworkChange,
} from '../../core/accountability/what-if.ts';
import { gradeOrdinal, gradeSpanCategory, type GradeCode } from '../../core/orgs/organization.ts';
import type { Db } from '../db/client.ts';
import { tableCsv, tableXlsx } from './table-export.ts';
import type { RequestContext } from '../context.ts';
import type {
  AccountabilityResultRow,
  DistrictReport2012,
  LevelsRunSummary,
  SchoolReport2012,
  YearInput2012,
} from '../api/accountability.ts';

/**
 * The 2012-2017 Level 1-5 system over the database: reads each school's and district's figures per student group and
 * year (stored indicator values first, student records where a figure is not stored), runs `classifyLevels`, and
 * stores the run and each organization's report in `accountability_runs` / `accountability_results` (framework
 * `ma-2012`). The mapping from stored codes to the engine's input is documented at the top of `levels-2012.ts` and in
 * docs/accountability.md ("Running ma-2012").
 */

/** The student groups read for ma-2012: all students, high needs, and the subgroups ranked for subgroup percentiles. */
export const levelsGroups = [
  'all',
  'high_needs',
  'low_income',
  'english_learner',
  'disability',
  'african_american',
  'asian',
  'hispanic',
  'multi_race',
  'native_american',
  'pacific_islander',
  'white',
] as const;

/** Growth percentiles of fewer students give no median SGP (DESE does not report growth for fewer than 20). */
export const MIN_SGP_STUDENTS = 20;

/** Earliest year read besides the baselines: the cumulative PPI's first year, its prior year and the 5-year lag. */
const YEARS_BACK = 7;

/** Stored subject codes (`mcas_<subject>_...`) of the framework's subjects. */
const storedSubject: Record<Subject2012, string> = { ela: 'ela', math: 'math', science: 'sci' };
/** Grade spans stored per organization (grades 3-8 together, grade 10): summed for a school's figure. */
const spans = ['g38', 'g10'] as const;
/** Grades of the legacy MCAS columns of the 2017 school profiles. */
const legacyGrades = ['03', '04', '05', '06', '07', '08', '10'] as const;
const sgpSubjects = ['ela', 'math'] as const;
type SgpSubject = (typeof sgpSubjects)[number];

/** Where a figure came from: a stored indicator value, or computed from student records. */
type FigureSource = 'stored' | 'students';

/** What a ma-2012 run returns (the same fields as a ma-2018 run, with its own summary). */
export interface StoredLevelsRunSummary {
  id: number;
  framework: string;
  frameworkVersion: string;
  year: number;
  kind: 'official' | 'what_if';
  dataVersion: string;
  summary: LevelsRunSummary;
  readMs: number;
  computeMs: number;
}

/** The framework with a what-if's changes, or a validation error naming the change. */
export function levelsFrameworkWith(changes: readonly FrameworkChange[] = []): LevelsFramework {
  try {
    return applyFrameworkChanges(ma2012Framework, changes);
  } catch (err) {
    if (err instanceof FrameworkChangeError) throw new AppError('validation_failed', err.message, err.path);
    throw err;
  }
}

// ---- reading ----

interface OrgRow {
  id: number;
  code: string;
  level: 'school' | 'district';
  type: string;
  grades: string[];
  openedYear: number | null;
  districtCode: string | null;
}

/** A stored value as read. */
interface StoredRow {
  code: string;
  indicator: string;
  year: number;
  grp: string;
  value: number;
  n: number | null;
}

/** Student records of one organization, group, year and subject, aggregated in the database. */
interface StudentRow {
  code: string;
  grp: string;
  year: number;
  subject: string;
  enrolled: number;
  participated: number;
  scored: number;
  points: number;
  warningFailing: number;
  advanced: number;
  sgpN: number;
  medianSgp: number | null;
}

/** The inputs of a run, read from the database. */
export interface LevelsInputs {
  orgs: OrgRow[];
  designations: Map<string, 4 | 5>;
  /** By organization code, group and year. */
  inputs: Map<string, Record<string, Record<number, YearInput2012>>>;
  dataVersion: string;
  readMs: number;
  storedRows: number;
  studentRows: number;
}

/** The stored indicator codes ma-2012 reads. */
export function levelsIndicatorCodes(): string[] {
  const codes: string[] = ['annual_dropout_pct', 'graduation_4yr_pct', 'graduation_5yr_pct'];
  for (const s of Object.values(storedSubject))
    for (const span of spans) codes.push(`mcas_${s}_${span}_students_included`, `mcas_${s}_${span}_participation_pct`);
  for (const s of sgpSubjects) for (const span of spans) codes.push(`mcas_${s}_${span}_median_sgp`);
  for (const s of sgpSubjects)
    for (const g of legacyGrades)
      for (const m of ['cpi', 'included', 'sgp', 'sgp_included', 'a_pct', 'wf_pct'])
        codes.push(`dese_profile2017_mcas_g${g}_${s}_${m}`);
  return codes.sort();
}

/** The first year read for an accountability year: the framework's baselines, or seven years back if later. */
export function firstYearRead(year: number, framework: LevelsFramework): number {
  const p = framework.ppi;
  const baselines = [p.cpi, p.dropout, p.graduation4, p.graduation5].map((r) => r.baselineYear);
  return Math.min(year - YEARS_BACK, ...baselines.filter((y) => y <= year));
}

/** Reads the organizations, designations, stored values and student aggregates a ma-2012 run for `year` needs. */
export async function readLevelsInputs(db: Db, year: number, framework: LevelsFramework): Promise<LevelsInputs> {
  const started = performance.now();
  const from = firstYearRead(year, framework);
  const orgRows = await db.kysely
    .selectFrom('organizations as o')
    .leftJoin('organizations as p', 'p.id', 'o.parent_id')
    .select([
      'o.id',
      'o.code',
      'o.level',
      'o.type',
      'o.grades',
      'o.opened_year',
      'p.code as parentCode',
      'p.level as parentLevel',
    ])
    .where('o.level', 'in', ['school', 'district'])
    .where((eb) => eb.or([eb('o.opened_year', 'is', null), eb('o.opened_year', '<=', year)]))
    .where((eb) => eb.or([eb('o.closed_year', 'is', null), eb('o.closed_year', '>=', year)]))
    .orderBy('o.code')
    .execute();
  const orgs: OrgRow[] = orgRows.map((o) => ({
    id: o.id,
    code: o.code,
    level: o.level as 'school' | 'district',
    type: o.type,
    grades: o.grades,
    openedYear: o.opened_year,
    districtCode: o.level === 'school' && o.parentLevel === 'district' ? o.parentCode : null,
  }));
  const open = new Set(orgs.map((o) => o.code));

  // A designation current on September 30 of the year: underperforming = Level 4, chronically underperforming = 5.
  const designationRows = await db.kysely
    .selectFrom('accountability_designations as d')
    .innerJoin('organizations as o', 'o.id', 'd.org_id')
    .select(['o.code', 'd.designation'])
    .where(sql<boolean>`d.designated_on <= make_date(${year}, 9, 30)`)
    .where((eb) => eb.or([eb('d.exited_on', 'is', null), eb(sql`d.exited_on`, '>', sql`make_date(${year}, 9, 30)`)]))
    .execute();
  const designations = new Map<string, 4 | 5>(
    designationRows.map((d) => [d.code, d.designation === 'chronically_underperforming' ? 5 : 4]),
  );

  const groups = [...levelsGroups];
  const stored = await sql<StoredRow>`
    SELECT o.code, v.indicator_code AS indicator, v.school_year AS year, v.student_group AS grp, v.value, v.n
    FROM indicator_values v JOIN organizations o ON o.id = v.org_id
    WHERE v.indicator_code = ANY(${levelsIndicatorCodes()}) AND v.value IS NOT NULL
      AND v.student_group = ANY(${groups})
      AND v.school_year BETWEEN ${from} AND ${year}
      AND o.level IN ('school', 'district')`.execute(db.kysely);
  const storedRows: StoredRow[] = stored.rows
    .filter((r) => open.has(r.code))
    .map((r) => ({ ...r, year: Number(r.year), value: Number(r.value), n: r.n === null ? null : Number(r.n) }));

  const studentRows = (await readStudentAggregates(db, from, year, framework)).filter((r) => open.has(r.code));

  const inputs = buildInputs(storedRows, studentRows);
  return {
    orgs,
    designations,
    inputs,
    dataVersion: digest(orgs, designations, storedRows, studentRows),
    readMs: performance.now() - started,
    storedRows: storedRows.length,
    studentRows: studentRows.length,
  };
}

/**
 * Student assessments aggregated in the database per organization (each school, and its district for all students and
 * high needs), student group,
 * year and subject: students enrolled in the test, participating, scored, their CPI points (each Next-Generation
 * score looked up in `nextGenCpiTable`, the concordance then the CPI bands), Warning/Failing and Advanced counts on the
 * legacy scale, and the median SGP. One row per organization, group, year and subject; no student leaves the database.
 */
async function readStudentAggregates(
  db: Db,
  from: number,
  year: number,
  framework: LevelsFramework,
): Promise<StudentRow[]> {
  const table = nextGenCpiTable(framework);
  const scores = table.map((t) => t.score);
  const points = table.map((t) => t.points);
  const wf = table.map((t) => (t.warningFailing ? 1 : 0));
  const adv = table.map((t) => (t.advanced ? 1 : 0));
  // A district's own figures are shown for all students and high needs only (its level comes from its schools).
  const districtGroups = [framework.groups.all, framework.groups.highNeeds];
  const races = levelsGroups.filter((g) =>
    ['african_american', 'asian', 'hispanic', 'multi_race', 'native_american', 'pacific_islander', 'white'].includes(g),
  );
  const result = await sql<{
    code: string;
    grp: string;
    year: number;
    subject: string;
    enrolled: number;
    participated: number;
    scored: number;
    points: number | string;
    wf: number;
    adv: number;
    sgp_n: number;
    median_sgp: number | string | null;
  }>`
    WITH pts AS (
      SELECT * FROM unnest(${scores}::int[], ${points}::float8[], ${wf}::int[], ${adv}::int[])
        AS p(score, points, wf, adv)
    ),
    rec AS (
      SELECT a.school_year AS year, a.subject, a.school_id, d.id AS district_id, a.participated, a.sgp,
             p.points, p.wf, p.adv,
             coalesce(sy.low_income, false) AS li, coalesce(sy.english_learner, false) AS el,
             coalesce(sy.former_english_learner, false) AS fel, coalesce(sy.disability, false) AS swd,
             st.race_ethnicity AS race
      FROM assessments a
      JOIN organizations s ON s.id = a.school_id
      LEFT JOIN organizations d ON d.id = s.parent_id AND d.level = 'district'
      LEFT JOIN student_years sy ON sy.student_id = a.student_id AND sy.school_year = a.school_year
      LEFT JOIN students st ON st.student_id = a.student_id
      LEFT JOIN pts p ON a.participated AND p.score = a.scaled_score
      WHERE a.school_year BETWEEN ${from} AND ${year}
    ),
    grouped AS (
      SELECT rec.*, g.grp
      FROM rec CROSS JOIN LATERAL (VALUES
        ('all'),
        (CASE WHEN li OR el OR fel OR swd THEN 'high_needs' END),
        (CASE WHEN li THEN 'low_income' END),
        (CASE WHEN el THEN 'english_learner' END),
        (CASE WHEN swd THEN 'disability' END),
        (CASE WHEN race = ANY(${races}) THEN race END)
      ) AS g(grp)
      WHERE g.grp IS NOT NULL
    )
    SELECT o.code, grouped.grp, grouped.year, grouped.subject,
           count(*)::int AS enrolled,
           (count(*) FILTER (WHERE grouped.participated))::int AS participated,
           count(grouped.points)::int AS scored,
           coalesce(sum(grouped.points), 0)::float8 AS points,
           coalesce(sum(grouped.wf), 0)::int AS wf,
           coalesce(sum(grouped.adv), 0)::int AS adv,
           count(grouped.sgp)::int AS sgp_n,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY grouped.sgp) AS median_sgp
    FROM grouped
    CROSS JOIN LATERAL (VALUES
      (grouped.school_id),
      (CASE WHEN grouped.grp = ANY(${districtGroups}) THEN grouped.district_id END)
    ) AS org(id)
    JOIN organizations o ON o.id = org.id
    GROUP BY o.code, grouped.grp, grouped.year, grouped.subject`.execute(db.kysely);
  return result.rows.map((r) => ({
    code: r.code,
    grp: r.grp,
    year: Number(r.year),
    subject: r.subject,
    enrolled: Number(r.enrolled),
    participated: Number(r.participated),
    scored: Number(r.scored),
    points: Number(r.points),
    warningFailing: Number(r.wf),
    advanced: Number(r.adv),
    sgpN: Number(r.sgp_n),
    medianSgp: r.median_sgp === null ? null : Number(r.median_sgp),
  }));
}

/** An n-weighted mean in the making (a value without an n weighs 1). */
class Mean {
  sum = 0;
  weight = 0;
  add(value: number, n: number | null): void {
    const w = n !== null && n > 0 ? n : 1;
    this.sum += value * w;
    this.weight += w;
  }
  get value(): number | null {
    return this.weight > 0 ? this.sum / this.weight : null;
  }
}

/** The stored pieces of one organization, group and year before they become `GroupYearFigures`. */
interface StoredParts {
  included: Partial<Record<Subject2012, number>>;
  participation: Partial<Record<Subject2012, Mean>>;
  medianSgp: Partial<Record<SgpSubject, Mean>>;
  legacyCpi: Partial<Record<SgpSubject, Mean>>;
  legacyIncluded: Partial<Record<SgpSubject, number>>;
  legacySgp: Partial<Record<SgpSubject, Mean>>;
  legacyAdvanced: Partial<Record<SgpSubject, Mean>>;
  legacyWarningFailing: Partial<Record<SgpSubject, Mean>>;
  dropoutPct?: number;
  graduation4Pct?: number;
  graduation5Pct?: number;
}

const subjectOfStored: Record<string, Subject2012> = { ela: 'ela', math: 'math', sci: 'science' };

/** Adds one stored value to its parts (codes ma-2012 does not read are ignored). */
function addStored(parts: StoredParts, r: StoredRow): void {
  if (r.indicator === 'annual_dropout_pct') parts.dropoutPct = r.value;
  else if (r.indicator === 'graduation_4yr_pct') parts.graduation4Pct = r.value;
  else if (r.indicator === 'graduation_5yr_pct') parts.graduation5Pct = r.value;
  let m = /^mcas_(ela|math|sci)_(g38|g10)_(students_included|participation_pct|median_sgp)$/.exec(r.indicator);
  if (m) {
    const subject = subjectOfStored[m[1]!]!;
    if (m[3] === 'students_included') parts.included[subject] = (parts.included[subject] ?? 0) + r.value;
    else if (m[3] === 'participation_pct') (parts.participation[subject] ??= new Mean()).add(r.value, r.n);
    else if (subject !== 'science') (parts.medianSgp[subject] ??= new Mean()).add(r.value, r.n);
    return;
  }
  m = /^dese_profile2017_mcas_g\d\d_(ela|math)_(cpi|included|sgp|a_pct|wf_pct)$/.exec(r.indicator);
  if (m) {
    const subject = m[1] as SgpSubject;
    if (m[2] === 'included') parts.legacyIncluded[subject] = (parts.legacyIncluded[subject] ?? 0) + r.value;
    else if (m[2] === 'cpi') (parts.legacyCpi[subject] ??= new Mean()).add(r.value, r.n);
    else if (m[2] === 'sgp') (parts.legacySgp[subject] ??= new Mean()).add(r.value, r.n);
    else if (m[2] === 'a_pct') (parts.legacyAdvanced[subject] ??= new Mean()).add(r.value, r.n);
    else (parts.legacyWarningFailing[subject] ??= new Mean()).add(r.value, r.n);
  }
}

/**
 * One group-year's `GroupYearFigures`: each figure from the stored values when there are any, otherwise from the
 * student aggregates. `n` is the smaller of the ELA and mathematics counts of students included.
 */
function yearFigures(
  parts: StoredParts | undefined,
  students: ReadonlyMap<string, StudentRow> | undefined,
): YearInput2012 | null {
  const figures: GroupYearFigures = {};
  const from: Record<string, 'students'> = {};
  const student = (subject: Subject2012) => students?.get(subject);
  type Candidate = [value: number | null | undefined, source: FigureSource];
  /** Sets a figure to the first candidate that has a value (stored values are listed first). */
  const set = (key: keyof GroupYearFigures, subject: Subject2012 | null, ...candidates: Candidate[]) => {
    const found = candidates.find(([v]) => typeof v === 'number' && Number.isFinite(v));
    if (!found) return;
    const [value, source] = found as [number, FigureSource];
    if (subject === null) (figures as Record<string, unknown>)[key] = value;
    else ((figures as Record<string, Record<string, number>>)[key] ??= {})[subject] = value;
    // Only figures computed from student records are marked; the others are stored values.
    if (source === 'students') from[subject === null ? key : `${key}.${subject}`] = source;
  };
  const ratio = (part: number | undefined, whole: number | undefined, scale = 1) =>
    part !== undefined && whole !== undefined && whole > 0 ? (scale * part) / whole : null;

  // n: students included in ELA and mathematics.
  const both = (get: (s: SgpSubject) => number | undefined) => {
    const e = get('ela');
    const m = get('math');
    return e !== undefined && m !== undefined ? Math.min(e, m) : undefined;
  };
  set(
    'n',
    null,
    [both((s) => parts?.included[s]), 'stored'],
    [both((s) => parts?.legacyIncluded[s]), 'stored'],
    [both((s) => student(s)?.scored), 'students'],
  );
  for (const s of ['ela', 'math', 'science'] as const) {
    const st = student(s);
    const legacy = s === 'science' ? undefined : s;
    set('cpi', s, [legacy && parts?.legacyCpi[legacy]?.value, 'stored'], [ratio(st?.points, st?.scored), 'students']);
    set(
      'participationPct',
      s,
      [parts?.participation[s]?.value, 'stored'],
      [ratio(st?.participated, st?.enrolled, 100), 'students'],
    );
    set(
      'warningFailingPct',
      s,
      [legacy && parts?.legacyWarningFailing[legacy]?.value, 'stored'],
      [ratio(st?.warningFailing, st?.scored, 100), 'students'],
    );
    set(
      'advancedPct',
      s,
      [legacy && parts?.legacyAdvanced[legacy]?.value, 'stored'],
      [ratio(st?.advanced, st?.scored, 100), 'students'],
    );
    if (legacy)
      set(
        'medianSgp',
        s,
        [parts?.medianSgp[legacy]?.value, 'stored'],
        [parts?.legacySgp[legacy]?.value, 'stored'],
        [st && st.sgpN >= MIN_SGP_STUDENTS ? st.medianSgp : null, 'students'],
      );
  }
  set('dropoutPct', null, [parts?.dropoutPct, 'stored']);
  set('graduation4Pct', null, [parts?.graduation4Pct, 'stored']);
  set('graduation5Pct', null, [parts?.graduation5Pct, 'stored']);
  return Object.keys(figures).length > 0 ? { figures, from } : null;
}

function buildInputs(
  storedRows: readonly StoredRow[],
  studentRows: readonly StudentRow[],
): Map<string, Record<string, Record<number, YearInput2012>>> {
  const key = (code: string, grp: string, year: number) => `${code}|${grp}|${year}`;
  const parts = new Map<string, StoredParts>();
  for (const r of storedRows) {
    const k = key(r.code, r.grp, r.year);
    let p = parts.get(k);
    if (!p) {
      p = {
        included: {},
        participation: {},
        medianSgp: {},
        legacyCpi: {},
        legacyIncluded: {},
        legacySgp: {},
        legacyAdvanced: {},
        legacyWarningFailing: {},
      };
      parts.set(k, p);
    }
    addStored(p, r);
  }
  const students = new Map<string, Map<string, StudentRow>>();
  for (const r of studentRows) {
    const k = key(r.code, r.grp, r.year);
    const bySubject = students.get(k) ?? new Map<string, StudentRow>();
    bySubject.set(r.subject, r);
    students.set(k, bySubject);
  }
  const out = new Map<string, Record<string, Record<number, YearInput2012>>>();
  for (const k of new Set([...parts.keys(), ...students.keys()])) {
    const [code, grp, yearText] = k.split('|') as [string, string, string];
    const y = yearFigures(parts.get(k), students.get(k));
    if (!y) continue;
    const org = out.get(code) ?? {};
    (org[grp] ??= {})[Number(yearText)] = y;
    out.set(code, org);
  }
  return out;
}

/** An order-independent digest of the inputs read: the same data always gives the same version. */
function digest(
  orgs: readonly OrgRow[],
  designations: ReadonlyMap<string, number>,
  stored: readonly StoredRow[],
  students: readonly StudentRow[],
): string {
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
    add(`o|${o.code}|${o.level}|${o.type}|${o.districtCode}|${o.grades.join(';')}|${o.openedYear ?? ''}`);
  for (const [code, level] of designations) add(`d|${code}|${level}`);
  for (const r of stored) add(`v|${r.code}|${r.indicator}|${r.year}|${r.grp}|${r.value}|${r.n ?? ''}`);
  for (const r of students)
    add(
      `s|${r.code}|${r.grp}|${r.year}|${r.subject}|${r.enrolled}|${r.participated}|${r.scored}|${r.points}|${r.warningFailing}|${r.advanced}|${r.sgpN}|${r.medianSgp ?? ''}`,
    );
  return `${orgs.length}.${stored.length}.${students.length}.${sumA.toString(16).padStart(8, '0')}${sumB.toString(16).padStart(8, '0')}`;
}

// ---- computing ----

/** The engine's school input of an organization. */
function schoolInput(
  org: OrgRow,
  groups: Record<string, Record<number, YearInput2012>>,
  year: number,
  designations: ReadonlyMap<string, 4 | 5>,
): SchoolInput2012 {
  const grades = org.grades as GradeCode[];
  const category = gradeSpanCategory(grades);
  const ordinals = grades.filter((g) => g !== 'SP').map(gradeOrdinal);
  const highest = ordinals.length > 0 ? Math.max(0, ...ordinals) : null;
  const engineGroups: Record<string, GroupInput2012> = {};
  for (const [group, years] of Object.entries(groups))
    engineGroups[group] = {
      years: Object.fromEntries(Object.entries(years).map(([y, v]) => [Number(y), v.figures])),
    };
  return {
    code: org.code,
    districtCode: org.districtCode ?? '',
    // Grade spans the 20% cut does not know (pre-kindergarten only, or unknown grades) are put with elementary schools.
    schoolType: category === null || category === 'PK' ? 'ES' : category,
    charter: org.type === 'charter',
    highestGrade: highest,
    isNew: org.openedYear !== null && org.openedYear >= year,
    designatedLevel: designations.get(org.code) ?? null,
    groups: engineGroups,
  };
}

/** The step saying which figures came from student records, and how a CPI is made from Next-Generation scores. */
function studentFiguresStep(
  groups: Record<string, Record<number, YearInput2012>>,
  framework: LevelsFramework,
): ExplanationStep | null {
  const fromStudents = new Map<string, Set<number>>();
  for (const years of Object.values(groups))
    for (const [y, input] of Object.entries(years))
      for (const [field, source] of Object.entries(input.from))
        if (source === 'students') {
          const name = field.split('.')[0]!;
          const set = fromStudents.get(name) ?? new Set<number>();
          set.add(Number(y));
          fromStudents.set(name, set);
        }
  if (fromStudents.size === 0) return null;
  const words: Record<string, string> = {
    n: 'students assessed',
    cpi: 'CPI',
    participationPct: 'participation',
    warningFailingPct: '% Warning/Failing',
    advancedPct: '% Advanced',
    medianSgp: 'median SGP',
  };
  const span = (years: Set<number>) => {
    const ys = [...years].sort((a, b) => a - b);
    return ys.length === 1 ? String(ys[0]) : `${ys[0]}-${ys.at(-1)}`;
  };
  const listed = [...fromStudents].map(([f, ys]) => `${words[f] ?? f} (${span(ys)})`).join(', ');
  const c = framework.cpi.nextGenConcordance;
  const text = `computed from student records where no figure is stored: ${listed}. Each Next-Generation MCAS scaled score is first put on the legacy ${c.toMin}-${c.toMax} scale by the ssos concordance (${c.label}: legacy = ${c.toMin} + (score - ${c.fromMin}) x ${c.toMax - c.toMin} / ${c.fromMax - c.fromMin}), then earns its CPI points; % Warning/Failing is below ${framework.cpi.legacyLevels.warningFailingBelow} and % Advanced ${framework.cpi.legacyLevels.advancedMin} or more on that scale; a median SGP needs ${MIN_SGP_STUDENTS} students with a growth percentile`;
  return {
    step: 'figures from student records',
    text,
    value: null,
    settings: ['cpi.nextGenConcordance', 'cpi.legacyLevels'].filter(
      (k) => framework.settings[k] && framework.settings[k].status !== 'published',
    ),
  };
}

/** The headline columns of a result. */
interface Headline2012 {
  code: string;
  classification: string;
  category: string | null;
  reason: string;
  percentile: number | null;
  annualPct: number | null;
  cumulativePct: number | null;
  level: string;
}

const commendationWords: Record<string, string> = {
  'high-performance': 'high performance',
  'high-progress': 'high progress',
  'narrowing-gaps': 'narrowing gaps',
};

/** "Level 3", or "Unclassified". */
export function levelLabel(level: number | 'unclassified'): string {
  return level === 'unclassified' ? 'Unclassified' : `Level ${level}`;
}

function annualOf(g: GroupLevelResult | undefined, year: number): number | null {
  return g?.annual.find((a) => a.fy === year)?.annualPpi ?? null;
}

/**
 * A group's result without its explanation steps: the school's explanation already holds every one of them (it is
 * the groups' steps followed by the level's), so the stored report keeps them once.
 */
function withoutRepeatedSteps(g: GroupLevelResult): GroupLevelResult {
  return { ...g, explanation: [], annual: g.annual.map((a) => ({ ...a, explanation: [] })) };
}

/** The steps without those that repeat an indicator's or an extra credit's text (kept with the indicator). */
function withoutIndicatorSteps(
  steps: readonly ExplanationStep[],
  groups: readonly GroupLevelResult[],
): ExplanationStep[] {
  const texts = new Set<string>();
  for (const g of groups)
    for (const a of g.annual) {
      for (const i of a.indicators) texts.add(i.text);
      for (const e of a.extraCredit) texts.add(e.text);
    }
  return steps.filter((s) => !texts.has(s.text));
}

/** The settings named by any of the steps, sorted. */
function settingsOf(steps: readonly ExplanationStep[]): string[] {
  return [...new Set(steps.flatMap((s) => s.settings ?? []))].sort();
}

/** A computed run: the engine's result, each organization's report and headline, and the counts. */
export interface ComputedLevelsRun {
  result: LevelsResult;
  reports: Map<string, SchoolReport2012 | DistrictReport2012>;
  headlines: Headline2012[];
  summary: LevelsRunSummary;
  computeMs: number;
}

/** Computes a run from inputs already read (pure apart from the clock). */
export function computeLevelsRun(inputs: LevelsInputs, year: number, framework: LevelsFramework): ComputedLevelsRun {
  const started = performance.now();
  const schools = inputs.orgs.filter((o) => o.level === 'school');
  const districts = inputs.orgs.filter((o) => o.level === 'district');
  const schoolInputs = schools.map((o) => schoolInput(o, inputs.inputs.get(o.code) ?? {}, year, inputs.designations));
  const districtInputs: DistrictInput2012[] = districts.map((d) => ({
    code: d.code,
    designatedLevel: inputs.designations.get(d.code) ?? null,
  }));
  const result = classifyLevels({ fy: year, schools: schoolInputs, districts: districtInputs }, framework);
  const known = new Set(inputs.orgs.map((o) => o.code));
  // Schools outside any district are in the engine's district '' : not an organization.
  result.districts = result.districts.filter((d) => known.has(d.code));

  const reports = new Map<string, SchoolReport2012 | DistrictReport2012>();
  const headlines: Headline2012[] = [];
  const trimmed = (code: string) => {
    // The report lists the figures of the four annual PPIs' years and the year before them.
    const groups = inputs.inputs.get(code) ?? {};
    const out: Record<string, Record<number, YearInput2012>> = {};
    for (const [g, years] of Object.entries(groups))
      out[g] = Object.fromEntries(Object.entries(years).filter(([y]) => Number(y) >= year - 4 && Number(y) <= year));
    return out;
  };
  for (const s of result.schools) {
    const note = studentFiguresStep(inputs.inputs.get(s.code) ?? {}, framework);
    if (note) s.explanation.unshift(note);
    reports.set(s.code, {
      framework: framework.id,
      frameworkVersion: framework.version,
      year,
      level: 'school',
      result: {
        ...s,
        explanation: withoutIndicatorSteps(s.explanation, s.groups),
        groups: s.groups.map(withoutRepeatedSteps),
      },
      settingsUsed: settingsOf(s.explanation),
      inputs: trimmed(s.code),
    });
    const all = s.groups.find((g) => g.group === framework.groups.all);
    headlines.push({
      code: s.code,
      classification: levelLabel(s.level),
      category:
        s.commendations.length > 0
          ? `Commendation School (${s.commendations.map((c) => commendationWords[c] ?? c).join(', ')})`
          : null,
      reason: s.reasons.join('; '),
      percentile: s.percentile?.percentile ?? null,
      annualPct: annualOf(all, year),
      cumulativePct: all?.cumulative ?? null,
      level: String(s.level),
    });
  }
  for (const d of result.districts) {
    const own = inputs.inputs.get(d.code) ?? {};
    const groups = [framework.groups.all, framework.groups.highNeeds]
      .filter((g) => own[g] !== undefined)
      .map((g) =>
        groupLevels(
          g,
          { years: Object.fromEntries(Object.entries(own[g]!).map(([y, v]) => [Number(y), v.figures])) },
          year,
          framework,
        ),
      );
    const note = studentFiguresStep(own, framework);
    if (note) d.explanation.unshift(note);
    reports.set(d.code, {
      framework: framework.id,
      frameworkVersion: framework.version,
      year,
      level: 'district',
      result: d,
      settingsUsed: settingsOf([...d.explanation, ...groups.flatMap((g) => g.explanation)]),
      // A district's group steps are not in its explanation (its level comes from its schools): kept once, here.
      groups: groups.map((g) => ({ ...g, annual: g.annual.map((a) => ({ ...a, explanation: [] })) })),
      inputs: trimmed(d.code),
    });
    const all = groups.find((g) => g.group === framework.groups.all);
    headlines.push({
      code: d.code,
      classification: levelLabel(d.level),
      category: null,
      reason: d.reasons.join('; '),
      percentile: null,
      annualPct: annualOf(all, year),
      cumulativePct: all?.cumulative ?? null,
      level: String(d.level),
    });
  }
  return {
    result,
    reports,
    headlines,
    summary: summarize(result, inputs, framework),
    computeMs: performance.now() - started,
  };
}

function summarize(result: LevelsResult, inputs: LevelsInputs, framework: LevelsFramework): LevelsRunSummary {
  const count = (rec: Record<string, number>, key: string) => {
    rec[key] = (rec[key] ?? 0) + 1;
  };
  const schoolsByLevel: Record<string, number> = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0, unclassified: 0 };
  const districtsByLevel: Record<string, number> = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0, unclassified: 0 };
  const byReason: Record<string, number> = {};
  for (const s of result.schools) {
    count(schoolsByLevel, String(s.level));
    for (const r of new Set(s.reasons.map((x) => x.replace(/ \(.*\)$/, '')))) count(byReason, r);
  }
  for (const d of result.districts) count(districtsByLevel, String(d.level));
  let fromStudents = 0;
  for (const groups of inputs.inputs.values())
    for (const years of Object.values(groups))
      for (const y of Object.values(years)) if (Object.values(y.from).includes('students')) fromStudents++;
  return {
    framework: 'ma-2012',
    schools: result.schools.length,
    schoolsClassified: result.schools.filter((s) => s.level !== 'unclassified').length,
    schoolsByLevel,
    byReason,
    commendationSchools: result.schools.filter((s) => s.commendations.length > 0).length,
    districts: result.districts.length,
    districtsByLevel,
    warnings: result.warnings,
    concordance: framework.cpi.nextGenConcordance.label,
    groupYearsFromStudents: fromStudents,
  };
}

// ---- storing ----

/** Runs the Level 1-5 framework for a year over every school and district, and stores the run and each report. */
export async function runAndStoreLevels(
  ctx: RequestContext,
  options: {
    year: number;
    kind?: 'official' | 'what_if';
    changes?: readonly FrameworkChange[];
    label?: string | null;
  },
): Promise<StoredLevelsRunSummary> {
  const framework = levelsFrameworkWith(options.changes);
  const inputs = await readLevelsInputs(ctx.db, options.year, framework);
  const hasYear = [...inputs.inputs.values()].some((groups) =>
    Object.values(groups).some((years) => years[options.year] !== undefined),
  );
  if (!hasYear)
    throw new AppError(
      'validation_failed',
      `no MCAS figures or student assessments the ${framework.id} framework reads are stored for ${options.year} (import or load data first)`,
    );
  const run = computeLevelsRun(inputs, options.year, framework);
  const kind = options.kind ?? 'official';
  const changes = options.changes ?? [];
  const id = await ctx.db.kysely.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('accountability_runs')
      .values({
        framework: framework.id,
        framework_version: framework.version,
        school_year: options.year,
        kind,
        overrides: JSON.stringify(Object.fromEntries(changes.map((c) => [c.path, c.value]))),
        data_version: inputs.dataVersion,
        label: options.label ?? null,
        summary: JSON.stringify(run.summary),
        created_by: ctx.user?.id ?? null,
        compute_ms: Math.round(run.computeMs),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const ids = new Map(inputs.orgs.map((o) => [o.code, o.id]));
    const rows = run.headlines.map((h) => ({
      run_id: inserted.id,
      org_id: ids.get(h.code)!,
      classification: h.classification,
      category: h.category,
      reason: h.reason,
      percentile: h.percentile,
      annual_pct: h.annualPct,
      cumulative_pct: h.cumulativePct,
      level: h.level,
      report: JSON.stringify(run.reports.get(h.code), fourDecimals),
    }));
    for (let i = 0; i < rows.length; i += 200)
      await trx
        .insertInto('accountability_results')
        .values(rows.slice(i, i + 200))
        .execute();
    return inserted.id;
  });
  return {
    id,
    framework: framework.id,
    frameworkVersion: framework.version,
    year: options.year,
    kind,
    dataVersion: inputs.dataVersion,
    summary: run.summary,
    readMs: inputs.readMs,
    computeMs: run.computeMs,
  };
}

/** Stored reports carry figures to four decimals (the headline columns keep them unrounded). */
function fourDecimals(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isInteger(value) ? Number(value.toFixed(4)) : value;
}

// ---- presenting ----

/**
 * Withholds from the public every group-year's figures (CPI, participation, ... as listed in the report) of fewer
 * students assessed than the minimum. Small groups get no PPI from the engine anyway (20 students for a school, 30
 * for a subgroup), so the PPIs and explanation steps quote only larger groups.
 */
export function suppressSmallLevels(report: Record<string, unknown>, minimum: number): Record<string, unknown> {
  const copy = structuredClone(report) as {
    inputs?: Record<string, Record<string, YearInput2012 & { suppressed?: boolean }>>;
  };
  for (const years of Object.values(copy.inputs ?? {}))
    for (const [y, input] of Object.entries(years)) {
      const n = input.figures.n;
      if (typeof n === 'number' && n < minimum) years[y] = { figures: {}, from: {}, suppressed: true };
    }
  return copy as Record<string, unknown>;
}

/**
 * The cut line of the statewide percentile chart: a school shown at this percentile or below is among the lowest 20%
 * of its type (the rule compares the unrounded percent below with 20, and percentiles are shown rounded down).
 */
export function levelsCutLines(framework: LevelsFramework = ma2012Framework): { percentile: number; label: string }[] {
  const pct = framework.level3.lowestPct;
  return [{ percentile: pct - 1, label: `Lowest ${pct}% of schools of the same type (Level 3)` }];
}

/** The framework's changeable values and its settings notes (`GET /api/accountability/framework?framework=ma-2012`). */
export function levelsFrameworkValues(): {
  id: string;
  version: string;
  values: { path: string; value: string | number | boolean }[];
  settings: Record<string, { status: string; note: string }>;
} {
  return {
    id: ma2012Framework.id,
    version: ma2012Framework.version,
    values: changeableValues(ma2012Framework).map((v) => ({ path: v.path, value: v.value })),
    settings: Object.fromEntries(
      Object.entries(ma2012Framework.settings).map(([k, s]) => [k, { status: s.status, note: s.note }]),
    ),
  };
}

/** Whether a stored run's summary is a ma-2012 one. */
export function isLevelsRun(run: { summary: object }): run is StoredLevelsRunSummary {
  return (run.summary as { framework?: unknown }).framework === 'ma-2012';
}

/** The columns of a ma-2012 results export, in order, with their headers. */
export const levelsResultColumns: readonly {
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
  { header: 'accntblty_level', cell: (r) => r.classification },
  { header: 'accntblty_reason', cell: (r) => r.reason },
  { header: 'commendation', cell: (r) => r.category },
  { header: 'school_pctle', cell: (r) => r.percentile },
  { header: 'annual_ppi_all', cell: (r) => (r.annualPct === null ? null : Math.round(r.annualPct)) },
  { header: 'cumulative_ppi_all', cell: (r) => (r.cumulativePct === null ? null : Math.round(r.cumulativePct)) },
];

/** ma-2012 results as CSV, the year first. */
export function levelsResultsCsv(year: number, items: readonly AccountabilityResultRow[]): string {
  return tableCsv(
    ['sy', ...levelsResultColumns.map((c) => c.header)],
    items.map((r) => [String(year), ...levelsResultColumns.map((c) => c.cell(r))]),
  );
}

/** ma-2012 results as an XLSX workbook. */
export async function levelsResultsXlsx(year: number, items: readonly AccountabilityResultRow[]): Promise<Buffer> {
  return tableXlsx(
    `Levels ${year}`,
    ['sy', ...levelsResultColumns.map((c) => c.header)],
    items.map((r) => [year, ...levelsResultColumns.map((c) => c.cell(r))]),
  );
}
