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
];
