import { mkdtemp, rm, copyFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDeseFile, importDeseFolder, type DeseFileResult } from '../../src/server/ingest/dese/dese-import.ts';
import { createTestDb, testBackends, type TestDb } from '../support/databases.ts';

const dataDir = path.resolve(import.meta.dirname, '../../../shared/data');
const folders = ['dese-school-indicators', 'dese-school-profiles-2017'];

/** One value as stored: by organization code, indicator, school year and group. */
async function valueOf(db: TestDb, code: string, indicator: string, year: number, group = 'all') {
  const r = await sql<{ value: number | null; n: number | null; suppressed: boolean }>`
    SELECT v.value, v.n, v.suppressed FROM indicator_values v JOIN organizations o ON o.id = v.org_id
    WHERE o.code = ${code} AND v.indicator_code = ${indicator} AND v.school_year = ${year} AND v.student_group = ${group}`.execute(
    db.kysely,
  );
  return r.rows[0] ?? null;
}

/**
 * The database's content as text: small tables row by row, indicator values as a count and a sum of 64-bit hashes
 * of every row's full text (millions of rows; any changed byte changes the sum).
 */
export async function digest(db: TestDb): Promise<string> {
  const out: Record<string, unknown> = {};
  for (const t of ['organizations', 'indicators', 'student_groups', 'data_sources']) {
    const rows = await sql<{ r: string }>`SELECT t::text AS r FROM ${sql.table(t)} t ORDER BY 1`.execute(db.kysely);
    out[t] = rows.rows.map((x) => x.r);
  }
  const v = await sql<{ n: string; h: string }>`
    SELECT count(*)::text AS n, coalesce(sum(hashtextextended(t::text, 0)::numeric), 0)::text AS h FROM indicator_values t`.execute(
    db.kysely,
  );
  out.indicator_values = v.rows[0];
  return JSON.stringify(out);
}

