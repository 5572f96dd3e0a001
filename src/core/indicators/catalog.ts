import type { IndicatorDefinition } from './indicator.ts';

/**
 * The indicator catalog. Adding an indicator is one entry here; `ssos demo` and the importers load it into the
 * database, where values refer to it by code. Definitions paraphrase DESE's public pages (see domain/glossary.md).
 */
export const indicatorCatalog: readonly IndicatorDefinition[] = [
  {
    code: 'enrollment_total',
    label: 'Enrollment',
    definition:
      'Number of students enrolled on October 1, counting every grade from pre-kindergarten to grade 12 and beyond.',
    unit: 'count',
    direction: 'context',
    area: 'enrollment',
    source: 'SIMS, October 1 collection',
    yearConvention: 'school_year',
    decimals: 0,
  },
  {
    code: 'high_needs_pct',
    label: 'High needs',
    definition:
      'Percent of students who are low income (or economically disadvantaged in 2015-2021), English learners or former English learners, or students with disabilities, each student counted once.',
    unit: 'percent',
    direction: 'context',
    area: 'enrollment',
    source: 'SIMS',
    yearConvention: 'school_year',
    decimals: 1,
  },
  {
    code: 'low_income_pct',
    label: 'Low income',
    definition:
      'Percent of students from low-income families: enrolled in SNAP, TAFDC, foster care or MassHealth, reported homeless, or certified by the district. Economically disadvantaged (2015-2021) is a different measure and is kept apart.',
    unit: 'percent',
    direction: 'context',
    area: 'enrollment',
    source: 'SIMS and state agency match',
    yearConvention: 'school_year',
    decimals: 1,
  },
  {
    code: 'econ_disadvantaged_pct',
    label: 'Economically disadvantaged',
    definition:
      "Percent of students enrolled in SNAP, TAFDC, DCF foster care or MassHealth (the state's 2015-2021 measure, not comparable with low income).",
    unit: 'percent',
    direction: 'context',
    area: 'enrollment',
    source: 'SIMS and state agency match',
    yearConvention: 'school_year',
    decimals: 1,
  },
  {
    code: 'english_learner_pct',
    label: 'English learners',
    definition:
      'Percent of students whose first language is not English and who cannot yet do ordinary classroom work in English.',
    unit: 'percent',
    direction: 'context',
    area: 'enrollment',
    source: 'SIMS',
    yearConvention: 'school_year',
    decimals: 1,
  },
  {
    code: 'disability_pct',
    label: 'Students with disabilities',
    definition: 'Percent of students with an Individualized Education Program (IEP).',
    unit: 'percent',
    direction: 'context',
    area: 'enrollment',
    source: 'SIMS',
    yearConvention: 'school_year',
    decimals: 1,
  },
  {
    code: 'attendance_rate',
    label: 'Attendance rate',
    definition: 'Average percent of days students attended, among students enrolled at least 20 days.',
    unit: 'percent',
    direction: 'higher_is_better',
    area: 'attendance',
    source: 'SIMS, end of year',
    yearConvention: 'school_year',
    decimals: 1,
  },
  {
    code: 'chronic_absence_pct',
    label: 'Chronically absent',
    definition:
      'Percent of students who missed at least 10% of the days they were enrolled, for any reason (18 of 180 days).',
    unit: 'percent',
    direction: 'lower_is_better',
    area: 'attendance',
    source: 'SIMS, end of year',
    yearConvention: 'school_year',
    decimals: 1,
  },
  {
    code: 'graduation_4yr_pct',
    label: '4-year graduation rate',
    definition:
      'Percent of a group of first-time 9th graders (adjusted for transfers in and out) who graduated within four years. A GED or certificate does not count.',
    unit: 'percent',
    direction: 'higher_is_better',
    area: 'completion',
    source: 'SIMS',
    yearConvention: 'cohort_year',
    decimals: 1,
  },
  // ---- DESE report indicators (imported by `ssos import dese`; definitions from domain/glossary.md) ----
  ...gradeEnrollment(),
  ...shareOfEnrollment(),
  ...populationCounts(),
  {
    code: 'average_absences',
    label: 'Average absences',
    definition: 'Average number of days a student was absent during the school year, for any reason.',
    unit: 'days',
    direction: 'lower_is_better',
    area: 'attendance',
    source: 'SIMS, end of year',
    yearConvention: 'school_year',
    decimals: 1,
  },
  {
    code: 'absent_10_plus_days_pct',
    label: 'Absent 10 or more days',
    definition: 'Percent of students absent 10 or more days during the school year, for any reason.',
    unit: 'percent',
    direction: 'lower_is_better',
    area: 'attendance',
    source: 'SIMS, end of year',
    yearConvention: 'school_year',
    decimals: 1,
  },
  {
    code: 'chronic_absence_20_pct',
    label: 'Chronically absent (20% or more)',
    definition:
      'Percent of students who missed at least 20% of the days they were enrolled, for any reason (36 of 180 days).',
    unit: 'percent',
    direction: 'lower_is_better',
    area: 'attendance',
    source: 'SIMS, end of year',
    yearConvention: 'school_year',
    decimals: 1,
  },
  {
    code: 'unexcused_absence_over_9_days_pct',
    label: 'More than 9 unexcused absences',
    definition: 'Percent of students with more than 9 unexcused absences during the school year.',
    unit: 'percent',
    direction: 'lower_is_better',
    area: 'attendance',
    source: 'SIMS, end of year',
    yearConvention: 'school_year',
    decimals: 1,
  },
  {
    code: 'in_school_suspension_pct',
    label: 'In-school suspension',
    definition:
      'Percent of students who received an in-school suspension: removed from regular classroom activities, but not from the school premises.',
    unit: 'percent',
    direction: 'lower_is_better',
    area: 'discipline',
    source: 'SSDR (School Safety and Discipline Report)',
    yearConvention: 'school_year',
    decimals: 1,
  },
  {
    code: 'out_of_school_suspension_pct',
    label: 'Out-of-school suspension',
    definition:
      'Percent of students who received a suspension served away from the school premises, short- or long-term.',
    unit: 'percent',
    direction: 'lower_is_better',
    area: 'discipline',
    source: 'SSDR (School Safety and Discipline Report)',
    yearConvention: 'school_year',
    decimals: 1,
  },
  {
    code: 'expulsion_pct',
    label: 'Expulsion',
    definition: 'Percent of students expelled: removed from school for more than 90 school days.',
    unit: 'percent',
    direction: 'lower_is_better',
    area: 'discipline',
    source: 'SSDR (School Safety and Discipline Report)',
    yearConvention: 'school_year',
    decimals: 1,
  },
  {
    code: 'emergency_removal_pct',
    label: 'Emergency removal',
    definition:
      'Percent of students removed temporarily because their presence endangered people or property or seriously disrupted the school, for at most 2 school days after the day of removal.',
    unit: 'percent',
    direction: 'lower_is_better',
    area: 'discipline',
    source: 'SSDR (School Safety and Discipline Report)',
    yearConvention: 'school_year',
    decimals: 1,
  },
  {
    code: 'retention_pct',
    label: 'Students held back',
    definition: 'Percent of students repeating the grade they were enrolled in the previous school year.',
    unit: 'percent',
    direction: 'lower_is_better',
    area: 'completion',
    source: 'SIMS',
    yearConvention: 'school_year',
    decimals: 1,
  },
  {
    code: 'grade9_passing_all_courses_pct',
    label: 'Grade 9 students passing all courses',
    definition:
      'Percent of grade 9 students who passed every course they took (a D- or better, a passing mark, 59.5 or more, or full credit).',
    unit: 'percent',
    direction: 'higher_is_better',
    area: 'completion',
    source: 'SCS (Student Course Schedule)',
    yearConvention: 'school_year',
    decimals: 1,
  },
  {
    code: 'graduation_5yr_pct',
    label: '5-year graduation rate',
    definition:
      "Percent of a group of first-time 9th graders (adjusted for transfers in and out) who graduated within five years. DESE publishes it a year after the same group's 4-year rate; ssos files both under the group's cohort year.",
    unit: 'percent',
    direction: 'higher_is_better',
    area: 'completion',
    source: 'SIMS',
    yearConvention: 'cohort_year',
    decimals: 1,
  },
  {
    code: 'cohort_dropout_4yr_pct',
    label: 'Dropped out within 4 years',
    definition:
      'Percent of a 4-year graduation cohort (first-time 9th graders, adjusted for transfers) who had dropped out by the end of their fourth year. A cohort measure, not the annual dropout rate.',
    unit: 'percent',
    direction: 'lower_is_better',
    area: 'completion',
    source: 'SIMS',
    yearConvention: 'cohort_year',
    decimals: 1,
  },
  {
    code: 'cohort_dropout_5yr_pct',
    label: 'Dropped out within 5 years',
    definition:
      'Percent of a graduation cohort (first-time 9th graders, adjusted for transfers) who had dropped out by the end of their fifth year. A cohort measure, not the annual dropout rate.',
    unit: 'percent',
    direction: 'lower_is_better',
    area: 'completion',
    source: 'SIMS',
    yearConvention: 'cohort_year',
    decimals: 1,
  },
  {
    code: 'masscore_completion_pct',
    label: 'MassCore completion',
    definition:
      "Percent of graduates who completed MassCore, the state's recommended program of study: 4 years of English and of math, 3 of lab science and of history, 2 of one world language, 1 of arts and 5 more core courses.",
    unit: 'percent',
    direction: 'higher_is_better',
    area: 'completion',
    source: 'SIMS',
    yearConvention: 'graduating_class',
    decimals: 1,
  },
  {
    code: 'advanced_coursework_pct',
    label: 'Advanced coursework completion',
    definition:
      'Percent of grade 11 and 12 students who completed at least one advanced course: AP, IB, dual enrollment for credit, Project Lead the Way, Chapter 74 cooperative or articulation programs and other listed courses.',
    unit: 'percent',
    direction: 'higher_is_better',
    area: 'college_career',
    source: 'SCS (Student Course Schedule)',
    yearConvention: 'school_year',
    decimals: 1,
  },
  {
    code: 'ap_test_takers',
    label: 'AP test takers',
    definition: 'Number of students who took at least one Advanced Placement exam.',
    unit: 'count',
    direction: 'context',
    area: 'college_career',
    source: 'College Board',
    yearConvention: 'school_year',
    decimals: 0,
  },
  {
    code: 'ap_tests_taken',
    label: 'AP tests taken',
    definition: 'Number of Advanced Placement exams taken (a student taking three exams counts three times).',
    unit: 'count',
    direction: 'context',
    area: 'college_career',
    source: 'College Board',
    yearConvention: 'school_year',
    decimals: 0,
  },
  {
    code: 'ap_score_3_5_pct',
    label: 'AP tests scoring 3 or higher',
    definition:
      'Percent of the Advanced Placement tests taken that scored 3, 4 or 5 (a share of tests, not of students).',
    unit: 'percent',
    direction: 'higher_is_better',
    area: 'college_career',
    source: 'College Board',
    yearConvention: 'school_year',
    decimals: 1,
  },
  {
    code: 'sat_tests_taken',
    label: 'SAT tests taken',
    definition: 'Number of SAT tests taken by public school students.',
    unit: 'count',
    direction: 'context',
    area: 'college_career',
    source: 'College Board',
    yearConvention: 'school_year',
    decimals: 0,
  },
  {
    code: 'sat_reading_writing_avg',
    label: 'SAT average: reading and writing',
    definition: 'Average SAT evidence-based reading and writing score (200-800) of public school test takers.',
    unit: 'score',
    direction: 'higher_is_better',
    area: 'college_career',
    source: 'College Board',
    yearConvention: 'school_year',
    decimals: 0,
  },
  {
    code: 'sat_math_avg',
    label: 'SAT average: math',
    definition: 'Average SAT math score (200-800) of public school test takers.',
    unit: 'score',
    direction: 'higher_is_better',
    area: 'college_career',
    source: 'College Board',
    yearConvention: 'school_year',
    decimals: 0,
  },
  {
    code: 'attending_college_pct',
    label: 'Graduates attending college',
    definition:
      'Percent of high school graduates enrolled in a college or university (two- or four-year, in or out of state) by the March after graduating (within 16 months for classes up to 2014), found through the National Student Clearinghouse.',
    unit: 'percent',
    direction: 'higher_is_better',
    area: 'college_career',
    source: 'SIMS and National Student Clearinghouse',
    yearConvention: 'graduating_class',
    decimals: 1,
  },
  {
    code: 'teachers_fte',
    label: 'Teachers (FTE)',
    definition: 'Number of teachers employed, in full-time equivalents (two half-time teachers count as one).',
    unit: 'fte',
    direction: 'context',
    area: 'educators',
    source: 'EPIMS',
    yearConvention: 'october_1',
    decimals: 1,
  },
  {
    code: 'teachers_licensed_pct',
    label: 'Teachers licensed',
    definition:
      'Percent of teachers holding a temporary, provisional, initial or professional license (from 2017-18; before, DESE counted licensure in the teaching assignment, kept as a separate indicator). Commonwealth charter school teachers need no license.',
    unit: 'percent',
    direction: 'higher_is_better',
    area: 'educators',
    source: 'EPIMS and ELAR',
    yearConvention: 'october_1',
    decimals: 1,
  },
  {
    code: 'teachers_experienced_pct',
    label: 'Experienced teachers',
    definition: 'Percent of teachers who have taught in a Massachusetts public school for at least three years.',
    unit: 'percent',
    direction: 'higher_is_better',
    area: 'educators',
    source: 'EPIMS',
    yearConvention: 'october_1',
    decimals: 1,
  },
  {
    code: 'teachers_in_field_pct',
    label: 'Teachers teaching in-field',
    definition:
      'Percent of teachers licensed in the subjects they teach for at least 80% of their assignments (50% in 2020-21); reported from 2018-19.',
    unit: 'percent',
    direction: 'higher_is_better',
    area: 'educators',
    source: 'EPIMS and ELAR',
    yearConvention: 'october_1',
    decimals: 1,
  },
  {
    code: 'teachers_without_waiver_pct',
    label: 'Teachers without a waiver or provisional license',
    definition: 'Percent of teachers who teach without a licensure waiver and without a provisional license.',
    unit: 'percent',
    direction: 'higher_is_better',
    area: 'educators',
    source: 'EPIMS and ELAR',
    yearConvention: 'october_1',
    decimals: 1,
  },
  {
    code: 'student_teacher_ratio',
    label: 'Students per teacher',
    definition:
      'October 1 enrollment divided by the number of teachers in full-time equivalents (DESE writes it "12.7 to 1").',
    unit: 'ratio',
    direction: 'context',
    area: 'educators',
    source: 'SIMS and EPIMS',
    yearConvention: 'october_1',
    decimals: 1,
  },
  {
    code: 'teacher_retention_pct',
    label: 'Teacher retention',
    definition:
      'Percent of teachers who are in the same position the following year. A teacher moving between schools counts as retained by the district, not by the school.',
    unit: 'percent',
    direction: 'higher_is_better',
    area: 'educators',
    source: 'EPIMS (consecutive October collections)',
    yearConvention: 'school_year',
    decimals: 1,
  },
  {
    code: 'principal_retention_pct',
    label: 'Principal retention',
    definition: 'Percent of principals who are in the same position the following year.',
    unit: 'percent',
    direction: 'higher_is_better',
    area: 'educators',
    source: 'EPIMS (consecutive October collections)',
    yearConvention: 'school_year',
    decimals: 1,
  },
  {
    code: 'superintendent_retention_pct',
    label: 'Superintendent retention',
    definition:
      'Percent of superintendents (for a district, its superintendent) in the same position the following year.',
    unit: 'percent',
    direction: 'higher_is_better',
    area: 'educators',
    source: 'EPIMS (consecutive October collections)',
    yearConvention: 'school_year',
    decimals: 1,
  },
  {
    code: 'average_class_size',
    label: 'Average class size',
    definition: 'Number of students in classes divided by the number of classes.',
    unit: 'students',
    direction: 'context',
    area: 'educators',
    source: 'SCS, SIMS and EPIMS',
    yearConvention: 'school_year',
    decimals: 1,
  },
  {
    code: 'average_teacher_salary',
    label: 'Average teacher salary',
    definition: "Total of teachers' salaries divided by the number of teachers in full-time equivalents.",
    unit: 'dollars',
    direction: 'context',
    area: 'educators',
    source: 'EPIMS and district salary reports',
    yearConvention: 'school_year',
    decimals: 0,
  },
  {
    code: 'ppe_in_district',
    label: 'In-district per-pupil expenditure',
    definition:
      "Spending on the students educated in the district's own schools, divided by their average full-time-equivalent membership.",
    unit: 'dollars',
    direction: 'context',
    area: 'finance',
    source: 'End of Year Financial Report',
    yearConvention: 'fiscal_year',
    decimals: 0,
  },
  {
    code: 'ppe_total',
    label: 'Total per-pupil expenditure',
    definition:
      'Operating spending from all funds except capital, including tuition for resident students educated elsewhere (charter schools, other districts, collaboratives, private special education), divided by every student the district pays for.',
    unit: 'dollars',
    direction: 'context',
    area: 'finance',
    source: 'End of Year Financial Report',
    yearConvention: 'fiscal_year',
    decimals: 0,
  },
  {
    code: 'net_school_spending_required',
    label: 'Required net school spending',
    definition:
      'The least a district must spend from its local contribution and Chapter 70 state aid, set from its foundation budget.',
    unit: 'dollars',
    direction: 'context',
    area: 'finance',
    source: 'Chapter 70 and End of Year Financial Report',
    yearConvention: 'fiscal_year',
    decimals: 0,
  },
  {
    code: 'net_school_spending_actual',
    label: 'Actual net school spending',
    definition:
      'What the district spent that counts toward net school spending (transportation, most capital, adult education and grant or revolving funds do not count).',
    unit: 'dollars',
    direction: 'context',
    area: 'finance',
    source: 'Chapter 70 and End of Year Financial Report',
    yearConvention: 'fiscal_year',
    decimals: 0,
  },
  {
    code: 'net_school_spending_over_under',
    label: 'Net school spending over (under) the requirement',
    definition: 'Actual minus required net school spending; negative when the district spent less than required.',
    unit: 'dollars',
    direction: 'context',
    area: 'finance',
    source: 'Chapter 70 and End of Year Financial Report',
    yearConvention: 'fiscal_year',
    decimals: 0,
  },
  {
    code: 'net_school_spending_pct_of_required',
    label: 'Actual net school spending, % of required',
    definition:
      'Actual net school spending as a percent of the requirement; 100 or more means the requirement was met.',
    unit: 'percent',
    direction: 'context',
    area: 'finance',
    source: 'Chapter 70 and End of Year Financial Report',
    yearConvention: 'fiscal_year',
    decimals: 0,
  },
  {
    code: 'foundation_budget',
    label: 'Foundation budget',
    definition:
      "The Chapter 70 formula's estimate of what adequate schooling costs for the district's enrolled students.",
    unit: 'dollars',
    direction: 'context',
    area: 'finance',
    source: 'Chapter 70',
    yearConvention: 'fiscal_year',
    decimals: 0,
  },
  {
    code: 'net_school_spending_pct_of_foundation',
    label: 'Actual net school spending, % of foundation',
    definition: "Actual net school spending as a percent of the district's foundation budget.",
    unit: 'percent',
    direction: 'context',
    area: 'finance',
    source: 'Chapter 70 and End of Year Financial Report',
    yearConvention: 'fiscal_year',
    decimals: 0,
  },
  {
    code: 'income_per_capita',
    label: 'Income per capita (town)',
    definition:
      "The town's total income reported to the Department of Revenue divided by its population, as the Chapter 70 formula uses it; stored on the town's own school district.",
    unit: 'dollars',
    direction: 'context',
    area: 'finance',
    source: 'Massachusetts Department of Revenue',
    yearConvention: 'fiscal_year',
    decimals: 0,
  },
  {
    code: 'eqv_per_capita',
    label: 'Property value per capita (town)',
    definition:
      "The town's equalized valuation (the full cash value of its taxable property, set by the Department of Revenue) divided by its population; stored on the town's own school district.",
    unit: 'dollars',
    direction: 'context',
    area: 'finance',
    source: 'Massachusetts Department of Revenue',
    yearConvention: 'fiscal_year',
    decimals: 0,
  },
  {
    code: 'annual_dropout_pct',
    label: 'Annual dropout rate',
    definition:
      'Percent of students in grades 9-12 who dropped out of school during the year and did not return by October 1 of the next year. An annual rate, not the share of a graduation cohort.',
    unit: 'percent',
    direction: 'lower_is_better',
    area: 'completion',
    source: 'SIMS',
    yearConvention: 'school_year',
    decimals: 1,
  },
  {
    code: 'elp_progress_pct',
    label: 'Progress toward English proficiency',
    definition:
      'Percent of English learners with ACCESS for ELLs results in two consecutive years who met their annual target for progress toward English language proficiency.',
    unit: 'percent',
    direction: 'higher_is_better',
    area: 'accountability',
    source: 'ACCESS for ELLs',
    yearConvention: 'school_year',
    decimals: 1,
  },
  {
    code: 'improvement_targets_progress_pct',
    label: 'Progress toward improvement targets',
    definition:
      'The criterion-referenced target percentage (0-100): points earned toward the targets set for achievement, growth, high school completion, English learner progress, advanced coursework and chronic absence, over points possible, weighted. 75 or more is meeting or exceeding targets; 50-74 substantial, 25-49 moderate, under 25 limited or no progress.',
    unit: 'percent',
    direction: 'higher_is_better',
    area: 'accountability',
    source: 'DESE accountability system',
    yearConvention: 'school_year',
    decimals: 0,
  },
  ...mcasIndicators(),
];

