import { conditionsScale, districtStandardsScale, implementationScale, siteVisitContinuum } from './scales.ts';
import type { FrameworkDefinition, FrameworkItem, FrameworkOrgLevel } from './types.ts';

/** Shorthand for one shipped item: [title, description, unconfirmed?]. */
type Entry = readonly [title: string, description: string, unconfirmed?: boolean];

const both: readonly FrameworkOrgLevel[] = ['school', 'district'];

/** Areas each holding indicators, coded `S1`, `S1.1`, ... (prefix chosen per framework). */
function areasWithIndicators(
  prefix: string,
  areas: readonly { area: Entry; indicators: readonly Entry[]; appliesTo?: readonly FrameworkOrgLevel[] }[],
  appliesTo: readonly FrameworkOrgLevel[],
): FrameworkItem[] {
  return areas.flatMap(({ area, indicators, appliesTo: own }, i) => {
    const code = `${prefix}${i + 1}`;
    const parent: FrameworkItem = {
      code,
      kind: 'area',
      title: area[0],
      description: area[1],
      parentCode: null,
      order: i + 1,
      unconfirmed: area[2] ?? false,
      appliesTo: own ?? appliesTo,
    };
    return [
      parent,
      ...indicators.map(([title, description, unconfirmed], j): FrameworkItem => ({
        code: `${code}.${j + 1}`,
        kind: 'indicator',
        title,
        description,
        parentCode: code,
        order: j + 1,
        unconfirmed: unconfirmed ?? false,
        appliesTo: own ?? appliesTo,
      })),
    ];
  });
}

/** The 11 Conditions for School Effectiveness (603 CMR 2.03(4)); each condition is rated. */
export const conditionsForSchoolEffectiveness: FrameworkDefinition = {
  code: 'CSE',
  version: 1,
  title: 'Conditions for School Effectiveness',
  description:
    'The 11 conditions a school needs to be effective. Schools rate Conditions 2-11; the district self-assessment covers Condition 1. Level 2 districts do an annual needs assessment on the Conditions.',
  source: '603 CMR 2.03(4)',
  uses: ['self_assessment'],
  orgLevels: both,
  indicatorsEditable: false,
  scale: conditionsScale,
  items: (
    [
      [
        'Effective district systems for school support and intervention',
        'The district anticipates staffing, instructional and operational needs, especially for its lowest-performing schools.',
      ],
      ['Effective school leadership', 'Leaders attract, develop and retain a team, with a clear mission and goals.'],
      [
        'Aligned curriculum',
        'Curriculum aligned to the state frameworks and MCAS performance descriptions, vertically and horizontally.',
      ],
      [
        'Effective instruction',
        'Research-based instruction with high expectations, a shared understanding, monitored.',
      ],
      ['Student assessment', 'A balanced system of formative and benchmark assessment.'],
      ["Principal's staffing authority", 'The principal has authority over staffing.'],
      [
        'Professional development and structures for collaboration',
        'Job-embedded coaching and frequent collaboration.',
      ],
      ['Tiered instruction and adequate learning time', 'Tiered instruction and adequate learning time.', true],
      [
        "Students' social, emotional and health needs",
        "The school meets students' social, emotional and health needs.",
        true,
      ],
      ['Family-school engagement', 'Families and the school work together.', true],
      [
        'Strategic use of resources and adequate budget authority',
        'Resources are used strategically, with adequate budget authority.',
        true,
      ],
    ] as const satisfies readonly Entry[]
  ).map((e, i): FrameworkItem => ({
    code: `C${i + 1}`,
    kind: 'indicator',
    title: e[0],
    description: e[1],
    parentCode: null,
    order: i + 1,
    unconfirmed: e[2] ?? false,
    // The school tool leaves out Condition 1, which the district self-assessment covers.
    appliesTo: i === 0 ? ['district'] : both,
  })),
};

const u = true;

/** The District Standards and Indicators: 6 standards, 24 indicators. */
export const districtStandardsAndIndicators: FrameworkDefinition = {
  code: 'DSI',
  version: 1,
  title: 'District Standards and Indicators',
  description:
    'Six standards and 24 indicators that district reviews rate with evidence; a targeted review covers governance (1, 4, 6) or student-centred systems (2, 3, 5).',
  source: 'DESE District Standards and Indicators',
  uses: ['self_assessment'],
  orgLevels: ['district'],
  indicatorsEditable: false,
  scale: districtStandardsScale,
  items: areasWithIndicators(
    'S',
    [
      {
        area: ['Leadership and Governance', 'How the district is governed and led.'],
        indicators: [
          ['School committee governance', ''],
          ['District and school leadership', ''],
          ['District and school improvement planning', ''],
          ['Educationally sound budget development', ''],
          ['District systems for school support and intervention', ''],
        ],
      },
      {
        area: ['Curriculum and Instruction', 'What is taught and how.'],
        indicators: [
          ['Curriculum selection and use', ''],
          ['Classroom instruction', ''],
          ['Student access to coursework', '', u],
        ],
      },
      {
        area: ['Assessment', 'How the district gathers, uses and shares evidence of learning.'],
        indicators: [
          ['Data and assessment systems', ''],
          ['Data use', ''],
          ['Sharing results', '', u],
        ],
      },
      {
        area: ['Human Resources and Professional Development', 'How the district builds and keeps its workforce.'],
        indicators: [
          ['Infrastructure', ''],
          ['Recruitment, hiring and assignment', ''],
          ['Supervision, evaluation and educator development', ''],
          ['Professional development', ''],
          ['Recognition, leadership development and advancement', '', u],
        ],
      },
      {
        area: ['Student Support', 'How the district supports every student.'],
        indicators: [
          ['Safe and supportive schools and climate', ''],
          ['Tiered systems', ''],
          ['Family and community engagement', ''],
          ['Partnerships', '', u],
        ],
      },
      {
        area: ['Financial and Asset Management', 'How the district budgets and keeps its assets.'],
        indicators: [
          ['Budget process', ''],
          ['Adequate budget', ''],
          ['Financial tracking, forecasting, controls and audits', ''],
          ['Capital planning and facility maintenance', '', u],
        ],
      },
    ],
    ['district'],
  ),
};

