/** The kinds of student group, for grouping them on screen. */
export const studentGroupKinds = ['all', 'program', 'race', 'gender', 'accountability'] as const;
export type StudentGroupKind = (typeof studentGroupKinds)[number];

/** A student group that indicator values are reported for. */
export interface StudentGroup {
  code: string;
  label: string;
  kind: StudentGroupKind;
  description: string;
}

/**
 * The student groups DESE reports. Low income and economically disadvantaged are different measures and stay
 * separate groups.
 */
export const studentGroups: readonly StudentGroup[] = [
  { code: 'all', label: 'All students', kind: 'all', description: 'Every student in the organization.' },
  {
    code: 'high_needs',
    label: 'High needs',
    kind: 'program',
    description: 'Low income, English learner or former English learner, or with a disability (counted once).',
  },
  {
    code: 'low_income',
    label: 'Low income',
    kind: 'program',
    description: 'From a low-income family (before 2015 and from 2022).',
  },
  {
    code: 'econ_disadvantaged',
    label: 'Economically disadvantaged',
    kind: 'program',
    description: "The state's 2015-2021 measure of family income, based on state program participation.",
  },
  {
    code: 'english_learner',
    label: 'English learners',
    kind: 'program',
    description: 'English learners and, where a report says so, former English learners.',
  },
  {
    code: 'disability',
    label: 'Students with disabilities',
    kind: 'program',
    description: 'Students with an Individualized Education Program.',
  },
  {
    code: 'african_american',
    label: 'African American/Black',
    kind: 'race',
    description: 'Students reported as African American or Black.',
  },
  { code: 'asian', label: 'Asian', kind: 'race', description: 'Students reported as Asian.' },
  { code: 'hispanic', label: 'Hispanic/Latino', kind: 'race', description: 'Students reported as Hispanic or Latino.' },
  {
    code: 'multi_race',
    label: 'Multi-race, non-Hispanic',
    kind: 'race',
    description: 'Students reported with more than one race, not Hispanic or Latino.',
  },
  {
    code: 'native_american',
    label: 'Native American',
    kind: 'race',
    description: 'Students reported as American Indian or Alaska Native.',
  },
  {
    code: 'pacific_islander',
    label: 'Native Hawaiian/Pacific Islander',
    kind: 'race',
    description: 'Students reported as Native Hawaiian or other Pacific Islander.',
  },
  { code: 'white', label: 'White', kind: 'race', description: 'Students reported as White.' },
  { code: 'female', label: 'Female', kind: 'gender', description: 'Students reported as female.' },
  { code: 'male', label: 'Male', kind: 'gender', description: 'Students reported as male.' },
  { code: 'nonbinary', label: 'Non-binary', kind: 'gender', description: 'Students reported as non-binary.' },
  {
    code: 'lowest_performing',
    label: 'Lowest performing students',
    kind: 'accountability',
    description:
      "The students with the lowest test results in their school (the accountability system's lowest-performing group).",
  },
];
