import { column, curated, derived, ignored, reasons, value, type ColumnSpec, type DeseProfile } from '../profile.ts';
import { enrollmentByGrade } from './blocks.ts';

const district = { org: 'district' } as const;

/** The legacy MCAS block of one grade and subject ("MCAS_3rdGrade_Math_P+A #", ...). */
function legacyMcas(gradeWord: string, grade: string, subject: 'Math' | 'English'): ColumnSpec[] {
  const prefix = `MCAS_${gradeWord}Grade_${subject}`;
  const id = `mcas_g${grade}_${subject === 'Math' ? 'math' : 'ela'}`;
  const block = { block: id };
  const levels: [string, string][] = [
    ['pa', 'P+A'],
    ['a', 'A'],
    ['p', 'P'],
    ['ni', 'NI'],
    ['wf', 'W/F'],
  ];
  return [
    ...levels.flatMap(([key, label]) => [
      value(`${id}_${key}_count`, `${prefix}_${label} #`, undefined, block),
      value(`${id}_${key}_pct`, `% ${prefix}_${label}`, undefined, { ...block, n: `${id}_included` }),
    ]),
    value(`${id}_included`, `${prefix}_Stud. Incl. #`, derived(`${prefix}_Stud. Incl. #`, { unit: 'count' }), block),
    value(`${id}_cpi`, `${prefix}_CPI`, derived(`${prefix}_CPI`, { unit: 'index' }), { ...block, n: `${id}_included` }),
    value(`${id}_sgp`, `${prefix}_SGP`, derived(`${prefix}_SGP (median)`, { unit: 'percentile' }), {
      ...block,
      n: `${id}_sgp_included`,
    }),
    value(
      `${id}_sgp_included`,
      `${prefix}_Incl. in SGP(#)`,
      derived(`${prefix}_Incl. in SGP(#)`, { unit: 'count' }),
      block,
    ),
  ];
}

const grades: [string, string][] = [
  ['3rd', '03'],
  ['4th', '04'],
  ['5th', '05'],
  ['6th', '06'],
  ['7th', '07'],
  ['8th', '08'],
  ['10th', '10'],
];

/**
 * The 2016-17 school profile file (302 columns, one row per school). Its enrollment and population columns are the
 * 2016-17 figures (they equal the school reports' 2016-17 rows); its outcome columns (class size, graduation,
 * college, AP, SAT, legacy MCAS, accountability) are not: they match neither 2016-17 nor 2017-18 in DESE's reports and
 * are earlier years' figures as the 2017 profile showed them. Those are imported as file-derived indicators labelled
 * "2017 profile" under 2017, never into the curated series. Salary and expenditure columns repeat the district's
 * figures on every school row: they are stored on the district.
 */