// ---- families of DESE indicators, one entry per grade, group or MCAS subject x grade x measure ----

function gradeEnrollment(): IndicatorDefinition[] {
  const grades: [string, string][] = [
    ['pk', 'pre-kindergarten'],
    ['k', 'kindergarten'],
    ...Array.from({ length: 12 }, (_, i): [string, string] => [String(i + 1).padStart(2, '0'), `grade ${i + 1}`]),
  ];
  return [
    ...grades.map(([g, name]): IndicatorDefinition => ({
      code: `enrollment_grade_${g}`,
      label: `Enrollment, ${name}`,
      definition: `Number of students enrolled in ${name} on October 1.`,
      unit: 'count',
      direction: 'context',
      area: 'enrollment',
      source: 'SIMS, October 1 collection',
      yearConvention: 'school_year',
      decimals: 0,
    })),
    {
      code: 'enrollment_grade_sp',
      label: 'Enrollment, beyond grade 12 (SP)',
      definition:
        'Number of students enrolled on October 1 beyond grade 12 (DESE\'s "SP": students continuing past grade 12, mostly students with disabilities up to age 22).',
      unit: 'count',
      direction: 'context',
      area: 'enrollment',
      source: 'SIMS, October 1 collection',
      yearConvention: 'school_year',
      decimals: 0,
    },
  ];
}

