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

/** The state's sums by table and year (see `StudentAggregator.stateSums`). */
export type StateSums = Map<AggregateTable, Map<number, Float64Array>>;

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

const mcasSubjectLabel = { ela: 'ELA', math: 'MATH', science: 'SCI' } as const;

// ---- tallies ----
// Figures are sums over students, kept in dense arrays per district: one cell per organization, year, group, table
// detail (MCAS subject and grade; graduation rate) and sum. A student's groups in a year are coded as one small
// number (a profile) whose list of groups is computed once. Schools are tallied record by record; a district is the
// sum of its schools (except its own lowest performing students, tallied apart); the state adds up the districts.

/** The groups figures are written for, in a fixed order. */
const groupCodes = [
  'all',
  'high_needs',
  'low_income',
  'english_learner',
  'disability',
  'african_american',
  'asian',
  'hispanic',
  'multi_race',
  'native_american',
  'pacific_islander',
  'white',
  'female',
  'male',
  'nonbinary',
  'lowest_performing',
] as const;
const GROUPS = groupCodes.length;
const LOWEST_GROUP = groupCodes.indexOf('lowest_performing');
const races: readonly string[] = groupCodes.slice(5, 12);
const genders: readonly string[] = groupCodes.slice(12, 15);
const NO_RACE = 7;
const NO_GENDER = 3;
const LOW_INCOME = 1 << 5;
const ENGLISH_LEARNER = 1 << 6;
const DISABILITY = 1 << 7;
const HIGH_NEEDS = 1 << 8;
const PROFILES = 1 << 9;
/** The profile of a student who is counted for all students only. */
const ALL_ONLY = NO_RACE | (NO_GENDER << 3);

/** The profile of a student in a year. */
function profileOf(year: StudentYearRecord | undefined, student: StudentRecord | undefined): number {
  const race = student ? races.indexOf(student.raceEthnicity) : -1;
  const gender = student && student.gender !== null ? genders.indexOf(student.gender) : -1;
  let p = (race < 0 ? NO_RACE : race) | ((gender < 0 ? NO_GENDER : gender) << 3);
  if (year) {
    if (year.lowIncome) p |= LOW_INCOME;
    if (year.englishLearner) p |= ENGLISH_LEARNER;
    if (year.disability) p |= DISABILITY;
    if (year.lowIncome || year.englishLearner || year.formerEnglishLearner || year.disability) p |= HIGH_NEEDS;
  }
  return p;
}

/** The groups (indexes into `groupCodes`) of each profile. */
const profileGroups: readonly Int8Array[] = Array.from({ length: PROFILES }, (_, p) => {
  const out = [0];
  if (p & HIGH_NEEDS) out.push(1);
  if (p & LOW_INCOME) out.push(2);
  if (p & ENGLISH_LEARNER) out.push(3);
  if (p & DISABILITY) out.push(4);
  if ((p & 7) !== NO_RACE) out.push(5 + (p & 7));
  if (((p >> 3) & 3) !== NO_GENDER) out.push(12 + ((p >> 3) & 3));
  return Int8Array.from(out);
});

/** The details of each table and the number of sums per cell. */
const mcasDetails = (['ELA', 'MATH', 'SCI'] as const).flatMap((s) =>
  ['ALL', '3', '4', '5', '6', '7', '8', '10'].map((g) => `${s}|${g}`),
);
const tableShape: Record<AggregateTable, { details: readonly string[]; sums: number }> = {
  mcas: { details: mcasDetails, sums: 10 },
  attendance: { details: [''], sums: 6 },
  enrollment: { details: [''], sums: gradeCodes.length + 1 },
  selectedPopulations: { details: [''], sums: 5 },
  discipline: { details: [''], sums: 4 },
  graduation: { details: ['4', '5'], sums: 4 },
  dropout: { details: [''], sums: 2 },
  grade9: { details: [''], sums: 2 },
  advanced: { details: [''], sums: 2 },
  elp: { details: [''], sums: 2 },
};
const mcasDetailIndex = new Map(mcasDetails.map((d, i) => [d, i]));

