import type { FastifyInstance } from 'fastify';
import { hashPassword } from '../../src/server/auth/passwords.ts';
import type { Db } from '../../src/server/db/client.ts';
import { cookieHeader } from '../support/app.ts';

/** The day the assistance tests run on: alerts count days from it. */
export const TODAY = new Date('2026-11-24T15:00:00Z');

const REQUIRING = 'Requiring assistance or intervention';
const NOT_REQUIRING = 'Not requiring assistance or intervention';

/**
 * An official 2026 accountability run over part of the fixed demo Commonwealth, and an early-warning run scoring
 * four Taunton High students (two at high risk): enough for the priority queue and caseloads.
 */
export async function seedAssistanceData(db: Db): Promise<void> {
  const k = db.kysely;
  const { id: runId } = await k
    .insertInto('accountability_runs')
    .values({
      framework: 'ma-2018',
      framework_version: 'test',
      school_year: 2026,
      kind: 'official',
      overrides: '{}',
      data_version: 'test',
      summary: '{}',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const results: [string, string, number | null][] = [
    ['02930505', REQUIRING, 3], // Taunton High
    ['02930315', REQUIRING, 8], // Benjamin Friedman Middle
    ['00200505', REQUIRING, 8], // Barnstable High
    ['02930000', REQUIRING, null], // Taunton (district)
    ['00010505', NOT_REQUIRING, 60], // Abington High
    ['00010000', NOT_REQUIRING, null], // Abington (district)
    ['03480503', REQUIRING, 2], // Burncoat Senior High (West/Central)
  ];
  for (const [code, classification, percentile] of results) {
    const { id } = await k.selectFrom('organizations').select('id').where('code', '=', code).executeTakeFirstOrThrow();
    await k
      .insertInto('accountability_results')
      .values({
        run_id: runId,
        org_id: id,
        classification,
        category: classification === REQUIRING ? 'Focused/targeted support' : null,
        reason: null,
        percentile,
        annual_pct: null,
        cumulative_pct: null,
        level: null,
        report: '{}',
      })
      .execute();
  }
  const { id: school } = await k
    .selectFrom('organizations')
    .select('id')
    .where('code', '=', '02930505')
    .executeTakeFirstOrThrow();
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
