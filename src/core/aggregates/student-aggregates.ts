import { gradeCodes, type OrgLevel } from '../orgs/organization.ts';
import type {
  AssessmentRecord,
  EnglishProficiencyRecord,
  HighSchoolOutcomeRecord,
  StudentRecord,
  StudentYearRecord,
} from '../students/records.ts';

/**
 * School, district and state figures computed from student-level records, for every student group, laid out as
 * DESE publishes them: MCAS results in the layout of DESE's MCAS files, everything else in DESE's open-data layouts
 * (`core/dese/profiles/e2c.ts`). The synthetic Commonwealth writes these files so that `ssos demo` loads its
 * indicators through the same importer real files go through; the figures then agree with the student records by
 * construction. Rules, where DESE's are not public, are options with documented defaults (docs/synthetic-commonwealth.md).
 */

/** An organization as the aggregates name it. */
export interface AggregateOrg {
  code: string;
  name: string;
  level: OrgLevel;
  /** The district of a school; the district itself for a district; null for the state. */
  districtCode: string | null;
}

export interface AggregateOptions {
  /** Share of a school's (or district's) tested students, by span, in the lowest performing group. [unconfirmed] */
  lowestPerformingShare: number;
  /** Groups with fewer students are left out, as DESE leaves them blank. */
  minimumN: number;
  /** Growth (mean SGP) is left blank below this many students with a growth percentile. */
  minimumGrowthN: number;
  /** Attendance counts students enrolled at least this many days (DESE: 20). */
  attendanceMinimumDays: number;
  /** Absence rate (share of days enrolled) from which a student is chronically absent. */
  chronicAbsenceRate: number;
}

export const defaultAggregateOptions: AggregateOptions = {
  lowestPerformingShare: 0.25,
  minimumN: 10,
  minimumGrowthN: 20,
  attendanceMinimumDays: 20,
  chronicAbsenceRate: 0.1,
};

/** The state's code. */
export const stateCode = '00000000';

/** The files the aggregates are written to, with their header rows. */
export const aggregateTables = {
  mcas: {
    file: 'mcas_results.csv',
    header: [
      'school_name',
      'school_code',
      'subject',
      'me_num',
      'me_percent',
      'e_num',
      'e_percent',
      'm_num',
      'm_percent',
      'pm_num',
      'pm_percent',
      'nm_num',
      'nm_percent',
      'num_of_students_included',
      'part_rate_percent',
      'avg_scaled_score',
      'sgp',
      'included_in_sgp',
      'year',
      'grade',
      'student_group',
    ],
  },
  attendance: {
    file: 'attendance.csv',
    extra: [
      'ATTEND_PERIOD',
      'STU_CNT',
      'ATTEND_RATE',
      'CNT_AVG_ABS',
      'PCT_ABS_10_DAYS',
      'PCT_CHRON_ABS_10',
      'PCT_CHRON_ABS_20',
    ],
  },
  enrollment: {
    file: 'enrollment_by_grade.csv',
    extra: [
      'GPK_CNT',
      'GK_CNT',
      ...Array.from({ length: 12 }, (_, i) => `G${String(i + 1).padStart(2, '0')}_CNT`),
      'GRD_SP_CNT',
      'GRD_TOTAL_CNT',
    ],
  },
  selectedPopulations: {
    file: 'selected_populations.csv',
    extra: [
      'STU_CNT',
      'HIGH_NEEDS_CNT',
      'HIGH_NEEDS_PCT',
      'LOW_INCOME_CNT',
      'LOW_INCOME_PCT',
      'EL_CNT',
      'EL_PCT',
      'SWD_CNT',
      'SWD_PCT',
    ],
  },
  discipline: { file: 'discipline.csv', extra: ['STU_CNT', 'STU_DISCIPL_CNT', 'PCT_ISS', 'PCT_OSS'] },
  graduation: {
    file: 'graduation.csv',
    extra: ['GRAD_RATE_TYPE', 'COHORT_CNT', 'GRAD_PCT', 'IN_SCH_PCT', 'DRPOUT_PCT'],
  },
  dropout: { file: 'dropout.csv', extra: ['ENROLL_CNT', 'DRPOUT_CNT', 'DRPOUT_PCT'] },
  grade9: { file: 'grade9_passing.csv', extra: ['STU_CNT', 'PASS_ALL_CNT', 'PASS_ALL_PCT'] },
  advanced: { file: 'advanced_coursework.csv', extra: ['STU_CNT', 'ADV_COMP_CNT', 'ADV_COMP_PCT'] },
  elp: { file: 'elp_progress.csv', extra: ['EL_CNT', 'PROGRESS_CNT', 'PROGRESS_PCT'] },
} as const satisfies Record<string, { file: string; header?: readonly string[]; extra?: readonly string[] }>;