/** Dense sums of one table for some organizations over a range of years. */
class TableSums {
  readonly sums: Float64Array;
  readonly details: number;
  readonly width: number;
  readonly years: number;
  readonly firstYear: number;
  constructor(table: AggregateTable, orgs: number, firstYear: number, years: number) {
    const shape = tableShape[table];
    this.details = shape.details.length;
    this.width = shape.sums;
    this.years = years;
    this.firstYear = firstYear;
    this.sums = new Float64Array(orgs * years * GROUPS * this.details * this.width);
  }
  offset(org: number, year: number, group: number, detail: number): number {
    return (((org * this.years + (year - this.firstYear)) * GROUPS + group) * this.details + detail) * this.width;
  }
  /** Adds values for one group. */
  add(org: number, year: number, group: number, detail: number, values: ArrayLike<number>): void {
    const o = this.offset(org, year, group, detail);
    const s = this.sums;
    for (let i = 0; i < values.length; i++) s[o + i]! += values[i]!;
  }
  /** Adds values for every group of a profile. */
  addProfile(org: number, year: number, profile: number, detail: number, values: ArrayLike<number>): void {
    const groups = profileGroups[profile]!;
    for (let g = 0; g < groups.length; g++) this.add(org, year, groups[g]!, detail, values);
  }
}

/**
 * Accumulates figures district by district: `addDistrict` returns the rows of the district and its schools, and
 * adds the district's students to the state's figures, which `finish` returns.
 */
export class StudentAggregator {
  readonly #orgs: ReadonlyMap<string, AggregateOrg>;
  readonly #options: AggregateOptions;
  readonly #state: AggregateOrg;
  /** The state's sums by table: per year (added as districts come), for every group but the lowest performing. */
  readonly #stateSums = new Map<AggregateTable, Map<number, Float64Array>>();

  constructor(orgs: Iterable<AggregateOrg>, options: Partial<AggregateOptions> = {}) {
    this.#orgs = new Map([...orgs].map((o) => [o.code, o]));
    this.#options = { ...defaultAggregateOptions, ...options };
    const state = this.#orgs.get(stateCode);
    if (!state) throw new Error(`the organizations must include the state (${stateCode})`);
    this.#state = state;
  }