function shareOfEnrollment(): IndicatorDefinition[] {
  const shares: [string, string, string][] = [
    ['african_american', 'African American/Black', 'reported as African American or Black'],
    ['asian', 'Asian', 'reported as Asian'],
    ['hispanic', 'Hispanic/Latino', 'reported as Hispanic or Latino, of any race'],
    ['multi_race', 'Multi-race, non-Hispanic', 'reported with more than one race, not Hispanic or Latino'],
    ['native_american', 'Native American', 'reported as American Indian or Alaska Native'],
    ['pacific_islander', 'Native Hawaiian/Pacific Islander', 'reported as Native Hawaiian or other Pacific Islander'],
    ['white', 'White', 'reported as White, not Hispanic or Latino'],
    ['female', 'Female', 'reported as female'],
    ['male', 'Male', 'reported as male'],
    ['nonbinary', 'Non-binary', 'reported as non-binary (reported from 2019-20)'],
    [
      'first_language_not_english',
      'First language not English',
      'whose first language is a language other than English',
    ],
  ];
  return shares.map(([code, label, who]): IndicatorDefinition => ({
    code: `${code}_pct`,
    label,
    definition: `Percent of enrolled students ${who}, on October 1.`,
    unit: 'percent',
    direction: 'context',
    area: 'enrollment',
    source: 'SIMS, October 1 collection',
    yearConvention: 'school_year',
    decimals: 1,
  }));
}

