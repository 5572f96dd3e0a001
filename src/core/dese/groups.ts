import type { StudentGroup } from '../student-groups.ts';

/**
 * Student groups DESE reports that the core list does not have yet. The importer writes them to the student-group
 * table (they belong in `core/student-groups.ts`; kept here until that list takes them).
 */
export const deseExtraStudentGroups: readonly StudentGroup[] = [
  {
    code: 'ever_english_learner',
    label: 'Ever English learners',
    kind: 'program',
    description: 'Students who are English learners now or were at any earlier time (MCAS "Ever EL").',
  },
  {
    code: 'non_disabled',
    label: 'Students without disabilities',
    kind: 'program',
    description: 'Students without an Individualized Education Program.',
  },
  {
    code: 'title_1',
    label: 'Title I',
    kind: 'program',
    description: 'Students served by a Title I program (MCAS "Title 1").',
  },
];

/**
 * The group names DESE writes, in titles ("... - Afr. Amer./Black"), columns (`student_group`) and file names,
 * lower-cased, with the group each means. "Economically Disadvantaged" (2015-2021) and "Low Income" stay apart: a
 * 2017-18 report whose file is named `...lowincome.csv` but whose title says "Economically Disadvantaged" is the
 * economically disadvantaged group.
 */
export const deseGroupLabels: Readonly<Record<string, string>> = {
  all: 'all',
  'all students': 'all',
  'high needs': 'high_needs',
  'economically disadvantaged': 'econ_disadvantaged',
  'low income': 'low_income',
  'low-income': 'low_income',
  el: 'english_learner',
  ell: 'english_learner',
  'english learners': 'english_learner',
  'english language learners': 'english_learner',
  'ever el': 'ever_english_learner',
  'students with disabilities': 'disability',
  'students w/ disabilities': 'disability',
  'non-disabled': 'non_disabled',
  'afr.american/black': 'african_american',
  'afr. amer./black': 'african_american',
  'african american/black': 'african_american',
  'african american': 'african_american',
  asian: 'asian',
  'hispanic/latino': 'hispanic',
  'hispanic or latino': 'hispanic',
  'multi-race': 'multi_race',
  'multi-race, non-hispanic': 'multi_race',
  'native american': 'native_american',
  'native hawaiian/pacific islander': 'pacific_islander',
  white: 'white',
  female: 'female',
  male: 'male',
  'non-binary': 'nonbinary',
  nonbinary: 'nonbinary',
  'lowest performing students': 'lowest_performing',
  'lowest performing': 'lowest_performing',
  'title 1': 'title_1',
};

/** The group a DESE group name means, or null. */
export function groupOfLabel(label: string): string | null {
  return deseGroupLabels[label.trim().toLowerCase().replace(/\s+/g, ' ')] ?? null;
}

/**
 * The group a report title names, e.g. "2017-18 SAT Performance Report - Afr. Amer./Black" -> african_american.
 * Looks for every known name as a whole phrase and takes the longest found ("Female" over "Male"). Null when the
 * title names no group, or two different ones.
 */
export function groupOfTitle(title: string): string | null {
  const t = ` ${title.toLowerCase().replace(/\s+/g, ' ')} `;
  let best: { label: string; group: string } | null = null;
  for (const [label, group] of Object.entries(deseGroupLabels)) {
    if (label.length < 4) continue; // "all", "el": too short to find safely inside a title
    const escaped = label.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    if (!new RegExp(`(?<![a-z-])${escaped}(?![a-z])`).test(t)) continue;
    if (!best || label.length > best.label.length) best = { label, group };
    else if (label.length === best.label.length && group !== best.group) return null;
  }
  if (!best) return null;
  // A second, different group elsewhere in the title (not inside the longest match) makes it ambiguous.
  const rest = t.replace(best.label, ' ');
  for (const [label, group] of Object.entries(deseGroupLabels)) {
    if (label.length < 4 || group === best.group) continue;
    const escaped = label.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    if (new RegExp(`(?<![a-z-])${escaped}(?![a-z])`).test(rest)) return null;
  }
  return best.group;
}
