import { describe, expect, it } from 'vitest';
import {
  StudentAggregator,
  aggregateGroupLabels,
  aggregateHeader,
  type AggregateOrg,
  type AggregateRows,
  type AggregateTable,
  type DistrictRecords,
} from './student-aggregates.ts';
import { groupOfLabel } from '../dese/groups.ts';
import type { AssessmentRecord, StudentYearRecord } from '../students/records.ts';

const orgs: AggregateOrg[] = [
  { code: '00000000', name: 'Massachusetts', level: 'state', districtCode: null },
  { code: '00010000', name: 'Alpha', level: 'district', districtCode: '00010000' },
  { code: '00010005', name: 'Alpha Elementary', level: 'school', districtCode: '00010000' },
  { code: '00010505', name: 'Alpha High', level: 'school', districtCode: '00010000' },
  { code: '00020000', name: 'Beta', level: 'district', districtCode: '00020000' },
  { code: '00020005', name: 'Beta Elementary', level: 'school', districtCode: '00020000' },
];

function year(p: Partial<StudentYearRecord> & Pick<StudentYearRecord, 'studentId' | 'schoolCode' | 'grade'>) {
  return {
    schoolYear: 2022,
    lowIncome: false,
    englishLearner: false,
    formerEnglishLearner: false,
    disability: false,
    daysInMembership: 180,
    daysAttended: 180,
    enteredLate: false,
    schoolChanges: 0,
    retained: false,
    inSchoolSuspensionDays: 0,
    outOfSchoolSuspensionDays: 0,
    coursesTaken: null,
    coursesFailed: null,
    gpa: null,
    advancedCourseCompleted: null,
    ...p,
  } satisfies StudentYearRecord;
}

function score(
  studentId: string,
  subject: AssessmentRecord['subject'],
  scaledScore: number,
  achievementLevel: AssessmentRecord['achievementLevel'],
  sgp: number | null,
): AssessmentRecord {
  return {
    studentId,
    schoolYear: 2022,
    schoolCode: '00010005',
    subject,
    grade: '04',
    participated: true,
    scaledScore,
    achievementLevel,
    sgp,
  };
}

/** District Alpha: two grade-4 students at the elementary school, two high school students. */
const alpha: DistrictRecords = {
  students: [
    { studentId: 's1', birthYear: 2012, gender: 'female', raceEthnicity: 'white' },
    { studentId: 's2', birthYear: 2012, gender: 'male', raceEthnicity: 'asian' },
    { studentId: 's3', birthYear: 2007, gender: 'female', raceEthnicity: 'hispanic' },
    { studentId: 's4', birthYear: 2006, gender: 'male', raceEthnicity: 'white' },
  ],
  studentYears: [
    // 20 days absent of 180: absent 10+ days and chronically absent (>= 18), not at 20% (36).
    year({
      studentId: 's1',
      schoolCode: '00010005',
      grade: '04',
      lowIncome: true,
      daysAttended: 160,
      inSchoolSuspensionDays: 1,
    }),
    year({ studentId: 's2', schoolCode: '00010005', grade: '04', daysAttended: 175 }),
    // 40 of 100 days absent: chronically absent at 10% and at 20%.
    year({
      studentId: 's3',
      schoolCode: '00010505',
      grade: '09',
      lowIncome: true,
      englishLearner: true,
      daysInMembership: 100,
      daysAttended: 60,
      outOfSchoolSuspensionDays: 2,
      coursesTaken: 6,
      coursesFailed: 0,
    }),
    // Enrolled 10 days: not counted for attendance (fewer than 20 days).
    year({ studentId: 's4', schoolCode: '00010505', grade: '10', daysInMembership: 10, daysAttended: 10 }),
  ],
  assessments: [
    score('s1', 'ela', 480, 'partially_meeting', 40),
    score('s2', 'ela', 520, 'exceeding', 60),
    score('s1', 'math', 490, 'partially_meeting', null),
    score('s2', 'math', 510, 'meeting', 55),
  ],
  englishProficiency: [
    { studentId: 's3', schoolYear: 2022, schoolCode: '00010505', overallLevel: 3.1, metTarget: true },
  ],
  highSchoolOutcomes: [
    {
      studentId: 's3',
      cohortYear: 2025,
      schoolCode: '00010505',
      graduatedIn4Years: false,
      graduatedIn5Years: null,
      droppedOutYear: 2022,
    },
    {
      studentId: 's4',
      cohortYear: 2024,
      schoolCode: '00010505',
      graduatedIn4Years: true,
      graduatedIn5Years: true,
      droppedOutYear: null,
    },
  ],
};

const beta: DistrictRecords = {
  students: [{ studentId: 's9', birthYear: 2012, gender: 'male', raceEthnicity: 'white' }],
  studentYears: [year({ studentId: 's9', schoolCode: '00020005', grade: '04' })],
  assessments: [],
  englishProficiency: [],
  highSchoolOutcomes: [],
};

