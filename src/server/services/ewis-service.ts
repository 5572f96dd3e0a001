import { sql } from 'kysely';
import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { buildEwisExamples, featureNames, type EwisExample, type EwisRecords } from '../../core/ewis/features.ts';
import {
  compileModel,
  defaultEwisTraining,
  describeReasons,
  scoreCompiled,
  trainGradeModel,
  type EwisModel,
  type EwisTrainingOptions,
} from '../../core/ewis/model.ts';
import { isOrgInScope } from '../../core/access/roles.ts';
import type {
  AssessmentRecord,
  HighSchoolOutcomeRecord,
  StudentRecord,
  StudentYearRecord,
} from '../../core/students/records.ts';
import type { Db } from '../db/client.ts';
import type { RequestContext } from '../context.ts';
import { findOrgPlacement } from '../db/repositories/org-repository.ts';
import { EwisRoster } from '../api/ewis.ts';
import type { interventionKinds, interventionStatuses } from '../../core/ewis/interventions.ts';
import { writeAudit } from './audit-service.ts';
import { cachedByDataVersion } from './report-cache.ts';
import { renderProfilePdf } from './ewis-profile-pdf.ts';
import { tableCsv, tableXlsx } from './table-export.ts';

/** Fewer labelled students than this in a grade: no model, and that grade's students are N/A with the reason. */
export const MIN_TRAINING_STUDENTS = 200;

/** Every student-level record the early-warning models read, with schools as codes. */
export async function readEwisRecords(db: Db): Promise<EwisRecords> {
  const [students, years, tests, outcomes] = await Promise.all([
    sql<{ student_id: string; birth_year: number; gender: string; race_ethnicity: string }>`
      SELECT student_id, birth_year, gender, race_ethnicity FROM students`.execute(db.kysely),
    sql<Record<string, unknown>>`
      SELECT y.*, o.code AS school_code FROM student_years y JOIN organizations o ON o.id = y.school_id`.execute(
      db.kysely,
    ),
    sql<Record<string, unknown>>`
      SELECT a.student_id, a.school_year, a.subject, a.grade, a.participated, a.scaled_score, a.achievement_level,
        a.sgp, o.code AS school_code
      FROM assessments a JOIN organizations o ON o.id = a.school_id WHERE a.subject <> 'science'`.execute(db.kysely),
    sql<Record<string, unknown>>`
      SELECT h.*, o.code AS school_code FROM high_school_outcomes h JOIN organizations o ON o.id = h.school_id`.execute(
      db.kysely,
    ),
  ]);
  return {
    students: students.rows.map((r): StudentRecord => ({
      studentId: r.student_id,
      birthYear: r.birth_year,
      gender: r.gender as StudentRecord['gender'],
      raceEthnicity: r.race_ethnicity as StudentRecord['raceEthnicity'],
    })),
    studentYears: years.rows.map((r): StudentYearRecord => ({
      studentId: r.student_id as string,
      schoolYear: r.school_year as number,
      schoolCode: r.school_code as string,
      grade: r.grade as StudentYearRecord['grade'],
      lowIncome: r.low_income as boolean,
      englishLearner: r.english_learner as boolean,
      formerEnglishLearner: r.former_english_learner as boolean,
      disability: r.disability as boolean,
      daysInMembership: r.days_in_membership as number,
      daysAttended: Number(r.days_attended),
      enteredLate: r.entered_late as boolean,
      schoolChanges: r.school_changes as number,
      retained: r.retained as boolean,
      inSchoolSuspensionDays: Number(r.in_school_suspension_days),
      outOfSchoolSuspensionDays: Number(r.out_of_school_suspension_days),
      coursesTaken: r.courses_taken as number | null,
      coursesFailed: r.courses_failed as number | null,
      gpa: r.gpa === null ? null : Number(r.gpa),
      advancedCourseCompleted: r.advanced_course_completed as boolean | null,
    })),
    assessments: tests.rows.map((r): AssessmentRecord => ({
      studentId: r.student_id as string,
      schoolYear: r.school_year as number,
      schoolCode: r.school_code as string,
      subject: r.subject as AssessmentRecord['subject'],
      grade: r.grade as AssessmentRecord['grade'],
      participated: r.participated as boolean,
      scaledScore: r.scaled_score as number | null,
      achievementLevel: r.achievement_level as AssessmentRecord['achievementLevel'],
      sgp: r.sgp as number | null,
    })),
    highSchoolOutcomes: outcomes.rows.map((r): HighSchoolOutcomeRecord => ({
      studentId: r.student_id as string,
      cohortYear: r.cohort_year as number,
      schoolCode: r.school_code as string,
      graduatedIn4Years: r.graduated_in_4_years as boolean,
      graduatedIn5Years: r.graduated_in_5_years as boolean | null,
      droppedOutYear: r.dropped_out_year as number | null,
    })),
  };
}

export interface EwisRunSummary {
  runId: number;
  schoolYear: number;
  trainingYears: number[];
  models: { grade: number; milestone: string; n: number; auc: number | null; calibrationError: number }[];
  /** Grades without a model, and why. */
  skippedGrades: { grade: number; reason: string }[];
  scored: number;
  levels: { high: number; moderate: number; low: number; notAvailable: number };
  computeMs: number;
}

