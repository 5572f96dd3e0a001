import type { IndicatorArea, YearConvention } from '../indicators/indicator.ts';

/**
 * Families of file-derived indicators. A derived indicator's code is `dese_<family>_<column id>`; its catalog entry
 * (source, area, year convention, the report named in its definition) comes from the family, so that the school and
 * district versions of one report write the same entry whichever file comes first.
 */
export interface DerivedFamily {
  report: string;
  source: string;
  area: IndicatorArea;
  yearConvention: YearConvention;
}

export const derivedFamilies: Readonly<Record<string, DerivedFamily>> = {
  teacher_data: {
    report: 'Teacher Data Report',
    source: 'EPIMS and ELAR',
    area: 'educators',
    yearConvention: 'october_1',
  },
  staffing_retention: {
    report: 'Staffing Retention Rates',
    source: 'EPIMS',
    area: 'educators',
    yearConvention: 'school_year',
  },
  staff_race_gender: {
    report: 'Race/Ethnicity and Gender Staffing Report, all staff',
    source: 'EPIMS',
    area: 'educators',
    yearConvention: 'october_1',
  },
  teacher_race_gender: {
    report: 'Race/Ethnicity and Gender Staffing Report, teachers',
    source: 'EPIMS',
    area: 'educators',
    yearConvention: 'october_1',
  },
  discipline: {
    report: 'Student Discipline Data Report',
    source: 'SSDR (School Safety and Discipline Report)',
    area: 'discipline',
    yearConvention: 'school_year',
  },
  class_size: {
    report: 'Class Size by Gender and Selected Populations',
    source: 'SCS, SIMS and EPIMS',
    area: 'educators',
    yearConvention: 'school_year',
  },
  class_size_race: {
    report: 'Class Size by Race/Ethnicity',
    source: 'SCS, SIMS and EPIMS',
    area: 'educators',
    yearConvention: 'school_year',
  },
  arts_staffing: {
    report: 'Teachers by grade and subject (arts)',
    source: 'EPIMS',
    area: 'educators',
    yearConvention: 'october_1',
  },
  adv_course: {
    report: 'Advanced Course Completion Report',
    source: 'SCS (Student Course Schedule)',
    area: 'college_career',
    yearConvention: 'school_year',
  },
  ap: {
    report: 'Advanced Placement Performance',
    source: 'College Board',
    area: 'college_career',
    yearConvention: 'school_year',
  },
  ap_participation: {
    report: 'Advanced Placement Participation',
    source: 'College Board',
    area: 'college_career',
    yearConvention: 'school_year',
  },
  masscore: { report: 'MassCore Report', source: 'SIMS', area: 'completion', yearConvention: 'graduating_class' },
  grade9: {
    report: 'Grade Nine Course Passing Report',
    source: 'SCS (Student Course Schedule)',
    area: 'completion',
    yearConvention: 'school_year',
  },
  grad_4yr: {
    report: 'Graduation Rates Report, 4-year cohort',
    source: 'SIMS',
    area: 'completion',
    yearConvention: 'cohort_year',
  },
  grad_5yr: {
    report: 'Graduation Rates Report, 5-year cohort',
    source: 'SIMS',
    area: 'completion',
    yearConvention: 'cohort_year',
  },
  retention: { report: 'Retention Report', source: 'SIMS', area: 'completion', yearConvention: 'school_year' },
  plans: {
    report: 'Plans of High School Graduates Report',
    source: 'SIMS',
    area: 'college_career',
    yearConvention: 'graduating_class',
  },
  cte: {
    report: 'Career/Technical Education (Chapter 74) Enrollment',
    source: 'SIMS',
    area: 'college_career',
    yearConvention: 'school_year',
  },
  nurse_age: {
    report: 'Staff age report (school nurses)',
    source: 'EPIMS',
    area: 'educators',
    yearConvention: 'october_1',
  },
  enrollment: {
    report: 'Enrollment by Race/Gender Report',
    source: 'SIMS, October 1 collection',
    area: 'enrollment',
    yearConvention: 'school_year',
  },
  teacher_salaries: {
    report: 'Teacher Salaries Report',
    source: 'EPIMS and district salary reports',
    area: 'educators',
    yearConvention: 'school_year',
  },
  ppe: {
    report: 'Per Pupil Expenditures, All Funds',
    source: 'End of Year Financial Report',
    area: 'finance',
    yearConvention: 'fiscal_year',
  },
  educator_evaluation: {
    report: 'Educator Evaluation Performance',
    source: 'EPIMS (educator evaluation ratings)',
    area: 'educators',
    yearConvention: 'school_year',
  },
  college: {
    report: 'Graduates Attending Institutions of Higher Education',
    source: 'SIMS and National Student Clearinghouse',
    area: 'college_career',
    yearConvention: 'graduating_class',
  },
  dor: {
    report: 'DOR Income and EQV per Capita',
    source: 'Massachusetts Department of Revenue',
    area: 'finance',
    yearConvention: 'fiscal_year',
  },
  profile2017: {
    report: 'DESE school profiles 2017 (Kaggle copy)',
    source: 'DESE school profiles',
    area: 'enrollment',
    yearConvention: 'school_year',
  },
  none: { report: 'no derived indicators', source: 'DESE', area: 'enrollment', yearConvention: 'school_year' },
};
