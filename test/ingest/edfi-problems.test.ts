import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importEdfiFile, importEdfiFolder } from '../../src/server/ingest/edfi/import.ts';
import { ImportFailed } from '../../src/server/ingest/problems.ts';
import { createTestDb, testBackends, type TestDb } from '../support/databases.ts';

// Small interchanges written the way the Grand Bend sample writes them, to corrupt one thing at a time.
const NS = 'http://ed-fi.org/5.2.0';
const doc = (root: string, body: string, ns = NS) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="${ns}">\n${body}</${root}>\n`;
const d = (type: string, code: string) => `uri://ed-fi.org/${type}#${code}`;
const studentRef = (id: string, indent = '\t\t') =>
  `${indent}<StudentReference><StudentIdentity><StudentUniqueId>${id}</StudentUniqueId></StudentIdentity></StudentReference>\n`;
const schoolRef = (element: string, id = '900001001') =>
  `\t\t<${element}><SchoolIdentity><SchoolId>${id}</SchoolId></SchoolIdentity></${element}>\n`;

const organizationsXml = doc(
  'InterchangeEducationOrganization',
  `\t<LocalEducationAgency id="LEA_1">
\t\t<NameOfInstitution>Test ISD</NameOfInstitution>
\t\t<LocalEducationAgencyId>900001</LocalEducationAgencyId>
\t\t<LocalEducationAgencyCategory>${d('LocalEducationAgencyCategoryDescriptor', 'Regular public school district')}</LocalEducationAgencyCategory>
\t</LocalEducationAgency>
\t<School>
\t\t<NameOfInstitution>Test High</NameOfInstitution>
\t\t<SchoolId>900001001</SchoolId>
\t\t<GradeLevel>${d('GradeLevelDescriptor', 'Ninth grade')}</GradeLevel>
\t\t<SchoolType>${d('SchoolTypeDescriptor', 'Regular')}</SchoolType>
\t\t<LocalEducationAgencyReference ref="LEA_1"/>
\t</School>
`,
);

const students = ['T1', 'T2', 'T3', 'T4'];
const studentsXml = doc(
  'InterchangeStudent',
  students
    .map(
      (id, i) => `\t<Student>
\t\t<StudentUniqueId>${id}</StudentUniqueId>
\t\t<Name><FirstName>Not</FirstName><LastSurname>Stored</LastSurname></Name>
\t\t<BirthData><BirthDate>${2008 + i}-03-0${i + 1}</BirthDate></BirthData>
\t</Student>
`,
    )
    .join(''),
);

/** One attendance event: 9 lines, its EventDate on the third. */
const event = (
  student: string,
  date: string,
  category = 'Excused Absence',
  duration = '1',
) => `\t<StudentSchoolAttendanceEvent>
\t\t<AttendanceEvent>
\t\t\t<EventDate>${date}</EventDate>
\t\t\t<AttendanceEventCategory>${d('AttendanceEventCategoryDescriptor', category)}</AttendanceEventCategory>
\t\t\t<EventDuration>${duration}</EventDuration>
\t\t</AttendanceEvent>
${studentRef(student)}${schoolRef('SchoolReference')}\t</StudentSchoolAttendanceEvent>
`;
const events = [
  event('T1', '2021-09-08'),
  event('T1', '2021-09-09', 'Unexcused Absence'),
  event('T2', '2021-10-04', 'Excused Absence', '0.5'),
  event('T3', '2022-01-12', 'Tardy'),
];
const attendanceXml = doc('InterchangeStudentAttendance', events.join(''));

