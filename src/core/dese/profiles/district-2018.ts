import { column, curated, derived, ignored, reasons, value, type ColumnSpec, type DeseProfile } from '../profile.ts';
import {
  apPerformance,
  districtPrefix,
  enrollmentByGrade,
  perPupilExpenditure,
  plansOfGraduates,
  staffRetention,
} from './blocks.ts';

/**
 * A DESE district export: a title row ("2017-18 Enrollment By Grade (District)") that gives the school year (and,
 * for the reports by group, the student group), then `District Name`, `District Code` and the report's columns. Rows
 * are districts and the state ("State Totals", code 0).
 */
export function districtReport(
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
    source: 'DESE district report',
    files,
    priority: 5,
    levels: ['district', 'state'],
    columns: [...districtPrefix, ...columns],
    year: { from: 'title' },
    group: { from: 'fixed', group: 'all' },
    derivedPrefix: 'none',
    ...extra,
  };
}

const byGroup = { group: { from: 'title' } } as const;

export const district2018Profiles: readonly DeseProfile[] = [
  districtReport(
    'district_enrollment_by_grade',
    'Enrollment by grade (district)',
    'Enrollment By Grade (District)',
    'dese-district-2018/df_data/1_enrollment_grade.csv',
    enrollmentByGrade(),
  ),
  districtReport(
    'district_enrollment_by_race_gender',
    'Enrollment by race and gender (district)',
    'Enrollment By Race/Gender Report (District)',
    'dese-district-2018/df_data/2_enrollment_racegender.csv',
    [
      value('african_american_pct', 'enroll_aa', curated('african_american_pct')),
      value('asian_pct', 'enroll_asian', curated('asian_pct')),
      value('hispanic_pct', 'enroll_hispanic', curated('hispanic_pct')),
      value('white_pct', 'enroll_white', curated('white_pct')),
      value('native_american_pct', 'enroll_native', curated('native_american_pct')),
      value('pacific_islander_pct', 'enroll_islander', curated('pacific_islander_pct')),
      value('multi_race_pct', 'enroll_multirace', curated('multi_race_pct')),
      value('male_pct', '%_enroll_male', curated('male_pct')),
      value('female_pct', '%_enroll_female', curated('female_pct')),
      value('not_white_pct', 'enroll_not_white', derived('Not White (%) [enroll_not_white]', { unit: 'percent' })),
    ],
    { derivedPrefix: 'enrollment', notes: ['Despite their names, the enroll_<race> columns are percentages.'] },
  ),
  districtReport(
    'district_selected_populations_2018',
    'Enrollment by selected population, 2017-18 (district)',
    'Selected Populations Report (District)',
    'dese-district-2018/df_data/3_enrollment_selectedpopulations.csv',
    [
      value(
        'first_language_not_english_count',
        'enroll_first_not_english',
        curated('first_language_not_english_count'),
      ),
      value('first_language_not_english_pct', '%_enroll_first_not_english', curated('first_language_not_english_pct')),
      value('english_learner_count', 'enroll_ELL', curated('english_learner_count')),
      value('english_learner_pct', '%_enroll_ELL', curated('english_learner_pct')),
      value('disability_count', 'enroll_disabilities', curated('disability_count')),
      value('disability_pct', '%_enroll_disabilities', curated('disability_pct')),
      value('high_needs_count', 'enroll_highneeds', curated('high_needs_count')),
      value('high_needs_pct', '%_enroll_high_needs', curated('high_needs_pct')),
      value('econ_disadvantaged_count', 'enroll_low_econ', curated('econ_disadvantaged_count')),
      value('econ_disadvantaged_pct', '%_enroll_low_econ', curated('econ_disadvantaged_pct')),
    ],
    { notes: ['"low_econ" in 2017-18 is the economically disadvantaged measure (2015-2021), not low income.'] },
  ),
  districtReport(
    'district_staff_race_gender',
    'Staff by race and gender (district)',
    'Race/Ethnicity and Gender Staffing Report (District), all staff',
    'dese-district-2018/df_data/4_staff_racegender.csv',
    [
      value('black_pct', '%_staff_aa', derived('Staff: Black or African American (%)', { unit: 'percent' })),
      value('asian_pct', '%_staff_asian', derived('Staff: Asian (%)', { unit: 'percent' })),
      value('hispanic_pct', '%_staff_hispanic', derived('Staff: Hispanic or Latino (%)', { unit: 'percent' })),
      value('white_pct', '%_staff_white', derived('Staff: White (%)', { unit: 'percent' })),
      value(
        'american_indian_pct',
        '%_staff_native',
        derived('Staff: American Indian or Alaska Native (%)', { unit: 'percent' }),
      ),
      value(
        'pacific_islander_pct',
        '%_staff_islander',
        derived('Staff: Native Hawaiian or Pacific Islander (%)', { unit: 'percent' }),
      ),
      value(
        'multi_race_pct',
        '%_staff_multirace',
        derived('Staff: Multi-Race, not Hispanic or Latino (%)', { unit: 'percent' }),
      ),
      value('females_pct', '%_staff_female', derived('Staff: Females (%)')),
      value('males_pct', '%_staff_male', derived('Staff: Males (%)')),
      value('fte_count', 'staff_FTE', derived('Staff FTE Count', { unit: 'fte' })),
      value('not_white_pct', '%_staff_notwhite', derived('Staff: not White (%)', { unit: 'percent' })),
    ],
    { derivedPrefix: 'staff_race_gender' },
  ),
  districtReport(
    'district_class_size_race',
    'Class size by race/ethnicity (district)',
    'Class Size by Race/Ethnicity Report',
    'dese-district-2018/df_data/5_class_size_raceethnicity.csv',
    (
      [
        ['black_pct', 'Percent Class Black'],
        ['asian_pct', 'Percent Class Asian'],
        ['hispanic_pct', 'Percent Class Hispanic'],
        ['white_pct', 'Percent Class White'],
        ['native_pct', 'Percent Class Native'],
        ['islander_pct', 'Percent Class Islander'],
        ['multirace_pct', 'Percent Class Multirace'],
      ] as const
    ).map(([id, header]) => value(id, header, derived(header, { unit: 'percent' }))),
    { derivedPrefix: 'class_size_race' },
  ),
  districtReport(
    'district_class_size',
    'Class size by gender and selected populations (district)',
    'Class Size by Gender and Selected Population',
    'dese-district-2018/df_data/6_class_size_selectedpopulations.csv',
    [
      value('classes', 'Number of Classes', derived('Total # of Classes', { unit: 'count' })),
      value('average_class_size', 'Average Class Size', curated('average_class_size')),
      value('female_pct', '% Class Female', derived('Students in classes: Female %')),
      value('male_pct', '% Class Male', derived('Students in classes: Male %')),
      value('english_learner_pct', '% Class ELL', derived('Students in classes: English Language Learner %')),
      value('disability_pct', '% Class Disabled', derived('Students in classes: Students with Disabilities %')),
      value(
        'low_income_pct',
        '% Class Low Income',
        derived('Students in classes: Low Income % (district report)', { unit: 'percent' }),
      ),
    ],
    { derivedPrefix: 'class_size' },
  ),
  districtReport(
    'district_teacher_salaries',
    'Teacher salaries (district)',
    'Teacher Salaries Report',
    'dese-district-2018/df_data/7_teacher_salaries.csv',
    [
      value('salary_totals', 'Salary Totals', derived('Teacher Salary Totals', { unit: 'dollars' })),
      value('average_salary', 'Average Salary', curated('average_teacher_salary')),
      value('fte_count', 'FTE Count', derived('Teacher FTE Count (salary report)', { unit: 'fte' })),
    ],
    { derivedPrefix: 'teacher_salaries' },
  ),
  districtReport(
    'district_net_school_spending',
    'Chapter 70 foundation budget and net school spending (district)',
    'Chapter 70 Foundation Budget and Net School Spending',
    'dese-district-2018/df_data/8_net_spending.csv',
    [
      value('required', 'Required NSS', curated('net_school_spending_required')),
      value('actual', 'Actual NSS', curated('net_school_spending_actual')),
      value('over_under', 'Amount Over or Under Required', curated('net_school_spending_over_under')),
      value('pct_of_required', 'Actual NSS as % of Required', curated('net_school_spending_pct_of_required')),
      value('foundation_budget', 'Foundation Budget', curated('foundation_budget')),
      value(
        'pct_of_foundation',
        'Public Actual NSS as % of Foundation',
        curated('net_school_spending_pct_of_foundation'),
      ),
    ],
    { notes: ['The title\'s year ("2017 Chapter 70 ...") is a fiscal year.'] },
  ),
  districtReport(
    'district_per_pupil_expenditure',
    'Per-pupil expenditure (district)',
    'Per Pupil Expenditures, All Funds',
    'dese-district-2018/df_data/9_per_pupil_expenditures.csv, dese-district-2023/PerPupilExpenditures.xlsx',
    perPupilExpenditure,
    {
      derivedPrefix: 'ppe',
      notes: [
        'The title\'s year ("2017 Per Pupil Expenditures", "2023Per Pupil Expenditure") is a fiscal year. Dollar cells may carry "$".',
      ],
    },
  ),
  districtReport(
    'district_advanced_coursework',
    'Advanced course completion by group (district)',
    'Advanced Course Completion Report (District)',
    'dese-district-2018/{df_data,other_data}/advancedcourse<group>.csv',
    [
      value(
        'students_11_12',
        ['# All 11/12 Students', '#_11_12_student_{g}'],
        derived('# Grade 11 and 12 Students', { unit: 'count' }),
      ),
      value(
        'students_completing',
        ['# All Advanced Students', '# _advanced_students_{g}'],
        derived('# Students Completing Advanced', { unit: 'count' }),
      ),
      value(
        'completing_pct',
        ['% All Completed Advanced', '%_complete_advanced_{g}'],
        curated('advanced_coursework_pct'),
        { n: 'students_11_12' },
      ),
      value('ela_pct', '%_ELA_{g}', derived('Completing advanced ELA (%)', { unit: 'percent' }), {
        n: 'students_11_12',
      }),
      value('math_pct', '%_math_{g}', derived('Completing advanced math (%)', { unit: 'percent' }), {
        n: 'students_11_12',
      }),
      value(
        'science_tech_pct',
        '%_science_tech_{g}',
        derived('Completing advanced science and technology (%)', { unit: 'percent' }),
        { n: 'students_11_12' },
      ),
      value(
        'history_social_science_pct',
        '%_history_socialscience_{g}',
        derived('Completing advanced history and social sciences (%)', { unit: 'percent' }),
        { n: 'students_11_12' },
      ),
      value('arts_pct', '%_arts_{g}', derived('Completing advanced arts (%)', { unit: 'percent' }), {
        n: 'students_11_12',
      }),
      value(
        'other_subjects_pct',
        '%_other_subjects_{g}',
        derived('Completing advanced courses in other subjects (%)', { unit: 'percent' }),
        { n: 'students_11_12' },
      ),
      ignored(
        'completed_advanced_nonwhite',
        '%_completedadvanced_nonwhite',
        `${reasons.computed}: 100 minus the white students' completion rate`,
        { optional: true },
      ),
    ],
    {
      ...byGroup,
      derivedPrefix: 'adv_course',
      notes: [
        'The group comes from the title ("... - Economically Disadvantaged"), not from the file name (`lowecon`).',
      ],
    },
  ),
  districtReport(
    'district_ap_participation',
    'Advanced Placement participation by group (district)',
    'Advanced Placement Participation',
    'dese-district-2018/{df_data,other_data}/appart<group>.csv',
    [
      value('test_takers', 'test_takers_{g}', curated('ap_test_takers')),
      value('tests_taken', 'tests_taken_{g}', derived('AP tests taken (participation report)', { unit: 'count' })),
      value('one_test', 'one_test_{g}', derived('AP test takers taking one test', { unit: 'count' })),
      value('two_tests', 'two_tests_{g}', derived('AP test takers taking two tests', { unit: 'count' })),
      value('three_tests', 'three_tests_{g}', derived('AP test takers taking three tests', { unit: 'count' })),
      value('four_tests', 'four_tests_{g}', derived('AP test takers taking four tests', { unit: 'count' })),
      value(
        'five_or_more_tests',
        'five_ormore_tests_{g}',
        derived('AP test takers taking five or more tests', { unit: 'count' }),
      ),
    ],
    {
      ...byGroup,
      derivedPrefix: 'ap_participation',
      notes: [
        "Its tests_taken is a separate indicator from the performance report's: where few students took tests the participation report leaves it empty while the performance report gives it.",
      ],
    },
  ),
  districtReport(
    'district_ap_performance',
    'Advanced Placement performance by group (district)',
    'Advanced Placement Performance',
    'dese-district-2018/other_data/apperf<group>.csv',
    apPerformance({
      tests: ['tests_taken_{g}'],
      score: (k) => [`score=${k}_{g}`],
      low: ['%_score_1-2_{g}'],
      high: ['%_score_3-5_{g}'],
    }),
    { ...byGroup, derivedPrefix: 'ap' },
  ),
  districtReport(
    'district_sat',
    'SAT performance by group (district)',
    'SAT Performance Report',
    'dese-district-2018/{df_data,other_data}/sat<group>.csv',
    [
      value('tests_taken', 'sat_tests_taken_{g}', curated('sat_tests_taken')),
      value('reading_writing', 'reading_writing_{g}', curated('sat_reading_writing_avg')),
      value('math', 'math_{g}', curated('sat_math_avg'), { emptyTwinBefore: true }),
    ],
    {
      ...byGroup,
      notes: [
        "Some groups' files repeat the math header: the first copy is always empty, the second holds the average.",
      ],
    },
  ),
  districtReport(
    'district_educator_evaluation',
    'Educator evaluation ratings (district)',
    'Educator Evaluation Performance (District) - All Educators',
    'dese-district-2018/df_data/zEducatorEvalPerf.csv',
    [
      value(
        'to_be_evaluated',
        '# of Educators to be Evaluated',
        derived('# of Educators to be Evaluated', { unit: 'count' }),
      ),
      value('evaluated', '# Evaluated', derived('# Evaluated', { unit: 'count' })),
      value('evaluated_pct', '% Evaluated', undefined, { n: 'to_be_evaluated' }),
      value('exemplary_pct', '% Exemplary', undefined, { n: 'evaluated' }),
      value('proficient_pct', '% Proficient', undefined, { n: 'evaluated' }),
      value('needs_improvement_pct', '% Needs Improvement', undefined, { n: 'evaluated' }),
      value('unsatisfactory_pct', '% Unsatisfactory', undefined, { n: 'evaluated' }),
    ],
    { derivedPrefix: 'educator_evaluation' },
  ),
  districtReport(
    'district_college_attendance',
    'Graduates attending college by group (district)',
    'Graduates Attending Institutions of Higher Education (District)',
    'dese-district-2018/df_data/z<group>Gradsattendingcollege.csv',
    [
      value('graduates', '{p}High School Graduates (#)', derived('High School Graduates (#)', { unit: 'count' })),
      value('attending', '{p}Attending Coll./Univ. (#)', derived('Attending Coll./Univ. (#)', { unit: 'count' })),
      value('attending_pct', '{p}Attending Coll./Univ. (%)', curated('attending_college_pct'), { n: 'graduates' }),
      ...(
        [
          ['private_two_year_pct', 'Private Two-Year (%)'],
          ['private_four_year_pct', 'Private Four-Year (%)'],
          ['public_two_year_pct', 'Public Two-Year (%)'],
          ['public_four_year_pct', 'Public Four-Year (%)'],
          ['ma_community_college_pct', 'MA Community College (%)'],
          ['ma_state_university_pct', 'MA State University (%)'],
          ['umass_pct', 'Univ.of Mass. (%)'],
        ] as const
      ).map(([id, header]) =>
        value(id, header, derived(`College attendees at: ${header}`, { unit: 'percent' }), { optional: true }),
      ),
    ],
    {
      ...byGroup,
      derivedPrefix: 'college',
      notes: [
        'The group files name their columns "Black ...", "Hisp ...", "Low Income ...", "White ..."; the group comes from the title.',
      ],
    },
  ),
  districtReport(
    'district_plans_of_graduates',
    'Plans of high school graduates (district)',
    'Plans of High School Graduates Report (District)',
    'dese-district-2018/df_data/zplansforhsgrad.csv',
    plansOfGraduates,
    { derivedPrefix: 'plans' },
  ),
  districtReport(
    'district_staffing_retention',
    'Staffing retention (district)',
    'Staffing Retention Report',
    'dese-district-2018/df_data/zstaffingretention.csv',
    staffRetention(['Superintendent', 'Principal', 'Teacher']),
    {
      derivedPrefix: 'staffing_retention',
      notes: ['The title says "2017Staffing Retention Report": school year 2017.'],
    },
  ),
  {
    id: 'district_directory_2018',
    title: 'District directory with addresses (2018)',
    report: 'DESE organization directory (districts)',
    source: 'DESE directory',
    files: 'dese-district-2018/other_data/locations.csv',
    priority: 0,
    levels: ['district'],
    columns: [
      column('org_name', 'Org Name', { kind: 'name', of: 'row', style: 'own' }),
      column('org_code', 'Org Code', { kind: 'org_code', form: 'dese' }),
      column('org_type', 'Org Type', {
        kind: 'org_type',
        values: { 'Public School District': null, 'Charter District': 'charter' },
      }),
      ignored('title_1', 'Title I Status', reasons.text),
      ignored('function', 'Function', reasons.contact),
      ignored('contact', 'Contact Name', reasons.contact),
      ignored('address_1', 'Address 1', reasons.contact),
      ignored('address_2', 'Address 2', reasons.contact),
      column('town', 'Town', { kind: 'town' }),
      ignored('state', 'State', reasons.contact),
      ignored('zip', 'Zip', reasons.contact),
      ignored('phone', 'Phone', reasons.contact),
      ignored('fax', 'Fax', reasons.contact),
    ],
    year: { from: 'none', reason: 'a directory: no values' },
    group: { from: 'fixed', group: 'all' },
    derivedPrefix: 'none',
    notes: [
      'Names the districts (including non-operating ones, "Acton (non-op)"); Town is the superintendent\'s office town.',
    ],
  },
  {
    id: 'district_merged_r_dataset',
    title: 'Merged district dataset (R export)',
    report: 'a join of the df_data files made in R',
    source: 'third party',
    files: 'dese-district-2018/csv_R/data.csv',
    priority: 5,
    levels: ['district', 'state'],
    columns: [
      column('district_name', 'District Name', { kind: 'name', of: 'row', style: 'own' }),
      ...[
        'PK',
        'G1',
        'Total',
        'enroll_aa',
        'Required NSS',
        '%_completedadvanced_nonwhite',
        'White Attending Coll./Univ. (%)',
      ].map((h, i) => ignored(`signature_${i}`, h, 'part of the signature of this file')),
    ],
    year: { from: 'none', reason: 'not imported' },
    group: { from: 'fixed', group: 'all' },
    derivedPrefix: 'none',
    skip: 'a join of the df_data files (the same figures) keyed by district name only, with 99999 for missing values: the df_data files are imported instead',
  },
];
