// Per-school figures from the real DESE files in ../shared/data, to set the synthetic Commonwealth beside.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Where the shared real data live (the repository's sibling `shared/data`). */
export const realDataDir = path.resolve(import.meta.dirname, '../../../shared/data');

/** Whether the real files are present (they are on CI and on the team's machines). */
export function hasRealData(): boolean {
  return existsSync(path.join(realDataDir, 'dese-school-indicators', '2C_1_attendance.csv'));
}

/** Parses CSV text (quoted fields, doubled quotes, CRLF) into rows of cells. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (c !== '\r') field += c;
  }
  if (field.length > 0 || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Reads a CSV file into objects keyed by its header. */
export function readCsv(relativePath: string): Array<Record<string, string>> {
  const [header, ...rows] = parseCsv(readFileSync(path.join(realDataDir, relativePath), 'utf8'));
  return rows.filter((r) => r.length > 1).map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
}

/** A DESE number cell: leading spaces and thousands separators allowed; empty (suppressed) is null. */
export function readNumber(cell: string | undefined): number | null {
  const t = (cell ?? '').trim().replace(/,/g, '');
  if (t === '' || t === 'NA') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/** One value per school for a column of a school-indicator file in one academic year (`2023-24`), deduplicated. */
export function schoolIndicator(
  file: string,
  column: string,
  academicYear: string,
  keep: (row: Record<string, string>) => boolean = () => true,
): number[] {
  const seen = new Set<string>();
  const out: number[] = [];
  for (const row of readCsv(path.join('dese-school-indicators', file))) {
    if (row['Academic Year'] !== academicYear || !keep(row)) continue;
    // 2C_1_attendance.csv holds every school-year twice.
    const id = row['DESE ID']!.padStart(8, '0');
    if (seen.has(id)) continue;
    seen.add(id);
    const v = readNumber(row[column]);
    if (v !== null) out.push(v);
  }
  return out;
}

/** Per-school figures of the real Commonwealth that the synthetic one is compared with. */
export interface RealSchoolFigures {
  enrollment: number[];
  lowIncomePercent: number[];
  chronicAbsencePercent: number[];
  graduation4Percent: number[];
  graduation5Percent: number[];
  outOfSchoolSuspensionPercent: number[];
  grade9PassingPercent: number[];
  advancedCourseworkPercent: number[];
  elaMeetingPercent: number[];
  elaMeanSgp: number[];
  enrollment2017: number[];
  economicallyDisadvantaged2017Percent: number[];
}

/**
 * The real figures: school year 2023-24 from the DESE school-indicator reports (low income is DESE's 2022+ measure,
 * reported in the file's "Economically Disadvantaged %" column), grades 3-8 ELA from the 2022 MCAS results, and the
 * 2016-17 school profiles (economically disadvantaged, the 2015-2021 measure).
 */
export function loadRealSchoolFigures(): RealSchoolFigures {
  const year = '2023-24';
  const cohortAtLeast6 = (r: Record<string, string>) => (readNumber(r['# in Cohort']) ?? 0) >= 6;
  const mcas = readCsv('dese-mcas/mcas_public_schools_grades_3-8_all_students_2022.csv').filter(
    (r) => r['subject'] === 'ELA',
  );
  const profiles = readCsv('dese-school-profiles-2017/MA_Public_Schools_2017.csv');
  return {
    enrollment: schoolIndicator('3B_1_enrollments_by_grade.csv', 'Total', year),
    lowIncomePercent: schoolIndicator('3A_1_average_class_size.csv', 'Economically Disadvantaged %', year),
    chronicAbsencePercent: schoolIndicator('2C_1_attendance.csv', 'Chronically Absent (10% or more)', year),
    graduation4Percent: schoolIndicator('4B_2_four_year_grad.csv', '% Graduated', year, cohortAtLeast6),
    graduation5Percent: schoolIndicator('4B_2_five_year_grad.csv', '% Graduated', year, cohortAtLeast6),
    outOfSchoolSuspensionPercent: schoolIndicator('2A_1_students_suspended.csv', '% Out-of-School Suspension', year),
    grade9PassingPercent: schoolIndicator('4A_1_grade_nine_course_pass.csv', '% Passing All Courses', year),
    advancedCourseworkPercent: schoolIndicator('3B_1_advcoursecomprate.csv', '% Students Completing Advanced', year),
    elaMeetingPercent: mcas.map((r) => readNumber(r['me_percent'])).filter((v): v is number => v !== null),
    elaMeanSgp: mcas.map((r) => readNumber(r['sgp'])).filter((v): v is number => v !== null),
    enrollment2017: profiles.map((r) => readNumber(r['TOTAL_Enrollment'])).filter((v): v is number => v !== null),
    economicallyDisadvantaged2017Percent: profiles
      .map((r) => readNumber(r['% Economically Disadvantaged']))
      .filter((v): v is number => v !== null),
  };
}

/** Real school names (as DESE writes them, without the district prefix) and district names, lower-cased. */
export function loadRealNames(): Set<string> {
  const names = new Set<string>();
  for (const r of readCsv('dese-school-profiles-2017/MA_Public_Schools_2017.csv')) {
    names.add(r['School Name']!.trim().toLowerCase());
    names.add(r['District Name']!.trim().toLowerCase());
  }
  for (const r of readCsv('dese-school-indicators/master_list_of_schools_and_districts.csv')) {
    names.add(r['School Name']!.trim().toLowerCase());
    names.add(r['District']!.trim().toLowerCase());
  }
  for (const r of readCsv('dese-school-indicators/3B_1_enrollments_by_grade.csv')) {
    const full = r['School Name']!;
    const dash = full.indexOf(' - ');
    names.add((dash >= 0 ? full.slice(dash + 3) : full).trim().toLowerCase());
  }
  return names;
}
