import type { OrgLevel } from '../../core/orgs/organization.ts';
import type { OrgSummary } from '../../server/api/orgs.ts';

const levelLabels: Record<OrgLevel, { one: string; many: string }> = {
  state: { one: 'State', many: 'States' },
  region: { one: 'Region', many: 'Regions' },
  district: { one: 'District', many: 'Districts' },
  school: { one: 'School', many: 'Schools' },
};

/** The level as a word: `District`, or `Districts` when `plural`. */
export function formatLevel(level: OrgLevel, plural = false): string {
  return plural ? levelLabels[level].many : levelLabels[level].one;
}

/** The type with the level when the type's label does not already say it: `Charter school`, `Public school`. */
export function formatOrgType(org: Pick<OrgSummary, 'level' | 'typeLabel'>): string {
  const level = formatLevel(org.level);
  if (org.typeLabel === '') return level;
  return org.typeLabel.toLowerCase().includes(org.level) ? org.typeLabel : `${org.typeLabel} ${level.toLowerCase()}`;
}

/** Grades served as people read them: `09-12 (high school)`, or a note when none are recorded. */
export function formatGrades(org: Pick<OrgSummary, 'gradeSpan' | 'gradeSpanCategory'>): string {
  if (org.gradeSpan === '') return 'Not recorded';
  return org.gradeSpanCategory === null
    ? org.gradeSpan
    : `${org.gradeSpan} (${gradeSpanCategoryLabels[org.gradeSpanCategory]})`;
}

/** What each grade-span category means. */
export const gradeSpanCategoryLabels: Record<NonNullable<OrgSummary['gradeSpanCategory']>, string> = {
  ES: 'elementary',
  ESMS: 'elementary and middle',
  MS: 'middle',
  MSHS: 'middle and high',
  HS: 'high school',
  'K-12': 'kindergarten to grade 12',
  PK: 'pre-kindergarten',
};

/** Whether and when the organization opened and closed, in a sentence: `Open`, `Opened 2019`, `Closed after 2019`. */
export function formatOpenStatus(org: Pick<OrgSummary, 'openedYear' | 'closedYear'>): string {
  if (org.closedYear !== null) {
    return org.openedYear !== null
      ? `Opened ${org.openedYear}; closed after ${org.closedYear}`
      : `Closed after ${org.closedYear}`;
  }
  return org.openedYear !== null ? `Open (opened ${org.openedYear})` : 'Open';
}

/** The link to an organization's page. */
export function orgPath(code: string): string {
  return `/orgs/${encodeURIComponent(code)}`;
}