function populationCounts(): IndicatorDefinition[] {
  const counts: [string, string, string][] = [
    [
      'high_needs',
      'High needs students',
      'who are low income (or economically disadvantaged in 2015-2021), English learners or former English learners, or students with disabilities, each counted once',
    ],
    ['low_income', 'Low income students', 'from low-income families (the measure used before 2015 and from 2022)'],
    [
      'econ_disadvantaged',
      'Economically disadvantaged students',
      "enrolled in SNAP, TAFDC, DCF foster care or MassHealth (the state's 2015-2021 measure)",
    ],
    [
      'english_learner',
      'English learners',
      'whose first language is not English and who cannot yet do ordinary classroom work in English',
    ],
    ['disability', 'Students with disabilities', 'with an Individualized Education Program (IEP)'],
    [
      'first_language_not_english',
      'First language not English (students)',
      'whose first language is a language other than English',
    ],
  ];
  return counts.map(([code, label, who]): IndicatorDefinition => ({
    code: `${code}_count`,
    label,
    definition: `Number of enrolled students ${who}, on October 1.`,
    unit: 'count',
    direction: 'context',
    area: 'enrollment',
    source: 'SIMS',
    yearConvention: 'school_year',
    decimals: 0,
  }));
}

// Tables behind functions: the catalog array above is built when the module loads, before later constants exist.
function mcasSubjectWords() {
  return {
    ela: 'English language arts',
    math: 'mathematics',
    sci: 'science and technology/engineering',
    bio: 'high school biology',
    phy: 'high school introductory physics',
  } as const;
}