  addDistrict(records: DistrictRecords): AggregateRows {
    // The organizations of this chunk: its schools, then their district(s).
    const schoolCodes = new Set<string>();
    let firstYear = Infinity;
    let lastYear = -Infinity;
    const seeYear = (y: number) => {
      if (y < firstYear) firstYear = y;
      if (y > lastYear) lastYear = y;
    };
    for (const y of records.studentYears) {
      schoolCodes.add(y.schoolCode);
      seeYear(y.schoolYear);
    }
    for (const a of records.assessments) {
      schoolCodes.add(a.schoolCode);
      seeYear(a.schoolYear);
    }
    for (const e of records.englishProficiency) {
      schoolCodes.add(e.schoolCode);
      seeYear(e.schoolYear);
    }
    for (const o of records.highSchoolOutcomes) {
      schoolCodes.add(o.schoolCode);
      seeYear(o.cohortYear);
      if (o.droppedOutYear !== null) seeYear(o.droppedOutYear);
    }
    const schools = [...schoolCodes].filter((c) => this.#orgs.has(c)).sort();
    if (schools.length === 0) return emptyRows();
    const districtCodes = [
      ...new Set(schools.map((c) => this.#orgs.get(c)!.districtCode).filter((d): d is string => !!d && d !== null)),
    ].sort();
    const orgCodes = [...schools, ...districtCodes.filter((d) => !schoolCodes.has(d))];
    const orgIndex = new Map(orgCodes.map((c, i) => [c, i]));
    const parentOf = schools.map((c) => {
      const d = this.#orgs.get(c)!.districtCode;
      const i = d ? orgIndex.get(d) : undefined;
      return i === undefined || orgCodes[i] === c ? -1 : i;
    });
    const years = lastYear - firstYear + 1;
    const sums = Object.fromEntries(
      aggregateTableIds.map((t) => [t, new TableSums(t, orgCodes.length, firstYear, years)]),
    ) as Record<AggregateTable, TableSums>;

    tallySchools(records, sums, orgIndex, parentOf, this.#options);

    // Districts: the sum of their schools, for every group but their own lowest performing students.
    for (const t of aggregateTableIds) {
      const s = sums[t];
      const block = years * GROUPS * s.details * s.width;
      for (let school = 0; school < schools.length; school++) {
        const parent = parentOf[school]!;
        if (parent < 0) continue;
        const from = school * block;
        const to = parent * block;
        for (let y = 0; y < years; y++)
          for (let g = 0; g < GROUPS; g++) {
            if (g === LOWEST_GROUP) continue;
            const base = (y * GROUPS + g) * s.details * s.width;
            for (let i = 0; i < s.details * s.width; i++) s.sums[to + base + i]! += s.sums[from + base + i]!;
          }
      }
    }

    // The state: every district's sums (organizations that are not a school's parent are schools of no district).
    const top = orgCodes.map((_, i) => i).filter((i) => i >= schools.length || parentOf[i] === -1);
    for (const t of aggregateTableIds) {
      const s = sums[t];
      let byYear = this.#stateSums.get(t);
      if (!byYear) this.#stateSums.set(t, (byYear = new Map()));
      const cells = GROUPS * s.details * s.width;
      for (let y = 0; y < years; y++) {
        const year = firstYear + y;
        let acc = byYear.get(year);
        if (!acc) byYear.set(year, (acc = new Float64Array(cells)));
        for (const org of top) {
          const base = (org * years + y) * cells;
          for (let i = 0; i < cells; i++) {
            if (Math.floor(i / (s.details * s.width)) === LOWEST_GROUP) continue;
            acc[i]! += s.sums[base + i]!;
          }
        }
      }
    }

    const out = emptyRows();
    for (const t of aggregateTableIds) {
      const s = sums[t];
      for (let org = 0; org < orgCodes.length; org++) {
        const aggregateOrg = this.#orgs.get(orgCodes[org]!)!;
        for (let y = 0; y < years; y++)
          this.#write(out, t, aggregateOrg, firstYear + y, s.sums, s.offset(org, firstYear + y, 0, 0), s);
      }
    }
    return out;
  }

  /**
   * The state's sums so far, to be added to another aggregator's (`addStateSums`) when districts are tallied by
   * several aggregators (in worker threads): the sums are counts and whole numbers, so the order they are added in
   * does not change them.
   */
  stateSums(): StateSums {
    return new Map([...this.#stateSums].map(([t, byYear]) => [t, new Map(byYear)]));
  }

  /** Adds another aggregator's state sums (see `stateSums`). */
  addStateSums(sums: StateSums): void {
    for (const [t, byYear] of sums) {
      let mine = this.#stateSums.get(t);
      if (!mine) this.#stateSums.set(t, (mine = new Map()));
      for (const [year, values] of byYear) {
        const acc = mine.get(year);
        if (!acc) mine.set(year, Float64Array.from(values));
        else for (let i = 0; i < values.length; i++) acc[i]! += values[i]!;
      }
    }
  }

  finish(): AggregateRows {
    const out = emptyRows();
    for (const t of aggregateTableIds) {
      const byYear = this.#stateSums.get(t);
      if (!byYear) continue;
      const shape = tableShape[t];
      for (const year of [...byYear.keys()].sort((a, b) => a - b))
        this.#write(out, t, this.#state, year, byYear.get(year)!, 0, {
          details: shape.details.length,
          width: shape.sums,
        });
    }
    return out;
  }

  /** The rows of one organization and year: every group and detail with students. */
  #write(
    out: AggregateRows,
    table: AggregateTable,
    org: AggregateOrg,
    year: number,
    sums: Float64Array,
    base: number,
    s: { details: number; width: number },
  ): void {
    const details = tableShape[table].details;
    for (let g = 0; g < GROUPS; g++)
      for (let d = 0; d < s.details; d++) {
        const o = base + (g * s.details + d) * s.width;
        let any = false;
        for (let i = o; i < o + s.width && !any; i++) any = sums[i] !== 0;
        if (!any) continue;
        const t = Array.from(sums.subarray(o, o + s.width));
        // Enrollment and selected populations are published for all students only.
        if (g !== 0 && (table === 'enrollment' || table === 'selectedPopulations')) continue;
        const row = formatRow(table, org, this.#orgs, year, groupCodes[g]!, details[d]!, t, this.#options);
        if (row) out[table].push(row);
      }
  }
}

function emptyRows(): AggregateRows {
  return Object.fromEntries(aggregateTableIds.map((t) => [t, [] as string[][]])) as AggregateRows;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Tallies every record at its school (and, for the district's own lowest performing students, at the district). */
function tallySchools(
  records: DistrictRecords,
  sums: Record<AggregateTable, TableSums>,
  orgIndex: ReadonlyMap<string, number>,
  parentOf: readonly number[],
  options: AggregateOptions,
): void {
  interface Person {
    student: StudentRecord | undefined;
    years: Map<number, StudentYearRecord>;
    latest: StudentYearRecord | undefined;
  }
  const people = new Map<string, Person>();
  const person = (id: string): Person => {
    let p = people.get(id);
    if (!p) people.set(id, (p = { student: undefined, years: new Map(), latest: undefined }));
    return p;
  };
  for (const s of records.students) person(s.studentId).student = s;
  for (const y of records.studentYears) {
    const p = person(y.studentId);
    p.years.set(y.schoolYear, y);
    if (!p.latest || y.schoolYear > p.latest.schoolYear) p.latest = y;
  }
  const lowest = lowestPerformers(records.assessments, orgIndex, parentOf, options.lowestPerformingShare);
  /** Adds the lowest performing group where the student is in it (the school's or the district's own). */
  const addLowest = (
    t: TableSums,
    studentId: string,
    school: number,
    year: number,
    detail: number,
    v: ArrayLike<number>,
  ) => {
    const marks = lowest.get(studentId);
    if (!marks) return;
    for (const org of [school, parentOf[school]!]) {
      if (org >= 0 && marks.includes(org * 10_000 + year)) t.add(org, year, LOWEST_GROUP, detail, v);
    }
  };

  const v = new Float64Array(gradeCodes.length + 1);
  const set = (...values: number[]) => {
    for (let i = 0; i < values.length; i++) v[i] = values[i]!;
    return v.subarray(0, values.length);
  };
  const enrollment = new Float64Array(gradeCodes.length + 1);
  enrollment[gradeCodes.length] = 1;

  for (const y of records.studentYears) {
    const school = orgIndex.get(y.schoolCode);
    if (school === undefined) continue;
    const p = people.get(y.studentId)!;
    const profile = profileOf(y, p.student);
    const year = y.schoolYear;
    const gradeSlot = gradeCodes.indexOf(y.grade);
    enrollment[gradeSlot] = 1;
    sums.enrollment.add(school, year, 0, 0, enrollment);
    enrollment[gradeSlot] = 0;
    sums.selectedPopulations.add(
      school,
      year,
      0,
      0,
      set(1, profile & HIGH_NEEDS ? 1 : 0, y.lowIncome ? 1 : 0, y.englishLearner ? 1 : 0, y.disability ? 1 : 0),
    );
    const iss = y.inSchoolSuspensionDays > 0 ? 1 : 0;
    const oss = y.outOfSchoolSuspensionDays > 0 ? 1 : 0;
    sums.discipline.addProfile(school, year, profile, 0, set(1, iss || oss, iss, oss));
    if (y.daysInMembership >= options.attendanceMinimumDays) {
      const absent = y.daysInMembership - y.daysAttended;
      const values = set(
        1,
        y.daysInMembership,
        y.daysAttended,
        absent >= 10 ? 1 : 0,
        absent >= options.chronicAbsenceRate * y.daysInMembership ? 1 : 0,
        absent >= 2 * options.chronicAbsenceRate * y.daysInMembership ? 1 : 0,
      );
      sums.attendance.addProfile(school, year, profile, 0, values);
      addLowest(sums.attendance, y.studentId, school, year, 0, values);
    }
    if (y.grade === '09' && y.coursesTaken !== null && y.coursesTaken > 0)
      sums.grade9.addProfile(school, year, profile, 0, set(1, y.coursesFailed === 0 ? 1 : 0));
    if (y.advancedCourseCompleted !== null && (y.grade === '11' || y.grade === '12'))
      sums.advanced.addProfile(school, year, profile, 0, set(1, y.advancedCourseCompleted ? 1 : 0));
    if (y.grade === '09' || y.grade === '10' || y.grade === '11' || y.grade === '12')
      sums.dropout.addProfile(school, year, profile, 0, set(1, 0));
  }

  // MCAS, as DESE publishes it: grade 10 and grades 3-8 together for every group, each of grades 3-8 for all
  // students.
  for (const a of records.assessments) {
    const school = orgIndex.get(a.schoolCode);
    if (school === undefined) continue;
    const p = people.get(a.studentId);
    const profile = profileOf(p?.years.get(a.schoolYear), p?.student);
    const scored = a.participated && a.scaledScore !== null;
    const level = a.achievementLevel;
    const values = set(
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
    );
    const subject = mcasSubjectLabel[a.subject];
    const span = mcasDetailIndex.get(`${subject}|${a.grade === '10' ? '10' : 'ALL'}`)!;
    sums.mcas.addProfile(school, a.schoolYear, profile, span, values);
    addLowest(sums.mcas, a.studentId, school, a.schoolYear, span, values);
    if (a.grade !== '10') {
      const grade = mcasDetailIndex.get(`${subject}|${Number(a.grade)}`);
      if (grade !== undefined) sums.mcas.addProfile(school, a.schoolYear, ALL_ONLY, grade, values);
    }
  }

  for (const e of records.englishProficiency) {
    const school = orgIndex.get(e.schoolCode);
    if (school === undefined) continue;
    const p = people.get(e.studentId);
    sums.elp.addProfile(
      school,
      e.schoolYear,
      profileOf(p?.years.get(e.schoolYear), p?.student),
      0,
      set(1, e.metTarget ? 1 : 0),
    );
  }

  // Graduation cohorts (4- and 5-year, filed under the cohort year) and annual dropouts.
  for (const o of records.highSchoolOutcomes) {
    const school = orgIndex.get(o.schoolCode);
    if (school === undefined) continue;
    const p = people.get(o.studentId);
    const profile = profileOf(p?.latest, p?.student);
    // A cohort's outcome after 4 (detail 0) or 5 years (detail 1): graduated, still in school, or dropped out.
    const outcome = (graduated: boolean, years: 4 | 5) => {
      const dropped = !graduated && o.droppedOutYear !== null && o.droppedOutYear <= o.cohortYear + (years - 4);
      sums.graduation.addProfile(
        school,
        o.cohortYear,
        profile,
        years - 4,
        set(1, graduated ? 1 : 0, !graduated && !dropped ? 1 : 0, dropped ? 1 : 0),
      );
    };
    outcome(o.graduatedIn4Years, 4);
    if (o.graduatedIn5Years !== null) outcome(o.graduatedIn5Years, 5);
    if (o.droppedOutYear !== null) {
      const then = p?.years.get(o.droppedOutYear);
      const at = then ? orgIndex.get(then.schoolCode) : school;
      if (at !== undefined)
        sums.dropout.addProfile(at, o.droppedOutYear, profileOf(then ?? p?.latest, p?.student), 0, set(0, 1));
    }
  }
}

/**
 * The lowest performing students of each organization, year and span (grades 3-8; grade 10): the students with
 * both an ELA and a math score whose average scaled score is in the lowest share, ties broken by student id so the
 * group has a fixed size. Organizations are a school and its district (`parentOf`). Returns, per student, the
 * organizations and years (`org * 10000 + year`) where the student is in the group.
 */
export function lowestPerformers(
  assessments: readonly AssessmentRecord[],
  orgIndex: ReadonlyMap<string, number>,
  parentOf: readonly number[],
  share: number,
): Map<string, number[]> {
  const scores = new Map<number, Map<string, { sum: number; subjects: number }>>();
  for (const a of assessments) {
    if (a.subject === 'science' || a.scaledScore === null || !a.participated) continue;
    const school = orgIndex.get(a.schoolCode);
    if (school === undefined) continue;
    const span = a.grade === '10' ? 1 : 0;
    for (const org of [school, parentOf[school] ?? -1]) {
      if (org < 0) continue;
      const key = (org * 10_000 + a.schoolYear) * 2 + span;
      let m = scores.get(key);
      if (!m) scores.set(key, (m = new Map()));
      const s = m.get(a.studentId);
      if (s) {
        s.sum += a.scaledScore;
        s.subjects += 1;
      } else m.set(a.studentId, { sum: a.scaledScore, subjects: 1 });
    }
  }
  const out = new Map<string, number[]>();
  for (const [key, m] of scores) {
    const orgYear = Math.floor(key / 2);
    const ranked = [...m]
      .filter(([, s]) => s.subjects >= 2)
      .map(([id, s]) => ({ id, mean: s.sum / s.subjects }))
      .sort((a, b) => a.mean - b.mean || cmp(a.id, b.id));
    const take = Math.ceil(share * ranked.length);
    for (let i = 0; i < take; i++) {
      const list = out.get(ranked[i]!.id);
      if (list) list.push(orgYear);
      else out.set(ranked[i]!.id, [orgYear]);
    }
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