/**
 * Trains one model per grade on the students whose milestone is known from years before `year` (the first year of
 * data, with no prior year for anyone, trains nothing) and scores every student enrolled in grades 1-12 in `year`
 * (default: the latest year with records), storing the run, its models and the scores with their reasons.
 */
export async function runEwis(
  ctx: RequestContext,
  options: { year?: number; training?: EwisTrainingOptions } = {},
): Promise<EwisRunSummary> {
  const started = performance.now();
  const training = options.training ?? (await getEwisSettings(ctx.db)).settings;
  const records = await readEwisRecords(ctx.db);
  if (records.studentYears.length === 0)
    throw new AppError('validation_failed', 'There are no student records to train early-warning models on');
  const years = [...new Set(records.studentYears.map((y) => y.schoolYear))].sort((a, b) => a - b);
  const year = options.year ?? years[years.length - 1]!;
  if (!years.includes(year))
    throw new AppError(
      'validation_failed',
      `year: there are no student records for ${year} (${years.join(', ')})`,
      'year',
    );
  const firstYear = years[0]!;
  // Built with the demographic features (they come last), so the model without them is a view of the same rows.
  const withDemographics = buildEwisExamples(records, true);
  const withoutWidth = featureNames(false).length;
  const withoutView = (e: EwisExample): EwisExample => ({ ...e, features: e.features.subarray(0, withoutWidth) });
  const examples = training.includeDemographics ? withDemographics : withDemographics.map(withoutView);
  const byGrade = new Map<number, { train: EwisExample[]; score: EwisExample[] }>();
  for (let g = 1; g <= 12; g++) byGrade.set(g, { train: [], score: [] });
  for (const e of examples) {
    const slot = byGrade.get(e.grade)!;
    if (e.schoolYear === year) slot.score.push(e);
    else if (e.schoolYear < year && e.schoolYear > firstYear && e.reached !== null) slot.train.push(e);
  }
  const models = new Map<number, EwisModel>();
  const alternatives = new Map<number, Record<string, unknown>>();
  const withDemographicsOf = new Map(examples.map((e, i) => [e, withDemographics[i]!]));
  const skippedGrades: EwisRunSummary['skippedGrades'] = [];
  for (const [grade, slot] of byGrade) {
    if (slot.train.length < MIN_TRAINING_STUDENTS) {
      skippedGrades.push({
        grade,
        reason: `too few students with a known outcome to train on (${slot.train.length}; at least ${MIN_TRAINING_STUDENTS})`,
      });
      continue;
    }
    const model = trainGradeModel(slot.train, training);
    // The same grade the other way (with demographics if the setting leaves them out, and the reverse), for the
    // report of their effect on accuracy and fairness.
    const other = { ...training, includeDemographics: !training.includeDemographics };
    const otherRows = other.includeDemographics
      ? slot.train.map((e) => withDemographicsOf.get(e)!)
      : slot.train.map(withoutView);
    const alternative = trainGradeModel(otherRows, other).validation;
    alternatives.set(grade, {
      includeDemographics: other.includeDemographics,
      auc: alternative.auc,
      calibrationError: alternative.calibrationError,
      levels: alternative.levels,
      flags: alternative.flags,
      groups: alternative.groups,
    });
    models.set(grade, model);
  }
  const trainingYears = [...new Set([...byGrade.values()].flatMap((s) => s.train.map((e) => e.schoolYear)))].sort();
  const schoolIds = new Map(
    (
      await ctx.db.kysely.selectFrom('organizations').select(['id', 'code']).where('level', '=', 'school').execute()
    ).map((o) => [o.code, o.id]),
  );
  const levels = { high: 0, moderate: 0, low: 0, notAvailable: 0 };
  const scoreRows: {
    student_id: string;
    school_id: number;
    grade: number;
    milestone: string;
    probability: number | null;
    risk_level: 'high' | 'moderate' | 'low' | null;
    na_reason: string | null;
    reasons: string;
  }[] = [];
  for (const [grade, slot] of byGrade) {
    const model = models.get(grade);
    const compiled = model ? compileModel(model) : null;
    const skipped = skippedGrades.find((s) => s.grade === grade);
    for (const e of slot.score) {
      const schoolId = schoolIds.get(e.schoolCode);
      if (schoolId === undefined) continue;
      if (!compiled) {
        levels.notAvailable++;
        scoreRows.push({
          student_id: e.studentId,
          school_id: schoolId,
          grade,
          milestone: e.milestone,
          probability: null,
          risk_level: null,
          na_reason: `No model for grade ${grade}: ${skipped?.reason ?? 'not trained'}`,
          reasons: '[]',
        });
        continue;
      }
      const scored = scoreCompiled(compiled, e.features, e.schoolCode);
      levels[scored.level]++;
      scoreRows.push({
        student_id: e.studentId,
        school_id: schoolId,
        grade,
        milestone: e.milestone,
        probability: scored.probability,
        risk_level: scored.level,
        na_reason: null,
        reasons: JSON.stringify(describeReasons(compiled, e.features, scored)),
      });
    }
  }
  const dataVersion = await ewisDataVersion(ctx.db);
  const computeMs = Math.round(performance.now() - started);
  const summary: Omit<EwisRunSummary, 'runId'> = {
    schoolYear: year,
    trainingYears,
    models: [...models.values()].map((m) => ({
      grade: m.grade,
      milestone: m.milestone,
      n: m.validation.n,
      auc: m.validation.auc,
      calibrationError: m.validation.calibrationError,
    })),
    skippedGrades,
    scored: scoreRows.length,
    levels,
    computeMs,
  };
  const runId = await ctx.db.kysely.transaction().execute(async (trx) => {
    const run = await trx
      .insertInto('ewis_runs')
      .values({
        school_year: year,
        training_years: trainingYears,
        options: JSON.stringify(training),
        data_version: dataVersion,
        summary: JSON.stringify(summary),
        created_by: ctx.user?.id ?? null,
        created_at: ctx.now,
        compute_ms: computeMs,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const m of models.values()) {
      const { validation, ...model } = m;
      await trx
        .insertInto('ewis_models')
        .values({
          run_id: run.id,
          grade: m.grade,
          milestone: m.milestone,
          model: JSON.stringify(model, (_k, v: unknown) =>
            v === Infinity ? 'Infinity' : v === -Infinity ? '-Infinity' : v,
          ),
          validation: JSON.stringify({ ...validation, alternative: alternatives.get(m.grade) ?? null }),
        })
        .execute();
    }
    for (let i = 0; i < scoreRows.length; i += 2000) {
      await trx
        .insertInto('ewis_scores')
        .values(scoreRows.slice(i, i + 2000).map((r) => ({ ...r, run_id: run.id })))
        .execute();
    }
    return run.id;
  });
  return { runId, ...summary };
}

/** Changes when student records change: counts and the latest year of each table. */
async function ewisDataVersion(db: Db): Promise<string> {
  const { rows } = await sql<{ v: string }>`
    SELECT concat_ws(':',
      (SELECT count(*) FROM students), (SELECT count(*) FROM student_years), (SELECT max(school_year) FROM student_years),
      (SELECT count(*) FROM assessments), (SELECT count(*) FROM high_school_outcomes)) AS v`.execute(db.kysely);
  return rows[0]!.v;
}

/** The latest run (of a year, or of any year). */
export async function latestEwisRun(db: Db, year?: number) {
  let q = db.kysely.selectFrom('ewis_runs').selectAll();
  if (year !== undefined) q = q.where('school_year', '=', year);
  return q.orderBy('school_year', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
}

function parseJson<T>(v: unknown): T {
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
}

/** The validation of the latest run's models: accuracy, calibration, levels and fairness per grade (aggregates). */
export async function ewisValidation(db: Db, year?: number) {
  const run = await latestEwisRun(db, year);
  if (!run) return { run: null, models: [] };
  const models = await db.kysely
    .selectFrom('ewis_models')
    .select(['grade', 'milestone', 'validation', 'model'])
    .where('run_id', '=', run.id)
    .orderBy('grade')
    .execute();
  return {
    run: {
      id: run.id,
      schoolYear: run.school_year,
      trainingYears: run.training_years,
      createdAt: new Date(run.created_at).toISOString(),
      summary: parseJson<Record<string, unknown>>(run.summary),
    },
    models: models.map((m) => {
      const model = parseJson<Pick<EwisModel, 'features' | 'coefficients' | 'thresholds' | 'options'>>(m.model);
      return {
        grade: m.grade,
        milestone: m.milestone,
        features: model.features,
        coefficients: model.coefficients,
        thresholds: model.thresholds as unknown as Record<string, unknown>,
        // The options the model was trained with (its risk-level targets may differ from today's settings).
        options: { ...defaultEwisTraining, ...model.options },
        validation: parseJson<Record<string, unknown>>(m.validation),
      };
    }),
  };
}

/** Checks that a student's school lies within the user's scope (student-level data: deny by default). */
async function requireStudentInScope(ctx: RequestContext, schoolId: number): Promise<void> {
  if (!ctx.user) throw new AppError('not_signed_in');
  const school = await ctx.db.kysely
    .selectFrom('organizations')
    .select('code')
    .where('id', '=', schoolId)
    .executeTakeFirst();
  const placement = school ? await findOrgPlacement(ctx.db.kysely, school.code) : undefined;
  if (!placement || !isOrgInScope(ctx.user.scope, placement)) throw new AppError('out_of_scope');
}

/** A roster's sortable columns (see `RosterQuery` in api/ewis.ts for what each means). */
export type RosterSort = 'risk' | 'grade' | 'student' | 'attendance' | 'interventions';

/** What a roster asks for: its filters and its order, the same for a page and for a file. */
export interface RosterQuery {
  year?: number;
  level?: 'high' | 'moderate' | 'low' | 'not_available';
  grade?: number;
  milestone?: string;
  interventions?: 'with' | 'without';
  q?: string;
  sort: RosterSort;
  order: 'asc' | 'desc';
}

/** One page of a roster: `page` is 1-based. */
export interface RosterPageQuery extends RosterQuery {
  page: number;
  pageSize: number;
}

export interface RosterRow {
  studentId: string;
  school: { code: string; name: string };
  grade: number;
  milestone: string;
  probability: number | null;
  riskLevel: 'high' | 'moderate' | 'low' | null;
  naReason: string | null;
  reasons: { reason: string; text: string }[];
  lowIncome: boolean;
  englishLearner: boolean;
  disability: boolean;
  attendanceRate: number | null;
  activeInterventions: number;
}

/**
 * The organization and the organizations under it (a district's schools, a region's districts and their schools):
 * read first, a handful, so that the scores are read by the (run, school) index rather than the whole run.
 */
async function schoolIdsWithin(db: Db, orgId: number): Promise<number[]> {
  const rows = await sql<{ id: number }>`
    SELECT id FROM organizations o
    WHERE o.id = ${orgId} OR o.parent_id = ${orgId} OR o.region_id = ${orgId}
      OR o.parent_id IN (SELECT id FROM organizations WHERE region_id = ${orgId})`.execute(db.kysely);
  return rows.rows.map((r) => r.id);
}

/**
 * Reads the roster from the database, filtered by risk level and grade, in `sort` ascending (`rosterView` applies
 * the other filters and the descending order; `readFullRoster` keeps the result per data version).
 */
async function buildRoster(db: Db, orgCode: string, query: RosterQuery): Promise<FullRoster> {
  const org = await db.kysely
    .selectFrom('organizations')
    .select(['id', 'code', 'name', 'level'])
    .where('code', '=', orgCode)
    .executeTakeFirst();
  if (!org) throw new AppError('not_found', `No organization has the code ${orgCode}`);
  const run = await latestEwisRun(db, query.year);
  if (!run) return { run: null, org: { code: org.code, name: org.name }, items: [], orgId: org.id };
  const schoolIds = await schoolIdsWithin(db, org.id);
  const rows = await sql<{
    student_id: string;
    school_code: string;
    school_name: string;
    grade: number;
    milestone: string;
    probability: number | null;
    risk_level: 'high' | 'moderate' | 'low' | null;
    na_reason: string | null;
    reasons: unknown;
    low_income: boolean | null;
    english_learner: boolean | null;
    disability: boolean | null;
    days_in_membership: number | null;
    days_attended: number | null;
    active: number;
  }>`
    SELECT s.student_id, o.code AS school_code, o.name AS school_name, s.grade, s.milestone, s.probability,
      s.risk_level, s.na_reason, s.reasons, y.low_income, y.english_learner, y.disability, y.days_in_membership,
      y.days_attended,
      (SELECT count(*)::int FROM interventions i WHERE i.student_id = s.student_id AND i.status IN ('planned', 'active')) AS active
    FROM ewis_scores s
    JOIN organizations o ON o.id = s.school_id
    LEFT JOIN student_years y ON y.student_id = s.student_id AND y.school_year = ${run.school_year}
    WHERE s.run_id = ${run.id}
      ${org.level === 'state' ? sql`` : sql`AND s.school_id = ANY(${schoolIds})`}
      ${query.level === 'not_available' ? sql`AND s.risk_level IS NULL` : query.level ? sql`AND s.risk_level = ${query.level}` : sql``}
      ${query.grade !== undefined ? sql`AND s.grade = ${query.grade}` : sql``}
    ORDER BY s.student_id`.execute(db.kysely);
  const items: RosterRow[] = rows.rows.map((r) => ({
    studentId: r.student_id,
    school: { code: r.school_code, name: r.school_name },
    grade: r.grade,
    milestone: r.milestone,
    probability: r.probability === null ? null : Number(r.probability),
    riskLevel: r.risk_level,
    naReason: r.na_reason,
    reasons: parseJson<{ reason: string; text: string }[]>(r.reasons).map((x) => ({ reason: x.reason, text: x.text })),
    lowIncome: r.low_income ?? false,
    englishLearner: r.english_learner ?? false,
    disability: r.disability ?? false,
    attendanceRate:
      r.days_in_membership && r.days_attended !== null
        ? Math.round((1000 * Number(r.days_attended)) / r.days_in_membership) / 10
        : null,
    activeInterventions: r.active,
  }));
  // Pages are slices of one total order: every order ends with the student identifier, unique within a run
  // (ewis_scores' key is run and student; student_years' is student and year). Sorted here rather than in SQL so
  // that identifiers compare the same way (by code unit, not the database's collation) in every order and direction.
  return {
    run: { id: run.id, schoolYear: run.school_year, createdAt: new Date(run.created_at).toISOString() },
    org: { code: org.code, name: org.name },
    items: sortRosterRows(items, query.sort, 'asc'),
    orgId: org.id,
  };
}

/** The rows of a roster as read from the database (risk level and grade filters applied), in `sort` ascending. */
interface FullRoster {
  run: { id: number; schoolYear: number; createdAt: string } | null;
  org: { code: string; name: string };
  items: RosterRow[];
  orgId: number;
}

/** A roster with every filter applied, in the order asked for, with its students at each risk level. */
interface RosterView extends FullRoster {
  levels: { high: number; moderate: number; low: number; notAvailable: number };
}

/** A roster as a file carries it, or as `ewisRoster` answers: every student matching the filters. */
type RosterBody = Pick<FullRoster, 'run' | 'org' | 'items'>;

/** One page of a roster as kept per data version: the JSON text sent, and what its audit entry records. */
interface RosterPage {
  json: string;
  studentIds: string[];
  orgId: number;
  runId: number | null;
  page: number;
  pageSize: number;
}

/** A rough size of a roster's rows as JSON text (the cache's budget is in bytes of text). */
function rosterBytes(items: readonly RosterRow[]): number {
  let bytes = 0;
  for (const r of items) {
    bytes += 330 + r.studentId.length + r.school.name.length + (r.naReason?.length ?? 0);
    for (const x of r.reasons) bytes += 25 + x.reason.length + x.text.length;
  }
  return bytes;
}

/**
 * Rows in a column's order: `asc` is the lowest value first (for risk, the lowest chance of reaching the milestone:
 * the highest risk). Students without a value come last either way; ties go by risk (within a grade, sort=grade),
 * then by student identifier, so the order is total and pages never overlap.
 */
function sortRosterRows(items: readonly RosterRow[], sort: RosterSort, order: 'asc' | 'desc'): RosterRow[] {
  const valueOf = (r: RosterRow): number | string | null =>
    sort === 'risk'
      ? r.probability
      : sort === 'grade'
        ? r.grade
        : sort === 'attendance'
          ? r.attendanceRate
          : sort === 'interventions'
            ? r.activeInterventions
            : r.studentId;
  const sign = order === 'asc' ? 1 : -1;
  const byId = (a: RosterRow, b: RosterRow) => (a.studentId < b.studentId ? -1 : a.studentId > b.studentId ? 1 : 0);
  const byRisk = (a: RosterRow, b: RosterRow) =>
    a.probability === b.probability
      ? 0
      : a.probability === null
        ? 1
        : b.probability === null
          ? -1
          : a.probability - b.probability;
  return [...items].sort((a, b) => {
    const va = valueOf(a);
    const vb = valueOf(b);
    if (va !== vb) {
      if (va === null) return 1;
      if (vb === null) return -1;
      return (va < vb ? -1 : 1) * sign;
    }
    return (sort === 'grade' ? byRisk(a, b) : 0) || byId(a, b);
  });
}

/**
 * The roster as read from the database for the data version the request began at (kept per version under the key
 * rosters have always had: report-cache.ts). Kept copies are shared by every reader of that version: do not change.
 */
async function readFullRoster(ctx: RequestContext, orgCode: string, query: RosterQuery): Promise<FullRoster> {
  const key = `ewis-roster|${orgCode}|${query.year ?? ''}|${query.level ?? ''}|${query.grade ?? ''}|${query.sort}`;
  return cachedByDataVersion(
    ctx,
    key,
    () => buildRoster(ctx.db, orgCode, query),
    (r) => rosterBytes(r.items),
  );
}

/** The roster with every filter applied, in the order asked for (the filters' view of the kept roster). */
async function rosterView(ctx: RequestContext, orgCode: string, query: RosterQuery): Promise<RosterView> {
  const full = await readFullRoster(ctx, orgCode, query);
  const q = (query.q ?? '').toLowerCase();
  const filtered = full.items.filter(
    (r) =>
      (query.milestone === undefined || r.milestone === query.milestone) &&
      (query.interventions === undefined ||
        (query.interventions === 'with' ? r.activeInterventions > 0 : r.activeInterventions === 0)) &&
      (q === '' || r.studentId.toLowerCase().includes(q)),
  );
  const items = query.order === 'asc' ? filtered : sortRosterRows(filtered, query.sort, query.order);
  const levels = { high: 0, moderate: 0, low: 0, notAvailable: 0 };
  for (const r of items) levels[r.riskLevel ?? 'notAvailable']++;
  return { ...full, items, levels };
}

/** The key of a roster page in the cache: everything the page depends on besides the data. */
function rosterPageKey(orgCode: string, query: RosterPageQuery): string {
  const { year, level, grade, milestone, interventions, q, sort, order, page, pageSize } = query;
  return ['ewis-roster-page', orgCode, year, level, grade, milestone, interventions, q?.toLowerCase(), sort, order]
    .map((part) => part ?? '')
    .concat([`${page}`, `${pageSize}`])
    .join('|');
}

/**
 * One page of the early-warning roster of a school, or of a district's or region's schools, as the JSON text the API
 * sends: each student's milestone, risk level and reasons, programs, attendance this year so far and open
 * interventions, with the total matching the filters. Student-level: the caller's scope was checked on the
 * organization, and the read is audited with the students of the page (committed before the answer is sent). A
 * page past the last has no students. Each page's text is kept per data version: a repeat read re-encodes nothing.
 */
export async function ewisRosterPageJson(
  ctx: RequestContext,
  orgCode: string,
  query: RosterPageQuery,
): Promise<string> {
  const { page, pageSize } = query;
  const kept = await cachedByDataVersion(
    ctx,
    rosterPageKey(orgCode, query),
    async (): Promise<RosterPage> => {
      const view = await rosterView(ctx, orgCode, query);
      const items = view.items.slice((page - 1) * pageSize, page * pageSize);
      const total = view.items.length;
      const body = {
        run: view.run,
        org: view.org,
        page,
        pageSize,
        total,
        pages: Math.ceil(total / pageSize),
        levels: view.levels,
        items,
      };
      return {
        json: JSON.stringify(z.encode(EwisRoster, body)),
        studentIds: items.map((i) => i.studentId),
        orgId: view.orgId,
        runId: view.run?.id ?? null,
        page,
        pageSize,
      };
    },
    (p) => p.json.length,
  );
  if (kept.runId !== null)
    await writeAudit(ctx, {
      action: 'read',
      resourceType: 'ewis_roster',
      resourceId: orgCode,
      orgId: kept.orgId,
      detail: { runId: kept.runId, page: kept.page, pageSize: kept.pageSize, students: kept.studentIds },
    });
  return kept.json;
}

/**
 * The whole early-warning roster matching the filters, in the order asked for (no pages: what a file carries). Its
 * read is audited with every student returned; a file also records its export (`auditRosterExport`).
 */
export async function ewisRoster(ctx: RequestContext, orgCode: string, query: RosterQuery): Promise<RosterBody> {
  const view = await rosterView(ctx, orgCode, query);
  if (view.run !== null)
    await writeAudit(ctx, {
      action: 'read',
      resourceType: 'ewis_roster',
      resourceId: view.org.code,
      orgId: view.orgId,
      detail: { runId: view.run.id, students: view.items.map((i) => i.studentId) },
    });
  return { run: view.run, org: view.org, items: view.items };
}

/** The roster columns an export may carry: a safelist (no address, no race, no birth date). */
export const rosterExportColumns: readonly { header: string; cell: (r: RosterRow) => string | number | null }[] = [
  { header: 'student_id', cell: (r) => r.studentId },
  { header: 'school_code', cell: (r) => r.school.code },
  { header: 'school_name', cell: (r) => r.school.name },
  { header: 'grade', cell: (r) => r.grade },
  { header: 'milestone', cell: (r) => r.milestone },
  { header: 'risk_level', cell: (r) => r.riskLevel ?? 'N/A' },
  {
    header: 'probability_reaching',
    cell: (r) => (r.probability === null ? null : Math.round(r.probability * 1000) / 1000),
  },
  { header: 'reasons', cell: (r) => r.naReason ?? r.reasons.map((x) => x.text).join('; ') },
  { header: 'attendance_rate', cell: (r) => r.attendanceRate },
  { header: 'low_income', cell: (r) => (r.lowIncome ? 'yes' : 'no') },
  { header: 'english_learner', cell: (r) => (r.englishLearner ? 'yes' : 'no') },
  { header: 'disability', cell: (r) => (r.disability ? 'yes' : 'no') },
  { header: 'active_interventions', cell: (r) => r.activeInterventions },
];

/** The roster as CSV (safelisted columns). */
export function rosterCsv(items: readonly RosterRow[]): string {
  return tableCsv(
    rosterExportColumns.map((c) => c.header),
    items.map((r) => rosterExportColumns.map((c) => c.cell(r))),
  );
}

/** The roster as an XLSX workbook (safelisted columns). */
export async function rosterXlsx(items: readonly RosterRow[]): Promise<Buffer> {
  return tableXlsx(
    'Early warning roster',
    rosterExportColumns.map((c) => c.header),
    items.map((r) => rosterExportColumns.map((c) => c.cell(r))),
  );
}

/** Records that a roster left the platform as a file (besides the read). */
export async function auditRosterExport(ctx: RequestContext, orgCode: string, format: string, count: number) {
  await writeAudit(ctx, {
    action: 'export',
    resourceType: 'ewis_roster',
    resourceId: orgCode,
    detail: { format, rows: count, columns: rosterExportColumns.map((c) => c.header) },
  });
}

/**
 * One student's early-warning profile: each year's record (school, grade, attendance, suspensions, marks, scores),
 * the latest score with its reasons, and the interventions. Only within the user's scope (the student's school in
 * the latest year); the read is audited.
 */
export async function ewisStudentProfile(ctx: RequestContext, studentId: string) {
  const years = await sql<Record<string, unknown>>`
    SELECT y.*, o.code AS school_code, o.name AS school_name FROM student_years y
    JOIN organizations o ON o.id = y.school_id WHERE y.student_id = ${studentId} ORDER BY y.school_year`.execute(
    ctx.db.kysely,
  );
  if (years.rows.length === 0) throw new AppError('not_found', `No student has the identifier ${studentId}`);
  const latest = years.rows[years.rows.length - 1]!;
  await requireStudentInScope(ctx, latest.school_id as number);
  const tests = await sql<Record<string, unknown>>`
    SELECT school_year, subject, grade, participated, scaled_score, achievement_level, sgp FROM assessments
    WHERE student_id = ${studentId} ORDER BY school_year, subject`.execute(ctx.db.kysely);
  const run = await latestEwisRun(ctx.db);
  const score = run
    ? await ctx.db.kysely
        .selectFrom('ewis_scores')
        .selectAll()
        .where('run_id', '=', run.id)
        .where('student_id', '=', studentId)
        .executeTakeFirst()
    : undefined;
  const interventions = await listInterventions(ctx, studentId);
  await writeAudit(ctx, {
    action: 'read',
    resourceType: 'ewis_student',
    resourceId: studentId,
    orgId: latest.school_id as number,
  });
  return {
    studentId,
    school: { code: latest.school_code as string, name: latest.school_name as string },
    grade: latest.grade as string,
    score:
      score && run
        ? {
            runId: run.id,
            schoolYear: run.school_year,
            milestone: score.milestone,
            probability: score.probability === null ? null : Number(score.probability),
            riskLevel: score.risk_level,
            naReason: score.na_reason,
            reasons: parseJson<{ reason: string; text: string; value: number; typical: number }[]>(score.reasons),
          }
        : null,
    years: years.rows.map((y) => ({
      schoolYear: y.school_year as number,
      school: { code: y.school_code as string, name: y.school_name as string },
      grade: y.grade as string,
      attendanceRate:
        (y.days_in_membership as number) > 0
          ? Math.round((1000 * Number(y.days_attended)) / (y.days_in_membership as number)) / 10
          : null,
      suspensionDays: Number(y.in_school_suspension_days) + Number(y.out_of_school_suspension_days),
      coursesTaken: y.courses_taken as number | null,
      coursesFailed: y.courses_failed as number | null,
      gpa: y.gpa === null ? null : Number(y.gpa),
      retained: y.retained as boolean,
      lowIncome: y.low_income as boolean,
      englishLearner: y.english_learner as boolean,
      disability: y.disability as boolean,
    })),
    tests: tests.rows.map((t) => ({
      schoolYear: t.school_year as number,
      subject: t.subject as string,
      grade: t.grade as string,
      participated: t.participated as boolean,
      scaledScore: t.scaled_score as number | null,
      achievementLevel: t.achievement_level as string | null,
      sgp: t.sgp as number | null,
    })),
    interventions,
  };
}

/**
 * A student's profile as a two-page PDF for a support-team meeting (see renderProfilePdf). The same scope check and
 * read audit as the profile, and the document is audited as an export.
 */
export async function ewisProfilePdf(ctx: RequestContext, studentId: string): Promise<Buffer> {
  const profile = await ewisStudentProfile(ctx, studentId);
  await writeAudit(ctx, {
    action: 'export',
    resourceType: 'ewis_student',
    resourceId: studentId,
    detail: { format: 'pdf', pages: 2 },
  });
  return renderProfilePdf(profile, {
    generatedAt: ctx.now,
    generatedBy: ctx.user ? `${ctx.user.displayName} (${ctx.user.email})` : 'the system',
  });
}

export interface InterventionInput {
  kind: (typeof interventionKinds)[number];
  startedOn: string;
  endedOn: string | null;
  owner: string;
  notes: string;
  status: (typeof interventionStatuses)[number];
}

function isoDate(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).slice(0, 10);
}

async function listInterventions(ctx: RequestContext, studentId: string) {
  const rows = await ctx.db.kysely
    .selectFrom('interventions')
    .selectAll()
    .where('student_id', '=', studentId)
    .orderBy('started_on')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    startedOn: isoDate(r.started_on)!,
    endedOn: isoDate(r.ended_on),
    owner: r.owner,
    notes: r.notes,
    status: r.status,
    updatedAt: new Date(r.updated_at).toISOString(),
  }));
}