function mcasGradeWords() {
  return {
    g03: 'grade 3',
    g04: 'grade 4',
    g05: 'grade 5',
    g06: 'grade 6',
    g07: 'grade 7',
    g08: 'grade 8',
    g10: 'grade 10',
    g38: 'grades 3-8 together',
    hs: 'high school',
  } as const;
}

/** MCAS subjects as DESE's result files name them, with the words used in definitions. */
export const mcasSubjects = mcasSubjectWords();
export type McasSubject = keyof typeof mcasSubjects;

/** MCAS grades: single grades, `g38` for grades 3-8 together, `hs` for the high school science tests. */
export const mcasGrades = mcasGradeWords();
export type McasGrade = keyof typeof mcasGrades;

/** The subject and grade pairs MCAS reports (science in grades 5, 8 and 10; biology and physics in high school). */
export function mcasSubjectGrades(): { subject: McasSubject; grade: McasGrade }[] {
  const core: McasGrade[] = ['g03', 'g04', 'g05', 'g06', 'g07', 'g08', 'g10', 'g38'];
  return [
    ...(['ela', 'math'] as const).flatMap((subject) => core.map((grade) => ({ subject, grade }))),
    ...(['g05', 'g08', 'g10', 'g38'] as const).map((grade) => ({ subject: 'sci' as const, grade })),
    { subject: 'bio', grade: 'hs' },
    { subject: 'phy', grade: 'hs' },
  ];
}

