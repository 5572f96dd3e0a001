import {
  gradeCodes,
  isTypeAllowedAtLevel,
  orgLevels,
  orgTypes,
  parseGradeCode,
  sortGrades,
  type GradeCode,
  type Organization,
  type OrgLevel,
  type OrgType,
} from './organization.ts';

/**
 * The organization directory CSV: the agency's own registry of organizations (the state, regions, districts and
 * schools) with what DESE's report exports do not all carry: level, type, grades served, parent, region, and the
 * years an organization opened and closed. Columns, in any order:
 * `code, name, level, type, grades, town, parent_code, region_code, opened_year, closed_year`.
 */
export const directoryColumns = [
  'code',
  'name',
  'level',
  'type',
  'grades',
  'town',
  'parent_code',
  'region_code',
  'opened_year',
  'closed_year',
] as const;
export type DirectoryColumn = (typeof directoryColumns)[number];

/** The problems of one directory row, as [column, problem, value] triples; empty when the row is an organization. */
export type DirectoryRowResult =
  { ok: true; org: Organization } | { ok: false; problems: [DirectoryColumn, string, string][] };

const CODE = /^\d{8}$/;
const REGION = /^[a-z][a-z-]{1,39}$/;

function year(text: string): number | null | undefined {
  if (text === '') return null;
  return /^\d{4}$/.test(text) ? Number(text) : undefined;
}

/** Reads one directory row (cells by column name). */
export function parseDirectoryRow(cells: Record<DirectoryColumn, string>): DirectoryRowResult {
  const problems: [DirectoryColumn, string, string][] = [];
  const t = (c: DirectoryColumn) => (cells[c] ?? '').trim();
  const level = t('level') as OrgLevel;
  if (!(orgLevels as readonly string[]).includes(level))
    problems.push(['level', `must be one of ${orgLevels.join(', ')}`, t('level')]);
  const code = t('code');
  const codeOk = level === 'region' ? REGION.test(code) : CODE.test(code);
  if (!codeOk)
    problems.push([
      'code',
      level === 'region' ? 'must be a region code such as coastal' : 'must be an 8-digit DESE code',
      code,
    ]);
  const name = t('name');
  if (name === '' || name.length > 200) problems.push(['name', 'is required (at most 200 characters)', name]);
  const type = t('type') as OrgType;
  if (!(orgTypes as readonly string[]).includes(type))
    problems.push(['type', `must be one of ${orgTypes.join(', ')}`, t('type')]);
  else if ((orgLevels as readonly string[]).includes(level) && !isTypeAllowedAtLevel(level, type))
    problems.push(['type', `is not a type of ${level}`, type]);
  const grades: GradeCode[] = [];
  if (t('grades') !== '') {
    for (const g of t('grades').split(/[;\s|]+/)) {
      const parsed = parseGradeCode(g);
      if (!parsed)
        problems.push(['grades', `must list grades (${gradeCodes.join(', ')}) separated by semicolons`, t('grades')]);
      else grades.push(parsed);
    }
  }
  const parentCode = t('parent_code') || null;
  if (parentCode !== null && !CODE.test(parentCode))
    problems.push(['parent_code', 'must be an 8-digit DESE code or blank', parentCode]);
  if (parentCode === null && level !== 'state') problems.push(['parent_code', `is required for a ${level}`, '']);
  const regionCode = t('region_code') || null;
  if (regionCode !== null && !REGION.test(regionCode))
    problems.push(['region_code', 'must be a region code such as coastal, or blank', regionCode]);
  const opened = year(t('opened_year'));
  const closed = year(t('closed_year'));
  if (opened === undefined) problems.push(['opened_year', 'must be a year such as 2019, or blank', t('opened_year')]);
  if (closed === undefined) problems.push(['closed_year', 'must be a year such as 2019, or blank', t('closed_year')]);
  if (typeof opened === 'number' && typeof closed === 'number' && closed < opened)
    problems.push(['closed_year', 'is before opened_year', t('closed_year')]);
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    org: {
      code,
      name,
      level,
      type,
      grades: sortGrades(grades),
      town: t('town') || null,
      parentCode,
      regionCode,
      openedYear: opened ?? null,
      closedYear: closed ?? null,
    },
  };
}

function cell(v: string): string {
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** One organization as a directory line (the inverse of parseDirectoryRow). */
export function directoryLine(org: Organization): string {
  return [
    org.code,
    org.name,
    org.level,
    org.type,
    org.grades.join(';'),
    org.town ?? '',
    org.parentCode ?? '',
    org.regionCode ?? '',
    org.openedYear === null ? '' : String(org.openedYear),
    org.closedYear === null ? '' : String(org.closedYear),
  ]
    .map(cell)
    .join(',');
}
