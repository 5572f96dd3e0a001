import { describe, expect, it } from 'vitest';
import { generateDistrict, planCommonwealth } from '../synth/index.ts';
import { studentTables, type StudentTable } from './csv-format.ts';
import { CsvByteWriter, studentCsvLine, writeStudentCsvLines, type StudentTableRecords } from './csv-rows.ts';

// The generator writes the student files as bytes, record by record; they must be the lines `studentCsvLine` writes.
describe('student CSV lines written as bytes', () => {
  const plan = planCommonwealth({ seed: 'csv-rows', scale: 0.02 });
  const district = generateDistrict(plan, plan.districts[0]!.code);
  const records: { [T in StudentTable]: StudentTableRecords[T][] } = {
    students: district.students,
    student_years: district.studentYears,
    assessments: district.assessments,
    english_proficiency: district.englishProficiency,
    high_school_outcomes: district.highSchoolOutcomes,
  };
  const decoder = new TextDecoder();
  const asBytes = <T extends StudentTable>(table: T, rows: readonly StudentTableRecords[T][]) => {
    const w = new CsvByteWriter(16); // small, so that it grows many times
    writeStudentCsvLines(table, rows, w);
    const lines = w.lines;
    return { text: decoder.decode(w.take()), lines };
  };

  it('are the lines studentCsvLine writes, for every record of a district', () => {
    for (const table of Object.keys(studentTables) as StudentTable[]) {
      const rows = records[table] as StudentTableRecords[typeof table][];
      expect(rows.length, table).toBeGreaterThan(0);
      const { text, lines } = asBytes(table, rows);
      expect(lines).toBe(rows.length);
      expect(text).toBe(rows.map((r) => `${studentCsvLine(table, r)}\n`).join(''));
    }
  });

  it('write blanks, rounded decimals, large and negative numbers and quoted or non-ASCII text alike', () => {
    const base = district.studentYears[0]!;
    const odd: StudentTableRecords['student_years'][] = [
      { ...base, studentId: 'A,"B"', daysAttended: 171.5, gpa: 3.14159, coursesTaken: null, coursesFailed: null },
      { ...base, studentId: 'Zoë-1', inSchoolSuspensionDays: 0.1 + 0.2, advancedCourseCompleted: null },
      { ...base, schoolYear: -0, daysInMembership: 1e21, daysAttended: -12, schoolChanges: 123456789012 },
      { ...base, studentId: 'x\ny', outOfSchoolSuspensionDays: Number.MAX_SAFE_INTEGER, gpa: -0.0004 },
    ];
    const { text } = asBytes('student_years', odd);
    expect(text).toBe(odd.map((r) => `${studentCsvLine('student_years', r)}\n`).join(''));
    expect(text).toContain('"A,""B"""');
    expect(text).toContain('Zoë-1');
  });

  it('hands over what was written and starts anew', () => {
    const w = new CsvByteWriter();
    writeStudentCsvLines('students', district.students.slice(0, 2), w);
    const first = w.take();
    writeStudentCsvLines('students', district.students.slice(2, 3), w);
    const second = w.take();
    expect(decoder.decode(first).split('\n')).toHaveLength(3);
    expect(decoder.decode(second)).toBe(`${studentCsvLine('students', district.students[2]!)}\n`);
    expect(first.buffer).not.toBe(second.buffer);
  });
});
