import { column, curated, derived, ignored, reasons, value, type ColumnSpec, type IndicatorRef } from '../profile.ts';

/**
 * Column groups that several layouts share: written once here, used by the school reports, the district reports and
 * the 2017 profile alike. Ids are stable: derived indicator codes are made from them.
 */

/** The first six columns of every `dese-school-indicators/` report. */
export const sqmPrefix: readonly ColumnSpec[] = [
  ignored('raw_likert', 'Raw likert calculation', reasons.thirdParty),
  ignored('likert_score', 'Likert Score', reasons.thirdParty),
  ignored('admin_data_item', 'Admin Data Item', reasons.thirdParty),
  column('academic_year', 'Academic Year', { kind: 'year' }),
  column('school_name', 'School Name', { kind: 'name', of: 'row', style: 'combined' }),
  column('dese_id', 'DESE ID', { kind: 'org_code', form: 'dese' }),
];

/** Ids of the shared prefix, in file order (row layouts of older years list them first). */
export const sqmPrefixIds = sqmPrefix.map((c) => c.id);

/** `District Name` and `District Code`, the first two columns of DESE's district exports. */
export const districtPrefix: readonly ColumnSpec[] = [
  column('district_name', 'District Name', { kind: 'name', of: 'row', style: 'own' }),
  column('district_code', 'District Code', { kind: 'org_code', form: 'dese' }),
];

/** Enrollment by grade: `PK`, `K`, `1`..`12` (school reports), `G1`.. (district), `1_Enrollment`.. (2017 profile). */
export function enrollmentByGrade(opts: { block?: string } = {}): ColumnSpec[] {
  const grades: [string, string[]][] = [
    ['pk', ['PK', 'PK_Enrollment']],
    ['k', ['K', 'K_Enrollment']],
    ...Array.from({ length: 12 }, (_, i): [string, string[]] => [
      String(i + 1).padStart(2, '0'),
      [String(i + 1), `G${i + 1}`, `${i + 1}_Enrollment`],
    ]),
    ['sp', ['SP', 'SP_Enrollment']],
  ];
  return [
    ...grades.map(([g, headers]) => value(`grade_${g}`, headers, curated(`enrollment_grade_${g}`), opts)),
    value('total', ['Total', 'TOTAL_Enrollment'], curated('enrollment_total'), opts),
  ];
}

/** Graduation cohort outcomes (`# in Cohort`, `% Graduated`, ...), 4-year or 5-year. */
export function graduationCohort(years: 4 | 5): ColumnSpec[] {
  const rate = years === 4 ? curated('graduation_4yr_pct') : curated('graduation_5yr_pct');
  const dropout = years === 4 ? curated('cohort_dropout_4yr_pct') : curated('cohort_dropout_5yr_pct');
  const n = { n: 'in_cohort' } as const;
  return [
    value('in_cohort', '# in Cohort', derived('# in Cohort', { unit: 'count' })),
    value('graduated_pct', '% Graduated', rate, n),
    value('still_in_school_pct', '% Still in School', undefined, n),
    value('non_grad_completers_pct', '% Non-Grad Completers', undefined, n),
    value('hs_equivalency_pct', ['% H.S. Equiv.', '% GED'], undefined, n),
    value('dropped_out_pct', '% Dropped Out', dropout, n),
    value('permanently_excluded_pct', '% Permanently Excluded', undefined, n),
  ];
}

/** Per-pupil expenditure (the same six columns in the 2018 CSV and the 2023 workbook). */
export const perPupilExpenditure: readonly ColumnSpec[] = [
  value(
    'in_district_expenditures',
    'In-District Expenditures',
    derived('In-District Expenditures', { unit: 'dollars' }),
  ),
  value('in_district_ftes', 'Total In-district FTEs', derived('Total In-district FTEs', { unit: 'fte' })),
  value('in_district_ppe', 'In-District Expenditures per Pupil', curated('ppe_in_district')),
  value('total_expenditures', 'Total Expenditures', derived('Total Expenditures', { unit: 'dollars' })),
  value('total_ftes', 'Total Pupil FTEs', derived('Total Pupil FTEs', { unit: 'fte' })),
  value('total_ppe', 'Total Expenditures per Pupil', curated('ppe_total')),
];