/** Records an intervention for a student within the user's scope (audited). */
export async function addIntervention(ctx: RequestContext, studentId: string, input: InterventionInput) {
  const latest = await ctx.db.kysely
    .selectFrom('student_years')
    .select(['school_id'])
    .where('student_id', '=', studentId)
    .orderBy('school_year', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!latest || latest.school_id === null)
    throw new AppError('not_found', `No student has the identifier ${studentId}`);
  const schoolId = latest.school_id;
  await requireStudentInScope(ctx, schoolId);
  if (input.endedOn !== null && input.endedOn < input.startedOn)
    throw new AppError('validation_failed', 'endedOn: an intervention cannot end before it starts', 'endedOn');
  const row = await ctx.db.kysely
    .insertInto('interventions')
    .values({
      student_id: studentId,
      school_id: schoolId,
      kind: input.kind,
      started_on: input.startedOn,
      ended_on: input.endedOn,
      owner: input.owner,
      notes: input.notes,
      status: input.status,
      created_by: ctx.user?.id ?? null,
      created_at: ctx.now,
      updated_at: ctx.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await writeAudit(ctx, {
    action: 'create',
    resourceType: 'intervention',
    resourceId: String(row.id),
    orgId: schoolId,
    detail: { studentId, kind: input.kind, status: input.status },
  });
  return (await listInterventions(ctx, studentId)).find((i) => i.id === row.id)!;
}

/** Changes an intervention (its status, end, notes...) within the user's scope (audited). */
export async function updateIntervention(ctx: RequestContext, id: number, input: InterventionInput) {
  const current = await ctx.db.kysely.selectFrom('interventions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!current) throw new AppError('not_found', `There is no intervention ${id}`);
  await requireStudentInScope(ctx, current.school_id);
  if (input.endedOn !== null && input.endedOn < input.startedOn)
    throw new AppError('validation_failed', 'endedOn: an intervention cannot end before it starts', 'endedOn');
  await ctx.db.kysely
    .updateTable('interventions')
    .set({
      kind: input.kind,
      started_on: input.startedOn,
      ended_on: input.endedOn,
      owner: input.owner,
      notes: input.notes,
      status: input.status,
      updated_at: ctx.now,
    })
    .where('id', '=', id)
    .execute();
  await writeAudit(ctx, {
    action: 'update',
    resourceType: 'intervention',
    resourceId: String(id),
    orgId: current.school_id,
    detail: { studentId: current.student_id, from: current.status, to: input.status },
  });
  return (await listInterventions(ctx, current.student_id)).find((i) => i.id === id)!;
}

const EWIS_SETTINGS_KEY = 'ewis.settings';

/** The training options in force (the defaults until a state administrator changes them). */
export async function getEwisSettings(db: Db): Promise<{ settings: EwisTrainingOptions; isDefault: boolean }> {
  const row = await db.kysely
    .selectFrom('settings')
    .select('value')
    .where('key', '=', EWIS_SETTINGS_KEY)
    .executeTakeFirst();
  if (!row) return { settings: defaultEwisTraining, isDefault: true };
  return {
    settings: { ...defaultEwisTraining, ...parseJson<Partial<EwisTrainingOptions>>(row.value) },
    isDefault: false,
  };
}

/** Stores new training options (state administrators); audited with the options before and after. */
export async function setEwisSettings(ctx: RequestContext, settings: EwisTrainingOptions) {
  const { targets } = settings;
  if (!(targets.high < targets.moderate && targets.moderate < targets.low))
    throw new AppError(
      'validation_failed',
      'targets: the high, moderate and low rates must rise in that order',
      'targets',
    );
  const before = await getEwisSettings(ctx.db);
  const value = JSON.stringify(settings);
  await ctx.db.kysely
    .insertInto('settings')
    .values({ key: EWIS_SETTINGS_KEY, value, updated_at: ctx.now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: ctx.now }))
    .execute();
  await writeAudit(ctx, {
    action: 'update',
    resourceType: 'ewis_settings',
    detail: { before: before.settings, after: settings },
  });
  return getEwisSettings(ctx.db);
}

/**
 * The early-warning picture of a school, district or region (or the state) without naming students: students at
 * each risk level by school, by grade and by student group, with each group's share at high risk. Counts only, for
 * users whose scope holds the organization (the route checks it).
 */
export async function ewisSummary(ctx: RequestContext, orgCode: string, year?: number) {
  const org = await ctx.db.kysely
    .selectFrom('organizations')
    .select(['id', 'code', 'name', 'level'])
    .where('code', '=', orgCode)
    .executeTakeFirst();
  if (!org) throw new AppError('not_found', `No organization has the code ${orgCode}`);
  const run = await latestEwisRun(ctx.db, year);
  if (!run) return { run: null, org: { code: org.code, name: org.name }, bySchool: [], byGrade: [], byGroup: [] };
  const schoolIds = await schoolIdsWithin(ctx.db, org.id);
  const rows = await sql<{
    school_code: string;
    school_name: string;
    grade: number;
    risk_level: string | null;
    low_income: boolean | null;
    english_learner: boolean | null;
    disability: boolean | null;
    race_ethnicity: string;
    gender: string;
  }>`
    SELECT o.code AS school_code, o.name AS school_name, s.grade, s.risk_level, y.low_income, y.english_learner,
      y.disability, st.race_ethnicity, st.gender
    FROM ewis_scores s
    JOIN organizations o ON o.id = s.school_id
    JOIN students st ON st.student_id = s.student_id
    LEFT JOIN student_years y ON y.student_id = s.student_id AND y.school_year = ${run.school_year}
    WHERE s.run_id = ${run.id}
      ${org.level === 'state' ? sql`` : sql`AND s.school_id = ANY(${schoolIds})`}`.execute(ctx.db.kysely);
  type Tally = { students: number; high: number; moderate: number; low: number; notAvailable: number };
  const tally = () => ({ students: 0, high: 0, moderate: 0, low: 0, notAvailable: 0 });
  const add = (t: Tally, level: string | null) => {
    t.students++;
    if (level === 'high' || level === 'moderate' || level === 'low') t[level]++;
    else t.notAvailable++;
  };
  const bySchool = new Map<string, Tally & { name: string }>();
  const byGrade = new Map<number, Tally>();
  const byGroup = new Map<string, Tally>();
  for (const r of rows.rows) {
    const school = bySchool.get(r.school_code) ?? { ...tally(), name: r.school_name };
    bySchool.set(r.school_code, school);
    add(school, r.risk_level);
    const grade = byGrade.get(r.grade) ?? tally();
    byGrade.set(r.grade, grade);
    add(grade, r.risk_level);
    const groups = [
      'all',
      `race:${r.race_ethnicity}`,
      `gender:${r.gender}`,
      r.low_income ? 'low_income' : null,
      r.english_learner ? 'english_learner' : null,
      r.disability ? 'disability' : null,
    ];
    for (const g of groups) {
      if (!g) continue;
      const t = byGroup.get(g) ?? tally();
      byGroup.set(g, t);
      add(t, r.risk_level);
    }
  }
  const highShare = (t: Tally) => {
    const rated = t.high + t.moderate + t.low;
    return rated > 0 ? Math.round((1000 * t.high) / rated) / 10 : null;
  };
  return {
    run: { id: run.id, schoolYear: run.school_year, createdAt: new Date(run.created_at).toISOString() },
    org: { code: org.code, name: org.name },
    bySchool: [...bySchool.entries()]
      .map(([code, t]) => ({ code, ...t, highSharePct: highShare(t) }))
      .sort((a, b) => (a.name < b.name ? -1 : 1)),
    byGrade: [...byGrade.entries()]
      .map(([grade, t]) => ({ grade, ...t, highSharePct: highShare(t) }))
      .sort((a, b) => a.grade - b.grade),
    byGroup: [...byGroup.entries()]
      .map(([group, t]) => ({ group, ...t, highSharePct: highShare(t) }))
      .sort((a, b) => (a.group === 'all' ? -1 : b.group === 'all' ? 1 : a.group < b.group ? -1 : 1)),
  };
}
