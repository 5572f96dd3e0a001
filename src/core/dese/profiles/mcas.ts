import { column, value, type DeseProfile, type McasMeasure } from '../profile.ts';

const mcas = (measure: McasMeasure) => ({ kind: 'mcas', measure }) as const;
const included = { n: 'num_of_students_included' } as const;

/**
 * Next-generation MCAS school results (`dese-mcas/`): one row per school and subject, for a grade (or grades 3-8
 * together) and a student group. The indicator code carries the subject and grade: `mcas_<subject>_<grade>_<measure>`.
 */
export const mcasProfiles: readonly DeseProfile[] = [
  {
    id: 'mcas_school_results',
    title: 'MCAS achievement results by subject, grade and group (school)',
    report: 'Next-Generation MCAS Achievement Results',
    source: 'MCAS (spring tests), as republished by EdLightPBC/mcas-public',
    files: 'dese-mcas/mcas_public_schools_*.csv',
    priority: 5,
    levels: ['school', 'district', 'state'],
    columns: [
      column('school_name', 'school_name', { kind: 'name', of: 'row', style: 'combined' }),
      column('school_code', 'school_code', { kind: 'org_code', form: 'dese' }),
      column('subject', 'subject', { kind: 'subject' }),
      value('me_num', 'me_num', mcas('me_count')),
      value('me_percent', 'me_percent', mcas('me_pct'), included),
      value('e_num', 'e_num', mcas('e_count')),
      value('e_percent', 'e_percent', mcas('e_pct'), included),
      value('m_num', 'm_num', mcas('m_count')),
      value('m_percent', 'm_percent', mcas('m_pct'), included),
      value('pm_num', 'pm_num', mcas('pm_count')),
      value('pm_percent', 'pm_percent', mcas('pm_pct'), included),
      value('nm_num', 'nm_num', mcas('nm_count')),
      value('nm_percent', 'nm_percent', mcas('nm_pct'), included),
      value('num_of_students_included', 'num_of_students_included', mcas('students_included')),
      value('part_rate_percent', 'part_rate_percent', mcas('participation_pct'), { optional: true }),
      value('avg_scaled_score', 'avg_scaled_score', mcas('avg_scaled_score'), included),
      value('sgp', 'sgp', mcas('mean_sgp'), { n: 'included_in_sgp' }),
      value('included_in_sgp', 'included_in_sgp', mcas('sgp_included')),
      value('ach_pctl', 'ach_pctl', mcas('ach_pctl'), { optional: true }),
      column('year', 'year', { kind: 'year' }),
      column('grade', 'grade', { kind: 'grade' }, { optional: true }),
      column('student_group', 'student_group', { kind: 'group' }, { optional: true }),
    ],
    year: { from: 'column' },
    group: { from: 'column' },
    mcas: {
      gradeFromFileName: [
        { pattern: /grades?_3-8/i, grade: 'g38' },
        { pattern: /grade_HS_SCI/i, grade: 'hs' },
        { pattern: /grade_10(?!\d)/i, grade: 'g10' },
        ...[3, 4, 5, 6, 7, 8].map((g) => ({ pattern: new RegExp(`grade_${g}(?!\\d)`, 'i'), grade: `g0${g}` })),
      ],
    },
    derivedPrefix: 'none',
    notes: [
      'Files without a `grade` column (grades_3-8 all students) are grades 3-8 together (`g38`); `grade` ALL in the group files means the same. Files without `student_group` are all students.',
      '`sgp` is the mean growth percentile from 2018 and the median up to 2017: 2017 values go to `..._median_sgp`.',
      'The last rows of most files are the state ("State", code 0 or 00000000): stored on the state.',
      'Percentages are whole numbers as published; `avg_scaled_score` and `sgp` keep their decimals. Blank cells are suppressed (fewer than 10 students, or 20 for growth).',
    ],
  },
];
