import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql, type RawBuilder } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticLayout, writeSyntheticCommonwealth } from '../../src/server/services/synthetic-service.ts';
import { importOrganizationDirectory } from '../../src/server/ingest/organizations.ts';
import { importStudentFolder } from '../../src/server/ingest/student-csv.ts';
import { formatDeseSummary, importDeseFolder } from '../../src/server/ingest/dese/dese-import.ts';
import { syncCatalog } from '../../src/server/services/catalog-service.ts';
import { createTestDb, testBackends, type TestDb } from '../support/databases.ts';

type Figure = { code: string; year: number; value: number };

/**
 * The synthetic Commonwealth's school, district and state figures are computed from its students and written in
 * DESE's layouts; imported through the DESE importer they must agree with the student records imported beside them.
 * Here the database recomputes a few of them from the student tables, independently of the aggregator.
 */
describe.each(testBackends())('synthetic figures agree with the student records on %s', (backend) => {
  let db: TestDb;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'ssos-synth-agg-'));
    await writeSyntheticCommonwealth(dir, { seed: 3, scale: 0.005 });
    db = await createTestDb(backend);
    await syncCatalog(db);
    await importOrganizationDirectory(db, path.join(dir, syntheticLayout.organizations));
    await importStudentFolder(db, path.join(dir, syntheticLayout.students));
    const results = await importDeseFolder(db, path.join(dir, syntheticLayout.aggregates));
    formatDeseSummary(results);
    // Ten files computed from the students and three of staffing, spending and college-going.
    expect(results.filter((r) => r.status === 'imported')).toHaveLength(13);
  }, 180_000);
  afterAll(async () => {
    await db?.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  /** Stored values of an indicator for group `all`, by organization code and year. */
  async function stored(indicator: string, group = 'all'): Promise<Map<string, number>> {
    const r = await sql<{ code: string; year: number; value: number }>`
      SELECT o.code, v.school_year AS year, v.value FROM indicator_values v JOIN organizations o ON o.id = v.org_id
      WHERE v.indicator_code = ${indicator} AND v.student_group = ${group} AND v.value IS NOT NULL`.execute(db.kysely);
    return new Map(r.rows.map((x) => [`${x.code}|${x.year}`, Number(x.value)]));
  }

  /** Figures the database computes from student rows, per school, per district and for the state. */
  async function recomputed(query: RawBuilder<Figure>) {
    const r = await query.execute(db.kysely);
    return new Map(r.rows.map((x) => [`${x.code}|${x.year}`, Number(x.value)]));
  }

  function expectClose(actual: Map<string, number>, expected: Map<string, number>, tolerance: number) {
    expect(actual.size).toBeGreaterThan(10);
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [key, value] of actual) expect(Math.abs(value - expected.get(key)!), key).toBeLessThanOrEqual(tolerance);
  }

  const byLevel = (inner: string, measure: string, having = 'count(*) > 0') =>
    sql.raw(`
    WITH t AS (${inner})
    SELECT s.code, t.year, ${measure} AS value FROM t JOIN organizations s ON s.id = t.school_id GROUP BY s.code, t.year HAVING ${having}
    UNION ALL
    SELECT d.code, t.year, ${measure} FROM t JOIN organizations s ON s.id = t.school_id JOIN organizations d ON d.id = s.parent_id GROUP BY d.code, t.year HAVING ${having}
    UNION ALL
    SELECT '00000000', t.year, ${measure} FROM t GROUP BY t.year HAVING ${having}`) as RawBuilder<Figure>;

  it('enrollment: every school, district and state total is the count of its student-years', async () => {
    const expected = await recomputed(byLevel('SELECT school_id, school_year AS year FROM student_years', 'count(*)'));
    expectClose(await stored('enrollment_total'), expected, 0);
  });

  it('chronic absence: the share of students (20+ days enrolled) absent 10% of their days or more', async () => {
    const expected = await recomputed(
      byLevel(
        `SELECT school_id, school_year AS year, (days_in_membership - days_attended >= 0.1 * days_in_membership)::int AS chronic
         FROM student_years WHERE days_in_membership >= 20`,
        'round(100.0 * avg(chronic), 1)',
        'count(*) >= 10',
      ),
    );
    expectClose(await stored('chronic_absence_pct'), expected, 0.05);
  });

  it('MCAS grades 3-8 ELA: average scaled score of the students with a score', async () => {
    const expected = await recomputed(
      byLevel(
        `SELECT school_id, school_year AS year, scaled_score FROM assessments
         WHERE subject = 'ela' AND grade <> '10' AND participated AND scaled_score IS NOT NULL`,
        'round(avg(scaled_score)::numeric, 1)',
        'count(*) >= 10',
      ),
    );
    expectClose(await stored('mcas_ela_g38_avg_scaled_score'), expected, 0.05);
  });

  it('4-year graduation rate of each cohort, filed under the cohort year', async () => {
    const expected = await recomputed(
      byLevel(
        'SELECT school_id, cohort_year AS year, graduated_in_4_years::int AS g FROM high_school_outcomes',
        'round(100.0 * avg(g), 1)',
        'count(*) >= 10',
      ),
    );
    expectClose(await stored('graduation_4yr_pct'), expected, 0.05);
  });

  it('low income figures agree for the group too', async () => {
    const expected = await recomputed(
      byLevel(
        `SELECT school_id, school_year AS year, (days_in_membership - days_attended >= 0.1 * days_in_membership)::int AS chronic
         FROM student_years WHERE days_in_membership >= 20 AND low_income`,
        'round(100.0 * avg(chronic), 1)',
        'count(*) >= 10',
      ),
    );
    expectClose(await stored('chronic_absence_pct', 'low_income'), expected, 0.05);
  });

  it('importing the figures again changes nothing', async () => {
    const again = await importDeseFolder(db, path.join(dir, syntheticLayout.aggregates));
    for (const r of again) {
      expect(r.status).toBe('imported');
      if (r.status === 'imported') expect([r.file, r.values.inserted, r.values.updated]).toEqual([r.file, 0, 0]);
    }
  }, 120_000);
});