export const profile2017: DeseProfile = {
  id: 'school_profile_2017',
  title: 'School profiles 2017 (one row per school, 302 columns)',
  report: 'DESE school profiles, 2017 (Kaggle copy)',
  source: 'DESE school profiles (copy of a widely shared Kaggle file)',
  files: 'dese-school-profiles-2017/MA_Public_Schools_2017.csv',
  priority: 0,
  levels: ['school'],
  columns: [
    column('school_code', 'School Code', { kind: 'org_code', form: 'dese' }),
    column('school_name', 'School Name', { kind: 'name', of: 'row', style: 'own' }),
    column('school_type', 'School Type', {
      kind: 'org_type',
      values: { 'Public School': null, 'Charter School': 'charter' },
    }),
    ignored('function', 'Function', reasons.contact),
    ignored('contact_name', 'Contact Name', reasons.contact),
    ignored('address_1', 'Address 1', reasons.contact),
    ignored('address_2', 'Address 2', reasons.contact),
    column('town', 'Town', { kind: 'town' }),
    ignored('state', 'State', `${reasons.contact} (always MA)`),
    ignored('zip', 'Zip', reasons.contact),
    ignored('phone', 'Phone', reasons.contact),
    ignored('fax', 'Fax', reasons.contact),
    column('grade', 'Grade', { kind: 'grade_list' }),
    column('district_name', 'District Name', { kind: 'name', of: 'district', style: 'own' }),
    column('district_code', 'District Code', { kind: 'district_code' }),
    ...enrollmentByGrade(),
    value(
      'first_language_not_english_count',
      'First Language Not English',
      curated('first_language_not_english_count'),
    ),
    value('first_language_not_english_pct', '% First Language Not English', curated('first_language_not_english_pct')),
    value('english_learner_count', 'English Language Learner', curated('english_learner_count')),
    value('english_learner_pct', '% English Language Learner', curated('english_learner_pct')),
    value('disability_count', 'Students With Disabilities', curated('disability_count')),
    value('disability_pct', '% Students With Disabilities', curated('disability_pct')),
    value('high_needs_count', 'High Needs', curated('high_needs_count')),
    value('high_needs_pct', '% High Needs', curated('high_needs_pct')),
    value('econ_disadvantaged_count', 'Economically Disadvantaged', curated('econ_disadvantaged_count')),
    ignored(
      'econ_disadvantaged_pct',
      '% Economically Disadvantaged',
      'corrupt in this copy: the column was sorted on its own (94.4 for Abington High, where 97 of 452 students are economically disadvantaged); the count column is imported',
    ),
    value('african_american_pct', '% African American', curated('african_american_pct')),
    value('asian_pct', '% Asian', curated('asian_pct')),
    value('hispanic_pct', '% Hispanic', curated('hispanic_pct')),
    value('white_pct', '% White', curated('white_pct')),
    value('native_american_pct', '% Native American', curated('native_american_pct')),
    value('pacific_islander_pct', '% Native Hawaiian, Pacific Islander', curated('pacific_islander_pct')),
    value('multi_race_pct', '% Multi-Race, Non-Hispanic', curated('multi_race_pct')),
    value('male_pct', '% Males', curated('male_pct')),
    value('female_pct', '% Females', curated('female_pct')),
    value('classes', 'Total # of Classes', derived('Total # of Classes (2017 profile)', { unit: 'count' }), {
      block: 'class',
    }),
    value(
      'average_class_size',
      'Average Class Size',
      derived('Average Class Size (2017 profile)', { unit: 'students' }),
      { block: 'class' },
    ),
    value(
      'class_students',
      'Number of Students',
      derived('Number of Students in classes (2017 profile)', { unit: 'count' }),
      { block: 'class' },
    ),
    value('salary_totals', 'Salary Totals', derived('Teacher Salary Totals (2017 profile)', { unit: 'dollars' }), {
      ...district,
      block: 'salary',
    }),
    value('average_salary', 'Average Salary', derived('Average Teacher Salary (2017 profile)', { unit: 'dollars' }), {
      ...district,
      block: 'salary',
    }),
    value('salary_fte', 'FTE Count', derived('Teacher FTE Count (2017 profile, salary report)', { unit: 'fte' }), {
      ...district,
      block: 'salary',
    }),
    value(
      'in_district_expenditures',
      'In-District Expenditures',
      derived('In-District Expenditures (2017 profile)', { unit: 'dollars' }),
      { ...district, block: 'ppe' },
    ),
    value(
      'in_district_ftes',
      'Total In-district FTEs',
      derived('Total In-district FTEs (2017 profile)', { unit: 'fte' }),
      { ...district, block: 'ppe' },
    ),
    value(
      'in_district_ppe',
      'Average In-District Expenditures per Pupil',
      derived('In-District Expenditures per Pupil (2017 profile)', { unit: 'dollars' }),
      { ...district, block: 'ppe' },
    ),
    value(
      'total_expenditures',
      'Total Expenditures',
      derived('Total Expenditures (2017 profile)', { unit: 'dollars' }),
      { ...district, block: 'ppe' },
    ),
    value('total_ftes', 'Total Pupil FTEs', derived('Total Pupil FTEs (2017 profile)', { unit: 'fte' }), {
      ...district,
      block: 'ppe',
    }),
    value(
      'total_ppe',
      'Average Expenditures per Pupil',
      derived('Expenditures per Pupil (2017 profile)', { unit: 'dollars' }),
      { ...district, block: 'ppe' },
    ),
    ...(
      [
        ['in_cohort', '# in Cohort'],
        ['graduated_pct', '% Graduated'],
        ['still_in_school_pct', '% Still in School'],
        ['non_grad_completers_pct', '% Non-Grad Completers'],
        ['ged_pct', '% GED'],
        ['dropped_out_pct', '% Dropped Out'],
        ['permanently_excluded_pct', '% Permanently Excluded'],
      ] as const
    ).map(([id, header]) =>
      value(
        `grad_${id}`,
        header,
        derived(
          `${header} (4-year cohort, 2017 profile)`,
          id === 'in_cohort' ? { unit: 'count' } : { unit: 'percent' },
        ),
        {
          block: 'grad',
          ...(id === 'in_cohort' ? {} : { n: 'grad_in_cohort' }),
        },
      ),
    ),
    ...(
      [
        ['graduates', 'High School Graduates (#)'],
        ['attending', 'Attending Coll./Univ. (#)'],
        ['attending_pct', '% Attending College'],
        ['private_two_year_pct', '% Private Two-Year'],
        ['private_four_year_pct', '% Private Four-Year'],
        ['public_two_year_pct', '% Public Two-Year'],
        ['public_four_year_pct', '% Public Four-Year'],
        ['ma_community_college_pct', '% MA Community College'],
        ['ma_state_university_pct', '% MA State University'],
        ['umass_pct', '% UMass'],
      ] as const
    ).map(([id, header]) =>
      value(
        `college_${id}`,
        header,
        derived(`${header} (2017 profile)`, id.endsWith('pct') ? { unit: 'percent' } : { unit: 'count' }),
        {
          block: 'college',
          ...(id === 'attending_pct' ? { n: 'college_graduates' } : {}),
        },
      ),
    ),
    ...(
      [
        ['test_takers', 'AP_Test Takers'],
        ['tests_taken', 'AP_Tests Taken'],
        ['one_test', 'AP_One Test'],
        ['two_tests', 'AP_Two Tests'],
        ['three_tests', 'AP_Three Tests'],
        ['four_tests', 'AP_Four Tests'],
        ['five_or_more_tests', 'AP_Five or More Tests'],
        ['score_1', 'AP_Score=1'],
        ['score_2', 'AP_Score=2'],
        ['score_3', 'AP_Score=3'],
        ['score_4', 'AP_Score=4'],
        ['score_5', 'AP_Score=5'],
        ['score_1_2_pct', '% AP_Score 1-2'],
        ['score_3_5_pct', '% AP_Score 3-5'],
      ] as const
    ).map(([id, header]) =>
      value(
        `ap_${id}`,
        header,
        derived(`${header} (2017 profile)`, id.endsWith('pct') ? { unit: 'percent' } : { unit: 'count' }),
        {
          block: 'ap',
          ...(id.endsWith('pct') ? { n: 'ap_tests_taken' } : {}),
        },
      ),
    ),
    value('sat_tests_taken', 'SAT_Tests Taken', derived('SAT_Tests Taken (2017 profile)', { unit: 'count' }), {
      block: 'sat',
    }),
    value(
      'sat_reading',
      'Average SAT_Reading',
      derived('Average SAT_Reading (2017 profile)', { unit: 'score', decimals: 0 }),
      { block: 'sat' },
    ),
    value(
      'sat_writing',
      'Average SAT_Writing',
      derived('Average SAT_Writing (2017 profile)', { unit: 'score', decimals: 0 }),
      { block: 'sat' },
    ),
    value('sat_math', 'Average SAT_Math', derived('Average SAT_Math (2017 profile)', { unit: 'score', decimals: 0 }), {
      block: 'sat',
    }),
    ...(['Math', 'English'] as const).flatMap((subject) => grades.flatMap(([word, g]) => legacyMcas(word, g, subject))),
    value(
      'accountability_level',
      'Accountability and Assistance Level',
      derived('Accountability and Assistance Level (1-5, 2017 profile)', {
        unit: 'index',
        decimals: 0,
        direction: 'lower_is_better',
      }),
      { cell: 'level', block: 'acct' },
    ),
    ignored(
      'accountability_description',
      'Accountability and Assistance Description',
      `${reasons.text} (the reason for the level)`,
    ),
    value(
      'accountability_percentile',
      'School Accountability Percentile (1-99)',
      derived('School Accountability Percentile (1-99, 2017 profile)', {
        unit: 'percentile',
        decimals: 0,
        direction: 'higher_is_better',
      }),
      { block: 'acct' },
    ),
    value(
      'ppi_all',
      'Progress and Performance Index (PPI) - All Students',
      derived('Progress and Performance Index (PPI) - All Students (2017 profile)', {
        unit: 'index',
        decimals: 0,
        direction: 'higher_is_better',
      }),
      { block: 'acct' },
    ),
    value(
      'ppi_high_needs',
      'Progress and Performance Index (PPI) - High Needs Students',
      derived('Progress and Performance Index (PPI) - High Needs Students (2017 profile)', {
        unit: 'index',
        decimals: 0,
        direction: 'higher_is_better',
      }),
      { block: 'acct' },
    ),
    value(
      'district_accountability_level',
      'District_Accountability and Assistance Level',
      derived('Accountability and Assistance Level (1-5, 2017 profile)', {
        unit: 'index',
        decimals: 0,
        direction: 'lower_is_better',
        slug: 'accountability_level',
      }),
      { ...district, cell: 'level', block: 'dacct' },
    ),
    ignored(
      'district_accountability_description',
      'District_Accountability and Assistance Description',
      `${reasons.text} (the reason for the district's level)`,
    ),
    value(
      'district_ppi_all',
      'District_Progress and Performance Index (PPI) - All Students',
      derived('Progress and Performance Index (PPI) - All Students (2017 profile)', {
        unit: 'index',
        decimals: 0,
        direction: 'higher_is_better',
        slug: 'ppi_all',
      }),
      { ...district, block: 'dacct' },
    ),
    value(
      'district_ppi_high_needs',
      'District_Progress and Performance Index (PPI) - High Needs Students',
      derived('Progress and Performance Index (PPI) - High Needs Students (2017 profile)', {
        unit: 'index',
        decimals: 0,
        direction: 'higher_is_better',
        slug: 'ppi_high_needs',
      }),
      { ...district, block: 'dacct' },
    ),
  ],
  year: { from: 'fileName' },
  group: { from: 'fixed', group: 'all' },
  derivedPrefix: 'profile2017',
  notes: [
    'Year: 2017 (2016-17) from the file name. Enrollment (by grade and total), selected populations and race/gender shares are the 2016-17 figures and feed the curated indicators; they agree with dese-school-indicators.',
    'Class size, graduation, college, AP, SAT, legacy MCAS and accountability columns hold earlier years\' figures (they match neither 2016-17 nor 2017-18 in the school reports; the MCAS columns use the legacy levels last given in grades 3-8 in 2016). They are stored under 2017 as "2017 profile" indicators, never in the curated series.',
    "Salary, expenditure and District_ columns repeat the district's figure on every school row: stored once on the district (identical repeats are expected; a differing one is a problem).",
    'A block of columns that is empty in a row (grade 3 MCAS at a high school) does not apply to that school: nothing is stored for it.',
  ],
};