/**
 * The four Turnaround Practices, rated on each site visit. Their indicators are entered by the state: ssos ships
 * indicators taken from the wording of each practice, all flagged unconfirmed, for a state administrator to replace
 * in a new version.
 */
export const turnaroundPractices: FrameworkDefinition = {
  code: 'TP',
  version: 1,
  title: 'Turnaround Practices',
  description:
    'Four practices found in schools that improved. Monitoring and targeted site visits rate each practice indicator on the continuum no evidence -> developing -> providing -> sustaining.',
  source: 'DESE research on turnaround schools',
  uses: ['site_visit'],
  orgLevels: ['school'],
  indicatorsEditable: true,
  scale: siteVisitContinuum,
  items: areasWithIndicators(
    'TP',
    [
      {
        area: ['Leadership, shared responsibility, and professional collaboration', ''],
        indicators: [
          ['Leadership', 'Entered by the state.', u],
          ['Shared responsibility', 'Entered by the state.', u],
          ['Professional collaboration', 'Entered by the state.', u],
        ],
      },
      {
        area: ['Intentional practices for improving instruction', ''],
        indicators: [['Intentional practices for improving instruction', 'Entered by the state.', u]],
      },
      {
        area: ['Student-specific supports and instruction to all students', ''],
        indicators: [['Student-specific supports and instruction to all students', 'Entered by the state.', u]],
      },
      {
        area: ['School climate and culture', 'Social, emotional and behavioral supports.'],
        indicators: [
          ['School climate and culture', 'Entered by the state.', u],
          ['Social, emotional and behavioral supports', 'Entered by the state.', u],
        ],
      },
    ],
    ['school'],
  ),
};

/** Six areas, each rated as one indicator by a team of 3-10 people answering together. */
function sixAreas(prefix: string, titles: readonly string[]): FrameworkItem[] {
  return titles.map((title, i) => ({
    code: `${prefix}${i + 1}`,
    kind: 'indicator',
    title,
    description: '',
    parentCode: null,
    order: i + 1,
    unconfirmed: false,
    appliesTo: both,
  }));
}

/** The Behavioral Health and Public Schools self-assessment tool. */
export const behavioralHealthAndPublicSchools: FrameworkDefinition = {
  code: 'BHPS',
  version: 1,
  title: 'Behavioral Health and Public Schools self-assessment',
  description:
    'A team of 3-10 people answers together for a response period; results are compared across periods and feed an action plan. Succeeded by the Safe and Supportive Schools self-reflection.',
  source: 'Behavioral Health and Public Schools framework',
  uses: ['self_assessment'],
  orgLevels: both,
  indicatorsEditable: false,
  scale: implementationScale,
  items: sixAreas('B', [
    'Leadership',
    'Professional Development',
    'Access to Resources and Services',
    'Academic and Non-Academic Activities',
    'School Policies, Procedures and Protocols',
    'Collaboration with Families',
  ]),
};

/** The Safe and Supportive Schools self-reflection, successor to the Behavioral Health and Public Schools tool. */
export const safeAndSupportiveSchools: FrameworkDefinition = {
  code: 'SSS',
  version: 1,
  title: 'Safe and Supportive Schools self-reflection',
  description:
    'Successor to the Behavioral Health and Public Schools tool: a team of 3-10 people answers together per response period; results are compared across periods and feed an action plan.',
  source: 'Safe and Supportive Schools framework',
  uses: ['self_assessment'],
  orgLevels: both,
  indicatorsEditable: false,
  scale: implementationScale,
  items: sixAreas('SS', [
    'Leadership, Infrastructure and Culture',
    'Professional Learning Opportunities',
    'Access to Resources and Services',
    'Teaching and Learning that Fosters Safe and Supportive Environments',
    'School Policies, Procedures and Protocols',
    'Family Engagement',
  ]),
};

/** Every framework ssos ships, seeded at start-up when its code and version are not stored yet. */
export const frameworkLibrary: readonly FrameworkDefinition[] = [
  conditionsForSchoolEffectiveness,
  districtStandardsAndIndicators,
  turnaroundPractices,
  behavioralHealthAndPublicSchools,
  safeAndSupportiveSchools,
];