export type AggregateTable = keyof typeof aggregateTables;
export const aggregateTableIds = Object.keys(aggregateTables) as AggregateTable[];

/** The first columns of every open-data file. */
export const openDataPrefix = ['SY', 'DIST_CODE', 'DIST_NAME', 'ORG_CODE', 'ORG_NAME', 'ORG_TYPE', 'STU_GRP'] as const;

/** The header row of a table's file. */
export function aggregateHeader(table: AggregateTable): readonly string[] {
  const t = aggregateTables[table];
  return 'header' in t ? t.header : [...openDataPrefix, ...t.extra];
}

/** Rows to write, table by table (cells in header order). */
export type AggregateRows = Record<AggregateTable, string[][]>;

/** How a student group is written (each label reads back as its group in `core/dese/groups.ts`). */
export const aggregateGroupLabels: Readonly<Record<string, string>> = {
  all: 'All Students',
  high_needs: 'High Needs',
  low_income: 'Low Income',
  english_learner: 'English Learners',
  disability: 'Students with Disabilities',
  african_american: 'African American/Black',
  asian: 'Asian',
  hispanic: 'Hispanic/Latino',
  multi_race: 'Multi-race, non-Hispanic',
  native_american: 'Native American',
  pacific_islander: 'Native Hawaiian/Pacific Islander',
  white: 'White',
  female: 'Female',
  male: 'Male',
  nonbinary: 'Non-binary',
  lowest_performing: 'Lowest Performing Students',
};

/** One district's student records (students never cross districts inside one chunk's figures). */
export interface DistrictRecords {
  students: readonly StudentRecord[];
  studentYears: readonly StudentYearRecord[];
  assessments: readonly AssessmentRecord[];
  englishProficiency: readonly EnglishProficiencyRecord[];
  highSchoolOutcomes: readonly HighSchoolOutcomeRecord[];
}

type Tallies = Map<string, number[]>;

const sep = '\u0001';
const mcasSubjectLabel = { ela: 'ELA', math: 'MATH', science: 'SCI' } as const;

/** The groups a student belongs to in a year (all students first). */
export function groupsOf(year: StudentYearRecord | undefined, student: StudentRecord | undefined): string[] {
  const out = ['all'];
  if (year) {
    if (year.lowIncome || year.englishLearner || year.formerEnglishLearner || year.disability) out.push('high_needs');
    if (year.lowIncome) out.push('low_income');
    if (year.englishLearner) out.push('english_learner');
    if (year.disability) out.push('disability');
  }
  if (student) out.push(student.raceEthnicity, student.gender);
  return out;
}

/**
 * Accumulates figures district by district: `addDistrict` returns the rows of the district and its schools, and
 * adds the district's students to the state's figures, which `finish` returns.
 */
export class StudentAggregator {
  readonly #orgs: ReadonlyMap<string, AggregateOrg>;
  readonly #options: AggregateOptions;
  readonly #state: Tallies = new Map();

  constructor(orgs: Iterable<AggregateOrg>, options: Partial<AggregateOptions> = {}) {
    this.#orgs = new Map([...orgs].map((o) => [o.code, o]));
    this.#options = { ...defaultAggregateOptions, ...options };
  }

  addDistrict(records: DistrictRecords): AggregateRows {
    const local: Tallies = new Map();
    tallyDistrict(records, local, this.#state, (code) => this.#orgsOf(code), this.#options);
    return this.#rows(local);
  }

  finish(): AggregateRows {
    return this.#rows(this.#state);
  }

  /** A school's organizations up the tree, school first (the state is tallied apart). */
  #orgsOf(schoolCode: string): string[] {
    const school = this.#orgs.get(schoolCode);
    if (!school) return [];
    return school.districtCode && school.districtCode !== school.code
      ? [school.code, school.districtCode]
      : [school.code];
  }

  #rows(tallies: Tallies): AggregateRows {
    const out = Object.fromEntries(aggregateTableIds.map((t) => [t, [] as string[][]])) as AggregateRows;
    const keys = [...tallies.keys()].sort();
    for (const key of keys) {
      const [table, code, yearText, group, extra] = key.split(sep) as [AggregateTable, string, string, string, string];
      const org = this.#orgs.get(code);
      if (!org) continue;
      const row = formatRow(table, org, this.#orgs, Number(yearText), group, extra, tallies.get(key)!, this.#options);
      if (row) out[table].push(row);
    }
    return out;
  }
}

