import { column, curated, derived, ignored, reasons, value, type ColumnSpec, type DeseProfile } from '../profile.ts';
import {
  apPerformance,
  enrollmentByGrade,
  enrollmentShares,
  graduationCohort,
  plansOfGraduates,
  sqmPrefix,
  sqmPrefixIds,
  staffRetention,
  teacherData,
} from './blocks.ts';

/**
 * The school reports in `dese-school-indicators/`: one row per school and year (2016-17 on), DESE's report columns
 * after six shared ones. The files concatenate years whose reports had different columns under the latest header;
 * the row layouts below say which cells older rows hold.
 */
function sqm(
  id: string,
  title: string,
  report: string,
  files: string,
  columns: readonly ColumnSpec[],
  extra: Partial<DeseProfile> & { ownNames?: boolean } = {},
): DeseProfile {
  const { ownNames, ...rest } = extra;
  const prefix = ownNames
    ? sqmPrefix.map((c) =>
        c.id === 'school_name' ? column('school_name', 'School Name', { kind: 'name', of: 'row', style: 'own' }) : c,
      )
    : sqmPrefix;
  return {
    id,
    title,
    report,
    source: 'DESE school report, as republished by the sqm-dashboards project',
    files,
    priority: 5,
    levels: ['school'],
    columns: [...prefix, ...columns],
    year: { from: 'column' },
    group: { from: 'fixed', group: 'all' },
    derivedPrefix: 'none',
    ...rest,
  };
}

/** Shares of staff by race, in the order DESE reports them (alphabetical), whatever the file's header says. */
function staffRaceShares(headers: readonly string[], who: string): ColumnSpec[] {
  const meanings = [
    ['american_indian_pct', 'American Indian or Alaska Native'],
    ['asian_pct', 'Asian'],
    ['black_pct', 'Black or African American'],
    ['hispanic_pct', 'Hispanic or Latino'],
    ['multi_race_pct', 'Multi-Race, not Hispanic or Latino'],
    ['pacific_islander_pct', 'Native Hawaiian or Pacific Islander'],
    ['white_pct', 'White'],
  ] as const;
  return meanings.map(([id, meaning], i) =>
    value(
      id,
      headers[i]!,
      derived(`${who}: ${meaning} (%)`, {
        unit: 'percent',
        note: `The file's header calls this column "${headers[i]}"; its cells hold the ${meaning} share (the values follow DESE's alphabetical order; see docs/dese-import.md).`,
      }),
    ),
  );
}

