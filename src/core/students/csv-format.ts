import { gradeCodes, parseGradeCode, type GradeCode } from '../orgs/organization.ts';
import { achievementLevels, assessmentSubjects, genders, raceEthnicities } from './records.ts';

/**
 * The documented student CSV format (docs/student-csv-format.md): one file per table, a header row naming the
 * columns, UTF-8, comma-separated. Each column has a parser that returns the value or a sentence saying what is
 * wrong with the text; importers report that as `file:line: column: problem (value)`.
 */

/** A column's parse result: the value, or what is wrong with the text. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

/** What is wrong with a cell's text (`read` returns it instead of a value). */
export class ParseProblem {
  readonly problem: string;
  constructor(problem: string) {
    this.problem = problem;
  }
}

export interface ColumnSpec<T = unknown> {
  name: string;
  description: string;
  /** Whether a blank cell is allowed (it becomes null). */
  optional: boolean;
  parse(text: string): Parsed<T>;
  /** The value, or what is wrong with the text: `parse` without a result object per cell (for bulk reading). */
  read(text: string): T | ParseProblem;
}

const required = new ParseProblem('is required');

function column<T>(
  name: string,
  description: string,
  read: (t: string) => T | ParseProblem,
  optional = false,
): ColumnSpec<T | null> {
  const readCell = (raw: string): T | null | ParseProblem => {
    const t = raw.trim();
    if (t === '') return optional ? null : required;
    return read(t);
  };
  return {
    name,
    description,
    optional,
    read: readCell,
    parse: (raw) => {
      const v = readCell(raw);
      return v instanceof ParseProblem ? { ok: false, problem: v.problem } : { ok: true, value: v };
    },
  };
}

const bad = (problem: string): ParseProblem => new ParseProblem(problem);
const idPattern = /^[A-Za-z0-9-]{1,20}$/;
const integerPattern = /^-?\d+$/;
const decimalPattern = /^-?\d+(\.\d+)?$/;

const studentId = (name = 'student_id') =>
  column(name, 'State-assigned student identifier (SASID): 1-20 letters, digits or hyphens', (t) =>
    idPattern.test(t) ? t : bad('must be 1-20 letters, digits or hyphens'),
  );

const integer = (name: string, description: string, min: number, max: number, optional = false) =>
  column(
    name,
    description,
    (t): number | ParseProblem => {
      if (!integerPattern.test(t)) return bad('must be a whole number');
      const n = Number(t);
      return n < min || n > max ? bad(`must be from ${min} to ${max}`) : n;
    },
    optional,
  );

const decimal = (name: string, description: string, min: number, max: number, optional = false) =>
  column(
    name,
    description,
    (t): number | ParseProblem => {
      if (!decimalPattern.test(t)) return bad('must be a number');
      const n = Number(t);
      return n < min || n > max ? bad(`must be from ${min} to ${max}`) : n;
    },
    optional,
  );

const truthy = new Set(['1', 'true', 'yes', 'y']);
const falsy = new Set(['0', 'false', 'no', 'n']);
const boolean = (name: string, description: string, optional = false) =>
  column(
    name,
    description,
    (t): boolean | ParseProblem => {
      if (t === 'true') return true;
      if (t === 'false') return false;
      const v = t.toLowerCase();
      if (truthy.has(v)) return true;
      if (falsy.has(v)) return false;
      return bad('must be true or false (also 1/0, yes/no)');
    },
    optional,
  );

const oneOf = <T extends string>(name: string, description: string, values: readonly T[], optional = false) => {
  const allowed = new Set<string>(values);
  return column(
    name,
    `${description}: one of ${values.join(', ')}`,
    (t): T | ParseProblem => (allowed.has(t) ? (t as T) : bad(`must be one of ${values.join(', ')}`)),
    optional,
  );
};

const schoolCode = column('school_code', 'DESE 8-digit school code (leading zeros may be left out)', (t) =>
  /^\d{1,8}$/.test(t) ? t.padStart(8, '0') : bad('must be a DESE school code (up to 8 digits)'),
);

const schoolYear = integer('school_year', 'School year, named by its ending year (2016-17 is 2017)', 1990, 2200);

const canonicalGrades = new Set<string>(gradeCodes);
const grade = column('grade', `Grade: ${gradeCodes.join(', ')}`, (t): GradeCode | ParseProblem => {
  if (canonicalGrades.has(t)) return t as GradeCode;
  const g = parseGradeCode(t);
  return g ?? bad(`must be a grade (${gradeCodes.join(', ')})`);
});