/** The row of a table for an organization and group (and, for MCAS and graduation, a subject/grade or rate type). */
function row(
  rows: AggregateRows,
  table: AggregateTable,
  org: string,
  group: string,
  match: Record<string, string> = {},
): Record<string, string> | undefined {
  const header = aggregateHeader(table);
  const label = aggregateGroupLabels[group]!;
  const found = rows[table]
    .map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i]!])))
    .filter(
      (r) =>
        (r.ORG_CODE ?? r.school_code) === org &&
        (r.STU_GRP ?? r.student_group) === label &&
        Object.entries(match).every(([k, v]) => r[k] === v),
    );
  expect(found.length, `${table} ${org} ${group} ${JSON.stringify(match)}`).toBeLessThanOrEqual(1);
  return found[0];
}

function run(options = { minimumN: 1, minimumGrowthN: 1 }) {
  const aggregator = new StudentAggregator(orgs, options);
  const a = aggregator.addDistrict(alpha);
  const b = aggregator.addDistrict(beta);
  const state = aggregator.finish();
  return { a, b, state };
}

describe('figures from student records (hand-worked)', () => {
  it('attendance: rate, average absences, absent 10+ days, chronic absence at 10% and 20%, by group', () => {
    const { a } = run();
    // Elementary: 335 of 360 days attended; 25 days absent over 2 students; s1 absent 20 of 180 days.
    expect(row(a, 'attendance', '00010005', 'all')).toMatchObject({
      SY: '2022',
      DIST_CODE: '00010000',
      DIST_NAME: 'Alpha',
      ORG_NAME: 'Alpha Elementary',
      ORG_TYPE: 'School',
      STU_CNT: '2',
      ATTEND_RATE: '93.1',
      CNT_AVG_ABS: '12.5',
      PCT_ABS_10_DAYS: '50.0',
      PCT_CHRON_ABS_10: '50.0',
      PCT_CHRON_ABS_20: '0.0',
    });
    // District: s4 (10 days enrolled) is left out: 395 of 460 days, (20 + 5 + 40) / 3 absences.
    expect(row(a, 'attendance', '00010000', 'all')).toMatchObject({
      ORG_TYPE: 'District',
      STU_CNT: '3',
      ATTEND_RATE: '85.9',
      CNT_AVG_ABS: '21.7',
      PCT_CHRON_ABS_10: '66.7',
      PCT_CHRON_ABS_20: '33.3',
    });
    // Low income: s1 and s3, 220 of 280 days, both chronically absent.
    expect(row(a, 'attendance', '00010000', 'low_income')).toMatchObject({
      STU_CNT: '2',
      ATTEND_RATE: '78.6',
      PCT_CHRON_ABS_10: '100.0',
    });
    expect(row(a, 'attendance', '00010000', 'hispanic')).toMatchObject({ STU_CNT: '1', PCT_CHRON_ABS_20: '100.0' });
  });

  it('enrollment by grade, selected populations, discipline and grade 9 course passing', () => {
    const { a } = run();
    expect(row(a, 'enrollment', '00010000', 'all')).toMatchObject({
      G04_CNT: '2',
      G09_CNT: '1',
      G10_CNT: '1',
      G12_CNT: '0',
      GRD_TOTAL_CNT: '4',
    });
    expect(row(a, 'enrollment', '00010000', 'low_income')).toBeUndefined();
    expect(row(a, 'selectedPopulations', '00010000', 'all')).toMatchObject({
      STU_CNT: '4',
      HIGH_NEEDS_CNT: '2',
      HIGH_NEEDS_PCT: '50.0',
      LOW_INCOME_PCT: '50.0',
      EL_CNT: '1',
      EL_PCT: '25.0',
      SWD_PCT: '0.0',
    });
    expect(row(a, 'discipline', '00010000', 'all')).toMatchObject({
      STU_CNT: '4',
      STU_DISCIPL_CNT: '2',
      PCT_ISS: '25.0',
      PCT_OSS: '25.0',
    });
    expect(row(a, 'grade9', '00010505', 'all')).toMatchObject({
      STU_CNT: '1',
      PASS_ALL_CNT: '1',
      PASS_ALL_PCT: '100.0',
    });
    expect(row(a, 'grade9', '00010005', 'all')).toBeUndefined();
  });

  it('MCAS: levels, whole-number percentages, average scaled score and mean SGP, by grade and grades 3-8', () => {
    const { a } = run();
    for (const grade of ['4', 'ALL']) {
      expect(row(a, 'mcas', '00010005', 'all', { subject: 'ELA', grade })).toMatchObject({
        school_name: 'Alpha - Alpha Elementary',
        me_num: '1',
        me_percent: '50',
        e_num: '1',
        m_num: '0',
        pm_num: '1',
        pm_percent: '50',
        nm_num: '0',
        num_of_students_included: '2',
        part_rate_percent: '100',
        avg_scaled_score: '500.0',
        sgp: '50.0',
        included_in_sgp: '2',
        year: '2022',
      });
    }
    // Math: only s2 has a growth percentile.
    expect(row(a, 'mcas', '00010000', 'all', { subject: 'MATH', grade: '4' })).toMatchObject({
      school_name: 'Alpha',
      me_percent: '50',
      avg_scaled_score: '500.0',
      sgp: '55.0',
      included_in_sgp: '1',
    });
  });

  it('the lowest performing students: the lowest quarter by average ELA and math score, in each organization', () => {
    const { a, state } = run();
    // s1 (485) and s2 (515): a quarter of 2, rounded up, is s1.
    // Groups other than all students are published for grades 3-8 together (and grade 10), not grade by grade.
    expect(row(a, 'mcas', '00010005', 'female', { subject: 'ELA', grade: '4' })).toBeUndefined();
    expect(row(a, 'mcas', '00010005', 'female', { subject: 'ELA', grade: 'ALL' })).toMatchObject({
      num_of_students_included: '1',
    });
    expect(row(a, 'mcas', '00010005', 'lowest_performing', { subject: 'ELA', grade: 'ALL' })).toMatchObject({
      num_of_students_included: '1',
      avg_scaled_score: '480.0',
      sgp: '40.0',
    });
    expect(row(a, 'attendance', '00010005', 'lowest_performing')).toMatchObject({
      STU_CNT: '1',
      ATTEND_RATE: '88.9',
      PCT_CHRON_ABS_10: '100.0',
    });
    expect(row(a, 'attendance', '00010000', 'lowest_performing')).toMatchObject({ STU_CNT: '1' });
    // The state has no lowest performing group.
    expect(state.attendance.some((r) => r[6] === aggregateGroupLabels.lowest_performing)).toBe(false);
  });

  it('graduation (4- and 5-year, under the cohort year), annual dropout and English proficiency progress', () => {
    const { a } = run();
    expect(
      row(a, 'graduation', '00010505', 'all', { SY: '2025', GRAD_RATE_TYPE: '4-Year Graduation Rate' }),
    ).toMatchObject({
      COHORT_CNT: '1',
      GRAD_PCT: '0.0',
      IN_SCH_PCT: '0.0',
      DRPOUT_PCT: '100.0',
    });
    // The 2025 cohort has no fifth year yet.
    expect(
      row(a, 'graduation', '00010505', 'all', { SY: '2025', GRAD_RATE_TYPE: '5-Year Graduation Rate' }),
    ).toBeUndefined();
    expect(
      row(a, 'graduation', '00010505', 'all', { SY: '2024', GRAD_RATE_TYPE: '5-Year Graduation Rate' }),
    ).toMatchObject({
      GRAD_PCT: '100.0',
    });
    // 2022: s3 and s4 in grades 9-12, s3 dropped out.
    expect(row(a, 'dropout', '00010505', 'all')).toMatchObject({
      ENROLL_CNT: '2',
      DRPOUT_CNT: '1',
      DRPOUT_PCT: '50.0',
    });
    expect(row(a, 'elp', '00010000', 'english_learner')).toMatchObject({ EL_CNT: '1', PROGRESS_PCT: '100.0' });
  });

  it('the state adds up every district; each district returns only its own organizations', () => {
    const { a, b, state } = run();
    expect([...new Set(b.attendance.map((r) => r[3]))].sort()).toEqual(['00020000', '00020005']);
    expect(a.attendance.some((r) => r[3] === '00000000')).toBe(false);
    // s1, s2, s3 and s9: 575 of 640 days.
    expect(row(state, 'attendance', '00000000', 'all')).toMatchObject({
      DIST_CODE: '',
      ORG_TYPE: 'State',
      STU_CNT: '4',
      ATTEND_RATE: '89.8',
    });
    expect(row(state, 'enrollment', '00000000', 'all')).toMatchObject({ G04_CNT: '3', GRD_TOTAL_CNT: '5' });
    expect(row(state, 'mcas', '00000000', 'all', { subject: 'ELA', grade: 'ALL' })).toMatchObject({
      school_name: 'State',
      avg_scaled_score: '500.0',
    });
  });

  it('leaves out groups under the minimum size and growth under its own minimum, as DESE leaves them blank', () => {
    const { a } = run({ minimumN: 2, minimumGrowthN: 2 });
    expect(row(a, 'attendance', '00010005', 'all')).toBeDefined();
    expect(row(a, 'attendance', '00010000', 'hispanic')).toBeUndefined();
    expect(row(a, 'mcas', '00010005', 'all', { subject: 'ELA', grade: '4' })?.sgp).toBe('50.0');
    expect(row(a, 'mcas', '00010005', 'all', { subject: 'MATH', grade: '4' })?.sgp).toBe('');
    // Enrollment counts are published whatever their size.
    expect(row(a, 'enrollment', '00010505', 'all')?.GRD_TOTAL_CNT).toBe('2');
  });

  it('writes every group under a label the DESE importer reads back as that group', () => {
    for (const [code, label] of Object.entries(aggregateGroupLabels)) expect(groupOfLabel(label), label).toBe(code);
  });
});