export const schoolIndicatorProfiles: readonly DeseProfile[] = [
  sqm(
    'school_teacher_data',
    'Teacher data (school)',
    'Teacher Data Report',
    'dese-school-indicators/1A_1_teacher_data.csv',
    teacherData,
    {
      derivedPrefix: 'teacher_data',
      layouts: [
        {
          to: 2017,
          cells: [
            ...sqmPrefixIds,
            'teachers_fte',
            value(
              'licensed_in_assignment_pct',
              '% of Teachers Licensed in Teaching Assignment',
              derived('% of Teachers Licensed in Teaching Assignment', { direction: 'higher_is_better' }),
            ),
            value(
              'core_academic_classes',
              'Total # of Classes in Core Academic Areas',
              derived('Total # of Classes in Core Academic Areas', { unit: 'count' }),
            ),
            value(
              'core_classes_highly_qualified_pct',
              '% of Core Academic Classes Taught by Teachers Who are Highly Qualified',
              derived('% of Core Academic Classes Taught by Teachers Who are Highly Qualified', {
                direction: 'higher_is_better',
              }),
              { n: 'core_academic_classes' },
            ),
            'student_teacher_ratio',
          ],
          note: '2016-17 rows hold the 2016-17 report: FTE, % licensed in teaching assignment, classes in core academic areas, % of them taught by highly qualified teachers, ratio.',
        },
        {
          from: 2018,
          to: 2018,
          cells: [
            ...sqmPrefixIds,
            'teachers_fte',
            'licensed_pct',
            'student_teacher_ratio',
            'experienced_pct',
            'without_waiver_pct',
          ],
          note: '2017-18 rows have no in-field column (reported from 2018-19).',
        },
      ],
      notes: [
        'Every school-year appears twice (Admin Data Item a-exp-i1 and a-exp-i3) with the same DESE figures: the second is dropped.',
      ],
    },
  ),
  sqm(
    'school_staffing_retention',
    'Staffing retention (school)',
    'Staffing Retention Rates',
    'dese-school-indicators/1A_3_staffing_retention.csv',
    staffRetention(['Principal', 'Teacher']),
    { derivedPrefix: 'staffing_retention' },
  ),
  sqm(
    'school_staff_race_gender',
    'Staff by race and gender (school)',
    'Race/Ethnicity and Gender Staffing Report',
    'dese-school-indicators/1A_3_teachers_of_color.csv',
    [
      ...staffRaceShares(
        [
          'African American (%)',
          'Asian (%)',
          'Hispanic (%)',
          'White (%)',
          'Native Amertican (%)',
          'Native Hawaiian, Pacific Islander (%)',
          'Multi-Race,Non-Hispanic (%)',
        ],
        'Staff',
      ),
      value('females_pct', 'Females (%)', derived('Staff: Females (%)')),
      value('males_pct', 'Males (%)', derived('Staff: Males (%)')),
      value('fte_count', 'FTE Count', derived('Staff FTE Count', { unit: 'fte' })),
    ],
    { derivedPrefix: 'staff_race_gender' },
  ),
  sqm(
    'school_students_disciplined',
    'Students disciplined, by days missed (school)',
    'Student Discipline Data Report: days missed',
    'dese-school-indicators/2A_1_students_disciplined.csv',
    [
      value('students', 'Students', derived('Students (discipline report)', { unit: 'count' })),
      value('students_disciplined', 'Students Disciplined', derived('Students Disciplined', { unit: 'count' })),
      value('one_day_pct', '% 1 Day', undefined, { n: 'students' }),
      value('two_to_three_days_pct', '% 2 to 3 Days', undefined, { n: 'students' }),
      value('four_to_seven_days_pct', '% 4 to 7 Days', undefined, { n: 'students' }),
      value('eight_to_ten_days_pct', '% 8 to 10 Days', undefined, { n: 'students' }),
      value('over_ten_days_pct', '% > 10 Days', undefined, { n: 'students' }),
    ],
    { derivedPrefix: 'discipline' },
  ),
  sqm(
    'school_students_suspended',
    'Students suspended and removed (school)',
    'Student Discipline Data Report',
    'dese-school-indicators/2A_1_students_suspended.csv',
    [
      value('students', 'Students', derived('Students (discipline report)', { unit: 'count' })),
      value('students_disciplined', 'Students Disciplined', derived('Students Disciplined', { unit: 'count' })),
      value('in_school_suspension_pct', '% In-School Suspension', curated('in_school_suspension_pct'), {
        n: 'students',
      }),
      value('out_of_school_suspension_pct', '% Out-of-School Suspension', curated('out_of_school_suspension_pct'), {
        n: 'students',
      }),
      value('expulsion_pct', '% Expulsion', curated('expulsion_pct'), { n: 'students' }),
      value('alternate_setting_pct', '% Removed to Alternate Setting', undefined, { n: 'students' }),
      value('emergency_removal_pct', '% Emergency Removal', curated('emergency_removal_pct'), { n: 'students' }),
      value('school_based_arrest_pct', '% Students with a School-Based Arrest', undefined, { n: 'students' }),
      value('law_enforcement_referral_pct', '% Students with a Law Enforcement Referral', undefined, { n: 'students' }),
    ],
    {
      derivedPrefix: 'discipline',
      layouts: [
        {
          to: 2018,
          cells: [
            ...sqmPrefixIds,
            'students',
            'students_disciplined',
            'in_school_suspension_pct',
            'out_of_school_suspension_pct',
            'expulsion_pct',
            'alternate_setting_pct',
            'emergency_removal_pct',
          ],
          note: 'Rows up to 2017-18 end after % Emergency Removal (arrests and referrals were reported later).',
        },
        {
          from: 2019,
          to: 2019,
          cells: [
            ...sqmPrefixIds,
            'students',
            'students_disciplined',
            'in_school_suspension_pct',
            'out_of_school_suspension_pct',
            'expulsion_pct',
            'alternate_setting_pct',
            'emergency_removal_pct',
            'school_based_arrest_pct',
          ],
          note: '2018-19 rows have no law enforcement referral column.',
        },
      ],
    },
  ),
  sqm(
    'school_attendance',
    'Student attendance (school)',
    'Student Attendance Report',
    'dese-school-indicators/2C_1_attendance.csv',
    [
      value('attendance_rate', 'Attendance Rate', curated('attendance_rate')),
      value('average_absences', 'Average # of Absences', curated('average_absences')),
      value('absent_10_plus_days_pct', 'Absent 10 or more days', curated('absent_10_plus_days_pct')),
      value('chronic_absence_pct', 'Chronically Absent (10% or more)', curated('chronic_absence_pct')),
      value('chronic_absence_20_pct', 'Chronically Absent (20% or more)', curated('chronic_absence_20_pct')),
      value('unexcused_over_9_days_pct', 'Unexcused > 9 days', curated('unexcused_absence_over_9_days_pct')),
    ],
    {
      layouts: [
        {
          to: 2021,
          cells: [
            ...sqmPrefixIds,
            'attendance_rate',
            'average_absences',
            'absent_10_plus_days_pct',
            'chronic_absence_pct',
            'unexcused_over_9_days_pct',
          ],
          note: 'Rows up to 2020-21 have no "Chronically Absent (20% or more)" cell: their fifth value is Unexcused > 9 days (it is often larger than the 10% chronic absence share, which a 20% share cannot be).',
        },
      ],
      notes: [
        'Every school-year appears twice (Admin Data Item a-vale-i1 and a-vale-i2) with the same DESE figures: the second is dropped.',
      ],
    },
  ),
  sqm(
    'school_class_size',
    'Class size by gender and selected populations (school)',
    'Class Size by Gender and Selected Populations',
    'dese-school-indicators/3A_1_average_class_size.csv',
    [
      value('classes', 'Total # of Classes', derived('Total # of Classes', { unit: 'count' })),
      value('average_class_size', 'Average Class Size', curated('average_class_size')),
      value('students', 'Number of Students', derived('Number of Students (in classes)', { unit: 'count' })),
      value('female_pct', 'Female %', derived('Students in classes: Female %')),
      value('male_pct', 'Male %', derived('Students in classes: Male %')),
      value(
        'english_learner_pct',
        'English Language Learner %',
        derived('Students in classes: English Language Learner %'),
      ),
      value(
        'disability_pct',
        'Students with Disabilities %',
        derived('Students in classes: Students with Disabilities %'),
      ),
      value(
        'econ_disadvantaged_pct',
        'Economically Disadvantaged %',
        derived('Students in classes: Economically Disadvantaged %'),
      ),
    ],
    { derivedPrefix: 'class_size' },
  ),
  sqm(
    'school_grade_subject_staffing',
    'Arts teachers by grade span (school)',
    'Teachers by grade and subject (arts)',
    'dese-school-indicators/3A_2_grade_subject_staffing.csv',
    [
      value('pk_2_fte', 'PK-2 (# )', derived('Arts teachers, PK-2 (FTE)', { unit: 'fte' })),
      value('g3_5_fte', '3-5 (# )', derived('Arts teachers, 3-5 (FTE)', { unit: 'fte' })),
      value('g6_8_fte', '6-8 (# )', derived('Arts teachers, 6-8 (FTE)', { unit: 'fte' })),
      value('g9_12_fte', '9-12 (# )', derived('Arts teachers, 9-12 (FTE)', { unit: 'fte' })),
      value(
        'multiple_grades_fte',
        'Multiple Grades (# )',
        derived('Arts teachers, multiple grades (FTE)', { unit: 'fte' }),
      ),
      value('all_grades_fte', 'All Grades (# )', derived('Arts teachers, all grades (FTE)', { unit: 'fte' })),
      value('fte_count', 'FTE Count', derived('Arts teachers (FTE Count)', { unit: 'fte' })),
      ignored(
        'student_count',
        'Student Count',
        `${reasons.computed}: the school's enrollment copied in from another report`,
      ),
      ignored(
        'art_teacher_ratio',
        'Student to Art Teacher ratio',
        `${reasons.computed} ("Infinity" where there is no arts teacher)`,
      ),
    ],
    {
      derivedPrefix: 'arts_staffing',
      notes: [
        'The report counts arts teachers (the third-party ratio column says "Art Teacher"); the grade columns are FTEs.',
      ],
    },
  ),
  sqm(
    'school_advanced_coursework',
    'Advanced course completion (school)',
    'Advanced Course Completion Report',
    'dese-school-indicators/3B_1_adv_courses.csv, 3B_1_advcoursecomprate.csv',
    [
      value('students_11_12', '# Grade 11 and 12 Students', derived('# Grade 11 and 12 Students', { unit: 'count' })),
      value(
        'students_completing',
        '# Students Completing Advanced',
        derived('# Students Completing Advanced', { unit: 'count' }),
      ),
      value('completing_pct', '% Students Completing Advanced', curated('advanced_coursework_pct'), {
        n: 'students_11_12',
      }),
      value('ela_pct', '% ELA', derived('Completing advanced ELA (%)', { unit: 'percent' }), { n: 'students_11_12' }),
      value('math_pct', '% Math', derived('Completing advanced math (%)', { unit: 'percent' }), {
        n: 'students_11_12',
      }),
      value(
        'science_tech_pct',
        '% Science and Technology',
        derived('Completing advanced science and technology (%)', { unit: 'percent' }),
        { n: 'students_11_12' },
      ),
      value(
        'computer_science_pct',
        '% Computer and Information Science',
        derived('Completing advanced computer and information science (%)', { unit: 'percent' }),
        { n: 'students_11_12' },
      ),
      value(
        'history_social_science_pct',
        '% History and Social Sciences',
        derived('Completing advanced history and social sciences (%)', { unit: 'percent' }),
        { n: 'students_11_12' },
      ),
      value('arts_pct', '% Arts', derived('Completing advanced arts (%)', { unit: 'percent' }), {
        n: 'students_11_12',
      }),
      value(
        'other_subjects_pct',
        '% All Other Subjects',
        derived('Completing advanced courses in other subjects (%)', { unit: 'percent' }),
        { n: 'students_11_12' },
      ),
      value(
        'ch74_cooperative_pct',
        ['Ch 74 Secondary Cooperative Program', '% All Other Subjects'],
        derived('Ch 74 Secondary Cooperative Program (%)', { unit: 'percent' }),
        { n: 'students_11_12' },
      ),
    ],
    {
      derivedPrefix: 'adv_course',
      notes: [
        '3B_1_advcoursecomprate.csv is the same report: its last header repeats "% All Other Subjects" where 3B_1_adv_courses.csv says "Ch 74 Secondary Cooperative Program"; the second "% All Other Subjects" is read as the Chapter 74 column.',
      ],
    },
  ),
  sqm(
    'school_ap',
    'Advanced Placement performance (school)',
    'Advanced Placement Performance',
    'dese-school-indicators/3B_1_ap.csv',
    apPerformance({
      tests: ['Tests Taken'],
      score: (k) => [`Score=${k}`],
      low: ['% Score 1-2'],
      high: ['% Score 3-5'],
    }),
    { derivedPrefix: 'ap' },
  ),
  sqm(
    'school_enrollment_by_grade',
    'Enrollment by grade (school)',
    'Enrollment by Grade Report',
    'dese-school-indicators/3B_1_enrollments_by_grade.csv',
    enrollmentByGrade(),
  ),
  sqm(
    'school_enrollment_by_race_gender',
    'Enrollment by race and gender (school)',
    'Enrollment by Race/Gender Report',
    'dese-school-indicators/3B_1_enrollments_by_race.csv',
    enrollmentShares,
    {
      layouts: [
        {
          to: 2019,
          cells: [...sqmPrefixIds, ...enrollmentShares.slice(0, 9).map((c) => c.id)],
          note: 'Rows up to 2018-19 have no Nonbinary cell (reported from 2019-20).',
        },
      ],
    },
  ),
  sqm(
    'school_masscore',
    'MassCore completion (school)',
    'MassCore Report',
    'dese-school-indicators/3B_1_masscore.csv',
    [
      value('graduated', '# Graduated', derived('# Graduated', { unit: 'count' })),
      value('completed', '# Completed MassCore', derived('# Completed MassCore', { unit: 'count' })),
      value('completed_pct', '% Completed MassCore', curated('masscore_completion_pct'), { n: 'graduated' }),
    ],
    { derivedPrefix: 'masscore' },
  ),
  sqm(
    'school_student_race_gender',
    'Students by race and gender, relabelled copy (school)',
    'Enrollment by Race/Gender Report (third-party copy)',
    'dese-school-indicators/3B_2_student_by_race_and_gender.csv',
    [
      ...[
        'African American',
        'Asian',
        'Hispanic',
        'White',
        'Native American',
        'Native Hawaiian or Pacific Islander',
        'Multi-Race or Non-Hispanic',
        'Males',
        'Females',
        'Non-Binary',
      ].map((h, i) =>
        ignored(
          `share_${i + 1}`,
          h,
          'a copy of 3B_1_enrollments_by_race.csv under shifted labels (the cell under "African American" is the American Indian share, the one under "Males" the female share): imported from that file instead',
        ),
      ),
      ignored('students_of_color_pct', 'Students of color (%)', reasons.computed),
      ignored(
        'non_white_teachers_pct',
        'Non-White Teachers %',
        `${reasons.computed} (a copy of another report's share)`,
      ),
      ignored('non_white_students_pct', 'Non-White Students %', `${reasons.computed}; no row fills it`, {
        mayBeAbsent: true,
      }),
    ],
    {
      layouts: [
        {
          to: 2019,
          cells: [
            ...sqmPrefixIds,
            ...Array.from({ length: 9 }, (_, i) => `share_${i + 1}`),
            'students_of_color_pct',
            'non_white_teachers_pct',
          ],
          note: 'Rows up to 2018-19 have no non-binary share.',
        },
      ],
      notes: [
        'Nothing is imported from this file but the schools; every figure in it is also in 3B_1_enrollments_by_race.csv.',
      ],
    },
  ),
  sqm(
    'school_teacher_race_gender',
    'Teachers by race and gender (school)',
    'Race/Ethnicity and Gender Staffing Report: teachers',
    'dese-school-indicators/3B_2_teacher_by_race_and_gender.csv',
    [
      ignored(
        'teachers_of_color_pct',
        'Teachers of color (%)',
        `${reasons.computed}: the sum of the first six race shares`,
      ),
      ...staffRaceShares(
        [
          'African American (%)',
          'Asian (%)',
          'Hispanic (%)',
          'White (%)',
          'Native American (%)',
          'Native Hawaiian Pacific Islander (%)',
          'Multi-Race Non-Hispanic (%)',
        ],
        'Teachers',
      ),
      value('females_pct', 'Females (%)', derived('Teachers: Females (%)')),
      value('males_pct', 'Males (%)', derived('Teachers: Males (%)')),
      value('fte_count', 'FTE Count', derived('Teachers FTE Count', { unit: 'fte' })),
    ],
    {
      derivedPrefix: 'teacher_race_gender',
      notes: [
        'The header names the race columns in an old order; the cells follow DESE\'s alphabetical order (American Indian, Asian, Black, Hispanic, Multi-race, Pacific Islander, White). Evidence: the third-party "Teachers of color (%)" equals the sum of the first six cells in every row, and the seventh is the largest in 97% of rows.',
      ],
    },
  ),
  sqm(
    'school_grade9_passing',
    'Grade 9 course passing (school)',
    'Grade Nine Course Passing Report',
    'dese-school-indicators/4A_1_grade_nine_course_pass.csv',
    [
      value('grade9_students', '# Grade Nine Students', derived('# Grade Nine Students', { unit: 'count' })),
      value('passing_all', '# Passing All Courses', derived('# Passing All Courses', { unit: 'count' })),
      value('passing_all_pct', '% Passing All Courses', curated('grade9_passing_all_courses_pct'), {
        n: 'grade9_students',
      }),
    ],
    { derivedPrefix: 'grade9' },
  ),
  sqm(
    'school_graduation_4yr',
    '4-year graduation rates (school)',
    'Graduation Rates Report, 4-year',
    'dese-school-indicators/4B_2_four_year_grad.csv',
    graduationCohort(4),
    {
      fileName: /four|4[-_ ]?y/i,
      derivedPrefix: 'grad_4yr',
      notes: [
        '"Academic Year" is the cohort\'s graduation year: 2016-17 is the cohort of 2017 (the same students as 2016-17 in the 5-year file).',
      ],
    },
  ),
  sqm(
    'school_graduation_5yr',
    '5-year graduation rates (school)',
    'Graduation Rates Report, 5-year',
    'dese-school-indicators/4B_2_five_year_grad.csv',
    graduationCohort(5),
    {
      fileName: /five|5[-_ ]?y/i,
      derivedPrefix: 'grad_5yr',
      notes: [
        '"Academic Year" labels the cohort, as in the 4-year file: every 2016-17 row has the same # in Cohort as the 4-year 2016-17 row, so ssos stores it under cohort 2017 (DESE published it a year later).',
      ],
    },
  ),
  sqm(
    'school_retention',
    'Students held back, by grade (school)',
    'Retention Report',
    'dese-school-indicators/4B_2_retention.csv',
    [
      value('enrolled', '# Enrolled', derived('# Enrolled (retention report)', { unit: 'count' })),
      value('retained', '# Retained', derived('# Retained (held back)', { unit: 'count' })),
      value('retained_pct', '% Retained', curated('retention_pct'), { n: 'enrolled' }),
      ...Array.from({ length: 12 }, (_, i) => {
        const g = String(i + 1).padStart(2, '0');
        return value(
          `grade_${g}_pct`,
          g,
          derived(`Held back, grade ${i + 1} (%)`, { unit: 'percent', direction: 'lower_is_better' }),
        );
      }),
    ],
    { derivedPrefix: 'retention' },
  ),
  sqm(
    'school_plans_of_graduates',
    'Plans of high school graduates (school)',
    'Plans of High School Graduates Report',
    'dese-school-indicators/4D_1_plans_of_grads.csv',
    plansOfGraduates,
    { derivedPrefix: 'plans' },
  ),
  sqm(
    'school_cte_enrollment',
    'Career and technical education enrollment (school)',
    'CTE (Chapter 74) Enrollment Report',
    'dese-school-indicators/4D_2_cte_courses.csv',
    [
      value('grade_09', 'Admin Grade 9', derived('CTE students, grade 9', { unit: 'count' })),
      value('grade_10', 'Grade 10', derived('CTE students, grade 10', { unit: 'count' })),
      value('grade_11', 'Grade 11', derived('CTE students, grade 11', { unit: 'count' })),
      value('grade_12', 'Grade 12', derived('CTE students, grade 12', { unit: 'count' })),
      value('grade_sp', 'SP', derived('CTE students, beyond grade 12 (SP)', { unit: 'count' })),
      value('total', 'Total', derived('CTE students, total', { unit: 'count' })),
      value(
        'of_all_students_pct',
        '% of All Students',
        derived('CTE students, % of all students', { unit: 'percent' }),
        { n: 'all_students' },
      ),
      value('all_students', '# of All Students', derived('# of All Students (CTE report)', { unit: 'count' })),
    ],
    {
      derivedPrefix: 'cte',
      ownNames: true,
      notes: [
        'Its "Admin Data Item" column is third-party and the next header reads "Admin Grade 9": the third party glued its label onto DESE\'s "Grade 9". School Name holds the school\'s own name here, not "District - School".',
      ],
    },
  ),
  sqm(
    'school_staff_age',
    'Nurses by age (school)',
    'Staff age report (school nurses)',
    'dese-school-indicators/5D_2_age_staffing.csv',
    [
      value('under_26', '<26 yrs (# )', derived('Nurses under 26 years (FTE)', { unit: 'fte' })),
      value('age_26_32', '26-32 yrs (#)', derived('Nurses 26-32 years (FTE)', { unit: 'fte' })),
      value('age_33_40', '33-40 yrs (#)', derived('Nurses 33-40 years (FTE)', { unit: 'fte' })),
      value('age_41_48', '41-48 yrs (#)', derived('Nurses 41-48 years (FTE)', { unit: 'fte' })),
      value('age_49_56', '49-56 yrs (#)', derived('Nurses 49-56 years (FTE)', { unit: 'fte' })),
      value('age_57_64', '57-64 yrs (#)', derived('Nurses 57-64 years (FTE)', { unit: 'fte' })),
      value('over_64', 'Over 64 yrs (#)', derived('Nurses over 64 years (FTE)', { unit: 'fte' })),
      value('fte_count', 'FTE Count', derived('Nurses (FTE Count)', { unit: 'fte' })),
      ignored(
        'student_count',
        'Student Count',
        `${reasons.computed}: the school's enrollment copied in from another report`,
        { mayBeAbsent: true },
      ),
      ignored('nurse_ratio', 'Student to Nurse Ratio', `${reasons.computed}; left out where there is no nurse`, {
        mayBeAbsent: true,
      }),
    ],
    {
      derivedPrefix: 'nurse_age',
      notes: ['The third-party ratio column names nurses: the age columns count school nurses (FTE).'],
    },
  ),
  {
    id: 'school_master_list',
    title: 'School list of the sqm-dashboards project',
    report: 'master list of schools and districts (third party)',
    source: 'sqm-dashboards project',
    files: 'dese-school-indicators/master_list_of_schools_and_districts.csv',
    // After the reports: it only names schools DESE's files have registered.
    priority: 8,
    levels: ['school'],
    columns: [
      column('school_name', 'School Name', { kind: 'name', of: 'row', style: 'own' }),
      ignored('alt_school_name', 'Alt School Name', 'another spelling the dashboards use ("#N/A" when none)'),
      ignored(
        'district',
        'District',
        "the dashboards' grouping, not always DESE's district (Horace Mann charter schools are listed under Boston)",
      ),
      ignored('district_id', 'DESE District ID', "the dashboards' grouping, as District"),
      column('school_id', 'DESE School ID', { kind: 'org_code', form: 'dese' }),
      ignored('hs', 'HS?', 'a flag for high schools; grades come from enrollment'),
    ],
    year: { from: 'none', reason: 'a list of schools: no values' },
    group: { from: 'fixed', group: 'all' },
    derivedPrefix: 'none',
    onlyKnownOrgs:
      "its school id is not an organization any DESE file names (schools in Wisconsin and New Jersey with their own ids; programs such as a high school's evening academy; 441006, an id DESE does not use)",
    notes: [
      'A third-party list: it only gives names to schools the DESE files registered (rows with other ids are set aside and counted in the summary). Ids of 6 or 7 digits are padded (160001 is 00160001).',
    ],
  },
];