/** The code of one MCAS indicator: `mcas_<subject>_<grade>_<measure>`, e.g. `mcas_ela_g03_me_pct`. */
export function mcasIndicatorCode(subject: string, grade: string, measure: string): string {
  return `mcas_${subject}_${grade}_${measure}`;
}

function mcasIndicators(): IndicatorDefinition[] {
  const levels =
    'next-generation MCAS achievement levels: Exceeding (530-560), Meeting (500-529), Partially Meeting (470-499), Not Meeting (440-469) Expectations';
  const measures: {
    measure: string;
    label: string;
    definition: string;
    unit: IndicatorDefinition['unit'];
    direction: IndicatorDefinition['direction'];
    area: IndicatorDefinition['area'];
    decimals: number;
  }[] = [
    {
      measure: 'me_pct',
      label: 'meeting or exceeding expectations (%)',
      definition: `Percent of tested students scoring Meeting or Exceeding Expectations (${levels}).`,
      unit: 'percent',
      direction: 'higher_is_better',
      area: 'achievement',
      decimals: 0,
    },
    {
      measure: 'me_count',
      label: 'meeting or exceeding expectations (students)',
      definition: `Number of tested students scoring Meeting or Exceeding Expectations (${levels}).`,
      unit: 'count',
      direction: 'context',
      area: 'achievement',
      decimals: 0,
    },
    {
      measure: 'e_pct',
      label: 'exceeding expectations (%)',
      definition: 'Percent of tested students scoring Exceeding Expectations (530-560): beyond grade-level mastery.',
      unit: 'percent',
      direction: 'higher_is_better',
      area: 'achievement',
      decimals: 0,
    },
    {
      measure: 'e_count',
      label: 'exceeding expectations (students)',
      definition: 'Number of tested students scoring Exceeding Expectations (530-560).',
      unit: 'count',
      direction: 'context',
      area: 'achievement',
      decimals: 0,
    },
    {
      measure: 'm_pct',
      label: 'meeting expectations (%)',
      definition: 'Percent of tested students scoring Meeting Expectations (500-529): on track for the next grade.',
      unit: 'percent',
      direction: 'context',
      area: 'achievement',
      decimals: 0,
    },
    {
      measure: 'm_count',
      label: 'meeting expectations (students)',
      definition: 'Number of tested students scoring Meeting Expectations (500-529).',
      unit: 'count',
      direction: 'context',
      area: 'achievement',
      decimals: 0,
    },
    {
      measure: 'pm_pct',
      label: 'partially meeting expectations (%)',
      definition:
        'Percent of tested students scoring Partially Meeting Expectations (470-499): partial mastery, may need help.',
      unit: 'percent',
      direction: 'context',
      area: 'achievement',
      decimals: 0,
    },
    {
      measure: 'pm_count',
      label: 'partially meeting expectations (students)',
      definition: 'Number of tested students scoring Partially Meeting Expectations (470-499).',
      unit: 'count',
      direction: 'context',
      area: 'achievement',
      decimals: 0,
    },
    {
      measure: 'nm_pct',
      label: 'not meeting expectations (%)',
      definition:
        'Percent of tested students scoring Not Meeting Expectations (440-469): they have not shown grade-level understanding.',
      unit: 'percent',
      direction: 'lower_is_better',
      area: 'achievement',
      decimals: 0,
    },
    {
      measure: 'nm_count',
      label: 'not meeting expectations (students)',
      definition: 'Number of tested students scoring Not Meeting Expectations (440-469).',
      unit: 'count',
      direction: 'context',
      area: 'achievement',
      decimals: 0,
    },
    {
      measure: 'students_included',
      label: 'students included',
      definition: 'Number of students whose scores are counted in the results.',
      unit: 'count',
      direction: 'context',
      area: 'achievement',
      decimals: 0,
    },
    {
      measure: 'participation_pct',
      label: 'participation (%)',
      definition:
        'Percent of enrolled students who took the test (standard MCAS with or without accommodations, or MCAS-Alt); absent students count as not participating. Below 95% for any group triggers support.',
      unit: 'percent',
      direction: 'higher_is_better',
      area: 'achievement',
      decimals: 0,
    },
    {
      measure: 'avg_scaled_score',
      label: 'average scaled score',
      definition:
        'Average scaled score of tested students on the next-generation scale (440-560; 500 is the start of Meeting Expectations).',
      unit: 'score',
      direction: 'higher_is_better',
      area: 'achievement',
      decimals: 1,
    },
    {
      measure: 'mean_sgp',
      label: 'mean student growth percentile',
      definition:
        "Mean student growth percentile (2018 on): each student's growth ranked 1-99 against students statewide with similar earlier MCAS scores; about 50 is typical growth. Not shown for fewer than 20 students.",
      unit: 'percentile',
      direction: 'higher_is_better',
      area: 'growth',
      decimals: 1,
    },
    {
      measure: 'median_sgp',
      label: 'median student growth percentile',
      definition:
        "Median student growth percentile (DESE reported the median up to 2017, the mean from 2018): each student's growth ranked 1-99 against students statewide with similar earlier MCAS scores; about 50 is typical growth.",
      unit: 'percentile',
      direction: 'higher_is_better',
      area: 'growth',
      decimals: 1,
    },
    {
      measure: 'sgp_included',
      label: 'students with a growth percentile',
      definition:
        'Number of students with a growth percentile (a score this year and an earlier one) counted in the growth result.',
      unit: 'count',
      direction: 'context',
      area: 'growth',
      decimals: 0,
    },
    {
      measure: 'ach_pctl',
      label: 'achievement percentile',
      definition:
        "DESE's achievement percentile published with the results: the school's rank (1-99) among schools statewide on this subject's achievement [DESE's exact method unconfirmed].",
      unit: 'percentile',
      direction: 'higher_is_better',
      area: 'achievement',
      decimals: 0,
    },
  ];
  const subjectLabel: Record<string, string> = {
    ela: 'ELA',
    math: 'Math',
    sci: 'Science',
    bio: 'Biology',
    phy: 'Physics',
  };
  return mcasSubjectGrades().flatMap(({ subject, grade }) =>
    measures.map((m): IndicatorDefinition => ({
      code: mcasIndicatorCode(subject, grade, m.measure),
      label: `MCAS ${subjectLabel[subject]} ${mcasGradeWords()[grade]}: ${m.label}`,
      definition: `MCAS ${mcasSubjectWords()[subject]}, ${mcasGradeWords()[grade]}. ${m.definition}`,
      unit: m.unit,
      direction: m.direction,
      area: m.area,
      source: 'MCAS (spring tests)',
      yearConvention: 'school_year',
      decimals: m.decimals,
    })),
  );
}