const incident = (id: string, date: string) => `\t<DisciplineIncident id="INC_${id}">
\t\t<IncidentIdentifier>${id}</IncidentIdentifier>
\t\t<IncidentDate>${date}</IncidentDate>
${schoolRef('SchoolReference')}\t</DisciplineIncident>
`;
const behavior = (student: string, id: string) => `\t<StudentDisciplineIncidentBehaviorAssociation>
${studentRef(student)}\t\t<DisciplineIncidentReference ref="INC_${id}"/>
\t\t<Behavior>${d('BehaviorDescriptor', 'School Code of Conduct')}</Behavior>
\t</StudentDisciplineIncidentBehaviorAssociation>
`;
const action = (student: string, id: string, date: string, discipline: string, length: string) => `\t<DisciplineAction>
\t\t<DisciplineActionIdentifier>${id}</DisciplineActionIdentifier>
\t\t<Discipline>${d('DisciplineDescriptor', discipline)}</Discipline>
\t\t<DisciplineDate>${date}</DisciplineDate>
\t\t<ActualDisciplineActionLength>${length}</ActualDisciplineActionLength>
${studentRef(student)}${schoolRef('ResponsibilitySchoolReference')}\t</DisciplineAction>
`;
const actions = [
  action('T1', 'A1', '2021-11-02', 'In School Suspension', '2'),
  action('T2', 'A2', '2022-02-14', 'Out of School Suspension', '3'),
];
const disciplineXml = doc(
  'InterchangeStudentDiscipline',
  incident('I1', '2021-11-01') +
    incident('I2', '2022-02-14') +
    behavior('T1', 'I1') +
    behavior('T2', 'I2') +
    actions.join(''),
);

const tables = [
  'organizations',
  'students',
  'student_years',
  'attendance_events',
  'discipline_incidents',
  'discipline_behaviors',
  'discipline_actions',
  'student_programs',
  'data_sources',
] as const;