function add(tallies: Tallies, key: string, size: number, values: readonly number[]): void {
  let t = tallies.get(key);
  if (!t) {
    t = new Array<number>(size).fill(0);
    tallies.set(key, t);
  }
  for (let i = 0; i < values.length; i++) t[i]! += values[i]!;
}

function tallyDistrict(
  records: DistrictRecords,
  local: Tallies,
  state: Tallies,
  orgsOf: (schoolCode: string) => string[],
  options: AggregateOptions,
): void {
  const students = new Map(records.students.map((s) => [s.studentId, s]));
  const yearOf = new Map(records.studentYears.map((y) => [`${y.studentId}|${y.schoolYear}`, y]));
  const lowest = lowestPerformers(records.assessments, orgsOf, options.lowestPerformingShare);

  /** Adds one record's values to every organization and group it counts for. */
  const count = (
    table: AggregateTable,
    schoolCode: string,
    year: number,
    groups: readonly string[],
    extra: string,
    values: readonly number[],
  ) => {
    const orgs = orgsOf(schoolCode);
    for (const group of groups) {
      for (const org of orgs) add(local, [table, org, year, group, extra].join(sep), values.length, values);
      if (group !== 'lowest_performing')
        add(state, [table, stateCode, year, group, extra].join(sep), values.length, values);
    }
  };
  const withLowest = (groups: string[], year: number, studentId: string, org: string) =>
    lowest.has(`${org}|${year}|${studentId}`) ? [...groups, 'lowest_performing'] : groups;

  // Enrollment, selected populations, attendance, discipline, course passing, advanced coursework.
  for (const y of records.studentYears) {
    const groups = groupsOf(y, students.get(y.studentId));
    const gradeSlot = gradeCodes.indexOf(y.grade);
    const enrollment = new Array<number>(gradeCodes.length + 1).fill(0);
    enrollment[gradeSlot] = 1;
    enrollment[gradeCodes.length] = 1;
    count('enrollment', y.schoolCode, y.schoolYear, ['all'], '', enrollment);
    const highNeeds = y.lowIncome || y.englishLearner || y.formerEnglishLearner || y.disability;
    count('selectedPopulations', y.schoolCode, y.schoolYear, ['all'], '', [
      1,
      highNeeds ? 1 : 0,
      y.lowIncome ? 1 : 0,
      y.englishLearner ? 1 : 0,
      y.disability ? 1 : 0,
    ]);
    const discipline = [1, y.inSchoolSuspensionDays > 0 || y.outOfSchoolSuspensionDays > 0 ? 1 : 0];
    count('discipline', y.schoolCode, y.schoolYear, groups, '', [
      ...discipline,
      y.inSchoolSuspensionDays > 0 ? 1 : 0,
      y.outOfSchoolSuspensionDays > 0 ? 1 : 0,
    ]);
    if (y.daysInMembership >= options.attendanceMinimumDays) {
      const absent = y.daysInMembership - y.daysAttended;
      const values = [
        1,
        y.daysInMembership,
        y.daysAttended,
        absent >= 10 ? 1 : 0,
        absent >= options.chronicAbsenceRate * y.daysInMembership ? 1 : 0,
        absent >= 2 * options.chronicAbsenceRate * y.daysInMembership ? 1 : 0,
      ];
      // The lowest performing students of each organization are its own: a school's and its district's differ.
      for (const org of orgsOf(y.schoolCode)) {
        for (const group of withLowest(groups, y.schoolYear, y.studentId, org))
          add(local, ['attendance', org, y.schoolYear, group, ''].join(sep), values.length, values);
      }
      for (const group of groups)
        add(state, ['attendance', stateCode, y.schoolYear, group, ''].join(sep), values.length, values);
    }
    if (y.grade === '09' && y.coursesTaken !== null && y.coursesTaken > 0)
      count('grade9', y.schoolCode, y.schoolYear, groups, '', [1, y.coursesFailed === 0 ? 1 : 0]);
    if (y.advancedCourseCompleted !== null && (y.grade === '11' || y.grade === '12'))
      count('advanced', y.schoolCode, y.schoolYear, groups, '', [1, y.advancedCourseCompleted ? 1 : 0]);
    if (y.grade === '09' || y.grade === '10' || y.grade === '11' || y.grade === '12')
      count('dropout', y.schoolCode, y.schoolYear, groups, '', [1, 0]);
  }

  // MCAS: every grade on its own and grades 3-8 together.
  for (const a of records.assessments) {
    const groups = groupsOf(yearOf.get(`${a.studentId}|${a.schoolYear}`), students.get(a.studentId));
    const scored = a.participated && a.scaledScore !== null;
    const level = a.achievementLevel;
    const values = [
      1,
      a.participated ? 1 : 0,
      scored ? 1 : 0,
      level === 'exceeding' ? 1 : 0,
      level === 'meeting' ? 1 : 0,
      level === 'partially_meeting' ? 1 : 0,
      level === 'not_meeting' ? 1 : 0,
      scored ? a.scaledScore! : 0,
      a.sgp !== null ? 1 : 0,
      a.sgp ?? 0,
    ];
    const subject = mcasSubjectLabel[a.subject];
    // As DESE publishes them: grade 10 and grades 3-8 together for every group, each of grades 3-8 for all students.
    const grades = a.grade === '10' ? ['10'] : ['ALL', String(Number(a.grade))];
    for (const grade of grades) {
      const extra = `${subject}|${grade}`;
      const forGroups = grade === 'ALL' || grade === '10' ? groups : ['all'];
      for (const org of orgsOf(a.schoolCode))
        for (const group of grade === 'ALL' || grade === '10'
          ? withLowest(forGroups, a.schoolYear, a.studentId, org)
          : forGroups)
          add(local, ['mcas', org, a.schoolYear, group, extra].join(sep), values.length, values);
      for (const group of forGroups)
        add(state, ['mcas', stateCode, a.schoolYear, group, extra].join(sep), values.length, values);
    }
  }

  // English language proficiency progress.
  for (const e of records.englishProficiency) {
    const groups = groupsOf(yearOf.get(`${e.studentId}|${e.schoolYear}`), students.get(e.studentId));
    count('elp', e.schoolCode, e.schoolYear, groups, '', [1, e.metTarget ? 1 : 0]);
  }

  // Graduation cohorts (4- and 5-year, filed under the cohort year) and annual dropouts.
  const latestYear = new Map<string, StudentYearRecord>();
  for (const y of records.studentYears) {
    const seen = latestYear.get(y.studentId);
    if (!seen || y.schoolYear > seen.schoolYear) latestYear.set(y.studentId, y);
  }
  for (const o of records.highSchoolOutcomes) {
    const groups = groupsOf(latestYear.get(o.studentId), students.get(o.studentId));
    const dropped4 = !o.graduatedIn4Years && o.droppedOutYear !== null && o.droppedOutYear <= o.cohortYear;
    count('graduation', o.schoolCode, o.cohortYear, groups, '4', [
      1,
      o.graduatedIn4Years ? 1 : 0,
      !o.graduatedIn4Years && !dropped4 ? 1 : 0,
      dropped4 ? 1 : 0,
    ]);
    if (o.graduatedIn5Years !== null) {
      const dropped5 = !o.graduatedIn5Years && o.droppedOutYear !== null && o.droppedOutYear <= o.cohortYear + 1;
      count('graduation', o.schoolCode, o.cohortYear, groups, '5', [
        1,
        o.graduatedIn5Years ? 1 : 0,
        !o.graduatedIn5Years && !dropped5 ? 1 : 0,
        dropped5 ? 1 : 0,
      ]);
    }
    if (o.droppedOutYear !== null) {
      const then = yearOf.get(`${o.studentId}|${o.droppedOutYear}`);
      const dropoutGroups = groupsOf(then ?? latestYear.get(o.studentId), students.get(o.studentId));
      count('dropout', then?.schoolCode ?? o.schoolCode, o.droppedOutYear, dropoutGroups, '', [0, 1]);
    }
  }
}

