import { indicatorCatalog } from '../indicators/catalog.ts';
import type { IndicatorDefinition } from '../indicators/indicator.ts';

/** One section of a DART: a heading, a sentence on what it shows, and its indicators in display order. */
export interface DartSection {
  id: string;
  label: string;
  description: string;
  indicators: readonly string[];
}

/**
 * The DART's sections and indicators, after DESE's District Analysis and Review Tools (domain/dart.md): the areas of
 * the District Standards, each indicator a catalog code. An indicator with no value for an organization is left out
 * of its page (a school without a grade 10 has no graduation rate), never shown as zero.
 */
export const dartSections: readonly DartSection[] = [
  {
    id: 'enrollment',
    label: 'Enrollment and populations',
    description: 'Who the students are: how many, and the share in each population DESE reports.',
    indicators: [
      'enrollment_total',
      'high_needs_pct',
      'low_income_pct',
      'econ_disadvantaged_pct',
      'english_learner_pct',
      'disability_pct',
      'first_language_not_english_pct',
      'african_american_pct',
      'asian_pct',
      'hispanic_pct',
      'multi_race_pct',
      'white_pct',
    ],
  },
  {
    id: 'achievement',
    label: 'Achievement (MCAS)',
    description: 'How students scored on the state tests, grades 3-8 together and in high school.',
    indicators: [
      'mcas_ela_g38_me_pct',
      'mcas_math_g38_me_pct',
      'mcas_sci_g38_me_pct',
      'mcas_ela_g38_nm_pct',
      'mcas_math_g38_nm_pct',
      'mcas_ela_g38_avg_scaled_score',
      'mcas_math_g38_avg_scaled_score',
      'mcas_ela_g10_me_pct',
      'mcas_math_g10_me_pct',
      'mcas_sci_g10_me_pct',
    ],
  },
  {
    id: 'growth',
    label: 'Growth (student growth percentiles)',
    description: 'How much students grew compared with students statewide who scored like them before.',
    indicators: ['mcas_ela_g38_mean_sgp', 'mcas_math_g38_mean_sgp', 'mcas_ela_g10_mean_sgp', 'mcas_math_g10_mean_sgp'],
  },
  {
    id: 'english_proficiency',
    label: 'English learners',
    description: 'Progress of English learners toward English proficiency.',
    indicators: ['elp_progress_pct'],
  },
  {
    id: 'attendance',
    label: 'Attendance and chronic absence',
    description: 'How often students are in school, and how many miss too much of it.',
    indicators: [
      'attendance_rate',
      'chronic_absence_pct',
      'chronic_absence_20_pct',
      'absent_10_plus_days_pct',
      'average_absences',
    ],
  },
  {
    id: 'discipline',
    label: 'Discipline',
    description: 'Students removed from class or school for discipline.',
    indicators: ['in_school_suspension_pct', 'out_of_school_suspension_pct', 'expulsion_pct', 'emergency_removal_pct'],
  },
  {
    id: 'progression',
    label: 'Retention and course passing',
    description: 'Students held back, passing grade 9, and completing the MassCore program of studies.',
    indicators: ['retention_pct', 'grade9_passing_all_courses_pct', 'masscore_completion_pct'],
  },
  {
    id: 'completion',
    label: 'Graduation and dropout',
    description: 'Students who graduate with their cohort, in five years, or leave school without a diploma.',
    indicators: ['graduation_4yr_pct', 'graduation_5yr_pct', 'cohort_dropout_4yr_pct', 'annual_dropout_pct'],
  },
  {
    id: 'advanced',
    label: 'Advanced coursework and college readiness',
    description: 'Advanced courses, Advanced Placement results and SAT scores of high school students.',
    indicators: [
      'advanced_coursework_pct',
      'ap_test_takers',
      'ap_score_3_5_pct',
      'sat_reading_writing_avg',
      'sat_math_avg',
    ],
  },
  {
    id: 'after_high_school',
    label: 'After high school',
    description: 'Graduates who go on to college.',
    indicators: ['attending_college_pct'],
  },
  {
    id: 'staffing',
    label: 'Class size and staffing',
    description: 'Class sizes, teachers and how long educators stay.',
    indicators: [
      'average_class_size',
      'student_teacher_ratio',
      'teachers_fte',
      'teachers_licensed_pct',
      'teachers_experienced_pct',
      'teachers_in_field_pct',
      'teacher_retention_pct',
      'principal_retention_pct',
      'average_teacher_salary',
    ],
  },
  {
    id: 'finance',
    label: 'Finance',
    description: 'What is spent per pupil, and net school spending against what state law requires.',
    indicators: [
      'ppe_in_district',
      'ppe_total',
      'net_school_spending_pct_of_required',
      'net_school_spending_pct_of_foundation',
    ],
  },
];

/** Every DART indicator code, in section order. */
export const dartIndicatorCodes: readonly string[] = dartSections.flatMap((s) => s.indicators);

/** The catalog entries of the DART indicators, by code (the module checks each code exists). */
export const dartIndicators: ReadonlyMap<string, IndicatorDefinition> = (() => {
  const byCode = new Map(indicatorCatalog.map((i) => [i.code, i]));
  const found = new Map<string, IndicatorDefinition>();
  for (const code of dartIndicatorCodes) {
    const def = byCode.get(code);
    if (!def) throw new Error(`DART indicator ${code} is not in the indicator catalog`);
    found.set(code, def);
  }
  return found;
})();