describe.each(testBackends())('Ed-Fi import problems on %s', (backend) => {
  let db: TestDb;
  let dir: string;
  beforeAll(async () => {
    db = await createTestDb(backend);
    dir = await mkdtemp(path.join(os.tmpdir(), 'ssos-edfi-'));
    await importEdfiFile(db, await file('EducationOrganization.xml', organizationsXml));
    await importEdfiFile(db, await file('Student.xml', studentsXml));
  });
  afterAll(async () => {
    await db?.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  async function snapshot(): Promise<string> {
    const out: Record<string, unknown> = {};
    for (const t of tables) {
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

  /** Imports a file that must fail; checks nothing was written and returns the problem lines. */
  async function failure(name: string, text: string | Buffer): Promise<string[]> {
    const before = await snapshot();
    const err = await importEdfiFile(db, await file(name, text)).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ImportFailed);
    expect(await snapshot()).toBe(before);
    return (err as ImportFailed).message.split('\n').slice(1);
  }

  it('imports the small excerpts, deriving the student-years', async () => {
    const attendance = await importEdfiFile(db, await file('Attendance.xml', attendanceXml));
    expect(attendance.tables.map((t) => [t.table, t.rows, t.inserted])).toEqual([
      ['attendance_events', 4, 4],
      ['student_years', 3, 3],
    ]);
    const discipline = await importEdfiFile(db, await file('Discipline.xml', disciplineXml));
    expect(discipline.tables.map((t) => [t.table, t.rows, t.inserted, t.updated])).toEqual([
      ['discipline_incidents', 2, 2, 0],
      ['discipline_behaviors', 2, 2, 0],
      ['discipline_actions', 2, 2, 0],
      // T1 and T2 now have suspension days known (the district has sent discipline), T3 too (none).
      ['student_years', 3, 0, 3],
    ]);
    const years = await db.kysely
      .selectFrom('student_years')
      .select([
        'student_id',
        'school_year',
        'days_absent',
        'in_school_suspension_days',
        'out_of_school_suspension_days',
        'low_income',
      ])
      .orderBy('student_id')
      .execute();
    expect(years).toEqual([
      {
        student_id: 'T1',
        school_year: 2022,
        days_absent: 2,
        in_school_suspension_days: 2,
        out_of_school_suspension_days: 0,
        low_income: null,
      },
      {
        student_id: 'T2',
        school_year: 2022,
        days_absent: 0.5,
        in_school_suspension_days: 0,
        out_of_school_suspension_days: 3,
        low_income: null,
      },
      {
        student_id: 'T3',
        school_year: 2022,
        days_absent: 0,
        in_school_suspension_days: 0,
        out_of_school_suspension_days: 0,
        low_income: null,
      },
    ]);
  });

  it('reads days absent the same way for a student-year with membership (the student CSV format)', async () => {
    const school = await db.kysely
      .selectFrom('organizations')
      .select('id')
      .where('code', '=', 'edfi-900001001')
      .executeTakeFirstOrThrow();
    await db.kysely
      .insertInto('student_years')
      .values({
        student_id: 'T4',
        school_year: 2021,
        school_id: school.id,
        days_in_membership: 180,
        days_attended: 171.5,
      })
      .execute();
    const row = await db.kysely
      .selectFrom('student_years')
      .select(['days_absent', 'reported_days_absent'])
      .where('student_id', '=', 'T4')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ days_absent: 8.5, reported_days_absent: null });
  });

  it('locates bad values, unknown descriptors and repeated events, with the value, and writes nothing', async () => {
    const lines = await failure(
      'Attendance.xml',
      doc(
        'InterchangeStudentAttendance',
        event('T1', '2021-13-45') +
          event('T2', '2021-10-05', 'Sick') +
          event('T4', '2021-10-06') +
          event('T4', '2021-10-06', 'Excused Absence', '0.5'),
      ),
    );
    expect(lines).toEqual([
      'Attendance.xml:5: StudentSchoolAttendanceEvent/AttendanceEvent/EventDate: must be a date (YYYY-MM-DD) (value "2021-13-45")',
      `Attendance.xml:15: StudentSchoolAttendanceEvent/AttendanceEvent/AttendanceEventCategory: is not an AttendanceEventCategoryDescriptor value ssos knows (it knows: In Attendance, Excused Absence, Unexcused Absence, Tardy, Early departure, Partial) (value "${d('AttendanceEventCategoryDescriptor', 'Sick')}")`,
      'Attendance.xml:30: StudentSchoolAttendanceEvent: repeats the StudentSchoolAttendanceEvent at line 21 (student T4, school edfi-900001001, 2021-10-06, excused_absence)',
    ]);
  });

  it('names students and schools it does not hold', async () => {
    const lines = await failure(
      'Attendance.xml',
      doc(
        'InterchangeStudentAttendance',
        event('NOPE', '2021-10-05') + event('T1', '2021-10-05').replace('900001001', '900001999'),
      ),
    );
    expect(lines).toEqual([
      'Attendance.xml:9: StudentSchoolAttendanceEvent/StudentReference/StudentIdentity/StudentUniqueId: is not a student ssos holds (import the Student interchange first) (value "NOPE")',
      'Attendance.xml:19: StudentSchoolAttendanceEvent/SchoolReference/SchoolIdentity/SchoolId: is not a school ssos holds (import the EducationOrganization interchange first) (value "900001999")',
    ]);
  });

  it('reports unknown elements instead of dropping them, and elements of another interchange', async () => {
    const lines = await failure(
      'Attendance.xml',
      doc(
        'InterchangeStudentAttendance',
        event('T1', '2021-10-05').replace('<EventDuration>1</EventDuration>', '<EventDuratoin>1</EventDuratoin>') +
          '\t<StudentSchoolAttendanceEvents/>\n' +
          studentsXml.split('\n').slice(2, 7).join('\n') +
          '\n',
      ),
    );
    expect(lines).toEqual([
      'Attendance.xml:7: StudentSchoolAttendanceEvent/AttendanceEvent/EventDuratoin: is not an element ssos knows in <AttendanceEvent> (unknown elements are not dropped silently)',
      'Attendance.xml:12: StudentSchoolAttendanceEvents: is not an element of InterchangeStudentAttendance ssos knows (unknown elements are not dropped silently)',
      'Attendance.xml:13: Student: belongs in InterchangeStudent, not in InterchangeStudentAttendance',
    ]);
  });

  it('names a file of the wrong kind, another Ed-Fi version, and XML that is not well-formed', async () => {
    expect(await failure('students.csv', 'student_id,birth_year\nS1,2010\n')).toEqual([
      'students.csv:1: (xml): the file is not XML: it starts with "s" where "<" belongs (is it a CSV or another kind of file?)',
    ]);
    expect(await failure('page.xml', '<html><body>hello</body></html>')).toEqual([
      'page.xml:1: <html>: this is not an Ed-Fi interchange: its root element is <html>',
    ]);
    expect(await failure('Old.xml', doc('InterchangeStudent', '', 'http://ed-fi.org/0220'))).toEqual([
      'Old.xml:2: <InterchangeStudent>: is in namespace http://ed-fi.org/0220: ssos reads Ed-Fi Data Standard 5 interchanges (http://ed-fi.org/5.x.y) (value "http://ed-fi.org/0220")',
    ]);
    expect(await failure('Attendance.xml', attendanceXml.replace('</AttendanceEvent>', '</AttendanceEvnt>'))).toEqual([
      'Attendance.xml:8: (xml): the end tag </AttendanceEvnt> does not match <AttendanceEvent> opened at line 4',
    ]);
    expect(
      await failure('Attendance.xml', attendanceXml.slice(0, attendanceXml.indexOf('<EventDuration>', 500))),
    ).toEqual([
      'Attendance.xml:16: (xml): the file ends before </AttendanceEvent> (opened at line 13): is it cut short?',
    ]);
    expect(await failure('Attendance.xml', attendanceXml.replace('Excused Absence', 'Excused & Absent'))).toEqual([
      'Attendance.xml:6: (xml): a "&" does not start an entity reference (write & as &amp;)',
    ]);
    expect(
      await failure(
        'Attendance.xml',
        attendanceXml.replace(
          '<?xml version="1.0" encoding="UTF-8"?>',
          '<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE x [<!ENTITY a "b">]>',
        ),
      ),
    ).toEqual(['Attendance.xml:1: (xml): the file has a DOCTYPE declaration, which ssos does not accept in Ed-Fi XML']);
  });

  it('locates Latin-1 bytes', async () => {
    const text = attendanceXml.replace('2021-10-04', '2021-10-04X');
    const at = text.indexOf('X');
    const bytes = Buffer.concat([Buffer.from(text.slice(0, at)), Buffer.from([0xe9]), Buffer.from(text.slice(at + 1))]);
    expect(await failure('Attendance.xml', bytes)).toEqual([
      'Attendance.xml:23: (xml): the file is not UTF-8 text (byte 0xe9): save it as UTF-8, as Ed-Fi requires',
    ]);
  });

  it('stops after the first 50 problems', async () => {
    const many = Array.from({ length: 80 }, (_, i) =>
      event('T1', `2021-10-${String((i % 28) + 1).padStart(2, '0')}X`),
    ).join('');
    const err = (await importEdfiFile(
      db,
      await file('Attendance.xml', doc('InterchangeStudentAttendance', many)),
    ).catch((e: unknown) => e)) as ImportFailed;
    expect(err.problems).toHaveLength(50);
    expect(err.message.split('\n')[0]).toBe(
      'Attendance.xml was not imported (nothing was written): 50+ problems; stopped after the first 50',
    );
  });

  it('checks a whole folder before writing anything', async () => {
    const folder = await mkdtemp(path.join(dir, 'folder-'));
    await writeFile(path.join(folder, 'Attendance.xml'), attendanceXml);
    await writeFile(path.join(folder, 'notes.xml'), '<notes>not Ed-Fi</notes>');
    const before = await snapshot();
    const err = (await importEdfiFolder(db, folder).catch((e: unknown) => e)) as ImportFailed;
    expect(err).toBeInstanceOf(ImportFailed);
    expect(err.message.split('\n').slice(1)).toEqual([
      'notes.xml:1: <notes>: this is not an Ed-Fi interchange: its root element is <notes>',
    ]);
    expect(await snapshot()).toBe(before);
  });

  it('any corruption of an excerpt either imports correctly or fails with located problems, leaving the database as it was', async () => {
    const recordsOf = (text: string, element: string) =>
      text.match(new RegExp(`<${element}>[\\s\\S]*?</${element}>`, 'g')) ?? [];
    const tag = (record: string, name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(record)?.[1];
    const target = fc.constantFrom(
      { name: 'Attendance.xml', text: attendanceXml, element: 'StudentSchoolAttendanceEvent' },
      { name: 'Discipline.xml', text: disciplineXml, element: 'DisciplineAction' },
    );
    const corruption = fc.oneof(
      fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
      fc.record({
        kind: fc.constant('bad-date' as const),
        which: fc.nat(),
        date: fc.constantFrom('2021-13-01', '2021-02-30', '21-09-01', 'yesterday', '', '2021-09-01T00:00'),
      }),
      fc.record({
        kind: fc.constant('unknown-descriptor' as const),
        which: fc.nat(),
        value: fc.constantFrom('Sick', 'Detention Hall', 'excused absence', 'In School Suspension', 'Tardy'),
      }),
      fc.record({ kind: fc.constant('duplicate' as const), which: fc.nat(), value: fc.constantFrom('0.5', '1', '4') }),
      fc.record({ kind: fc.constant('latin1' as const), at: fc.nat() }),
      fc.record({
        kind: fc.constant('replace' as const),
        at: fc.nat(),
        text: fc.constantFrom('<', '>', '&', '"', 'x', '', '\u0000', '</A>', '<!-- c -->', '&amp;', '\n'),
      }),
    );
    await fc.assert(
      fc.asyncProperty(target, corruption, async (t, c) => {
        const records = recordsOf(t.text, t.element);
        const pick = (n: number) => records[n % records.length]!;
        let text = t.text;
        let bytes: Buffer | null = null;
        switch (c.kind) {
          case 'truncate':
            text = t.text.slice(0, c.at % t.text.length);
            break;
          case 'bad-date': {
            const r = pick(c.which);
            const date = tag(r, 'EventDate') ?? tag(r, 'DisciplineDate')!;
            text = t.text.replace(r, r.replace(`>${date}<`, `>${c.date}<`));
            break;
          }
          case 'unknown-descriptor': {
            const r = pick(c.which);
            text = t.text.replace(r, r.replace(/#[^<]*</, `#${c.value}<`));
            break;
          }
          case 'duplicate': {
            const r = pick(c.which);
            const changed = r.replace(/<(EventDuration|ActualDisciplineActionLength)>[^<]*</, `<$1>${c.value}<`);
            text = t.text.replace(r, `${r}\n\t${changed}`);
            break;
          }
          case 'latin1': {
            const at = c.at % t.text.length;
            bytes = Buffer.concat([
              Buffer.from(t.text.slice(0, at)),
              Buffer.from([0xe9]),
              Buffer.from(t.text.slice(at)),
            ]);
            break;
          }
          case 'replace': {
            const at = c.at % t.text.length;
            text = t.text.slice(0, at) + c.text + t.text.slice(at + 1);
            break;
          }
        }
        const content = bytes ?? Buffer.from(text);
        const lineCount = content.toString('latin1').split('\n').length;
        const before = await snapshot();
        try {
          await importEdfiFile(db, await file(t.name, content));
        } catch (err) {
          expect(err).toBeInstanceOf(ImportFailed);
          for (const p of (err as ImportFailed).problems) {
            expect(p.file).toBe(t.name);
            expect(p.line).toBeGreaterThanOrEqual(1);
            expect(p.line).toBeLessThanOrEqual(lineCount);
            expect(p.column.length).toBeGreaterThan(0);
          }
          expect(await snapshot()).toBe(before);
          return;
        }
        // Imported: every record of the corrupted file is in ssos, and importing it again changes nothing.
        for (const r of recordsOf(text, t.element)) {
          const student = tag(r, 'StudentUniqueId')!;
          const found =
            t.element === 'DisciplineAction'
              ? await db.kysely
                  .selectFrom('discipline_actions')
                  .select('duration_days')
                  .where('student_id', '=', student)
                  .where('action_identifier', '=', tag(r, 'DisciplineActionIdentifier')!)
                  .execute()
              : await db.kysely
                  .selectFrom('attendance_events')
                  .select('duration_days')
                  .where('student_id', '=', student)
                  .where(sql`event_date::text`, '=', tag(r, 'EventDate')!)
                  .execute();
          expect(found.length, `${t.name}: ${r}`).toBeGreaterThanOrEqual(1);
        }
        const after = await snapshot();
        await importEdfiFile(db, await file(t.name, content));
        expect(await snapshot()).toBe(after);
      }),
      { numRuns: 30 },
    );
  });
});