/**
 * The lowest performing students of each organization, year and span (grades 3-8; grade 10): the students with
 * both an ELA and a math score whose average scaled score is in the lowest share, ties broken by student id so the
 * group has a fixed size. Keys are `org|year|studentId`.
 */
export function lowestPerformers(
  assessments: readonly AssessmentRecord[],
  orgsOf: (schoolCode: string) => string[],
  share: number,
): Set<string> {
  const scores = new Map<string, Map<string, { sum: number; subjects: number }>>();
  for (const a of assessments) {
    if (a.subject === 'science' || a.scaledScore === null || !a.participated) continue;
    const span = a.grade === '10' ? 'hs' : 'nonhs';
    for (const org of orgsOf(a.schoolCode)) {
      const key = `${org}|${a.schoolYear}|${span}`;
      let m = scores.get(key);
      if (!m) scores.set(key, (m = new Map()));
      const s = m.get(a.studentId) ?? { sum: 0, subjects: 0 };
      s.sum += a.scaledScore;
      s.subjects += 1;
      m.set(a.studentId, s);
    }
  }
  const out = new Set<string>();
  for (const [key, m] of scores) {
    const [org, year] = key.split('|');
    const ranked = [...m]
      .filter(([, s]) => s.subjects >= 2)
      .map(([id, s]) => ({ id, mean: s.sum / s.subjects }))
      .sort((a, b) => a.mean - b.mean || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const take = Math.ceil(share * ranked.length);
    for (let i = 0; i < take; i++) out.add(`${org}|${year}|${ranked[i]!.id}`);
  }
  return out;
}

/** A percentage with one decimal, as the open-data files give it. */
function pct1(part: number, whole: number): string {
  return whole > 0 ? ((100 * part) / whole).toFixed(1) : '';
}

/** A whole-number percentage, as the MCAS files give it. */
function pct0(part: number, whole: number): string {
  return whole > 0 ? String(Math.round((100 * part) / whole)) : '';
}

function formatRow(
  table: AggregateTable,
  org: AggregateOrg,
  orgs: ReadonlyMap<string, AggregateOrg>,
  year: number,
  group: string,
  extra: string,
  t: readonly number[],
  options: AggregateOptions,
): string[] | null {
  const label = aggregateGroupLabels[group] ?? group;
  const district = org.districtCode ? orgs.get(org.districtCode) : undefined;
  const prefix = [
    String(year),
    district?.code ?? '',
    district?.name ?? '',
    org.code,
    org.name,
    org.level === 'school' ? 'School' : org.level === 'district' ? 'District' : 'State',
    label,
  ];
  const enough = (n: number) => n >= options.minimumN;
  switch (table) {
    case 'mcas': {
      const [records, participated, n, e, m, pm, nm, scoreSum, sgpN, sgpSum] = t as number[] as [
        number,
        number,
        number,
        number,
        number,
        number,
        number,
        number,
        number,
        number,
      ];
      if (!enough(n)) return null;
      const [subject, grade] = extra.split('|') as [string, string];
      const name =
        org.level === 'school' && district
          ? `${district.name} - ${org.name}`
          : org.level === 'state'
            ? 'State'
            : org.name;
      return [
        name,
        org.code,
        subject,
        String(e + m),
        pct0(e + m, n),
        String(e),
        pct0(e, n),
        String(m),
        pct0(m, n),
        String(pm),
        pct0(pm, n),
        String(nm),
        pct0(nm, n),
        String(n),
        pct0(participated, records),
        (scoreSum / n).toFixed(1),
        sgpN >= options.minimumGrowthN ? (sgpSum / sgpN).toFixed(1) : '',
        String(sgpN),
        String(year),
        grade,
        label,
      ];
    }
    case 'attendance': {
      const [n, membership, attended, abs10, chronic, chronic20] = t as [
        number,
        number,
        number,
        number,
        number,
        number,
      ];
      if (!enough(n)) return null;
      return [
        ...prefix,
        'End of Year',
        String(n),
        pct1(attended, membership),
        ((membership - attended) / n).toFixed(1),
        pct1(abs10, n),
        pct1(chronic, n),
        pct1(chronic20, n),
      ];
    }
    case 'enrollment':
      return [...prefix, ...t.map(String)];
    case 'selectedPopulations': {
      const [n, hn, li, el, swd] = t as [number, number, number, number, number];
      return [
        ...prefix,
        String(n),
        String(hn),
        pct1(hn, n),
        String(li),
        pct1(li, n),
        String(el),
        pct1(el, n),
        String(swd),
        pct1(swd, n),
      ];
    }
    case 'discipline': {
      const [n, disciplined, iss, oss] = t as [number, number, number, number];
      if (!enough(n)) return null;
      return [...prefix, String(n), String(disciplined), pct1(iss, n), pct1(oss, n)];
    }
    case 'graduation': {
      const [n, grad, still, dropped] = t as [number, number, number, number];
      if (!enough(n)) return null;
      return [...prefix, `${extra}-Year Graduation Rate`, String(n), pct1(grad, n), pct1(still, n), pct1(dropped, n)];
    }
    case 'dropout': {
      const [n, dropped] = t as [number, number];
      if (!enough(n)) return null;
      return [...prefix, String(n), String(dropped), pct1(dropped, n)];
    }
    case 'grade9':
    case 'advanced':
    case 'elp': {
      const [n, yes] = t as [number, number];
      if (!enough(n)) return null;
      return [...prefix, String(n), String(yes), pct1(yes, n)];
    }
  }
}
