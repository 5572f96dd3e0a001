import type { FastifyInstance } from 'fastify';
import { hashPassword } from '../../src/server/auth/passwords.ts';
import type { Db } from '../../src/server/db/client.ts';
import { cookieHeader } from '../support/app.ts';

/** The day the assistance tests run on: alerts count days from it. */
export const TODAY = new Date('2026-11-24T15:00:00Z');

/** The classifications of the 2018 framework. */
export const REQUIRING = 'Requiring assistance or intervention';
export const NOT_REQUIRING = 'Not requiring assistance or intervention';

/** One organization's result in a seeded official run. */
export interface SeededResult {
  code: string;
  classification: string;
  category?: string | null;
  percentile: number | null;
  reason?: string | null;
  /** The stored report (what parts of ssos read from it, e.g. `classification.schoolOfRecognition`). */
  report?: object;
}

/** Stores an official ma-2018 accountability run of a school year with these results; returns its id. */
export async function insertOfficialRun(db: Db, year: number, results: readonly SeededResult[]): Promise<number> {
  const k = db.kysely;
  const { id: runId } = await k
    .insertInto('accountability_runs')
    .values({
      framework: 'ma-2018',
      framework_version: 'test',
      school_year: year,
      kind: 'official',
      overrides: '{}',
      data_version: 'test',
      summary: '{}',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const r of results)
    await k
      .insertInto('accountability_results')
      .values({
        run_id: runId,
        org_id: await orgIdOf(db, r.code),
        classification: r.classification,
        category:
          r.category === undefined ? (r.classification === REQUIRING ? 'Focused/targeted support' : null) : r.category,
        reason: r.reason ?? null,
        percentile: r.percentile,
        annual_pct: null,
        cumulative_pct: null,
        level: null,
        report: JSON.stringify(r.report ?? {}),
      })
      .execute();
  return runId;
}

/** The id of the organization with this code. */
export async function orgIdOf(db: Db, code: string): Promise<number> {
  return (await db.kysely.selectFrom('organizations').select('id').where('code', '=', code).executeTakeFirstOrThrow())
    .id;
}

/** District enrollment (enrollment_total, all students) of the fixed demo districts, as the grant tests use it. */
export const districtEnrollment: Record<string, number> = {
  '00010000': 2000, // Abington (Coastal)
  '00200000': 4500, // Barnstable (Coastal)
  '02930000': 7800, // Taunton (Coastal)
  '03480000': 24000, // Worcester (West/Central)
  '04450000': 1400, // Abby Kelley Foster (West/Central)
  '08600000': 650, // Pathfinder (West/Central)
};

/** Stores values of one indicator (all students) for a school year: organization code -> value. */
export async function insertValues(
  db: Db,
  indicator: string,
  year: number,
  values: Readonly<Record<string, number>>,
): Promise<void> {
  for (const [code, value] of Object.entries(values))
    await db.kysely
      .insertInto('indicator_values')
      .values({
        indicator_code: indicator,
        org_id: await orgIdOf(db, code),
        school_year: year,
        student_group: 'all',
        value,
        n: 100,
      })
      .execute();
}

/** Calls the app signed in (with a cookie header) or signed out, with a JSON body when one is given. */
export function apiCaller(app: () => FastifyInstance) {
  return (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, cookie?: string, payload?: unknown) =>
    app().inject({
      method,
      url,
      headers: cookie ? { cookie } : {},
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
}

/**
 * An official 2026 accountability run over part of the fixed demo Commonwealth, and an early-warning run scoring
 * four Taunton High students (two at high risk): enough for the priority queue and caseloads.
 */
export async function seedAssistanceData(db: Db): Promise<void> {
  const k = db.kysely;
  await insertOfficialRun(db, 2026, [
    { code: '02930505', classification: REQUIRING, percentile: 3 }, // Taunton High
    { code: '02930315', classification: REQUIRING, percentile: 8 }, // Benjamin Friedman Middle
    { code: '00200505', classification: REQUIRING, percentile: 8 }, // Barnstable High
    { code: '02930000', classification: REQUIRING, percentile: null }, // Taunton (district)
    { code: '00010505', classification: NOT_REQUIRING, percentile: 60 }, // Abington High
    { code: '00010000', classification: NOT_REQUIRING, percentile: null }, // Abington (district)
    { code: '03480503', classification: REQUIRING, percentile: 2 }, // Burncoat Senior High (West/Central)
  ]);
  const school = await orgIdOf(db, '02930505');
  const { id: ewisRun } = await k
    .insertInto('ewis_runs')
    .values({ school_year: 2026, training_years: [2024, 2025], options: '{}', data_version: 'test', summary: '{}' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const levels = ['high', 'high', 'moderate', 'low'] as const;
  for (const [i, level] of levels.entries()) {
    const studentId = `AST-${i + 1}`;
    await k
      .insertInto('students')
      .values({ student_id: studentId, birth_year: 2010, gender: 'female', race_ethnicity: 'white' })
      .execute();
    await k
      .insertInto('ewis_scores')
      .values({
        run_id: ewisRun,
        student_id: studentId,
        school_id: school,
        grade: 9,
        milestone: 'graduation',
        probability: 0.5,
        risk_level: level,
        na_reason: null,
        reasons: '[]',
      })
      .execute();
  }
}

/** Adds a user with a password and returns its id. */
export async function addUser(
  db: Db,
  u: { email: string; name: string; role: string; scopeCode: string | null; password: string },
): Promise<number> {
  const scope = u.scopeCode
    ? (
        await db.kysely
          .selectFrom('organizations')
          .select('id')
          .where('code', '=', u.scopeCode)
          .executeTakeFirstOrThrow()
      ).id
    : null;
  const { id } = await db.kysely
    .insertInto('users')
    .values({
      email: u.email,
      display_name: u.name,
      password_hash: await hashPassword(u.password),
      role: u.role,
      scope_org_id: scope,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Signs in with an email and password; returns the cookie header. */
export async function signInWith(app: FastifyInstance, email: string, password: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in as ${email} failed: ${res.statusCode} ${res.body}`);
  return cookieHeader(res);
}

/** The regional staff member of West/Central that the assistance tests add (the demo has Coastal's only). */
export const westStaff = { email: 'wes.west@demo.ssos.example', name: 'Wes West', password: 'assistance-test-2' };

/** Adds the West/Central regional staff member; returns the user's id. */
export async function addWestStaff(db: Db): Promise<number> {
  return addUser(db, { ...westStaff, role: 'regional_staff', scopeCode: 'west-central' });
}

/** Signs the West/Central regional staff member in; returns the cookie header. */
export async function signInWest(app: FastifyInstance): Promise<string> {
  return signInWith(app, westStaff.email, westStaff.password);
}
