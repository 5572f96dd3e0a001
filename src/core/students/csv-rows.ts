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

/**
 * Lines of student CSV files written straight into UTF-8 bytes (no string per line or cell: the generator writes
 * tens of millions of cells), each cell exactly as `cellText` writes it.
 */
export class CsvByteWriter {
  #buf: Uint8Array;
  #len = 0;
  lines = 0;
  static readonly #encoder = new TextEncoder();

  constructor(capacity = 1 << 16) {
    this.#buf = new Uint8Array(capacity);
  }

  /** The bytes written so far (their own buffer, which can be handed to another thread); the writer starts anew. */
  take(): Uint8Array {
    const out = new Uint8Array(this.#buf.buffer, 0, this.#len);
    this.#buf = new Uint8Array(Math.max(1 << 12, this.#len));
    this.#len = 0;
    this.lines = 0;
    return out;
  }

  #room(bytes: number): void {
    if (this.#len + bytes <= this.#buf.length) return;
    const next = new Uint8Array(Math.max(this.#buf.length * 2, this.#len + bytes));
    next.set(this.#buf.subarray(0, this.#len));
    this.#buf = next;
  }

  /** Text as `cellText` writes it: as is, or quoted when it holds a comma, a quote or a line break. */
  text(v: string | null): void {
    if (v === null) return;
    const n = v.length;
    this.#room(n);
    const buf = this.#buf;
    let at = this.#len;
    for (let i = 0; i < n; i++) {
      const c = v.charCodeAt(i);
      if (c >= 128 || c === 34 || c === 44 || c === 10 || c === 13) return this.#encoded(cellText(v));
      buf[at++] = c;
    }
    this.#len = at;
  }

  #encoded(text: string): void {
    this.#room(text.length * 3);
    this.#len += CsvByteWriter.#encoder.encodeInto(text, this.#buf.subarray(this.#len)).written;
  }

  /** A number as `cellText` writes it (whole numbers as they are, others to 3 decimals); blank for null. */
  num(v: number | null): void {
    if (v === null) return;
    if (!Number.isInteger(v) || v >= 1e15 || v <= -1e15) {
      this.#ascii(Number.isInteger(v) ? String(v) : String(Math.round(v * 1000) / 1000));
      return;
    }
    this.#room(17);
    const buf = this.#buf;
    let x = v;
    if (x < 0) {
      buf[this.#len++] = 45;
      x = -x;
    }
    let digits = 1;
    for (let p = 10; p <= x; p *= 10) digits++;
    let at = this.#len + digits;
    this.#len = at;
    do {
      buf[--at] = 48 + (x % 10);
      x = Math.floor(x / 10);
    } while (x > 0);
  }

  #ascii(text: string): void {
    this.#room(text.length);
    for (let i = 0; i < text.length; i++) this.#buf[this.#len++] = text.charCodeAt(i);
  }

  /** true or false; blank for null. */
  bool(v: boolean | null): void {
    if (v === null) return;
    this.#ascii(v ? 'true' : 'false');
  }

  comma(): void {
    this.#room(1);
    this.#buf[this.#len++] = 44;
  }

  /** Ends a line. */
  end(): void {
    this.#room(1);
    this.#buf[this.#len++] = 10;
    this.lines++;
  }
}

const writeRecord: { [T in StudentTable]: (w: CsvByteWriter, r: StudentTableRecords[T]) => void } = {
  students: (w, r) => {
    w.text(r.studentId);
    w.comma();
    w.num(r.birthYear);
    w.comma();
    w.text(r.gender);
    w.comma();
    w.text(r.raceEthnicity);
  },
  student_years: (w, r) => {
    w.text(r.studentId);
    w.comma();
    w.num(r.schoolYear);
    w.comma();
    w.text(r.schoolCode);
    w.comma();
    w.text(r.grade);
    w.comma();
    w.bool(r.lowIncome);
    w.comma();
    w.bool(r.englishLearner);
    w.comma();
    w.bool(r.formerEnglishLearner);
    w.comma();
    w.bool(r.disability);
    w.comma();
    w.num(r.daysInMembership);
    w.comma();
    w.num(r.daysAttended);
    w.comma();
    w.bool(r.enteredLate);
    w.comma();
    w.num(r.schoolChanges);
    w.comma();
    w.bool(r.retained);
    w.comma();
    w.num(r.inSchoolSuspensionDays);
    w.comma();
    w.num(r.outOfSchoolSuspensionDays);
    w.comma();
    w.num(r.coursesTaken);
    w.comma();
    w.num(r.coursesFailed);
    w.comma();
    w.num(r.gpa);
    w.comma();
    w.bool(r.advancedCourseCompleted);
  },
  assessments: (w, r) => {
    w.text(r.studentId);
    w.comma();
    w.num(r.schoolYear);
    w.comma();
    w.text(r.schoolCode);
    w.comma();
    w.text(r.subject);
    w.comma();
    w.text(r.grade);
    w.comma();
    w.bool(r.participated);
    w.comma();
    w.num(r.scaledScore);
    w.comma();
    w.text(r.achievementLevel);
    w.comma();
    w.num(r.sgp);
  },
  english_proficiency: (w, r) => {
    w.text(r.studentId);
    w.comma();
    w.num(r.schoolYear);
    w.comma();
    w.text(r.schoolCode);
    w.comma();
    w.num(r.overallLevel);
    w.comma();
    w.bool(r.metTarget);
  },
  high_school_outcomes: (w, r) => {
    w.text(r.studentId);
    w.comma();
    w.num(r.cohortYear);
    w.comma();
    w.text(r.schoolCode);
    w.comma();
    w.bool(r.graduatedIn4Years);
    w.comma();
    w.bool(r.graduatedIn5Years);
    w.comma();
    w.num(r.droppedOutYear);
  },
};

/**
 * Writes records as lines of their student CSV file (each ends in a line break), byte for byte as `studentCsvLine`
 * writes them.
 */
export function writeStudentCsvLines<T extends StudentTable>(
  table: T,
  records: readonly StudentTableRecords[T][],
  out: CsvByteWriter,
): void {
  const write = writeRecord[table] as (w: CsvByteWriter, r: StudentTableRecords[T]) => void;
  for (const r of records) {
    write(out, r);
    out.end();
  }
}
