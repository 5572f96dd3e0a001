import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importStudentFile, importStudentFolder } from '../../src/server/ingest/student-csv.ts';
import { ImportFailed } from '../../src/server/ingest/problems.ts';
import { loadDemo } from '../../src/server/services/demo-service.ts';
import { createTestDb, testBackends, type TestDb } from '../support/databases.ts';

const studentsCsv = `student_id,birth_year,gender,race_ethnicity
S1,2010,female,hispanic
S2,2009,male,white
S3,2011,nonbinary,asian
`;

const yearsHeader =
  'student_id,school_year,school_code,grade,low_income,english_learner,former_english_learner,disability,days_in_membership,days_attended,entered_late,school_changes,retained,in_school_suspension_days,out_of_school_suspension_days,courses_taken,courses_failed,gpa,advanced_course_completed';
const yearsCsv = `${yearsHeader}
S1,2025,00010505,09,true,false,false,false,180,171.5,false,0,false,0,0,7,0,3.2,
S2,2025,10505,10,false,false,false,true,180,150,false,0,false,1,2,7,2,2.1,
S3,2025,00010003,04,1,0,0,0,175,170,1,1,0,0,0,,,,
`;

const assessmentsCsv = `student_id,school_year,school_code,subject,grade,participated,scaled_score,achievement_level,sgp
S1,2025,00010505,ela,09,true,505,meeting,61
S3,2025,00010003,math,04,true,468,not_meeting,
S2,2025,00010505,ela,10,false,,,
`;

