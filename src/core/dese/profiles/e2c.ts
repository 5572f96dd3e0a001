import { column, curated, derived, ignored, value, type ColumnSpec, type DeseProfile } from '../profile.ts';
import { graduationCohort } from './blocks.ts';

/**
 * DESE's open-data layout (the Education-to-Career research center's datasets on educationtocareer.data.mass.gov,
 * "the same data that is also published on our DESE Profiles site"): one file per report, every year, level and
 * student group in rows, named by `SY` (the school year's ending year), `ORG_CODE` and `STU_GRP`. The synthetic
 * Commonwealth writes its aggregates in these layouts, so that `ssos demo` loads them through this importer.
 *
 * The attendance and graduation column names are DESE's (as listed for the published datasets). For the other
 * reports the measure columns follow the same naming; they are documented in docs/dese-import.md.
 */
export function e2cReport(
  id: string,
  title: string,
  report: string,
  files: string,
  columns: readonly ColumnSpec[],
  extra: Partial<DeseProfile> = {},
): DeseProfile {
  return {
    id,
    title,
    report,
    source: 'DESE open data (educationtocareer.data.mass.gov)',
    files,
    priority: 5,
    levels: ['school', 'district', 'state'],
    columns: [...e2cPrefix, ...columns],
    year: { from: 'column' },
    group: { from: 'column' },
    derivedPrefix: 'none',
    ...extra,
  };
}

/** The columns every open-data report starts with (in any order). */
export const e2cPrefix: readonly ColumnSpec[] = [
  column('sy', 'SY', { kind: 'year' }),
  column('dist_code', 'DIST_CODE', { kind: 'district_code' }),
  column('dist_name', 'DIST_NAME', { kind: 'name', of: 'district', style: 'own' }),
  column('org_code', 'ORG_CODE', { kind: 'org_code', form: 'dese' }),
  column('org_name', 'ORG_NAME', { kind: 'name', of: 'row', style: 'own' }),
  ignored('org_type', 'ORG_TYPE', 'the level (School, District, State), which the organization code already says'),
  column('stu_grp', 'STU_GRP', { kind: 'group' }, { optional: true }),
];

const count = (why: string) => `the count behind the percentages (${why}), stored as their n`;

/** The open-data graduation columns, by the ids of the school reports' graduation columns they match. */
const e2cGraduationIds: Readonly<Record<string, string>> = {
  in_cohort: 'cohort_cnt',
  graduated_pct: 'grad_pct',
  still_in_school_pct: 'in_sch_pct',
  non_grad_completers_pct: 'non_grad_pct',
  hs_equivalency_pct: 'ged_pct',
  dropped_out_pct: 'drpout_pct',
  permanently_excluded_pct: 'exclud_pct',
};

function e2cGraduationColumns(): ColumnSpec[] {
  const n = { n: 'cohort_cnt' } as const;
  const four = new Map(graduationCohort(4).map((c) => [c.id, c]));
  const ref = (id: string) => {
    const spec = four.get(id)!;
    return spec.role.kind === 'value' ? spec.role.indicator : undefined;
  };
  return [
    value('cohort_cnt', 'COHORT_CNT', ref('in_cohort')),
    value('grad_pct', 'GRAD_PCT', ref('graduated_pct'), n),
    value('in_sch_pct', 'IN_SCH_PCT', ref('still_in_school_pct'), { ...n, optional: true }),
    value('non_grad_pct', 'NON_GRAD_PCT', ref('non_grad_completers_pct'), { ...n, optional: true }),
    value('ged_pct', 'GED_PCT', ref('hs_equivalency_pct'), { ...n, optional: true }),
    value('drpout_pct', 'DRPOUT_PCT', ref('dropped_out_pct'), { ...n, optional: true }),
    value('exclud_pct', 'EXCLUD_PCT', ref('permanently_excluded_pct'), { ...n, optional: true }),
  ];
}