/** Teacher data: FTE, licensure, ratio, experience, waivers, in-field (school reports and the 2023 workbook). */
export const teacherData: readonly ColumnSpec[] = [
  value('teachers_fte', ['Total # of Teachers (FTE)'], curated('teachers_fte')),
  value('licensed_pct', ['Percent of Teachers Licensed', '% of Teachers Licensed'], curated('teachers_licensed_pct')),
  value(
    'student_teacher_ratio',
    ['Student/Teacher Ratio', 'Student / Teacher Ratio'],
    curated('student_teacher_ratio'),
    {
      cell: 'ratio',
    },
  ),
  value('experienced_pct', 'Percent of Experienced Teachers', curated('teachers_experienced_pct')),
  value(
    'without_waiver_pct',
    'Percent of Teachers without Waiver or Provisional License',
    curated('teachers_without_waiver_pct'),
  ),
  value('in_field_pct', 'Percent Teaching in-field', curated('teachers_in_field_pct')),
];

/** Staffing retention: totals, retained and percent for each role present. */
export function staffRetention(roles: readonly ('Superintendent' | 'Principal' | 'Teacher')[]): ColumnSpec[] {
  const codes = {
    Superintendent: 'superintendent_retention_pct',
    Principal: 'principal_retention_pct',
    Teacher: 'teacher_retention_pct',
  } as const;
  return roles.flatMap((role) => {
    const id = role.toLowerCase();
    return [
      value(`${id}_total`, `${role} Total`, derived(`${role} Total`, { unit: 'count' })),
      value(`${id}_retained`, `${role} # Retained`, derived(`${role} # Retained`, { unit: 'count' })),
      value(`${id}_retained_pct`, `${role} % Retained`, curated(codes[role]), { n: `${id}_total` }),
    ];
  });
}

/** Plans of high school graduates (shares by plan, and the graduates counted). */
export const plansOfGraduates: readonly ColumnSpec[] = [
  ...(
    [
      ['four_year_private_pct', '4 Year Private College'],
      ['four_year_public_pct', '4 Year Public College'],
      ['two_year_private_pct', '2 Year Private College'],
      ['two_year_public_pct', '2 Year Public College'],
      ['other_post_secondary_pct', 'Other Post Secondary'],
      ['apprenticeship_pct', 'Apprenticeship'],
      ['work_pct', 'Work'],
      ['military_pct', 'Military'],
      ['other_pct', 'Other'],
      ['unknown_pct', 'Unknown'],
    ] as const
  ).map(([id, header]) =>
    value(id, header, derived(`${header} (% of graduates)`, { unit: 'percent' }), { n: 'graduates' }),
  ),
  value('graduates', ['Total', 'Total Count'], derived('Graduates counted (Total)', { unit: 'count' })),
];

/** The race and gender shares of enrollment, as the school report labels them. */
export const enrollmentShares: readonly ColumnSpec[] = [
  value('native_american_pct', 'American Indian or Alaska Native', curated('native_american_pct')),
  value('asian_pct', 'Asian', curated('asian_pct')),
  value('african_american_pct', 'Black or African American', curated('african_american_pct')),
  value('hispanic_pct', 'Hispanic or Latino', curated('hispanic_pct')),
  value('multi_race_pct', 'Multi-Race, Not Hispanic or Latino', curated('multi_race_pct')),
  value('pacific_islander_pct', 'Native Hawaiian or Other Pacific Islander', curated('pacific_islander_pct')),
  value('white_pct', 'White', curated('white_pct')),
  value('female_pct', 'Female', curated('female_pct')),
  value('male_pct', 'Male', curated('male_pct')),
  value('nonbinary_pct', 'Nonbinary', curated('nonbinary_pct')),
];

/** An AP score distribution: tests taken, how many scored 1..5, and the shares. `{g}` is the group word. */
export function apPerformance(headers: {
  tests: readonly string[];
  score: (k: number) => readonly string[];
  low: readonly string[];
  high: readonly string[];
}): ColumnSpec[] {
  return [
    value('tests_taken', headers.tests, curated('ap_tests_taken')),
    ...[1, 2, 3, 4, 5].map((k) =>
      value(`score_${k}_count`, headers.score(k), derived(`AP tests scoring ${k}`, { unit: 'count' })),
    ),
    value('score_1_2_pct', headers.low, derived('% of AP tests scoring 1-2', { unit: 'percent' }), {
      n: 'tests_taken',
    }),
    value('score_3_5_pct', headers.high, curated('ap_score_3_5_pct'), { n: 'tests_taken' }),
  ];
}

/** A derived value whose label is its header. */
export function plain(id: string, header: string, ref?: IndicatorRef, n?: string): ColumnSpec {
  return value(id, header, ref, n ? { n } : {});
}
