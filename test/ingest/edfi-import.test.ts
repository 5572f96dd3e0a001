import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatEdfiSummary, importEdfiFile, importEdfiFolder } from '../../src/server/ingest/edfi/import.ts';
import { ImportFailed } from '../../src/server/ingest/problems.ts';
import { loadDemo } from '../../src/server/services/demo-service.ts';
import { createTestDb, testBackends, type TestDb } from '../support/databases.ts';
import { projectRoot } from '../support/template.ts';

// The Ed-Fi Data Standard 5.2 sample (Grand Bend ISD), read where it is published to the project; never copied.
const sample = path.resolve(projectRoot, '../shared/data/edfi-grand-bend');
const xml = (file: string) => readFileSync(path.join(sample, file), 'utf8');

/** Counts the records of one kind directly from the XML text, independently of the importer's reader. */
function countRecords(file: string, element: string): number {
  return (xml(file).match(new RegExp(`^\\t<${element}[ >]`, 'gm')) ?? []).length;
}

/** Every (tag) value of one record kind, read with a regular expression: an independent check of the importer. */
function recordsOf(file: string, element: string): string[] {
  return xml(file).match(new RegExp(`<${element}[ >][\\s\\S]*?</${element}>`, 'g')) ?? [];
}
const tag = (record: string, name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(record)?.[1] ?? null;

const snapshotTables = [
  'organizations',
  'students',
  'student_years',
  'attendance_events',
  'discipline_incidents',
  'discipline_behaviors',
  'discipline_actions',
  'student_programs',
  'external_assessments',
  'external_assessment_results',
  'data_sources',
] as const;

/** Every row of every table the importer writes, as text: a byte-for-byte picture of the database. */
async function snapshot(db: TestDb): Promise<string> {
  const out: Record<string, unknown> = {};
  for (const t of snapshotTables) {
    const rows = await sql<{ r: string }>`SELECT t::text AS r FROM ${sql.table(t)} t ORDER BY 1`.execute(db.kysely);
    out[t] = rows.rows.map((x) => x.r);
  }
  return JSON.stringify(out);
}

describe.each(testBackends())('Ed-Fi import of the Grand Bend sample on %s', (backend) => {
  let db: TestDb;
  let first: Awaited<ReturnType<typeof importEdfiFolder>>;
  beforeAll(async () => {
    db = await createTestDb(backend);
    await loadDemo(db);
    first = await importEdfiFolder(db, sample);
  });
  afterAll(async () => db?.dispose());

  it('imports every interchange it reads, in dependency order, and names the ones it skips', () => {
    expect(first.map((r) => [r.file, r.status])).toEqual([
      ['EducationOrganization.xml', 'imported'],
      ['Student.xml', 'imported'],
      ['AssessmentMetadata-SAT.xml', 'imported'],
      ['AssessmentMetadata-StateAssessment.xml', 'imported'],
      ['StudentAssessment-SAT.xml', 'imported'],
      ['StudentAssessment-StateAssessment.xml', 'imported'],
      ['StudentDiscipline.xml', 'imported'],
      ['StudentProgram.xml', 'imported'],
      ['StudentSchoolAttendance.xml', 'imported'],
      ['StudentSectionAttendance-Tardy.xml', 'imported'],
      ['EducationOrgCalendar.xml', 'skipped'],
      ['StudentGradebook.xml', 'skipped'],
      ['StudentIntervention.xml', 'skipped'],
    ]);
    const summary = formatEdfiSummary(first).join('\n');
    expect(summary).toContain('StudentSectionAttendance-Tardy.xml (InterchangeStudentAttendance): read nothing');
    expect(summary).toContain('skipped on purpose: 66 StudentSectionAttendanceEvent');
    expect(summary).toMatch(/EducationOrgCalendar\.xml \(InterchangeEducationOrgCalendar\): skipped, calendars/);
  });

  it('yields the 960 students, with a birth year and no name, gender or race', async () => {
    const students = await db.kysely
      .selectFrom('students')
      .selectAll()
      .where(
        'student_id',
        'in',
        recordsOf('Student.xml', 'Student').map((s) => tag(s, 'StudentUniqueId')!),
      )
      .execute();
    expect(countRecords('Student.xml', 'Student')).toBe(960);
    expect(students).toHaveLength(960);
    const s604821 = students.find((s) => s.student_id === '604821');
    expect(s604821).toEqual({ student_id: '604821', birth_year: 2014, gender: null, race_ethnicity: null });
    const text = JSON.stringify(await sql`SELECT * FROM students`.execute(db.kysely));
    expect(text).not.toContain('Tyrone');
    expect(text).not.toContain('2014-11-13');
  });

  it('creates the district and its schools under namespaced codes, outside any region', async () => {
    const orgs = await db.kysely
      .selectFrom('organizations as o')
      .leftJoin('organizations as p', 'p.id', 'o.parent_id')
      .select(['o.code', 'o.name', 'o.level', 'o.type', 'o.grades', 'o.region_id', 'p.code as parent'])
      .where('o.code', 'like', 'edfi-%')
      .orderBy('o.code')
      .execute();
    expect(orgs).toEqual([
      {
        code: 'edfi-255901',
        name: 'Grand Bend ISD',
        level: 'district',
        type: 'local',
        grades: [],
        region_id: null,
        parent: '00000000',
      },
      {
        code: 'edfi-255901001',
        name: 'Grand Bend High School',
        level: 'school',
        type: 'public',
        grades: ['09', '10', '11', '12'],
        region_id: null,
        parent: 'edfi-255901',
      },
      {
        code: 'edfi-255901044',
        name: 'Grand Bend Middle School',
        level: 'school',
        type: 'public',
        grades: ['06', '07', '08'],
        region_id: null,
        parent: 'edfi-255901',
      },
      {
        code: 'edfi-255901107',
        name: 'Grand Bend Elementary School',
        level: 'school',
        type: 'public',
        grades: ['01', '02', '03', '04', '05'],
        region_id: null,
        parent: 'edfi-255901',
      },
    ]);
  });

  it('holds every school attendance event of the file', async () => {
    const events = recordsOf('StudentSchoolAttendance.xml', 'StudentSchoolAttendanceEvent');
    expect(events).toHaveLength(1917);
    const rows = await sql<{ k: string }>`
      SELECT e.student_id || '|' || o.code || '|' || e.event_date::text || '|' || e.category AS k
        FROM attendance_events e JOIN organizations o ON o.id = e.school_id`.execute(db.kysely);
    const category = (c: string) =>
      c.replace(/.*#/, '').toLowerCase().replace(/ /g, '_').replace('partial', 'partial_absence');
    const expected = events.map(
      (e) =>
        `${tag(e, 'StudentUniqueId')}|edfi-${tag(e, 'SchoolId')}|${tag(e, 'EventDate')}|${category(tag(e, 'AttendanceEventCategory')!)}`,
    );
    expect(rows.rows.map((r) => r.k).sort()).toEqual(expected.sort());
  });

  it('holds every discipline action with its category and length, and every incident and behavior', async () => {
    const actions = recordsOf('StudentDiscipline.xml', 'DisciplineAction');
    expect(actions).toHaveLength(25);
    const rows = await db.kysely
      .selectFrom('discipline_actions')
      .select(['student_id', 'action_identifier', 'category', 'duration_days'])
      .execute();
    const expected = actions.map((a) => ({
      student_id: tag(a, 'StudentUniqueId'),
      action_identifier: tag(a, 'DisciplineActionIdentifier'),
      category: tag(a, 'Discipline')!.endsWith('#Expulsion') ? 'expulsion' : 'in_school_suspension',
      duration_days: Number(tag(a, 'ActualDisciplineActionLength')),
    }));
    const byKey = (x: { student_id: string | null; action_identifier: string | null }) =>
      `${x.student_id}/${x.action_identifier}`;
    expect([...rows].sort((a, b) => byKey(a).localeCompare(byKey(b)))).toEqual(
      expected.sort((a, b) => byKey(a).localeCompare(byKey(b))),
    );
    expect(await count('discipline_incidents')).toBe(countRecords('StudentDiscipline.xml', 'DisciplineIncident'));
    expect(await count('discipline_behaviors')).toBe(
      countRecords('StudentDiscipline.xml', 'StudentDisciplineIncidentBehaviorAssociation'),
    );
  });

  async function count(table: (typeof snapshotTables)[number]): Promise<number> {
    const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(db.kysely);
    return r.rows[0]!.n;
  }

  async function studentYear(studentId: string) {
    return db.kysely
      .selectFrom('student_years as y')
      .leftJoin('organizations as o', 'o.id', 'y.school_id')
      .select([
        'y.school_year',
        'o.code as school',
        'y.grade',
        'y.low_income',
        'y.english_learner',
        'y.disability',
        'y.days_in_membership',
        'y.days_attended',
        'y.days_absent',
        'y.in_school_suspension_days',
        'y.out_of_school_suspension_days',
      ])
      .where('y.student_id', '=', studentId)
      .execute();
  }

  it('derives the student-year facts the events support, leaving the rest unknown', async () => {
    // 604848: two in-school suspensions of 3 days (actions 18 and 25), special education, no absences at GBHS.
    expect(await studentYear('604848')).toEqual([
      {
        school_year: 2022,
        school: 'edfi-255901001',
        grade: null,
        low_income: false,
        english_learner: false,
        disability: false,
        days_in_membership: null,
        days_attended: null,
        days_absent: 0,
        in_school_suspension_days: 6,
        out_of_school_suspension_days: 0,
      },
    ]);
    // 605477: expelled for 5 days: counted as days out of school.
    expect((await studentYear('605477'))[0]).toMatchObject({
      out_of_school_suspension_days: 5,
      in_school_suspension_days: 0,
    });
  });

  it('derives program flags and days absent the way the XML says, checked by hand for a few students', async () => {
    // 604822 (StudentProgram.xml, StudentSchoolAttendance.xml): a CTE program that ended in December (no flag), school
    // food service with a reduced-price lunch (low income); at Grand Bend High School four excused absences of one day
    // and a partial-day absence without a duration (not counted).
    expect(await studentYear('604822')).toEqual([
      {
        school_year: 2022,
        school: 'edfi-255901001',
        grade: null,
        low_income: true,
        english_learner: false,
        disability: false,
        days_in_membership: null,
        days_attended: null,
        days_absent: 4,
        in_school_suspension_days: 0,
        out_of_school_suspension_days: 0,
      },
    ]);
    // 604872: special education only, at district level: disability, and no school, so no attendance or discipline.
    expect(await studentYear('604872')).toEqual([
      {
        school_year: 2022,
        school: null,
        grade: null,
        low_income: false,
        english_learner: false,
        disability: true,
        days_in_membership: null,
        days_attended: null,
        days_absent: null,
        in_school_suspension_days: null,
        out_of_school_suspension_days: null,
      },
    ]);
    // 605000: school food service with a free breakfast: low income.
    expect((await studentYear('605000'))[0]).toMatchObject({ school_year: 2022, low_income: true, disability: false });
    // The first student in language instruction: English learner.
    const el = recordsOf('StudentProgram.xml', 'StudentLanguageInstructionProgramAssociation').map((r) =>
      tag(r, 'StudentUniqueId'),
    );
    expect((await studentYear(el[0]!))[0]).toMatchObject({ english_learner: true });
  });

  it('stores assessment results on their own scales, not as MCAS', async () => {
    const results = await db.kysely
      .selectFrom('external_assessment_results')
      .selectAll()
      .where('student_id', '=', '604898')
      .orderBy('assessment_identifier')
      .execute();
    expect(results.map((r) => r.assessment_identifier)).toEqual([
      'SA-2011-Mathematics-Eighth grade',
      'SA-2011-Reading-Eighth grade',
    ]);
    expect(results[0]).toMatchObject({
      namespace: 'uri://ed-fi.org/Assessment/Assessment.xml',
      school_year: 2022,
      grade: '08',
      performance_level: 'Did Not Meet Standard',
      scores: { 'Raw score': '28', 'Vertical score': '691' },
    });
    const subject = await db.kysely
      .selectFrom('external_assessments')
      .select(['title', 'subject', 'assessed_grades'])
      .where('assessment_identifier', '=', 'SA-2011-Mathematics-Eighth grade')
      .executeTakeFirstOrThrow();
    expect(subject).toEqual({ title: 'State Assessment', subject: 'Mathematics', assessed_grades: ['08'] });
    expect(await count('external_assessment_results')).toBe(
      countRecords('StudentAssessment-SAT.xml', 'StudentAssessment') +
        countRecords('StudentAssessment-StateAssessment.xml', 'StudentAssessment'),
    );
    const mcas = await db.kysely
      .selectFrom('assessments')
      .select('student_id')
      .where('student_id', '=', '604898')
      .execute();
    expect(mcas).toEqual([]);
  });

  it('changes nothing when the folder is imported again', async () => {
    const before = await snapshot(db);
    const again = await importEdfiFolder(db, sample);
    for (const r of again)
      for (const t of r.tables) expect(t, `${r.file} ${t.table}`).toMatchObject({ inserted: 0, updated: 0 });
    expect(await snapshot(db)).toBe(before);
  });

  it('refuses an interchange it does not read when asked for that file alone', async () => {
    const err = await importEdfiFile(db, path.join(sample, 'StudentGradebook.xml')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportFailed);
    expect((err as ImportFailed).message.split('\n')[1]).toBe(
      'StudentGradebook.xml:2: <InterchangeStudentGradebook>: is an Ed-Fi interchange ssos does not read: assignment scores are not final course marks',
    );
  });
});