/** The tables of the student CSV format, their file names and columns, in load order. */
export const studentTables = {
  students: {
    file: 'students.csv',
    description: 'One row per student: the facts that do not change from year to year.',
    key: ['student_id'],
    columns: [
      studentId(),
      integer('birth_year', 'Year of birth', 1980, 2200),
      oneOf('gender', 'Gender', genders),
      oneOf('race_ethnicity', 'Race/ethnicity as DESE reports it', raceEthnicities),
    ],
  },
  student_years: {
    file: 'student_years.csv',
    description: 'One row per student and school year, at the school where the student ended the year.',
    key: ['student_id', 'school_year'],
    columns: [
      studentId(),
      schoolYear,
      schoolCode,
      grade,
      boolean('low_income', 'From a low-income family'),
      boolean('english_learner', 'English learner'),
      boolean('former_english_learner', 'Former English learner'),
      boolean('disability', 'Student with an IEP'),
      integer('days_in_membership', 'Days enrolled during the year', 0, 366),
      decimal('days_attended', 'Days attended (half days allowed)', 0, 366),
      boolean('entered_late', 'Enrolled after October 1 or changed school during the year'),
      integer('school_changes', 'School changes during the year', 0, 50),
      boolean('retained', 'Repeating last year’s grade'),
      decimal('in_school_suspension_days', 'Days of in-school suspension', 0, 366),
      decimal('out_of_school_suspension_days', 'Days of out-of-school suspension', 0, 366),
      integer('courses_taken', 'Courses with a final mark (grades 6-12; blank below)', 0, 50, true),
      integer('courses_failed', 'Courses failed (grades 6-12; blank below)', 0, 50, true),
      decimal('gpa', 'Grade point average, 0-4 (grades 6-12; blank below)', 0, 4.5, true),
      boolean('advanced_course_completed', 'Completed an advanced course (grades 11-12; blank otherwise)', true),
    ],
  },
  assessments: {
    file: 'assessments.csv',
    description: 'One row per student, school year and subject tested (MCAS).',
    key: ['student_id', 'school_year', 'subject'],
    columns: [
      studentId(),
      schoolYear,
      schoolCode,
      oneOf('subject', 'Subject', assessmentSubjects),
      grade,
      boolean('participated', 'Took the test'),
      integer('scaled_score', 'Scaled score, 440-560 (blank when not tested)', 440, 560, true),
      oneOf('achievement_level', 'Achievement level (blank when not tested)', achievementLevels, true),
      integer('sgp', 'Student growth percentile, 1-99 (blank when not computed)', 1, 99, true),
    ],
  },
  english_proficiency: {
    file: 'english_proficiency.csv',
    description: 'One row per English learner and school year (ACCESS for ELLs).',
    key: ['student_id', 'school_year'],
    columns: [
      studentId(),
      schoolYear,
      schoolCode,
      decimal('overall_level', 'Overall proficiency level, 1.0-6.0', 1, 6),
      boolean('met_target', 'Met this year’s progress target'),
    ],
  },
  high_school_outcomes: {
    file: 'high_school_outcomes.csv',
    description: 'One row per student and graduation cohort.',
    key: ['student_id', 'cohort_year'],
    columns: [
      studentId(),
      integer('cohort_year', 'Expected graduation year (entered grade 9 three years before)', 1990, 2200),
      schoolCode,
      boolean('graduated_in_4_years', 'Graduated within four years'),
      boolean('graduated_in_5_years', 'Graduated within five years (blank until known)', true),
      integer('dropped_out_year', 'School year the student dropped out (blank if not)', 1990, 2200, true),
    ],
  },
} as const satisfies Record<
  string,
  { file: string; description: string; key: readonly string[]; columns: readonly ColumnSpec[] }
>;

export type StudentTable = keyof typeof studentTables;

/** Checks that cross columns of a row agree; returns [column, problem] pairs. */
export function checkStudentRow(table: StudentTable, row: Record<string, unknown>): [string, string][] {
  return checkColumns(table, (column) => row[column]);
}

/**
 * The cross-column check of a table for rows read as an array of values in the format's column order (for bulk
 * reading: no record per row); the same rules as `checkStudentRow`.
 */
export function studentRowCheck(table: StudentTable): (values: readonly unknown[]) => [string, string][] {
  const at = new Map((studentTables[table].columns as readonly ColumnSpec[]).map((c, i) => [c.name, i]));
  let current: readonly unknown[] = [];
  const get = (column: string) => {
    const i = at.get(column);
    return i === undefined ? undefined : current[i];
  };
  return (values) => {
    current = values;
    return checkColumns(table, get);
  };
}

function checkColumns(table: StudentTable, get: (column: string) => unknown): [string, string][] {
  const problems: [string, string][] = [];
  if (table === 'student_years') {
    if ((get('days_attended') as number) > (get('days_in_membership') as number)) {
      problems.push(['days_attended', 'is more than days_in_membership']);
    }
    const failed = get('courses_failed');
    const taken = get('courses_taken');
    if (failed !== null && taken !== null && (failed as number) > (taken as number)) {
      problems.push(['courses_failed', 'is more than courses_taken']);
    }
  }
  if (table === 'assessments') {
    const participated = get('participated') as boolean;
    const score = get('scaled_score');
    const level = get('achievement_level');
    if (!participated && score !== null) problems.push(['scaled_score', 'must be blank when participated is false']);
    if (score !== null && level === null) problems.push(['achievement_level', 'is required with a scaled score']);
    if (score !== null && level !== null) {
      const expected = achievementLevelOf(score as number);
      if (expected !== level)
        problems.push(['achievement_level', `does not match scaled score ${String(score)} (expected ${expected})`]);
    }
  }
  if (table === 'high_school_outcomes') {
    const graduated4 = get('graduated_in_4_years');
    if (graduated4 === true && get('graduated_in_5_years') === false) {
      problems.push(['graduated_in_5_years', 'cannot be false for a 4-year graduate']);
    }
    if (graduated4 === true && get('dropped_out_year') !== null) {
      problems.push(['dropped_out_year', 'must be blank for a 4-year graduate']);
    }
  }
  return problems;
}

/** The Next-Generation MCAS achievement level of a scaled score: 440-469, 470-499, 500-529, 530-560. */
export function achievementLevelOf(score: number): (typeof achievementLevels)[number] {
  if (score >= 530) return 'exceeding';
  if (score >= 500) return 'meeting';
  if (score >= 470) return 'partially_meeting';
  return 'not_meeting';
}
