/** One area of the platform, as its placeholder page describes it. */
export interface Section {
  path: string;
  title: string;
  description: readonly [string, string];
}

/** The areas of the Statewide System of Support, as the primary navigation lists them (after Home). */
export const sections: readonly Section[] = [
  {
    path: '/accountability',
    title: 'Accountability',
    description: [
      'Each year the agency classifies every school and district from its results, and the classification decides how much autonomy, assistance or intervention each one receives.',
      'Schools with high performance, high progress or narrowing gaps are recognized and serve as demonstration sites for schools that are struggling.',
    ],
  },
  {
    path: '/dart',
    title: 'District Analysis and Review Tools (DART)',
    description: [
      'The District Analysis and Review Tools show every school and district its indicators over the last five years, beside the state and beside comparable organizations.',
      'They help leaders find districts like their own that are improving, and turn state data into evidence-based decisions and benchmarks.',
    ],
  },
  {
    path: '/early-warning',
    title: 'Early Warning Indicator System',
    description: [
      'The Early Warning Indicator System estimates which students are at risk of missing their next milestone, from reading by grade 3 to graduating on time, so that schools can act early.',
      "Student-level results are shown only to staff of the student's own school and district, and every view of them is recorded.",
    ],
  },
  {
    path: '/improvement',
    title: 'Self-assessment and improvement',
    description: [
      'Schools and districts assess themselves against the Conditions for School Effectiveness and the District Standards and Indicators, and write improvement plans with measurable annual goals and interim benchmarks.',
      'Monitoring and targeted site visits rate progress on the Turnaround Practices and give schools formative feedback.',
    ],
  },
  {
    path: '/assistance',
    title: 'Assistance',
    description: [
      'The regional assistance teams give direct support to the schools and districts that need it most: coaching, facilitated work teams, learning walkthroughs and help with data analysis.',
      'This area also covers targeted grants, professional development and networks, and vetted external partners.',
    ],
  },
];
