import type {
  AssessmentRecord,
  EnglishProficiencyRecord,
  HighSchoolOutcomeRecord,
  StudentRecord,
  StudentYearRecord,
} from './records.ts';
import { studentTables, type StudentTable } from './csv-format.ts';

/** A record of each student table, by table. */
export interface StudentTableRecords {
  students: StudentRecord;
  student_years: StudentYearRecord;
  assessments: AssessmentRecord;
  english_proficiency: EnglishProficiencyRecord;
  high_school_outcomes: HighSchoolOutcomeRecord;
}

type Cell = string | number | boolean | null;

const toRow: { [T in StudentTable]: (r: StudentTableRecords[T]) => Cell[] } = {
  students: (r) => [r.studentId, r.birthYear, r.gender, r.raceEthnicity],
  student_years: (r) => [
    r.studentId,
    r.schoolYear,
    r.schoolCode,
    r.grade,
    r.lowIncome,
    r.englishLearner,
    r.formerEnglishLearner,
    r.disability,
    r.daysInMembership,
    r.daysAttended,
    r.enteredLate,
    r.schoolChanges,
    r.retained,
    r.inSchoolSuspensionDays,
    r.outOfSchoolSuspensionDays,
    r.coursesTaken,
    r.coursesFailed,
    r.gpa,
    r.advancedCourseCompleted,
  ],
  assessments: (r) => [
    r.studentId,
    r.schoolYear,
    r.schoolCode,
    r.subject,
    r.grade,
    r.participated,
    r.scaledScore,
    r.achievementLevel,
    r.sgp,
  ],
  english_proficiency: (r) => [r.studentId, r.schoolYear, r.schoolCode, r.overallLevel, r.metTarget],
  high_school_outcomes: (r) => [
    r.studentId,
    r.cohortYear,
    r.schoolCode,
    r.graduatedIn4Years,
    r.graduatedIn5Years,
    r.droppedOutYear,
  ],
};

function cellText(v: Cell): string {
  if (v === null) return '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Math.round(v * 1000) / 1000);
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** The header line of a student CSV file. */
export function studentCsvHeader(table: StudentTable): string {
  return (studentTables[table].columns as readonly { name: string }[]).map((c) => c.name).join(',');
}

/** One record as a line of its student CSV file (the documented format the importer reads). */
export function studentCsvLine<T extends StudentTable>(table: T, record: StudentTableRecords[T]): string {
  return toRow[table](record).map(cellText).join(',');
}
