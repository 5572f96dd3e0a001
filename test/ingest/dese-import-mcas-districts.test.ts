import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  formatDeseSummary,
  importDeseFile,
  importDeseFolder,
  planDeseFolder,
  type DeseFileResult,
} from '../../src/server/ingest/dese/dese-import.ts';
import { createTestDb, testBackends, type TestDb } from '../support/databases.ts';

const dataDir = path.resolve(import.meta.dirname, '../../../shared/data');
const folders = ['dese-district-2018', 'dese-district-2023', 'dese-mcas'];

async function valueOf(db: TestDb, code: string, indicator: string, year: number, group = 'all') {
  const r = await sql<{ value: number | null; n: number | null; suppressed: boolean }>`
    SELECT v.value, v.n, v.suppressed FROM indicator_values v JOIN organizations o ON o.id = v.org_id
    WHERE o.code = ${code} AND v.indicator_code = ${indicator} AND v.school_year = ${year} AND v.student_group = ${group}`.execute(
    db.kysely,
  );
  return r.rows[0] ?? null;
}

/** Small tables row by row; indicator values as a count and a sum of 64-bit hashes of every row's full text. */
async function digest(db: TestDb): Promise<string> {
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

describe('planning an import of ../shared/data', () => {
  it('reads only the dese-* folders, says what it skips, and puts the directories first', async () => {
    const plan = await planDeseFolder(dataDir);
    expect(plan.skipped.map((s) => [s.file, s.reason])).toEqual([
      ['edfi-grand-bend/', 'not a DESE folder (only folders named dese-* are read)'],
      ['published-accountability-examples/', 'not a DESE folder (only folders named dese-* are read)'],
      ['README.md', 'not a CSV or XLSX file'],
    ]);
    expect(plan.files.length).toBe(155);
    expect(plan.files.every((f) => f.profile !== null)).toBe(true);
    expect(plan.files.slice(0, 4).map((f) => f.profile)).toEqual([
      'district_directory_2018',
      'district_map_charter',
      'district_map_towns',
      'school_profile_2017',
    ]);
    expect(plan.files.slice(-2).map((f) => f.profile)).toEqual(['school_master_list', 'dor_income_eqv']);
  });
});

describe.each(testBackends())('DESE MCAS results and district reports on %s', (backend) => {
  let db: TestDb;
  let results: DeseFileResult[];

  beforeAll(async () => {
    db = await createTestDb(backend);
    results = [];
    for (const f of folders) results.push(...(await importDeseFolder(db, path.join(dataDir, f))));
  }, 600_000);
  afterAll(async () => {
    await db?.dispose();
  });

  it('imports every file (the R join of the district files is recognised and skipped)', () => {
    expect(results.filter((r) => r.status === 'failed').map((r) => r.error?.message)).toEqual([]);
    expect(results.filter((r) => r.status === 'skipped').map((r) => r.file)).toEqual(['csv_R/data.csv']);
    expect(results.filter((r) => r.status === 'imported')).toHaveLength(56 + 8 + 64);
    const summary = formatDeseSummary(results);
    expect(summary.at(-1)).toMatch(
      /^128 files imported \([\d,]+ values: [\d,]+ new, 0 changed\), 1 skipped, 0 refused$/,
    );
  });

  it('reads an MCAS row by group, subject and grade, with the students behind each share as n', async () => {
    // mcas_public_schools_grades_3-8_EL_2019.csv, Abby Kelley Foster ELA, all grades 3-8, English learners.
    expect(await valueOf(db, '04450105', 'mcas_ela_g38_me_pct', 2019, 'english_learner')).toEqual({
      value: 22,
      n: 60,
      suppressed: false,
    });
    expect(await valueOf(db, '04450105', 'mcas_ela_g38_avg_scaled_score', 2019, 'english_learner')).toMatchObject({
      value: 487,
    });
    expect(await valueOf(db, '04450105', 'mcas_ela_g38_mean_sgp', 2019, 'english_learner')).toEqual({
      value: 47.7,
      n: 34,
      suppressed: false,
    });
    expect(await valueOf(db, '04450105', 'mcas_ela_g38_ach_pctl', 2019, 'english_learner')).toMatchObject({
      value: 69,
    });
    // Abington High, grade 10 ELA 2019, all students.
    expect(await valueOf(db, '00010505', 'mcas_ela_g10_me_pct', 2019)).toEqual({
      value: 64,
      n: 145,
      suppressed: false,
    });
    // 2017: the growth percentile was a median; participation blank (suppressed).
    expect(await valueOf(db, '04450105', 'mcas_ela_g38_median_sgp', 2017)).toEqual({
      value: 55,
      n: 587,
      suppressed: false,
    });
    expect(await valueOf(db, '04450105', 'mcas_ela_g38_mean_sgp', 2017)).toBeNull();
    expect(await valueOf(db, '04450105', 'mcas_ela_g38_participation_pct', 2017)).toEqual({
      value: null,
      n: null,
      suppressed: true,
    });
    // The state row, whose "15,01" lost its trailing zero in an R export.
    expect(await valueOf(db, '00000000', 'mcas_math_g06_nm_count', 2021)).toMatchObject({ value: 15010 });
    // Groups DESE reports that the core list lacks.
    expect(await valueOf(db, '04450105', 'mcas_ela_g38_me_pct', 2019, 'ever_english_learner')).not.toBeNull();
  });

  it('reads workbook cells: dollars, "to 1" ratios, the state row, and the second of two same-named columns', async () => {
    expect(await valueOf(db, '00010000', 'teachers_fte', 2023)).toMatchObject({ value: 153.8 });
    expect(await valueOf(db, '00010000', 'student_teacher_ratio', 2023)).toMatchObject({ value: 13.9 });
    expect(await valueOf(db, '00010000', 'ppe_in_district', 2023)).toMatchObject({ value: 16609.95 });
    expect(await valueOf(db, '00000000', 'ppe_total', 2023)).toMatchObject({ value: 21885.22 });
    expect(await valueOf(db, '00010000', 'low_income_pct', 2023)).toMatchObject({ value: 34.4 });
    expect(await valueOf(db, '00010000', 'disability_pct', 2023)).toMatchObject({ value: 17.8 });
    expect(await valueOf(db, '00010000', 'graduation_4yr_pct', 2023)).toEqual({
      value: 88.9,
      n: 153,
      suppressed: false,
    });
    expect(await valueOf(db, '00010000', 'improvement_targets_progress_pct', 2023)).toMatchObject({ value: 39 });
    expect(await valueOf(db, '00010000', 'income_per_capita', 2023)).toMatchObject({ value: 37848 });
  });

  it('takes year and group from the titles of the 2018 district reports', async () => {
    expect(await valueOf(db, '00010000', 'enrollment_total', 2018)).toMatchObject({ value: 2034 });
    // appartlowincome.csv: its title says "Economically Disadvantaged" (2015-2021), not low income.
    expect(await valueOf(db, '00010000', 'ap_test_takers', 2018, 'econ_disadvantaged')).toMatchObject({ value: 12 });
    expect(await valueOf(db, '00010000', 'ap_test_takers', 2018, 'low_income')).toBeNull();
    // satfemale.csv repeats "math_female": the first copy is empty, the second holds 536.
    expect(await valueOf(db, '00010000', 'sat_math_avg', 2018, 'female')).toMatchObject({ value: 536 });
    // Fiscal 2017 net school spending; "2017Staffing Retention Report" is 2017.
    expect(await valueOf(db, '00010000', 'net_school_spending_required', 2017)).toMatchObject({ value: 20423226 });
    expect(await valueOf(db, '00010000', 'teacher_retention_pct', 2017)).toEqual({
      value: 92.6,
      n: 135,
      suppressed: false,
    });
    // A suppressed blank in a group file (fewer than 10 tests).
    expect(await valueOf(db, '00010000', 'dese_ap_participation_tests_taken', 2018, 'asian')).toEqual({
      value: null,
      n: null,
      suppressed: true,
    });
  });

  it('registers districts with their types and grades, and never a region', async () => {
    const orgs = await sql<{ code: string; name: string; type: string; grades: string[] }>`
      SELECT code, name, type, grades FROM organizations WHERE code IN ('06320000', '08600000', '05240000', '00020000')
      ORDER BY code`.execute(db.kysely);
    expect(orgs.rows).toEqual([
      { code: '00020000', name: 'Acton (non-op)', type: 'local', grades: [] },
      { code: '05240000', name: 'FLLAC Collaborative', type: 'collaborative', grades: [] },
      {
        code: '06320000',
        name: 'Chesterfield-Goshen',
        type: 'regional',
        grades: ['PK', 'K', '01', '02', '03', '04', '05', '06'],
      },
      {
        code: '08600000',
        name: 'Pathfinder Regional Vocational Technical',
        type: 'vocational',
        grades: ['09', '10', '11', '12'],
      },
    ]);
    const regions = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM organizations WHERE region_id IS NOT NULL`.execute(db.kysely);
    expect(regions.rows[0]!.n).toBe(0);
  });

  it('changes nothing when the district folders and a sample of MCAS files are imported again', async () => {
    // The school-report test re-imports its folders whole; here the MCAS files (which never share a value with
    // another file) are sampled to keep the suite quick.
    const before = await digest(db);
    const again: DeseFileResult[] = [];
    for (const f of ['dese-district-2018', 'dese-district-2023'])
      again.push(...(await importDeseFolder(db, path.join(dataDir, f))));
    for (const f of [
      'mcas_public_schools_grades_3-8_all_students_2017.csv',
      'mcas_public_schools_grades_3-8_EL_2019.csv',
      'mcas_public_schools_grade_6_all_students_2021.csv',
      'mcas_public_schools_grade_HS_SCI_all_students_2022.csv',
    ])
      again.push(await importDeseFile(db, path.join(dataDir, 'dese-mcas', f)));
    const changed = again.filter(
      (r) => r.status === 'imported' && (r.values.inserted || r.values.updated || r.orgsNew),
    );
    expect(changed.map((r) => r.file)).toEqual([]);
    expect(again.filter((r) => r.status === 'imported').every((r) => r.values.unchanged === r.values.total)).toBe(true);
    expect(await digest(db)).toBe(before);
  }, 600_000);
});
