import { z } from 'zod';

/** Where an organization sits in the state's hierarchy. */
export const orgLevels = ['state', 'region', 'district', 'school'] as const;
export type OrgLevel = (typeof orgLevels)[number];

/**
 * Organization types per level. Districts follow DESE's directory ("Public School District" is `local`, academic
 * regional districts `regional`, regional vocational-technical and county agricultural districts `vocational`,
 * "Charter District" `charter`); schools are `public`, `charter` or `vocational`.
 */
export const orgTypesByLevel = {
  state: ['state'],
  region: ['region'],
  district: ['local', 'regional', 'vocational', 'charter', 'virtual', 'collaborative', 'other'],
  school: ['public', 'charter', 'vocational', 'virtual', 'other'],
} as const satisfies Record<OrgLevel, readonly string[]>;

export const orgTypes = [
  'state',
  'region',
  'local',
  'regional',
  'vocational',
  'charter',
  'virtual',
  'collaborative',
  'public',
  'other',
] as const;
export type OrgType = (typeof orgTypes)[number];

/** Labels a person reads for each organization type. */
export const orgTypeLabels: Record<OrgType, string> = {
  state: 'State',
  region: 'Regional assistance team',
  local: 'Local public school district',
  regional: 'Regional school district',
  vocational: 'Vocational-technical',
  charter: 'Charter',
  virtual: 'Virtual',
  collaborative: 'Collaborative',
  public: 'Public school',
  other: 'Other',
};

/** Whether `type` is allowed for an organization at `level`. */
export function isTypeAllowedAtLevel(level: OrgLevel, type: OrgType): boolean {
  return (orgTypesByLevel[level] as readonly string[]).includes(type);
}

/** Grade codes in DESE's order. `SP` is DESE's "special/ungraded" (beyond grade 12). */
export const gradeCodes = [
  'PK',
  'K',
  '01',
  '02',
  '03',
  '04',
  '05',
  '06',
  '07',
  '08',
  '09',
  '10',
  '11',
  '12',
  'SP',
] as const;
export type GradeCode = (typeof gradeCodes)[number];

/** The position of a grade code on the PK..12 scale (PK = -1, K = 0, 01 = 1, ..., 12 = 12, SP = 13). */
export function gradeOrdinal(grade: GradeCode): number {
  return gradeCodes.indexOf(grade) - 1;
}

/** Reads a grade as DESE writes it (`K`, `01`, `1`, `PK`, `SP`) into a grade code, or null when it is not one. */
export function parseGradeCode(raw: string): GradeCode | null {
  const t = raw.trim().toUpperCase();
  if (t === 'PK' || t === 'K' || t === 'SP') return t;
  if (t === 'KG' || t === 'KF' || t === 'KH') return 'K';
  if (/^\d{1,2}$/.test(t)) {
    const n = Number(t);
    if (n >= 1 && n <= 12) return n.toString().padStart(2, '0') as GradeCode;
  }
  return null;
}

/** Sorts and de-duplicates grade codes. */
export function sortGrades(grades: readonly GradeCode[]): GradeCode[] {
  return [...new Set(grades)].sort((a, b) => gradeOrdinal(a) - gradeOrdinal(b));
}

/** The span written the way DESE writes it: `PK-05`, `09-12`, `K`. Empty when no grades are known. */
export function formatGradeSpan(grades: readonly GradeCode[]): string {
  const sorted = sortGrades(grades).filter((g) => g !== 'SP');
  if (sorted.length === 0) return '';
  const first = sorted[0]!;
  const last = sorted[sorted.length - 1]!;
  return first === last ? first : `${first}-${last}`;
}

/** School grade-span categories used by the accountability and comparison rules. */
export const gradeSpanCategories = ['ES', 'ESMS', 'MS', 'MSHS', 'HS', 'K-12', 'PK'] as const;
export type GradeSpanCategory = (typeof gradeSpanCategories)[number];

/**
 * The grade-span category of a school: elementary (ES) ends by grade 6 and starts before 6, middle (MS) sits within
 * grades 5-8, high (HS) starts at 9 or later; a span reaching from elementary to high school is K-12. A school serving
 * only pre-kindergarten is PK. Null when no grades are known.
 */
export function gradeSpanCategory(grades: readonly GradeCode[]): GradeSpanCategory | null {
  const ords = sortGrades(grades)
    .filter((g) => g !== 'SP')
    .map(gradeOrdinal);
  if (ords.length === 0) return null;
  const lo = ords[0]!;
  const hi = ords[ords.length - 1]!;
  if (hi < 0) return 'PK';
  const hasElementary = lo <= 4;
  const hasMiddle = ords.some((o) => o >= 6 && o <= 8) || (lo <= 8 && hi >= 8);
  const hasHigh = hi >= 9;
  if (hasElementary && hasHigh) return 'K-12';
  if (hasHigh) return lo <= 8 ? 'MSHS' : 'HS';
  if (hasElementary) return hi >= 7 ? 'ESMS' : 'ES';
  return hasMiddle ? 'MS' : 'ES';
}

/** DESE 8-digit organization code: district `DDDD0000`, school `DDDDSSSS`, state `00000000`. */
export const deseCodeSchema = z.string().regex(/^\d{8}$/, 'must be an 8-digit DESE code');

/** Region codes are ours (DESE publishes none): lower-case words joined by hyphens. */
export const regionCodeSchema = z.string().regex(/^[a-z][a-z-]{1,39}$/, 'must be a region code such as coastal');

/**
 * Codes of districts and schools that come from another system, namespaced so they can never collide with DESE's
 * codes: `edfi-` and the Ed-Fi EducationOrganizationId (`edfi-255901`, `edfi-255901001`). See docs/edfi-import.md.
 */
export const externalOrgCodeSchema = z.string().regex(/^edfi-[1-9]\d{0,9}$/, 'must be a code such as edfi-255901');

/** The code of the state organization. */
export const stateOrgCode = '00000000';

/**
 * Normalizes an organization code as people and files write it: trims, and left-pads DESE numeric codes that lost
 * their leading zeros (`4450105` -> `04450105`); namespaced external codes are lower-cased (`EDFI-255901` ->
 * `edfi-255901`). Returns null for anything that cannot be a code.
 */
export function normalizeOrgCode(raw: string): string | null {
  const t = raw.trim();
  if (/^\d{1,8}$/.test(t)) return t.padStart(8, '0');
  if (/^edfi-[1-9]\d{0,9}$/i.test(t)) return t.toLowerCase();
  if (/^[a-z][a-z-]{1,39}$/.test(t)) return t;
  return null;
}

/** The district code (`DDDD0000`) that a school code (`DDDDSSSS`) belongs to. */
export function districtCodeOf(schoolCode: string): string {
  return `${schoolCode.slice(0, 4)}0000`;
}

/** An organization as the rest of the domain sees it. */
export interface Organization {
  code: string;
  name: string;
  level: OrgLevel;
  type: OrgType;
  grades: GradeCode[];
  town: string | null;
  parentCode: string | null;
  regionCode: string | null;
  openedYear: number | null;
  closedYear: number | null;
}

/** Whether the organization is open in a school year (named by its ending year, as DESE does). */
export function isOpenIn(org: Pick<Organization, 'openedYear' | 'closedYear'>, schoolYear: number): boolean {
  if (org.openedYear !== null && schoolYear < org.openedYear) return false;
  if (org.closedYear !== null && schoolYear > org.closedYear) return false;
  return true;
}
