import type { AttendanceCategory, DisciplineCategory, StudentYearFlag } from '../../../core/edfi/descriptors.ts';
import { deriveStudentYears, type EventCoverage, type StudentEvents } from '../../../core/edfi/student-years.ts';
import { type EdfiContext, type TableCounts } from './context.ts';

/**
 * Recomputes the student-years of every student with Ed-Fi events in the given districts, from everything ssos holds
 * (not only the file just read), and merges them into student_years: a student-year whose facts did not change is left
 * alone, so a re-import changes nothing. Runs in the importing file's transaction.
 */

const STUDENT_BATCH = 5_000;

/** The student-year columns; those Ed-Fi events cannot support are written as null. */
const columns = [
  'student_id',
  'school_year',
  'school_id',
  'grade',
  'low_income',
  'english_learner',
  'former_english_learner',
  'disability',
  'days_in_membership',
  'days_attended',
  'reported_days_absent',
  'entered_late',
  'school_changes',
  'retained',
  'in_school_suspension_days',
  'out_of_school_suspension_days',
  'courses_taken',
  'courses_failed',
  'gpa',
  'advanced_course_completed',
] as const;

async function coverage(ctx: EdfiContext): Promise<EventCoverage> {
  const districtsWith = async (exists: string) => {
    const r = await ctx.conn.query<{ code: string }>(
      `SELECT d.code FROM organizations d
        WHERE d.level = 'district' AND d.code LIKE 'edfi-%' AND (${exists})`,
    );
    return new Set(r.rows.map((row) => row.code));
  };
  const bySchool = (table: string) =>
    `EXISTS (SELECT 1 FROM organizations s JOIN ${table} e ON e.school_id = s.id WHERE s.parent_id = d.id)`;
  return {
    attendanceDistricts: await districtsWith(bySchool('attendance_events')),
    disciplineDistricts: await districtsWith(
      `${bySchool('discipline_actions')} OR ${bySchool('discipline_incidents')}`,
    ),
    programDistricts: await districtsWith(
      `EXISTS (SELECT 1 FROM student_programs p JOIN organizations o ON o.id = p.org_id
                WHERE o.id = d.id OR o.parent_id = d.id)`,
    ),
  };
}

/** Derives and merges the student-years of the students with events in `districtIds`. */
export async function deriveEdfiStudentYears(
  ctx: EdfiContext,
  districtIds: readonly number[],
): Promise<TableCounts | null> {
  if (districtIds.length === 0) return null;
  const ids = [...new Set(districtIds)];
  const students = await ctx.conn.query<{ student_id: string }>(
    `SELECT e.student_id FROM attendance_events e JOIN organizations s ON s.id = e.school_id WHERE s.parent_id = ANY($1::int[])
     UNION
     SELECT a.student_id FROM discipline_actions a JOIN organizations s ON s.id = a.school_id WHERE s.parent_id = ANY($1::int[])
     UNION
     SELECT p.student_id FROM student_programs p JOIN organizations o ON o.id = p.org_id
      WHERE o.id = ANY($1::int[]) OR o.parent_id = ANY($1::int[])
     ORDER BY 1`,
    [ids],
  );
  const cover = await coverage(ctx);
  const schools = new Map([...(await ctx.orgs()).values()].map((o) => [o.code, o.id]));
  const load = await ctx.stage('student_years', columns, ['student_id', 'school_year']);

  const all = students.rows.map((s) => s.student_id);
  for (let i = 0; i < all.length; i += STUDENT_BATCH) {
    const batch = all.slice(i, i + STUDENT_BATCH);
    const events = new Map<
      string,
      {
        attendance: StudentEvents['attendance'][number][];
        discipline: StudentEvents['discipline'][number][];
        programs: StudentEvents['programs'][number][];
      }
    >(batch.map((id) => [id, { attendance: [], discipline: [], programs: [] }]));
    const attendance = await ctx.conn.query<{
      student_id: string;
      date: string;
      school_code: string;
      district_code: string | null;
      category: AttendanceCategory;
      duration_days: number | null;
    }>(
      `SELECT e.student_id, e.event_date::text AS date, s.code AS school_code, d.code AS district_code, e.category,
              e.duration_days
         FROM attendance_events e JOIN organizations s ON s.id = e.school_id
         LEFT JOIN organizations d ON d.id = s.parent_id AND d.level = 'district'
        WHERE e.student_id = ANY($1::text[])`,
      [batch],
    );
    for (const e of attendance.rows)
      events.get(e.student_id)!.attendance.push({
        date: e.date,
        schoolCode: e.school_code,
        districtCode: e.district_code,
        category: e.category,
        durationDays: e.duration_days,
      });
    const discipline = await ctx.conn.query<{
      student_id: string;
      date: string;
      school_code: string;
      district_code: string | null;
      category: DisciplineCategory;
      duration_days: number | null;
    }>(
      `SELECT a.student_id, a.action_date::text AS date, s.code AS school_code, d.code AS district_code, a.category,
              a.duration_days
         FROM discipline_actions a JOIN organizations s ON s.id = a.school_id
         LEFT JOIN organizations d ON d.id = s.parent_id AND d.level = 'district'
        WHERE a.student_id = ANY($1::text[])`,
      [batch],
    );
    for (const e of discipline.rows)
      events.get(e.student_id)!.discipline.push({
        date: e.date,
        schoolCode: e.school_code,
        districtCode: e.district_code,
        category: e.category,
        durationDays: e.duration_days,
      });
    const programs = await ctx.conn.query<{
      student_id: string;
      flag: StudentYearFlag | null;
      begin_date: string;
      end_date: string | null;
      school_code: string | null;
      district_code: string | null;
    }>(
      `SELECT p.student_id, p.student_year_flag AS flag, p.begin_date::text AS begin_date, p.end_date::text AS end_date,
              CASE WHEN o.level = 'school' THEN o.code END AS school_code,
              CASE WHEN o.level = 'district' THEN o.code WHEN d.level = 'district' THEN d.code END AS district_code
         FROM student_programs p JOIN organizations o ON o.id = p.org_id
         LEFT JOIN organizations d ON d.id = o.parent_id
        WHERE p.student_id = ANY($1::text[])`,
      [batch],
    );
    for (const p of programs.rows)
      events.get(p.student_id)!.programs.push({
        flag: p.flag,
        beginDate: p.begin_date,
        endDate: p.end_date,
        schoolCode: p.school_code,
        districtCode: p.district_code,
      });

    for (const studentId of batch) {
      for (const y of deriveStudentYears({ studentId, ...events.get(studentId)! }, cover)) {
        const row: Record<(typeof columns)[number], unknown> = {
          student_id: y.studentId,
          school_year: y.schoolYear,
          school_id: y.schoolCode === null ? null : schools.get(y.schoolCode),
          grade: null,
          low_income: y.lowIncome,
          english_learner: y.englishLearner,
          former_english_learner: null,
          disability: y.disability,
          days_in_membership: null,
          days_attended: null,
          reported_days_absent: y.daysAbsent,
          entered_late: null,
          school_changes: null,
          retained: null,
          in_school_suspension_days: y.inSchoolSuspensionDays,
          out_of_school_suspension_days: y.outOfSchoolSuspensionDays,
          courses_taken: null,
          courses_failed: null,
          gpa: null,
          advanced_course_completed: null,
        };
        await load.add(columns.map((c) => row[c]));
      }
    }
  }
  return load.merge();
}