describe.each(testBackends())('DESE school reports and 2017 profiles on %s', (backend) => {
  let db: TestDb;
  let results: DeseFileResult[];
  const byFile = (rel: string) => results.find((r) => r.file === rel)!;

  beforeAll(async () => {
    db = await createTestDb(backend);
    results = [];
    for (const f of folders) results.push(...(await importDeseFolder(db, path.join(dataDir, f))));
  }, 600_000);
  afterAll(async () => {
    await db?.dispose();
  });

  it('imports every file of both folders (the ZIP-code summary is recognised and skipped)', () => {
    const failed = results.filter((r) => r.status === 'failed').map((r) => r.error?.message);
    expect(failed).toEqual([]);
    expect(results.filter((r) => r.status === 'skipped').map((r) => r.file)).toEqual([
      'boston_dropout_by_zip_2017.csv',
    ]);
    expect(results.filter((r) => r.status === 'imported')).toHaveLength(25);
    // Both copies of every 2C_1 school-year are identical: the second copy is dropped, not refused.
    expect(byFile('2C_1_attendance.csv').duplicateRows).toBe(14_665);
    expect(byFile('1A_1_teacher_data.csv').duplicateRows).toBe(16_518);
    // The third-party list names only schools DESE's files registered: its Wisconsin and New Jersey schools, three
    // programs and one id DESE does not use (441006) are set aside; its Horace Mann charter schools (listed under
    // Boston, with their own district codes) are kept.
    expect(byFile('master_list_of_schools_and_districts.csv').skippedRows).toEqual([
      { reason: expect.stringMatching(/not an organization any DESE file names/), count: 11 },
    ]);
  });

  it('has Abington High 2016-17 (school year 2017): enrollment 452, grade 9 124', async () => {
    expect(await valueOf(db, '00010505', 'enrollment_total', 2017)).toEqual({ value: 452, n: null, suppressed: false });
    expect(await valueOf(db, '00010505', 'enrollment_grade_09', 2017)).toMatchObject({ value: 124 });
    expect(await valueOf(db, '00010505', 'enrollment_grade_sp', 2017)).toMatchObject({ value: 4 });
  });

  it('reads attendance by year layout: 2018-19 rows have no 20% chronic absence, their fifth value is unexcused absence', async () => {
    expect(await valueOf(db, '00010505', 'attendance_rate', 2025)).toMatchObject({ value: 91.7 });
    expect(await valueOf(db, '00010505', 'chronic_absence_pct', 2025)).toMatchObject({ value: 26.7 });
    expect(await valueOf(db, '00010505', 'chronic_absence_20_pct', 2025)).toMatchObject({ value: 8.8 });
    expect(await valueOf(db, '00010505', 'unexcused_absence_over_9_days_pct', 2025)).toMatchObject({ value: 37.5 });
    expect(await valueOf(db, '00010505', 'unexcused_absence_over_9_days_pct', 2019)).toMatchObject({ value: 23.4 });
    expect(await valueOf(db, '00010505', 'chronic_absence_20_pct', 2019)).toBeNull();
  });

  it('stores graduation under the cohort year with the cohort as n', async () => {
    expect(await valueOf(db, '00010505', 'graduation_4yr_pct', 2017)).toEqual({
      value: 94.8,
      n: 97,
      suppressed: false,
    });
    expect(await valueOf(db, '00010505', 'graduation_5yr_pct', 2017)).toEqual({
      value: 94.8,
      n: 97,
      suppressed: false,
    });
    expect(await valueOf(db, '00010505', 'cohort_dropout_5yr_pct', 2017)).toMatchObject({ value: 4.1, n: 97 });
  });

  it('stores a blank cell as suppressed, never as zero', async () => {
    // Abington Early Education Program 2024-25: 99 students, 0 disciplined, the shares blank.
    expect(await valueOf(db, '00010001', 'dese_discipline_students', 2025)).toMatchObject({ value: 99 });
    expect(await valueOf(db, '00010001', 'dese_discipline_one_day_pct', 2025)).toEqual({
      value: null,
      n: 99,
      suppressed: true,
    });
  });

  it('reads 2016-17 teacher data by its own layout and ratios "11.5 to 1" as 11.5', async () => {
    expect(await valueOf(db, '00010505', 'teachers_fte', 2017)).toMatchObject({ value: 39.3 });
    expect(await valueOf(db, '00010505', 'dese_teacher_data_licensed_in_assignment_pct', 2017)).toMatchObject({
      value: 100,
    });
    expect(await valueOf(db, '00010505', 'dese_teacher_data_core_academic_classes', 2017)).toMatchObject({
      value: 192,
    });
    expect(await valueOf(db, '00010505', 'student_teacher_ratio', 2017)).toMatchObject({ value: 11.5 });
    expect(await valueOf(db, '00010505', 'teachers_licensed_pct', 2017)).toBeNull();
    expect(await valueOf(db, '00010505', 'teachers_experienced_pct', 2018)).toMatchObject({ value: 82.8 });
    expect(await valueOf(db, '00010505', 'student_teacher_ratio', 2018)).toMatchObject({ value: 13.4 });
    expect(await valueOf(db, '00010505', 'teachers_in_field_pct', 2019)).toMatchObject({ value: 83.3 });
  });

  it('reads the teacher race columns in the order the values follow, not the mislabelled header', async () => {
    // Abby Kelley Foster 2025-26: the 85.2 under "Multi-Race Non-Hispanic (%)" is the White share.
    expect(await valueOf(db, '04450105', 'dese_teacher_race_gender_white_pct', 2026)).toMatchObject({ value: 85.2 });
    expect(await valueOf(db, '04450105', 'dese_teacher_race_gender_hispanic_pct', 2026)).toMatchObject({ value: 7.4 });
  });

  it("stores the 2017 profile's district figures once, on the district", async () => {
    expect(await valueOf(db, '00010000', 'dese_profile2017_average_salary', 2017)).toMatchObject({ value: 74662 });
    expect(await valueOf(db, '00010505', 'dese_profile2017_average_salary', 2017)).toBeNull();
    expect(await valueOf(db, '00010000', 'dese_profile2017_accountability_level', 2017)).toMatchObject({ value: 3 });
    expect(await valueOf(db, '00010505', 'dese_profile2017_accountability_level', 2017)).toMatchObject({ value: 1 });
    // An MCAS block that does not apply (grade 3 at a high school) stores nothing.
    expect(await valueOf(db, '00010505', 'dese_profile2017_mcas_g03_math_pa_pct', 2017)).toBeNull();
    expect(await valueOf(db, '00010505', 'dese_profile2017_mcas_g10_math_pa_pct', 2017)).toEqual({
      value: 83,
      n: 125,
      suppressed: false,
    });
  });

  it('registers schools and districts with their own names, types, parents and grades, and no region', async () => {
    const orgs = await sql<{
      code: string;
      name: string;
      type: string;
      grades: string[];
      parent: string | null;
      region_id: number | null;
    }>`
      SELECT o.code, o.name, o.type, o.grades, p.code AS parent, o.region_id FROM organizations o
      LEFT JOIN organizations p ON p.id = o.parent_id WHERE o.code IN ('00010505', '00010001', '04450105', '04450000', '03480605', '00010000')
      ORDER BY o.code`.execute(db.kysely);
    expect(orgs.rows).toEqual([
      // No school report gives a district's enrollment: its grades stay unknown until a district file does.
      { code: '00010000', name: 'Abington', type: 'local', grades: [], parent: '00000000', region_id: null },
      // Only "Abington - Abington Early Education Program" names it; the district's name is cut off.
      {
        code: '00010001',
        name: 'Abington Early Education Program',
        type: 'public',
        grades: ['PK'],
        parent: '00010000',
        region_id: null,
      },
      {
        code: '00010505',
        name: 'Abington High',
        type: 'public',
        grades: ['09', '10', '11', '12'],
        parent: '00010000',
        region_id: null,
      },
      {
        code: '03480605',
        name: 'Worcester Technical High',
        type: 'vocational',
        grades: ['09', '10', '11', '12'],
        parent: '03480000',
        region_id: null,
      },
      {
        code: '04450000',
        name: 'Abby Kelley Foster Charter Public (District)',
        type: 'charter',
        grades: [],
        parent: '00000000',
        region_id: null,
      },
      {
        code: '04450105',
        name: 'Abby Kelley Foster Charter Public School',
        type: 'charter',
        grades: ['K', '01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'],
        parent: '04450000',
        region_id: null,
      },
    ]);
    const regions = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM organizations WHERE region_id IS NOT NULL`.execute(db.kysely);
    expect(regions.rows[0]!.n).toBe(0);
  });

  it('changes nothing when both folders are imported again', async () => {
    const before = await digest(db);
    const again: DeseFileResult[] = [];
    for (const f of folders) again.push(...(await importDeseFolder(db, path.join(dataDir, f))));
    for (const r of again.filter((x) => x.status === 'imported')) {
      expect({ file: r.file, inserted: r.values.inserted, updated: r.values.updated, orgsNew: r.orgsNew }).toEqual({
        file: r.file,
        inserted: 0,
        updated: 0,
        orgsNew: 0,
      });
    }
    expect(await digest(db)).toBe(before);
  }, 600_000);
});

describe.each(testBackends())('each of the two Abington files on its own on %s', (backend) => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'ssos-dese-one-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each([
    ['dese-school-indicators/3B_1_enrollments_by_grade.csv'],
    ['dese-school-profiles-2017/MA_Public_Schools_2017.csv'],
  ])(
    '%s gives Abington High 2016-17 enrollment 452 and grade 9 124',
    async (rel) => {
      const db = await createTestDb(backend);
      try {
        const file = path.join(dir, path.basename(rel));
        await copyFile(path.join(dataDir, rel), file);
        await importDeseFile(db, file);
        expect(await valueOf(db, '00010505', 'enrollment_total', 2017)).toMatchObject({ value: 452 });
        expect(await valueOf(db, '00010505', 'enrollment_grade_09', 2017)).toMatchObject({ value: 124 });
      } finally {
        await db.dispose();
      }
    },
    120_000,
  );
});