describe.each(testBackends())('student CSV import on %s', (backend) => {
  let db: TestDb;
  let dir: string;
  beforeAll(async () => {
    db = await createTestDb(backend);
    await loadDemo(db);
    dir = await mkdtemp(path.join(os.tmpdir(), 'ssos-students-'));
  });
  afterAll(async () => {
    await db?.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  async function snapshot(): Promise<string> {
    const tables = [
      'students',
      'student_years',
      'assessments',
      'english_proficiency',
      'high_school_outcomes',
      'data_sources',
    ] as const;
    const out: Record<string, unknown> = {};
    for (const t of tables) {
      // Every column, in a fixed order: the whole table as text.
      const rows = await sql<{ r: string }>`SELECT t::text AS r FROM ${sql.table(t)} t ORDER BY 1`.execute(db.kysely);
      out[t] = rows.rows.map((x) => x.r);
    }
    return JSON.stringify(out);
  }

  async function file(name: string, text: string | Buffer): Promise<string> {
    const p = path.join(dir, name);
    await writeFile(p, text);
    return p;
  }

  async function failure(
    table: Parameters<typeof importStudentFile>[1],
    name: string,
    text: string | Buffer,
  ): Promise<string[]> {
    const before = await snapshot();
    const p = await file(name, text);
    const err = await importStudentFile(db, table, p).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ImportFailed);
    expect(await snapshot()).toBe(before);
    return (err as ImportFailed).message.split('\n').slice(1);
  }

  it('imports a folder in load order, resolving school codes with or without leading zeros', async () => {
    const folder = await mkdtemp(path.join(dir, 'ok-'));
    await writeFile(path.join(folder, 'students.csv'), studentsCsv);
    await writeFile(path.join(folder, 'student_years.csv'), yearsCsv);
    await writeFile(path.join(folder, 'assessments.csv'), assessmentsCsv);
    const results = await importStudentFolder(db, folder);
    expect(results.map((r) => [r.table, r.rows, r.inserted])).toEqual([
      ['students', 3, 3],
      ['student_years', 3, 3],
      ['assessments', 3, 3],
    ]);
    const s2 = await db.kysely
      .selectFrom('student_years as y')
      .innerJoin('organizations as o', 'o.id', 'y.school_id')
      .select(['o.code', 'y.days_attended', 'y.disability', 'y.gpa', 'y.courses_taken'])
      .where('student_id', '=', 'S2')
      .executeTakeFirstOrThrow();
    expect(s2).toEqual({ code: '00010505', days_attended: 150, disability: true, gpa: 2.1, courses_taken: 7 });
    const s3 = await db.kysely
      .selectFrom('student_years')
      .select(['gpa', 'courses_taken', 'entered_late'])
      .where('student_id', '=', 'S3')
      .executeTakeFirstOrThrow();
    expect(s3).toEqual({ gpa: null, courses_taken: null, entered_late: true });

    // Importing the same folder again changes nothing.
    const before = await snapshot();
    const again = await importStudentFolder(db, folder);
    expect(again.every((r) => r.inserted === 0 && r.updated === 0 && r.unchanged === r.rows)).toBe(true);
    expect(JSON.parse(await snapshot())).toEqual(JSON.parse(before));

    // A corrected file updates only the changed row.
    await writeFile(path.join(folder, 'students.csv'), studentsCsv.replace('S3,2011', 'S3,2012'));
    const fix = await importStudentFile(db, 'students', path.join(folder, 'students.csv'));
    expect(fix).toMatchObject({ rows: 3, inserted: 0, updated: 1, unchanged: 2 });
  });

  it('imports the files that refer to students side by side on a server, with the same result', async () => {
    const folder = await mkdtemp(path.join(dir, 'concurrent-'));
    await writeFile(path.join(folder, 'students.csv'), studentsCsv.replaceAll('S', 'C'));
    await writeFile(path.join(folder, 'student_years.csv'), yearsCsv.replaceAll('\nS', '\nC'));
    await writeFile(path.join(folder, 'assessments.csv'), assessmentsCsv.replaceAll('\nS', '\nC'));
    const results = await importStudentFolder(db, folder, { concurrent: true });
    expect(results.map((r) => [r.table, r.rows, r.inserted])).toEqual([
      ['students', 3, 3],
      ['student_years', 3, 3],
      ['assessments', 3, 3],
    ]);
    // A refused file is reported (the first in load order), once every file has finished.
    await writeFile(path.join(folder, 'assessments.csv'), assessmentsCsv.replaceAll('\nS', '\nX'));
    const err = await importStudentFolder(db, folder, { concurrent: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportFailed);
    expect((err as ImportFailed).message).toMatch(/^assessments\.csv was not imported/);
  });

  it('reports bad cells as file:line: column: problem (value) and writes nothing', async () => {
    const lines = await failure(
      'students',
      'students.csv',
      `student_id,birth_year,gender,race_ethnicity
S10,2010,female,hispanic
S11,1700,male,white
S12,2011,robot,asian
S 13,2011,male,asian
`,
    );
    expect(lines).toEqual([
      'students.csv:3: birth_year: must be from 1980 to 2200 (value "1700")',
      'students.csv:4: gender: must be one of female, male, nonbinary (value "robot")',
      'students.csv:5: student_id: must be 1-20 letters, digits or hyphens (value "S 13")',
    ]);
  });

  it('names unknown and missing columns, and a file of the wrong kind', async () => {
    expect(
      await failure(
        'students',
        'students.csv',
        'student_id,birth_year,gender,race_ethnicity,shoe_size\nS20,2010,female,white,9\n',
      ),
    ).toEqual(['students.csv:1: shoe_size: is not a column of this file (unknown columns are not dropped silently)']);
    expect(await failure('students', 'students.csv', 'student_id,birth_year,race_ethnicity\nS20,2010,white\n')).toEqual(
      ['students.csv:1: gender: is missing from the header'],
    );
    const wrongKind = await failure(
      'students',
      'students.csv',
      'Academic Year,School Name,DESE ID,Attendance Rate\n2016-17,Abington High,00010505,95.1\n',
    );
    expect(wrongKind).toHaveLength(1);
    expect(wrongKind[0]).toMatch(/^students\.csv:1: \(header\): this is not the expected file/);
    expect(await failure('students', 'students.csv', '')).toEqual([
      'students.csv:1: (header): the file is empty: expected a header row with student_id, birth_year, gender, race_ethnicity',
    ]);
  });

  it('refuses duplicate keys, unknown schools, unknown students and inconsistent rows', async () => {
    const lines = await failure(
      'student_years',
      'student_years.csv',
      `${yearsHeader}
S1,2026,00010505,10,true,false,false,false,180,171,false,0,false,0,0,7,0,3.2,
S1,2026,00010505,10,true,false,false,false,180,171,false,0,false,0,0,7,0,3.2,
S2,2026,99990001,11,true,false,false,false,180,171,false,0,false,0,0,7,0,3.2,
NOPE,2026,00010505,11,true,false,false,false,180,171,false,0,false,0,0,7,0,3.2,
S3,2026,00010003,05,true,false,false,false,180,181,false,0,false,0,0,,,,
`,
    );
    expect(lines).toEqual([
      'students.csv'.replace('students', 'student_years') +
        ':3: student_id+school_year: repeats a row already in the file (student_id S1, school_year 2026)',
      'student_years.csv:4: school_code: is not a school in the organization registry (value "99990001")',
      'student_years.csv:5: student_id: is not in students (import students.csv first) (value "NOPE")',
      'student_years.csv:6: days_attended: is more than days_in_membership (value "181")',
    ]);
    // A repeated row that is the file's only problem: found by the table's key as the rows go in, then located.
    const repeated = `${yearsHeader}
S1,2027,00010505,10,true,false,false,false,180,171,false,0,false,0,0,7,0,3.2,
S2,2027,00010505,10,true,false,false,false,180,171,false,0,false,0,0,7,0,3.2,
S1,2027,00010505,10,true,false,false,false,180,170,false,0,false,0,0,7,0,3.2,
`;
    const located = [
      'student_years.csv:4: student_id+school_year: repeats a row already in the file (student_id S1, school_year 2027)',
    ];
    expect(await failure('student_years', 'student_years.csv', repeated)).toEqual(located);
    // The same on a first load into an empty table (whose primary key is built after the rows are in).
    await db.exec('DELETE FROM student_years');
    expect(await failure('student_years', 'student_years.csv', repeated)).toEqual(located);
  });

  it('locates a file that is not UTF-8 and a truncated line', async () => {
    const latin1 = Buffer.concat([
      Buffer.from('student_id,birth_year,gender,race_ethnicity\nS30,2010,female,white\nS31,2010,f'),
      Buffer.from([0xe9]),
      Buffer.from('male,white\n'),
    ]);
    expect(await failure('students', 'students.csv', latin1)).toEqual([
      'students.csv:3: (file): the file is not UTF-8 text (save it as CSV UTF-8)',
    ]);
    const truncated = await failure(
      'students',
      'students.csv',
      'student_id,birth_year,gender,race_ethnicity\nS40,2010,female,white\n"S41,2010,male',
    );
    expect(truncated).toHaveLength(1);
    expect(truncated[0]).toMatch(/^students\.csv:3: \(line\): is not valid CSV/);
    const short = await failure('students', 'students.csv', 'student_id,birth_year,gender,race_ethnicity\nS42,2010\n');
    expect(short).toEqual(['students.csv:2: gender: is missing: the line has too few cells']);
  });

  it('stops after the first 50 problems', async () => {
    const bad = Array.from({ length: 80 }, (_, i) => `X${i},1500,female,white`).join('\n');
    const err = (await importStudentFile(
      db,
      'students',
      await file('students.csv', `student_id,birth_year,gender,race_ethnicity\n${bad}\n`),
    ).catch((e: unknown) => e)) as ImportFailed;
    expect(err.problems).toHaveLength(50);
    expect(err.message.split('\n')[0]).toBe(
      'students.csv was not imported (nothing was written): 50+ problems; stopped after the first 50',
    );
  });

  it('any corruption of a valid file either imports correctly or fails with located problems, leaving the database as it was', async () => {
    const valid = `student_id,birth_year,gender,race_ethnicity\n${Array.from({ length: 12 }, (_, i) => `P${i},${2005 + (i % 10)},${['female', 'male'][i % 2]},${['white', 'asian', 'hispanic'][i % 3]}`).join('\n')}\n`;
    const corruption = fc.oneof(
      fc.record({
        kind: fc.constant('replace' as const),
        at: fc.nat(),
        text: fc.constantFrom('x', '', '"', ',', '\n', '19x0', '-1', 'é', '\u0000', 'male,male'),
      }),
      fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('duplicate-line' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('latin1' as const), at: fc.nat() }),
    );
    await fc.assert(
      fc.asyncProperty(corruption, async (c) => {
        let bytes: Buffer;
        const pos = c.at % valid.length;
        if (c.kind === 'replace') bytes = Buffer.from(valid.slice(0, pos) + c.text + valid.slice(pos + 1));
        else if (c.kind === 'truncate') bytes = Buffer.from(valid.slice(0, pos));
        else if (c.kind === 'duplicate-line') {
          const lines = valid.trimEnd().split('\n');
          const i = 1 + (c.at % (lines.length - 1));
          lines.splice(i, 0, lines[i]!);
          bytes = Buffer.from(`${lines.join('\n')}\n`);
        } else
          bytes = Buffer.concat([Buffer.from(valid.slice(0, pos)), Buffer.from([0xe9]), Buffer.from(valid.slice(pos))]);
        const before = await snapshot();
        const p = await file('students.csv', bytes);
        try {
          const result = await importStudentFile(db, 'students', p);
          // Success: every row of the file is now in the table.
          const ids = await db.kysely.selectFrom('students').select('student_id').execute();
          expect(ids.length).toBeGreaterThanOrEqual(result.rows - result.updated);
        } catch (err) {
          expect(err).toBeInstanceOf(ImportFailed);
          for (const p of (err as ImportFailed).problems) {
            expect(p.file).toBe('students.csv');
            expect(p.line).toBeGreaterThanOrEqual(1);
            expect(p.column.length).toBeGreaterThan(0);
          }
          expect(await snapshot()).toBe(before);
        }
      }),
      { numRuns: 40 },
    );
  });
});