export const e2cProfiles: readonly DeseProfile[] = [
  e2cReport(
    'e2c_staffing',
    'Teachers, staffing and class size (open data layout)',
    'Teacher Data, Staffing Retention and Class Size Reports',
    'dese-synthetic/staffing.csv',
    [
      value('fte_teachers', 'FTE_TEACHERS', curated('teachers_fte')),
      value('stu_tchr_ratio', 'STU_TCHR_RATIO', curated('student_teacher_ratio')),
      value('pct_licensed', 'PCT_LICENSED', curated('teachers_licensed_pct')),
      value('pct_experienced', 'PCT_EXPERIENCED', curated('teachers_experienced_pct')),
      value('pct_in_field', 'PCT_IN_FIELD', curated('teachers_in_field_pct')),
      value('tchr_retain_pct', 'TCHR_RETAIN_PCT', curated('teacher_retention_pct')),
      value('prin_retain_pct', 'PRIN_RETAIN_PCT', curated('principal_retention_pct')),
      value('avg_class_size', 'AVG_CLASS_SIZE', curated('average_class_size')),
    ],
    {
      notes: [
        'Written by the synthetic Commonwealth (core/synth/context-figures.ts) in the open-data naming; DESE publishes these measures in its Teacher Data, Staffing Retention and Class Size reports.',
      ],
    },
  ),
  e2cReport(
    'e2c_finance',
    'Salaries, per-pupil expenditure and net school spending (open data layout)',
    'Per Pupil Expenditure and Chapter 70 Reports',
    'dese-synthetic/finance.csv',
    [
      value('avg_tchr_salary', 'AVG_TCHR_SALARY', curated('average_teacher_salary')),
      value('in_dist_ppe', 'IN_DIST_PPE', curated('ppe_in_district')),
      value('total_ppe', 'TOTAL_PPE', curated('ppe_total')),
      value('nss_pct_req', 'NSS_PCT_REQ', curated('net_school_spending_pct_of_required')),
    ],
    { levels: ['district', 'state'] },
  ),
  e2cReport(
    'e2c_college_going',
    'Graduates attending college (open data layout)',
    'Graduates Attending Higher Education Report',
    'dese-synthetic/college_going.csv',
    [
      ignored('grad_cnt', 'GRAD_CNT', count('high school graduates')),
      value('attend_coll_pct', 'ATTEND_COLL_PCT', curated('attending_college_pct'), { n: 'grad_cnt' }),
    ],
  ),
  e2cReport(
    'e2c_attendance',
    'Student attendance by group (open data)',
    'Student Attendance Report',
    'Student_Attendance.csv (educationtocareer.data.mass.gov); dese-synthetic/attendance.csv',
    [
      ignored('attend_period', 'ATTEND_PERIOD', 'the reporting period; ssos reads end-of-year files'),
      ignored('stu_cnt', 'STU_CNT', count('students with at least 20 days in membership'), { optional: true }),
      value('attend_rate', 'ATTEND_RATE', curated('attendance_rate'), { n: 'stu_cnt' }),
      value('cnt_avg_abs', 'CNT_AVG_ABS', curated('average_absences'), { n: 'stu_cnt' }),
      value('pct_abs_10_days', 'PCT_ABS_10_DAYS', curated('absent_10_plus_days_pct'), { n: 'stu_cnt' }),
      value('pct_chron_abs_10', 'PCT_CHRON_ABS_10', curated('chronic_absence_pct'), { n: 'stu_cnt' }),
      value('pct_chron_abs_20', 'PCT_CHRON_ABS_20', curated('chronic_absence_20_pct'), {
        n: 'stu_cnt',
        optional: true,
      }),
      value('pct_unexc_10_days', 'PCT_UNEXC_10_DAYS', curated('unexcused_absence_over_9_days_pct'), {
        n: 'stu_cnt',
        optional: true,
      }),
      ignored('district_and_school', 'DISTRICT_AND_SCHOOL', 'the district and school names joined', {
        optional: true,
      }),
    ],
    {
      notes: [
        '`STU_CNT` is not in the published dataset; ssos writes it in its own files so that each percentage carries its n.',
      ],
    },
  ),
  e2cReport(
    'e2c_graduation',
    'Graduation rates by group, 4- and 5-year (open data)',
    'Graduation Rates Report',
    'High_School_Graduation_Rates.csv (educationtocareer.data.mass.gov); dese-synthetic/graduation.csv',
    [column('grad_rate_type', 'GRAD_RATE_TYPE', { kind: 'variant' }), ...e2cGraduationColumns()],
    {
      variants: {
        column: 'grad_rate_type',
        options: [4, 5].map((years) => ({
          key: `${years}yr`,
          pattern: new RegExp(`^\\s*${years}[- ]?year`, 'i'),
          derivedPrefix: `grad_${years}yr`,
          indicators: Object.fromEntries(
            graduationCohort(years as 4 | 5).flatMap((c) =>
              c.role.kind === 'value'
                ? [
                    [
                      e2cGraduationIds[c.id] ?? c.id,
                      // Derived codes keep the school reports' column ids (`dese_grad_4yr_in_cohort`, ...).
                      c.role.indicator.kind === 'derived'
                        ? { ...c.role.indicator, slug: c.role.indicator.slug ?? c.id }
                        : c.role.indicator,
                    ],
                  ]
                : [],
            ),
          ),
        })),
      },
      notes: [
        '`GRAD_RATE_TYPE` ("4-Year Graduation Rate", "5-Year Graduation Rate") says which rate a row holds; both are stored under the cohort year `SY`, as for the school reports.',
      ],
    },
  ),
  e2cReport(
    'e2c_enrollment_by_grade',
    'Enrollment by grade (open data)',
    'Enrollment by Grade Report',
    'dese-synthetic/enrollment_by_grade.csv',
    [
      ...[
        ['pk', 'GPK_CNT'],
        ['k', 'GK_CNT'],
        ...Array.from({ length: 12 }, (_, i) => [
          String(i + 1).padStart(2, '0'),
          `G${String(i + 1).padStart(2, '0')}_CNT`,
        ]),
        ['sp', 'GRD_SP_CNT'],
      ].map(([g, header]) => value(`grade_${g}`, header!, curated(`enrollment_grade_${g}`))),
      value('total', 'GRD_TOTAL_CNT', curated('enrollment_total')),
    ],
  ),
  e2cReport(
    'e2c_selected_populations',
    'Enrollment by selected population (open data)',
    'Enrollment by Selected Population Report',
    'dese-synthetic/selected_populations.csv',
    [
      ignored('stu_cnt', 'STU_CNT', count('students enrolled')),
      value('high_needs_cnt', 'HIGH_NEEDS_CNT', curated('high_needs_count')),
      value('high_needs_pct', 'HIGH_NEEDS_PCT', curated('high_needs_pct'), { n: 'stu_cnt' }),
      value('low_income_cnt', 'LOW_INCOME_CNT', curated('low_income_count')),
      value('low_income_pct', 'LOW_INCOME_PCT', curated('low_income_pct'), { n: 'stu_cnt' }),
      value('el_cnt', 'EL_CNT', curated('english_learner_count')),
      value('el_pct', 'EL_PCT', curated('english_learner_pct'), { n: 'stu_cnt' }),
      value('swd_cnt', 'SWD_CNT', curated('disability_count')),
      value('swd_pct', 'SWD_PCT', curated('disability_pct'), { n: 'stu_cnt' }),
    ],
  ),
  e2cReport(
    'e2c_discipline',
    'Student discipline by group (open data)',
    'Student Discipline Data Report',
    'dese-synthetic/discipline.csv',
    [
      ignored('stu_cnt', 'STU_CNT', count('students enrolled')),
      value(
        'stu_discipl_cnt',
        'STU_DISCIPL_CNT',
        derived('Students Disciplined', { unit: 'count', slug: 'students_disciplined' }),
      ),
      value('pct_iss', 'PCT_ISS', curated('in_school_suspension_pct'), { n: 'stu_cnt' }),
      value('pct_oss', 'PCT_OSS', curated('out_of_school_suspension_pct'), { n: 'stu_cnt' }),
    ],
    { derivedPrefix: 'discipline' },
  ),
  e2cReport(
    'e2c_dropout',
    'Annual dropout rate, grades 9-12, by group (open data)',
    'Dropout Report',
    'dese-synthetic/dropout.csv',
    [
      ignored('enroll_cnt', 'ENROLL_CNT', count('students enrolled in grades 9-12')),
      ignored('drpout_cnt', 'DRPOUT_CNT', 'the number of dropouts, which the percentage and its n give'),
      value('drpout_pct', 'DRPOUT_PCT', curated('annual_dropout_pct'), { n: 'enroll_cnt' }),
    ],
  ),
  e2cReport(
    'e2c_grade9_passing',
    'Grade 9 course passing by group (open data)',
    'Grade Nine Course Passing Report',
    'dese-synthetic/grade9_passing.csv',
    [
      ignored('stu_cnt', 'STU_CNT', count('students in grade 9')),
      ignored('pass_all_cnt', 'PASS_ALL_CNT', 'the number passing all courses, which the percentage and its n give'),
      value('pass_all_pct', 'PASS_ALL_PCT', curated('grade9_passing_all_courses_pct'), { n: 'stu_cnt' }),
    ],
  ),
  e2cReport(
    'e2c_advanced_coursework',
    'Advanced course completion by group (open data)',
    'Advanced Course Completion Report',
    'dese-synthetic/advanced_coursework.csv',
    [
      ignored('stu_cnt', 'STU_CNT', count('students in grades 11 and 12')),
      ignored('adv_comp_cnt', 'ADV_COMP_CNT', 'the number completing, which the percentage and its n give'),
      value('adv_comp_pct', 'ADV_COMP_PCT', curated('advanced_coursework_pct'), { n: 'stu_cnt' }),
    ],
  ),
  e2cReport(
    'e2c_elp_progress',
    'Progress toward English language proficiency by group (open data)',
    'English Learner Progress (accountability data)',
    'dese-synthetic/elp_progress.csv',
    [
      ignored('el_cnt', 'EL_CNT', count('English learners with ACCESS results in two years')),
      ignored('progress_cnt', 'PROGRESS_CNT', 'the number meeting their target, which the percentage and its n give'),
      value('progress_pct', 'PROGRESS_PCT', curated('elp_progress_pct'), { n: 'el_cnt' }),
    ],
  ),
];
